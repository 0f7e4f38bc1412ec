/**
 * The staff of a whole-flow run (an officer, two finance users, two 精品工程 experts), created through
 * `POST /api/users` by whatever HTTP helper the caller has (`user(body)`), with e-mails `<role>@<tag>.test`.
 */
export async function createFlowStaff(user: (body: Record<string, unknown>) => Promise<unknown>, tag: string) {
  await user({ name: '项目官员', email: `officer@${tag}.test`, roles: ['officer'] });
  await user({ name: '财务甲', email: `finance-a@${tag}.test`, roles: ['finance'] });
  await user({ name: '财务乙', email: `finance-b@${tag}.test`, roles: ['finance'] });
  for (const i of [1, 2])
    await user({
      name: `专家${i}`,
      email: `expert${i}@${tag}.test`,
      roles: ['expert'],
      expert: {
        fields: ['jingpin'],
        employerCreditCode: '91110000600037341L',
        regionCode: `11010${i}`,
        conflicts: [],
      },
    });
}

/** The 精品工程 call of a whole-flow run (March 2026, one reviewer per application, open review), as `POST /api/calls` takes it. */
export function flowCallBody(title: string) {
  return {
    programCode: 'jingpin',
    year: 2026,
    title,
    opensAt: '2026-03-01T00:00:00+08:00',
    closesAt: '2026-03-31T17:00:00+08:00',
    budgetFen: 100_000_000,
    reviewersPerApplication: 1,
    blindReview: false,
    regionRecusal: false,
    noticeWorkingDays: 5,
    aggregation: 'mean',
  };
}
