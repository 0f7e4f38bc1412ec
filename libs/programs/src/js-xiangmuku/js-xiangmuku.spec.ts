import { evaluateEligibility } from '../engine/eligibility';
import { officeProvince } from '../engine/office';
import { RuleResult } from '../program-definition';
import { eligibleContext, historyEntry, TestPayload } from '../testing/eligibility-context';
import { JS_XIANGMUKU_PROGRAM } from './js-xiangmuku.definition';

const project = (): TestPayload => ({
  workTitle: '运河少年',
  kind: 'animation',
  stage: 'development',
  synopsis: '运河文化题材。',
  team: [{ name: '张三', role: '导演' }],
  budgetFen: 100_000_000,
  plannedCompletion: '2027-12-31',
  rightsOwned: true,
  declaration: true,
});

function check(key: string, payload: TestPayload, o = {}): RuleResult {
  const ctx = eligibleContext(JS_XIANGMUKU_PROGRAM, 'project', payload, o);
  return evaluateEligibility(JS_XIANGMUKU_PROGRAM, ctx).find((x) => x.rule === key)!;
}

describe('js-xiangmuku (江苏省重点动漫项目库)', () => {
  it('is run by 江苏 and lists its entries without money', () => {
    expect(officeProvince(JS_XIANGMUKU_PROGRAM)).toBe('32');
    expect(JS_XIANGMUKU_PROGRAM.award).toMatchObject({ kind: 'certification', document: 'notice' });
  });

  it('in-province: registered in 江苏 by the credit code (positions 3–4)', () => {
    const js = {
      organization: { id: 'o', name: '苏', creditCode: '91320102MA1XXXXX0X', businessTypes: [], flags: [] },
    };
    const gx = {
      organization: { id: 'o', name: '桂', creditCode: '91450102MA1XXXXX0X', businessTypes: [], flags: [] },
    };
    expect(check('js-xiangmuku.in-province', project(), js).passed).toBe(true);
    const out = check('js-xiangmuku.in-province', project(), gx);
    expect(out.passed).toBe(false);
    expect(out.detail.zh).toContain('江苏');
  });

  it('rights-owned and at most three projects of one organization a call', () => {
    expect(check('js-xiangmuku.rights-owned', { ...project(), rightsOwned: false }).passed).toBe(false);
    const earlier = () => historyEntry({ programCode: 'js-xiangmuku', callId: 'call-1', status: 'submitted' });
    expect(
      check('js-xiangmuku.per-organization', project(), { organizationHistory: [earlier(), earlier()] }).passed,
    ).toBe(true);
    expect(
      check('js-xiangmuku.per-organization', project(), { organizationHistory: [earlier(), earlier(), earlier()] })
        .passed,
    ).toBe(false);
  });
});
