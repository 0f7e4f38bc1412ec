import { checkProposal } from './change.dto';
import { assertChangeTransition } from './change-status';
import { changeSummary, ChangeView } from './change.view';
import { assertAgreementTransition } from '../agreements/agreement-status';

const codeOf = (f: () => unknown): string | null => {
  try {
    f();
    return null;
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe('change proposals by kind', () => {
  it('takes each kind in its own shape', () => {
    expect(checkProposal('title', { title: '新片名' })).toEqual({ title: '新片名' });
    expect(checkProposal('schedule', { planEndsOn: '2028-10-31' })).toEqual({ planEndsOn: '2028-10-31' });
    expect(checkProposal('team', { text: '编剧更换' })).toEqual({ text: '编剧更换' });
    expect(checkProposal('budget', { lines: [{ item: '后期', amountFen: 100 }] })).toEqual({
      lines: [{ item: '后期', amountFen: 100 }],
    });
  });

  it('refuses another shape, unknown fields, a date that does not exist and an empty budget', () => {
    expect(codeOf(() => checkProposal('title', { text: 'x' }))).toBe('CHANGE.INVALID_PROPOSAL');
    expect(codeOf(() => checkProposal('title', { title: 'x', extra: 1 }))).toBe('CHANGE.INVALID_PROPOSAL');
    expect(codeOf(() => checkProposal('schedule', { planEndsOn: '2028-02-30' }))).toBe('CHANGE.INVALID_PROPOSAL');
    expect(codeOf(() => checkProposal('schedule', { planEndsOn: '2028-02-29' }))).toBeNull();
    expect(codeOf(() => checkProposal('schedule', { planEndsOn: '31/10/2028' }))).toBe('CHANGE.INVALID_PROPOSAL');
    expect(codeOf(() => checkProposal('budget', {}))).toBe('CHANGE.INVALID_PROPOSAL');
    expect(codeOf(() => checkProposal('budget', { lines: [{ item: 'x', amountFen: -1 }] }))).toBe(
      'CHANGE.INVALID_PROPOSAL',
    );
    expect(codeOf(() => checkProposal('budget', { lines: [{ item: 'x', amountFen: 1.5 }] }))).toBe(
      'CHANGE.INVALID_PROPOSAL',
    );
  });

  it('summarises an approved change for the annex', () => {
    const c = (kind: ChangeView['kind'], proposed: Record<string, unknown>) => ({ kind, proposed }) as ChangeView;
    expect(changeSummary(c('schedule', { planEndsOn: '2028-10-31' }))).toBe('计划完成日期变更为 2028-10-31');
    expect(changeSummary(c('budget', { text: '调整', lines: [{ item: '后期', amountFen: 12345 }] }))).toBe(
      '调整；后期 123.45 元',
    );
  });
});

describe('the machines of agreements and changes', () => {
  it('agreement: issued → accepted → countersigned, each refusal naming why', () => {
    expect(codeOf(() => assertAgreementTransition('issued', 'accepted'))).toBeNull();
    expect(codeOf(() => assertAgreementTransition('accepted', 'countersigned'))).toBeNull();
    expect(codeOf(() => assertAgreementTransition('issued', 'countersigned'))).toBe('AGREEMENT.NOT_ACCEPTED');
    expect(codeOf(() => assertAgreementTransition('accepted', 'accepted'))).toBe('AGREEMENT.ALREADY_ACCEPTED');
    expect(codeOf(() => assertAgreementTransition('countersigned', 'accepted'))).toBe('AGREEMENT.ALREADY_ACCEPTED');
    expect(codeOf(() => assertAgreementTransition('countersigned', 'countersigned'))).toBe(
      'AGREEMENT.ALREADY_COUNTERSIGNED',
    );
  });

  it('change: only a pending change moves', () => {
    for (const to of ['approved', 'rejected', 'withdrawn'] as const)
      expect(codeOf(() => assertChangeTransition('pending', to))).toBeNull();
    for (const from of ['approved', 'rejected', 'withdrawn'] as const)
      expect(codeOf(() => assertChangeTransition(from, 'approved'))).toBe('CHANGE.NOT_PENDING');
  });
});
