import { EligibilityRule, ProgramDefinition } from '../program-definition';
import { JINGPIN_PROGRAM } from '../jingpin/jingpin.definition';
import { TestPayload, makeContext } from '../testing/eligibility-context';
import { checkNotExcluded, checkDeclaration, isFlagActive } from './common-rules';
import { addDays, isDateOnly, minusYears, shanghaiDate, toDateOnly } from './dates';
import { applicableRuleKeys, evaluateEligibility, isEligible } from './eligibility';
import { formatCount, formatFen, formatShare, meetsShare } from './format';
import { normalizeTitle } from './rule-kit';

describe('dates', () => {
  it('knows real calendar dates', () => {
    expect(isDateOnly('2028-02-29')).toBe(true);
    expect(isDateOnly('2026-02-29')).toBe(false);
    expect(isDateOnly('2026-04-31')).toBe(false);
    expect(isDateOnly('2026-13-01')).toBe(false);
    expect(isDateOnly('2026-1-01')).toBe(false);
    expect(isDateOnly('2026-01-01T00:00:00Z')).toBe(false);
    expect(isDateOnly(20260101)).toBe(false);
    expect(isDateOnly('2000-02-29')).toBe(true);
    expect(isDateOnly('1900-02-29')).toBe(false);
  });

  it('reads instants in Asia/Shanghai', () => {
    expect(shanghaiDate(new Date('2026-06-30T15:59:59.999Z'))).toBe('2026-06-30');
    expect(shanghaiDate(new Date('2026-06-30T16:00:00.000Z'))).toBe('2026-07-01');
    expect(toDateOnly(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(toDateOnly('2026-05-01')).toBe('2026-05-01');
    expect(toDateOnly('2026-05-01T08:00:00+08:00')).toBe('2026-05-01');
    expect(toDateOnly('yesterday')).toBeNull();
  });

  it('subtracts years, clamping 29 February to the 28th', () => {
    expect(minusYears('2026-05-01', 3)).toBe('2023-05-01');
    expect(minusYears('2028-02-29', 3)).toBe('2025-02-28');
    expect(minusYears('2028-02-29', 4)).toBe('2024-02-29');
    expect(minusYears('2026-12-31', 3)).toBe('2023-12-31');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });
});

describe('format and shares', () => {
  it('formats fen and counts exactly', () => {
    expect(formatFen(0n)).toBe('¥0.00');
    expect(formatFen(5n)).toBe('¥0.05');
    expect(formatFen(100_000_000n)).toBe('¥1,000,000.00');
    expect(formatFen(900_719_925_474_099_1n)).toBe('¥90,071,992,547,409.91');
    expect(formatFen(-150n)).toBe('-¥1.50');
    expect(formatCount(1234567n)).toBe('1,234,567');
  });

  it('rounds shares down so a failing share never prints as the threshold', () => {
    expect(formatShare(599_999_999n, 1_000_000_000n)).toBe('59.99');
    expect(formatShare(6n, 10n)).toBe('60.00');
    expect(formatShare(1n, 3n)).toBe('33.33');
    expect(formatShare(2n, 3n)).toBe('66.66');
    expect(() => formatShare(1n, 0n)).toThrow();
  });

  it('compares on exact integers', () => {
    expect(meetsShare(60n, 100n, 60)).toBe(true);
    expect(meetsShare(59n, 100n, 60)).toBe(false);
    const big = BigInt(Number.MAX_SAFE_INTEGER);
    const ceil60 = (big * 60n + 99n) / 100n;
    expect(meetsShare(ceil60, big, 60)).toBe(true);
    expect(meetsShare(ceil60 - 1n, big, 60)).toBe(false);
    // what floating point would get wrong:
    expect(Number(ceil60 - 1n) / Number(big) >= 0.6).toBe(true);
  });

  it('normalises titles', () => {
    expect(normalizeTitle('  Ｓｔａｒ   trail ')).toBe('star trail');
  });
});

describe('common rules', () => {
  it('common.declaration needs exactly true', () => {
    expect(checkDeclaration(makeContext({ payload: { declaration: true } })).passed).toBe(true);
    for (const v of [false, 'true', 1, undefined, null]) {
      expect(checkDeclaration(makeContext({ payload: { declaration: v } })).passed).toBe(false);
    }
    expect(
      checkDeclaration({
        ...makeContext(),
        application: { ...makeContext().application, payload: null as unknown as TestPayload },
      }).passed,
    ).toBe(false);
  });

  it('flags are active from `from` to `until` inclusive, open-ended without until', () => {
    const f = (from: string, until?: string | null) => ({ kind: 'dishonest' as const, from, until });
    expect(isFlagActive(f('2026-05-01'), '2026-05-01')).toBe(true);
    expect(isFlagActive(f('2026-05-02'), '2026-05-01')).toBe(false);
    expect(isFlagActive(f('2026-01-01', '2026-05-01'), '2026-05-01')).toBe(true);
    expect(isFlagActive(f('2026-01-01', '2026-04-30'), '2026-05-01')).toBe(false);
    expect(isFlagActive(f('2020-01-01', null), '2026-05-01')).toBe(true);
    expect(isFlagActive(f('2020-01-01', undefined), '2099-12-31')).toBe(true);
  });

  it('common.not-excluded looks at dishonest and barred only', () => {
    const ctx = (kind: 'dishonest' | 'barred' | 'violation') =>
      makeContext({ organization: { flags: [{ kind, from: '2026-01-01' }] } });
    expect(checkNotExcluded(ctx('dishonest')).passed).toBe(false);
    expect(checkNotExcluded(ctx('barred')).passed).toBe(false);
    expect(checkNotExcluded(ctx('violation')).passed).toBe(true);
    expect(checkNotExcluded(ctx('barred')).detail.zh).toContain('禁止申报');
    expect(checkNotExcluded(ctx('dishonest')).detail.zh).toContain('严重失信');
  });
});

describe('evaluateEligibility', () => {
  const throwing: EligibilityRule = {
    key: 'test.throws',
    check: () => {
      throw new TypeError('boom');
    },
  };
  const onlyB: EligibilityRule = {
    key: 'test.only-b',
    tracks: ['b'],
    check: () => ({ rule: 'test.only-b', passed: true, detail: { zh: 'b', en: 'b' } }),
  };
  const def: ProgramDefinition = { ...JINGPIN_PROGRAM, code: 'test', rules: [throwing, onlyB] };

  it('turns a throwing rule into a failed result and still runs the others', () => {
    const results = evaluateEligibility(def, makeContext({ track: 'b', payload: { declaration: true } }));
    expect(results.map((r) => r.rule)).toEqual([
      'common.declaration',
      'common.required-attachments',
      'common.not-excluded',
      'test.throws',
      'test.only-b',
    ]);
    const t = results.find((r) => r.rule === 'test.throws')!;
    expect(t.passed).toBe(false);
    expect(t.detail.zh).toBeTruthy();
    expect(results.find((r) => r.rule === 'test.only-b')!.passed).toBe(true);
    expect(isEligible(results)).toBe(false);
  });

  it('applies track rules to their tracks only (and none without a track)', () => {
    expect(applicableRuleKeys(def, 'a')).not.toContain('test.only-b');
    expect(applicableRuleKeys(def, 'b')).toContain('test.only-b');
    expect(applicableRuleKeys(def, null)).not.toContain('test.only-b');
  });

  it('fails the attachment rule while no track is chosen, and runs only the untracked rules', () => {
    const results = evaluateEligibility(JINGPIN_PROGRAM, makeContext({ track: null }));
    expect(results.find((r) => r.rule === 'common.required-attachments')!.passed).toBe(false);
    expect(results.map((r) => r.rule)).toEqual([
      'common.declaration',
      'common.required-attachments',
      'common.not-excluded',
      'jingpin.one-per-track',
      'jingpin.no-repeat-work',
    ]);
  });
});
