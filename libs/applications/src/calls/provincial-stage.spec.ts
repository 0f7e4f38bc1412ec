import { overQuota, provincialSettingsProblems, quotaFor, quotaProblem } from './provincial-stage';

describe('provincial stage settings', () => {
  const closesAt = new Date('2026-03-31T09:00:00Z');
  const after = new Date('2026-04-15T09:00:00Z');

  it('reads the quota of a province: one number, or the table with its default', () => {
    expect(quotaFor(2, '32')).toBe(2);
    expect(quotaFor({ default: 2, byProvince: { '32': 3 } }, '32')).toBe(3);
    expect(quotaFor({ default: 2, byProvince: { '32': 3 } }, '45')).toBe(2);
    expect(quotaFor(null, '32')).toBeNull();
  });

  it('allows forwarding up to the quota and not one more', () => {
    expect(overQuota(2, 0, 2)).toBe(false);
    expect(overQuota(2, 1, 2)).toBe(true);
    expect(overQuota(null, 50, 50)).toBe(false);
  });

  it('accepts a number or { default, byProvince } of the 31 provinces, nothing else', () => {
    expect(quotaProblem(3)).toBeNull();
    expect(quotaProblem({ default: 2, byProvince: { '32': 3, '45': 1 } })).toBeNull();
    expect(quotaProblem(-1)).not.toBeNull();
    expect(quotaProblem(1.5)).not.toBeNull();
    expect(quotaProblem({ byProvince: { '32': 3 } })).not.toBeNull();
    expect(quotaProblem({ default: 2, byProvince: { '71': 3 } })).not.toBeNull(); // 台湾 has its own system
    expect(quotaProblem({ default: 2, extra: 1 })).not.toBeNull();
    expect(quotaProblem('2')).not.toBeNull();
  });

  it('needs a provincial deadline after closesAt with a stage, a quota with recommend, neither with none', () => {
    const paths = (s: Parameters<typeof provincialSettingsProblems>[0]) =>
      provincialSettingsProblems(s, closesAt).map((d) => d.path);
    expect(paths({ provincialStage: 'none', provincialQuota: null, provincialClosesAt: null })).toEqual([]);
    expect(paths({ provincialStage: 'check', provincialQuota: null, provincialClosesAt: after })).toEqual([]);
    expect(paths({ provincialStage: 'recommend', provincialQuota: 2, provincialClosesAt: after })).toEqual([]);
    expect(paths({ provincialStage: 'check', provincialQuota: null, provincialClosesAt: closesAt })).toEqual([
      'provincialClosesAt',
    ]);
    expect(paths({ provincialStage: 'check', provincialQuota: null, provincialClosesAt: null })).toEqual([
      'provincialClosesAt',
    ]);
    expect(paths({ provincialStage: 'recommend', provincialQuota: null, provincialClosesAt: after })).toEqual([
      'provincialQuota',
    ]);
    expect(paths({ provincialStage: 'none', provincialQuota: 2, provincialClosesAt: after })).toEqual([
      'provincialQuota',
      'provincialClosesAt',
    ]);
  });
});
