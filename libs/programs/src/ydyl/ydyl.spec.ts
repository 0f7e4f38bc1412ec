import { evaluateEligibility } from '../engine/eligibility';
import { RuleResult } from '../program-definition';
import { ProgramRegistry } from '../program-registry';
import {
  ContextOverrides,
  eligibleContext,
  historyEntry,
  makeContext,
  requiredKinds,
  TestPayload,
  ydylPayload,
} from '../testing/eligibility-context';
import { YDYL_PROGRAM } from './ydyl.definition';

function check(track: string, key: string, patch: TestPayload = {}, o: ContextOverrides = {}): RuleResult {
  const ctx = eligibleContext(YDYL_PROGRAM, track, { ...ydylPayload(), ...patch }, o);
  return evaluateEligibility(YDYL_PROGRAM, ctx).find((x) => x.rule === key)!;
}

describe('ydyl (一带一路 list)', () => {
  it.each(['enterprise', 'project'])(
    '%s: the common rules and its two own; the proof of cooperation abroad',
    (track) => {
      expect(evaluateEligibility(YDYL_PROGRAM, makeContext({ track })).map((r) => r.rule)).toEqual([
        'common.declaration',
        'common.required-attachments',
        'common.not-excluded',
        'ydyl.abroad',
        'ydyl.one-per-track',
      ]);
      expect(requiredKinds(YDYL_PROGRAM, track).sort()).toEqual(['business-licence', 'declaration', 'overseas-proof']);
      const ctx = eligibleContext(YDYL_PROGRAM, track, ydylPayload());
      expect(evaluateEligibility(YDYL_PROGRAM, ctx).filter((r) => !r.passed)).toEqual([]);
    },
  );

  it('abroad: a cooperation named; a key enterprise also earned abroad last year, a project need not', () => {
    expect(check('enterprise', 'ydyl.abroad', { partners: [] }).passed).toBe(false);
    const noIncome = check('enterprise', 'ydyl.abroad', { overseasIncomeFen: 0 });
    expect(noIncome.passed).toBe(false);
    expect(noIncome.detail.zh).toContain('境外收入');
    expect(check('project', 'ydyl.abroad', { overseasIncomeFen: 0 }).passed).toBe(true);
  });

  it('one entry per organization, call and track', () => {
    const same = historyEntry({ programCode: 'ydyl', callId: 'call-1', track: 'enterprise', status: 'submitted' });
    expect(check('enterprise', 'ydyl.one-per-track', {}, { organizationHistory: [same] }).passed).toBe(false);
    expect(check('project', 'ydyl.one-per-track', {}, { organizationHistory: [same] }).passed).toBe(true);
  });

  it('its outcome is a list without money: a certification with a notice, no instalments, no tiers', () => {
    const award = new ProgramRegistry().toPublicJson(YDYL_PROGRAM).award;
    expect(award).toMatchObject({
      kind: 'certification',
      money: false,
      document: 'notice',
      instalments: [],
      tiers: [],
    });
  });
});
