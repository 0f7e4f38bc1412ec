import { evaluateEligibility } from '../engine/eligibility';
import { HistoryEntry, RuleResult } from '../program-definition';
import {
  eligibleContext,
  historyEntry,
  jingpinPayload,
  makeContext,
  requiredKinds,
  TEST_CALL_ID,
} from '../testing/eligibility-context';
import { JINGPIN_PROGRAM } from './jingpin.definition';

const COMMON = ['common.declaration', 'common.required-attachments', 'common.not-excluded'];

function check(track: string, key: string, history: HistoryEntry[], payload = jingpinPayload()): RuleResult {
  const results = evaluateEligibility(
    JINGPIN_PROGRAM,
    eligibleContext(JINGPIN_PROGRAM, track, payload, { organizationHistory: history }),
  );
  return results.find((r) => r.rule === key)!;
}

const entry = (e: Partial<HistoryEntry>) => historyEntry({ programCode: 'jingpin', status: 'submitted', ...e });

describe('jingpin', () => {
  it.each(['idea', 'product'])('%s is judged by the common rules, one-per-track and no-repeat-work', (track) => {
    expect(evaluateEligibility(JINGPIN_PROGRAM, makeContext({ track })).map((r) => r.rule)).toEqual([
      ...COMMON,
      'jingpin.one-per-track',
      'jingpin.no-repeat-work',
    ]);
  });

  it.each(['idea', 'product'])('passes a complete %s application', (track) => {
    const results = evaluateEligibility(JINGPIN_PROGRAM, eligibleContext(JINGPIN_PROGRAM, track, jingpinPayload()));
    expect(results.filter((r) => !r.passed)).toEqual([]);
  });

  it('requires a work sample on both tracks', () => {
    for (const track of ['idea', 'product']) {
      expect(requiredKinds(JINGPIN_PROGRAM, track).sort()).toEqual(['business-licence', 'declaration', 'work-sample']);
    }
    const ctx = makeContext({
      track: 'idea',
      payload: jingpinPayload(),
      attachmentKinds: ['declaration', 'business-licence'],
    });
    const r = evaluateEligibility(JINGPIN_PROGRAM, ctx).find((x) => x.rule === 'common.required-attachments')!;
    expect(r.passed).toBe(false);
    expect(r.detail.en).toContain('work-sample');
  });

  describe('one-per-track', () => {
    const key = 'jingpin.one-per-track';
    it('refuses a second entry in the same call and track', () => {
      for (const status of ['submitted', 'returned', 'under_review', 'rejected', 'awarded', 'not_awarded']) {
        const r = check('idea', key, [entry({ callId: TEST_CALL_ID, track: 'idea', status })]);
        expect(r.passed).toBe(false);
        expect(r.detail.zh).toContain('限报一件');
      }
    });
    it('ignores withdrawn applications and drafts', () => {
      expect(check('idea', key, [entry({ callId: TEST_CALL_ID, track: 'idea', status: 'withdrawn' })]).passed).toBe(
        true,
      );
      expect(check('idea', key, [entry({ callId: TEST_CALL_ID, track: 'idea', status: 'draft' })]).passed).toBe(true);
    });
    it('allows one entry on each track, and entries in other calls or programs', () => {
      expect(check('idea', key, [entry({ callId: TEST_CALL_ID, track: 'product' })]).passed).toBe(true);
      expect(check('idea', key, [entry({ callId: 'call-0', track: 'idea' })]).passed).toBe(true);
      expect(
        check('idea', key, [
          historyEntry({ programCode: 'yuandongli', callId: TEST_CALL_ID, track: 'idea', status: 'submitted' }),
        ]).passed,
      ).toBe(true);
    });
    it('does not count the application itself', () => {
      const self = entry({ applicationId: 'app-1', callId: TEST_CALL_ID, track: 'idea' });
      expect(check('idea', key, [self]).passed).toBe(true);
    });
  });

  describe('no-repeat-work', () => {
    const key = 'jingpin.no-repeat-work';
    const title = jingpinPayload().workTitle;
    it('refuses the same title entered in another jingpin call', () => {
      const r = check('idea', key, [
        entry({ callId: 'call-0', track: 'idea', workTitle: title, status: 'not_awarded' }),
      ]);
      expect(r.passed).toBe(false);
      expect(r.detail.zh).toContain(title);
    });
    it('compares titles without case, surrounding space or repeated spaces', () => {
      const payload = { ...jingpinPayload(), workTitle: 'Star  Trail' };
      expect(
        check('idea', key, [entry({ callId: 'call-0', track: 'idea', workTitle: ' star trail ' })], payload).passed,
      ).toBe(false);
      expect(
        check('idea', key, [entry({ callId: 'call-0', track: 'idea', workTitle: 'Star Trails' })], payload).passed,
      ).toBe(true);
    });
    it('ignores withdrawn entries, drafts and other programs', () => {
      expect(
        check('idea', key, [entry({ callId: 'call-0', track: 'idea', workTitle: title, status: 'withdrawn' })]).passed,
      ).toBe(true);
      expect(
        check('idea', key, [entry({ callId: 'call-0', track: 'idea', workTitle: title, status: 'draft' })]).passed,
      ).toBe(true);
      expect(
        check('idea', key, [
          historyEntry({ programCode: 'yuandongli', callId: 'call-0', workTitle: title, status: 'awarded' }),
        ]).passed,
      ).toBe(true);
    });
    it('lets an idea awarded earlier enter the product track', () => {
      const r = check('product', key, [
        entry({ callId: 'call-0', track: 'idea', workTitle: title, status: 'awarded' }),
      ]);
      expect(r.passed).toBe(true);
      expect(r.detail.zh).toContain('可申报“动漫产品”类别');
    });
    it('but not an idea that was not awarded, nor a second idea or product entry', () => {
      expect(
        check('product', key, [entry({ callId: 'call-0', track: 'idea', workTitle: title, status: 'not_awarded' })])
          .passed,
      ).toBe(false);
      expect(
        check('product', key, [entry({ callId: 'call-0', track: 'idea', workTitle: title, status: 'revoked' })]).passed,
      ).toBe(false);
      expect(
        check('idea', key, [entry({ callId: 'call-0', track: 'idea', workTitle: title, status: 'awarded' })]).passed,
      ).toBe(false);
      expect(
        check('product', key, [entry({ callId: 'call-0', track: 'product', workTitle: title, status: 'awarded' })])
          .passed,
      ).toBe(false);
      expect(
        check('product', key, [
          entry({ callId: 'call-0', track: 'idea', workTitle: title, status: 'awarded' }),
          entry({ callId: 'call-9', track: 'product', workTitle: title, status: 'not_awarded' }),
        ]).passed,
      ).toBe(false);
    });
    it('fails without a title', () => {
      const r = check('idea', key, [], { ...jingpinPayload(), workTitle: '  ' });
      expect(r.passed).toBe(false);
    });
  });

  it('excludes a flagged organization', () => {
    const ctx = eligibleContext(JINGPIN_PROGRAM, 'idea', jingpinPayload(), {
      organization: { flags: [{ kind: 'barred', from: '2026-04-01', until: '2029-03-31' }] },
    });
    const r = evaluateEligibility(JINGPIN_PROGRAM, ctx).find((x) => x.rule === 'common.not-excluded')!;
    expect(r.passed).toBe(false);
    expect(r.detail.zh).toContain('2029-03-31');
  });
});
