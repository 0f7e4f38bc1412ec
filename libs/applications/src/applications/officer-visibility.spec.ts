import { AuthUser } from '@portal/platform';
import { officerApplicationsCondition, officerMaySeeApplication } from './officer-visibility';

describe('officer visibility with the provincial stage', () => {
  const national: AuthUser = { id: 'n', roles: ['officer'], organizationId: null };
  const jiangsu: AuthUser = {
    id: 'j',
    roles: ['officer'],
    organizationId: null,
    scope: { agencyId: 'a', provinceCode: '32', programs: null },
  };

  it('hides what a province still holds from national officers, not from the province', () => {
    const held = { programCode: 'jingpin', provinceCode: '32', level: 'provincial' as const };
    const forwarded = { ...held, level: 'national' as const };
    expect(officerMaySeeApplication(national, held)).toBe(false);
    expect(officerMaySeeApplication(national, forwarded)).toBe(true);
    expect(officerMaySeeApplication(jiangsu, held)).toBe(true);
    expect(officerMaySeeApplication(jiangsu, { ...held, provinceCode: '45' })).toBe(false);
    // no level given (a call without a stage): as before
    expect(officerMaySeeApplication(national, { programCode: 'jingpin', provinceCode: '45' })).toBe(true);
  });

  it('says the same in SQL over the level column', () => {
    const params: unknown[] = [];
    expect(officerApplicationsCondition(national, { program: 'a.p', province: 'o.pc', level: 'a.level' }, params)).toBe(
      "a.level = 'national'",
    );
    expect(officerApplicationsCondition(jiangsu, { program: 'a.p', province: 'o.pc', level: 'a.level' }, params)).toBe(
      '(o.pc = $1)',
    );
    expect(params).toEqual(['32']);
  });
});
