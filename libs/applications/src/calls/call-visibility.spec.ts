import { AuthUser } from '@portal/platform';
import { officerManagesCalls, officerMaySeeCall } from './call-visibility';

const officer = (scope?: AuthUser['scope']): AuthUser => ({ id: 'u', roles: ['officer'], organizationId: null, scope });

describe('calls and the officer scope', () => {
  it('lets an officer without an agency see and manage every call', () => {
    expect(officerMaySeeCall(officer(), { programCode: 'jingpin' })).toBe(true);
    expect(officerManagesCalls(officer())).toBe(true);
  });

  it('applies only the programs of a provincial agency to calls (calls are national), and keeps them national-made', () => {
    const gxRending = officer({ agencyId: 'a', provinceCode: '45', programs: ['rending'] });
    expect(officerMaySeeCall(gxRending, { programCode: 'rending' })).toBe(true);
    expect(officerMaySeeCall(gxRending, { programCode: 'jingpin' })).toBe(false);
    expect(officerManagesCalls(gxRending)).toBe(false);
    const js = officer({ agencyId: 'b', provinceCode: '32', programs: null });
    expect(officerMaySeeCall(js, { programCode: 'jingpin' })).toBe(true);
    expect(officerManagesCalls(js)).toBe(false);
    // a provincial program (issue 15) is its province's: 江苏's officer runs 江苏's, nobody else does
    expect(officerManagesCalls(js, '32')).toBe(true);
    expect(officerManagesCalls(js, '45')).toBe(false);
    expect(officerManagesCalls(officer(), '32')).toBe(false);
  });

  it('gives a national agency limited to some programs only those', () => {
    const nationalRending = officer({ agencyId: 'n', provinceCode: null, programs: ['rending'] });
    expect(officerManagesCalls(nationalRending)).toBe(true);
    expect(officerMaySeeCall(nationalRending, { programCode: 'tuiguang' })).toBe(false);
  });

  it('answers no for anyone who is not an officer', () => {
    expect(officerMaySeeCall({ id: 'u', roles: ['applicant'], organizationId: 'o' }, { programCode: 'rending' })).toBe(
      false,
    );
    expect(officerManagesCalls({ id: 'u', roles: ['admin'], organizationId: null })).toBe(false);
  });
});
