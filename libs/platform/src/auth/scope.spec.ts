import { NATIONAL_SCOPE, scopeCondition, scopeCovers } from './roles';

describe('officer scope', () => {
  const jiangsu = { agencyId: 'a', provinceCode: '32', programs: ['rending', 'jingpin'] };
  it('a national scope covers every province and program', () => {
    expect(scopeCovers(NATIONAL_SCOPE, { provinceCode: '45', programCode: 'tuiguang' })).toBe(true);
    expect(scopeCondition(NATIONAL_SCOPE, 'o.province_code', 'a.program_code', [])).toBe('TRUE');
  });
  it('a provincial scope covers its province and programs only', () => {
    expect(scopeCovers(jiangsu, { provinceCode: '32', programCode: 'rending' })).toBe(true);
    expect(scopeCovers(jiangsu, { provinceCode: '45', programCode: 'rending' })).toBe(false);
    expect(scopeCovers(jiangsu, { provinceCode: '32', programCode: 'tuiguang' })).toBe(false);
    expect(scopeCovers(jiangsu, { provinceCode: null, programCode: 'rending' })).toBe(false);
  });
  it('the SQL condition numbers its parameters after the ones already there', () => {
    const params: unknown[] = ['x'];
    expect(scopeCondition(jiangsu, 'o.province_code', 'a.program_code', params)).toBe(
      '(a.program_code = ANY($2::text[]) AND o.province_code = $3)',
    );
    expect(params).toEqual(['x', ['rending', 'jingpin'], '32']);
  });
});
