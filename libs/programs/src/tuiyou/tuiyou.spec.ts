import { evaluateEligibility } from '../engine/eligibility';
import { validatePayload } from '../engine/validate-payload';
import { RuleResult } from '../program-definition';
import { ProgramRegistry } from '../program-registry';
import {
  ContextOverrides,
  eligibleContext,
  historyEntry,
  makeContext,
  requiredKinds,
  TestPayload,
  tuiyouPayload,
} from '../testing/eligibility-context';
import { TUIYOU_PROGRAM } from './tuiyou.definition';

function check(key: string, patch: TestPayload = {}, o: ContextOverrides = {}): RuleResult {
  const ctx = eligibleContext(TUIYOU_PROGRAM, 'yearly', { ...tuiyouPayload(), ...patch }, o);
  return evaluateEligibility(TUIYOU_PROGRAM, ctx).find((x) => x.rule === key)!;
}

describe('tuiyou (优秀国产动画片推优)', () => {
  it('is judged by the common rules and its two own; licence, declaration, business licence and sample required', () => {
    expect(evaluateEligibility(TUIYOU_PROGRAM, makeContext({ track: 'yearly' })).map((r) => r.rule)).toEqual([
      'common.declaration',
      'common.required-attachments',
      'common.not-excluded',
      'tuiyou.premiered-in-window',
      'tuiyou.once-per-work',
    ]);
    expect(requiredKinds(TUIYOU_PROGRAM, 'yearly').sort()).toEqual([
      'broadcast-licence',
      'business-licence',
      'declaration',
      'work-sample',
    ]);
  });

  it('passes a complete application; the payload validates at submit', () => {
    const ctx = eligibleContext(TUIYOU_PROGRAM, 'yearly', tuiyouPayload());
    expect(evaluateEligibility(TUIYOU_PROGRAM, ctx).filter((r) => !r.passed)).toEqual([]);
    expect(validatePayload(TUIYOU_PROGRAM, 'yearly', tuiyouPayload(), 'submit').details).toEqual([]);
    const missing = validatePayload(TUIYOU_PROGRAM, 'yearly', { ...tuiyouPayload(), licenceNumber: '' }, 'submit');
    expect(missing.details.map((d) => d.path)).toEqual(['payload.licenceNumber']);
  });

  it('premiered-in-window: from 1 January of the year before the call’s to the closing day', () => {
    // the test call is of 2026 and closes on 2026-06-30 (Asia/Shanghai)
    expect(check('tuiyou.premiered-in-window', { premieredOn: '2025-01-01' }).passed).toBe(true);
    expect(check('tuiyou.premiered-in-window', { premieredOn: '2026-06-30' }).passed).toBe(true);
    const early = check('tuiyou.premiered-in-window', { premieredOn: '2024-12-31' });
    expect(early.passed).toBe(false);
    expect(early.detail.zh).toContain('2025 年以来首播');
    const late = check('tuiyou.premiered-in-window', { premieredOn: '2026-07-01' });
    expect(late.passed).toBe(false);
    expect(late.detail.en).toContain('must have been broadcast');
    expect(check('tuiyou.premiered-in-window', { premieredOn: '' }).passed).toBe(false);
  });

  it('once-per-work: a title entered on the same track before (any case, spacing) is refused; withdrawn ones do not count', () => {
    const title = { workTitle: 'Panda Team' };
    const earlier = (status: string, track = 'yearly') =>
      historyEntry({ programCode: 'tuiyou', callId: 'call-0', track, status, workTitle: ' panda  TEAM ' });
    // a work recommended in a quarter may still enter the year's selection
    expect(
      check('tuiyou.once-per-work', title, { organizationHistory: [earlier('awarded', 'quarterly')] }).passed,
    ).toBe(true);
    expect(check('tuiyou.once-per-work', title, { organizationHistory: [earlier('awarded')] }).passed).toBe(false);
    expect(check('tuiyou.once-per-work', title, { organizationHistory: [earlier('withdrawn')] }).passed).toBe(true);
    const otherProgram = historyEntry({ programCode: 'jingpin', status: 'awarded', workTitle: 'Panda Team' });
    expect(check('tuiyou.once-per-work', title, { organizationHistory: [otherProgram] }).passed).toBe(true);
  });

  it('declares its tiers of money (19 works, ¥3,000,000), shown by GET /api/programs', () => {
    const tiers = TUIYOU_PROGRAM.award.tiers!;
    expect(tiers.map((x) => [x.count, x.amountFen])).toEqual([
      [3, 30_000_000],
      [5, 20_000_000],
      [11, 10_000_000],
    ]);
    expect(tiers.reduce((s, x) => s + x.count, 0)).toBe(19);
    expect(tiers.reduce((s, x) => s + x.count * x.amountFen, 0)).toBe(300_000_000);
    const pub = new ProgramRegistry().toPublicJson(TUIYOU_PROGRAM);
    expect(pub.award.tiers).toEqual(
      tiers.map((x) => ({ name: x.name, count: x.count, amountFen: x.amountFen, track: null })),
    );
  });
});
