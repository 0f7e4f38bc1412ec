import { evaluateEligibility } from '../engine/eligibility';
import { RuleResult } from '../program-definition';
import {
  TestPayload,
  ContextOverrides,
  eligibleContext,
  makeContext,
  requiredKinds,
  tuiguangPayload,
} from '../testing/eligibility-context';
import { TUIGUANG_PROGRAM } from './tuiguang.definition';

const COMMON = ['common.declaration', 'common.required-attachments', 'common.not-excluded'];
const TRACKS = ['exhibition', 'border', 'campus', 'media', 'overseas', 'translation'];

function check(key: string, patch: TestPayload = {}, o: ContextOverrides = {}): RuleResult {
  const ctx = eligibleContext(TUIGUANG_PROGRAM, 'exhibition', { ...tuiguangPayload(), ...patch }, o);
  return evaluateEligibility(TUIGUANG_PROGRAM, ctx).find((x) => x.rule === key)!;
}

const costs = (...amounts: number[]) =>
  amounts.map((amountFen, i) => ({ item: `项目${i + 1}`, category: 'booth', amountFen }));

describe('tuiguang', () => {
  it.each(TRACKS)('%s is judged by the common rules and the three tuiguang rules', (track) => {
    expect(evaluateEligibility(TUIGUANG_PROGRAM, makeContext({ track })).map((r) => r.rule)).toEqual([
      ...COMMON,
      'tuiguang.costs',
      'tuiguang.request-cap',
      'tuiguang.activity-dates',
    ]);
    expect(requiredKinds(TUIGUANG_PROGRAM, track).sort()).toEqual(['business-licence', 'cost-evidence', 'declaration']);
  });

  it('passes a complete application', () => {
    const ctx = eligibleContext(TUIGUANG_PROGRAM, 'overseas', tuiguangPayload());
    expect(evaluateEligibility(TUIGUANG_PROGRAM, ctx).filter((r) => !r.passed)).toEqual([]);
  });

  describe('tuiguang.costs', () => {
    it('needs at least one line, every amount above 0', () => {
      expect(check('tuiguang.costs').passed).toBe(true);
      expect(check('tuiguang.costs', { costs: [] }).passed).toBe(false);
      expect(check('tuiguang.costs', { costs: undefined }).passed).toBe(false);
      const r = check('tuiguang.costs', { costs: costs(100, 0, 5) });
      expect(r.passed).toBe(false);
      expect(r.detail.zh).toContain('第 2 项');
      expect(check('tuiguang.costs', { costs: costs(1) }).passed).toBe(true);
    });
  });

  describe('tuiguang.request-cap', () => {
    const key = 'tuiguang.request-cap';
    it('default 50%: half the costs passes, one fen more fails', () => {
      expect(check(key, { costs: costs(60_000_000, 40_000_000), requestedFen: 50_000_000 }).passed).toBe(true);
      const r = check(key, { costs: costs(60_000_000, 40_000_000), requestedFen: 50_000_001 });
      expect(r.passed).toBe(false);
      expect(r.detail.zh).toContain('¥500,000.01');
      expect(r.detail.zh).toContain('¥1,000,000.00');
      expect(r.detail.zh).toContain('上限 ¥500,000.00');
      expect(r.detail.zh).toContain('50%');
      expect(check(key, { costs: costs(60_000_000, 40_000_000), requestedFen: 49_999_999 }).passed).toBe(true);
    });

    it("uses the call's requestSharePercent", () => {
      const o = { call: { requestSharePercent: 30 } };
      expect(check(key, { costs: costs(100_000_000), requestedFen: 30_000_000 }, o).passed).toBe(true);
      expect(check(key, { costs: costs(100_000_000), requestedFen: 30_000_001 }, o).passed).toBe(false);
      expect(
        check(key, { costs: costs(100_000_000), requestedFen: 100_000_000 }, { call: { requestSharePercent: 100 } })
          .passed,
      ).toBe(true);
    });

    it('is exact on odd sums and on amounts near 2^53', () => {
      expect(check(key, { costs: costs(3), requestedFen: 1 }).passed).toBe(true); // 1.5 fen allowed
      expect(check(key, { costs: costs(3), requestedFen: 2 }).passed).toBe(false);
      const max = Number.MAX_SAFE_INTEGER; // odd: half is x.5
      expect(check(key, { costs: costs(max), requestedFen: Math.floor(max / 2) }).passed).toBe(true);
      expect(check(key, { costs: costs(max), requestedFen: Math.floor(max / 2) + 1 }).passed).toBe(false);
    });

    it('fails with a message when the costs add up to 0', () => {
      for (const c of [[], costs(0)]) {
        const r = check(key, { costs: c, requestedFen: 0 });
        expect(r.passed).toBe(false);
        expect(r.detail.zh).toContain('费用合计为 0');
      }
      expect(check(key, { requestedFen: undefined }).passed).toBe(false);
    });
  });

  describe('tuiguang.activity-dates', () => {
    const key = 'tuiguang.activity-dates';
    const activity = (startsOn: string, endsOn: string) => ({
      activity: { name: 'A', location: 'B', startsOn, endsOn },
    });
    it('needs startsOn ≤ endsOn', () => {
      expect(check(key, activity('2026-07-10', '2026-07-10')).passed).toBe(true);
      const r = check(key, activity('2026-07-11', '2026-07-10'));
      expect(r.passed).toBe(false);
      expect(r.detail.zh).toContain('晚于');
    });
    it("needs the activity to end within the call's year", () => {
      expect(check(key, activity('2026-01-01', '2026-12-31')).passed).toBe(true);
      expect(check(key, activity('2025-12-20', '2026-01-05')).passed).toBe(true);
      expect(check(key, activity('2026-12-20', '2027-01-01')).passed).toBe(false);
      expect(check(key, activity('2025-12-01', '2025-12-31')).passed).toBe(false);
      expect(check(key, activity('2027-01-01', '2027-01-02'), { call: { year: 2027 } }).passed).toBe(true);
    });
    it('fails on missing or impossible dates', () => {
      expect(check(key, { activity: { name: 'A' } }).passed).toBe(false);
      expect(check(key, activity('2026-02-30', '2026-03-01')).passed).toBe(false);
    });
  });

  it('excludes a dishonest organization on the days the flag is active', () => {
    const o = (from: string, until?: string) => ({
      today: '2026-05-01',
      organization: { flags: [{ kind: 'dishonest' as const, from, until }] },
    });
    expect(check('common.not-excluded', {}, o('2026-05-01', '2026-05-01')).passed).toBe(false);
    expect(check('common.not-excluded', {}, o('2026-05-02')).passed).toBe(true);
    expect(check('common.not-excluded', {}, o('2026-01-01', '2026-04-30')).passed).toBe(true);
  });
});
