import { EligibilityRule, ProgramDefinition } from '../program-definition';
import { provinceName } from '@portal/platform';
import { defineRule, fail, pass } from './rule-kit';

/** The province whose agency runs the program (GB/T 2260 two digits), null for a national program. */
export function officeProvince(def: Pick<ProgramDefinition, 'office'> | undefined): string | null {
  return def?.office?.provinceCode ?? null;
}

/**
 * A provincial program's rule that the applicant is registered in the province: read from the unified social credit
 * code (GB 32100: positions 3–8 are the registering authority's region, its first two digits the province).
 */
export function inProvinceRule(programCode: string, provinceCode: string): EligibilityRule {
  const key = `${programCode}.in-province`;
  const name = provinceName(provinceCode) ?? { zh: provinceCode, en: provinceCode };
  return defineRule(key, (ctx) => {
    const province = ctx.organization.creditCode.slice(2, 4);
    return province === provinceCode
      ? pass(key, `申报单位在${name.zh}登记注册`, `The organization is registered in ${name.en}`)
      : fail(
          key,
          `本项目只受理在${name.zh}登记注册的单位（统一社会信用代码第 3–4 位为 ${provinceCode}）`,
          `Only organizations registered in ${name.en} may apply (credit code positions 3–4: ${provinceCode})`,
        );
  });
}
