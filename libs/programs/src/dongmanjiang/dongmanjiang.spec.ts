import { evaluateEligibility } from '../engine/eligibility';
import { validatePayload } from '../engine/validate-payload';
import { RuleResult } from '../program-definition';
import { eligibleContext, historyEntry, requiredKinds, TestPayload } from '../testing/eligibility-context';
import { DONGMANJIANG_PROGRAM } from './dongmanjiang.definition';

// the test call is of 2026 and closes on 2026-06-30 (Asia/Shanghai): the award's period is 2023-06-30 … 2026-06-30
const work = (): TestPayload => ({
  workTitle: '山海经',
  workKind: 'tv-series',
  releasedOn: '2025-05-01',
  citation: '立意高远。',
  teamMembers: [],
  declaration: true,
});
const person = { name: '张导', idNumber: '110105199003071239', role: '总导演' };

function check(track: string, key: string, payload: TestPayload, o = {}): RuleResult {
  const ctx = eligibleContext(DONGMANJIANG_PROGRAM, track, payload, o);
  return evaluateEligibility(DONGMANJIANG_PROGRAM, ctx).find((x) => x.rule === key)!;
}

describe('dongmanjiang (中国文化艺术政府奖动漫奖)', () => {
  it('seven categories, 20 places; each category its tier; a vote by default', () => {
    const tiers = DONGMANJIANG_PROGRAM.award.tiers!;
    expect(tiers.map((x) => x.track)).toEqual(DONGMANJIANG_PROGRAM.tracks.map((t) => t.code));
    expect(tiers.reduce((s, x) => s + x.count, 0)).toBe(20);
    expect(DONGMANJIANG_PROGRAM.callDefaults?.deliberation).toBe(true);
    expect(requiredKinds(DONGMANJIANG_PROGRAM, 'director').sort()).toEqual([
      'business-licence',
      'declaration',
      'nominee-credits',
      'work-sample',
    ]);
    expect(requiredKinds(DONGMANJIANG_PROGRAM, 'intl-org').sort()).toEqual([
      'business-licence',
      'declaration',
      'overseas-proof',
    ]);
  });

  it('a complete nomination of each kind passes every rule', () => {
    for (const [track, payload] of [
      ['best-work', work()],
      ['director', { ...work(), nominee: person }],
      ['creative-team', { ...work(), teamMembers: [person, { ...person, name: '李编' }, { ...person, name: '王美' }] }],
      ['intl-org', { ...work(), overseasIncomeFen: 1_000_000 }],
    ] as [string, TestPayload][]) {
      const ctx = eligibleContext(DONGMANJIANG_PROGRAM, track, payload);
      expect([track, evaluateEligibility(DONGMANJIANG_PROGRAM, ctx).filter((r) => !r.passed)]).toEqual([track, []]);
    }
  });

  it('released-in-period: the three years before the call closes', () => {
    expect(check('best-work', 'dongmanjiang.released-in-period', { ...work(), releasedOn: '2023-06-30' }).passed).toBe(
      true,
    );
    const old = check('best-work', 'dongmanjiang.released-in-period', { ...work(), releasedOn: '2023-06-29' });
    expect(old.passed).toBe(false);
    expect(old.detail.zh).toContain('不在本届评奖期');
    expect(check('best-work', 'dongmanjiang.released-in-period', { ...work(), releasedOn: '2026-07-01' }).passed).toBe(
      false,
    );
  });

  it('nominee-complete: a person for the person categories, 3 members for a team, income abroad', () => {
    expect(check('director', 'dongmanjiang.nominee-complete', work()).passed).toBe(false);
    expect(check('creative-team', 'dongmanjiang.nominee-complete', { ...work(), teamMembers: [person] }).passed).toBe(
      false,
    );
    expect(check('intl-work', 'dongmanjiang.nominee-complete', work()).passed).toBe(false);
    expect(check('best-work', 'dongmanjiang.nominee-complete', work()).passed).toBe(true);
  });

  it('once-per-category: the same work twice in one category of one call is refused, another category is not', () => {
    const earlier = (track: string) =>
      historyEntry({ programCode: 'dongmanjiang', callId: 'call-1', track, status: 'submitted', workTitle: '山海经' });
    expect(
      check('best-work', 'dongmanjiang.once-per-category', work(), { organizationHistory: [earlier('best-work')] })
        .passed,
    ).toBe(false);
    expect(
      check('best-work', 'dongmanjiang.once-per-category', work(), { organizationHistory: [earlier('character')] })
        .passed,
    ).toBe(true);
  });

  it('checks the nominee’s ID number as GB 11643 says, without repeating it', () => {
    const bad = validatePayload(
      DONGMANJIANG_PROGRAM,
      'director',
      { ...work(), nominee: { ...person, idNumber: '110105199003071230' } },
      'submit',
    );
    expect(bad.details.map((d) => d.path)).toEqual(['payload.nominee.idNumber']);
    expect(JSON.stringify(bad.details)).toContain('校验位不符');
    expect(JSON.stringify(bad.details)).not.toContain('110105199003071230');
    expect(validatePayload(DONGMANJIANG_PROGRAM, 'director', { ...work(), nominee: person }, 'submit').details).toEqual(
      [],
    );
  });
});
