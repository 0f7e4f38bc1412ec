import { seedDemo } from '../../seeds/demo';
import { auth, startPortal, TestPortal } from '../support/portal';

describe('demo seed: open calls and a draft', () => {
  let p: TestPortal;
  beforeAll(async () => {
    p = await startPortal({ worker: false });
  });
  afterAll(async () => {
    await p.close();
  });

  it('opens one 2026 call per program and gives 星火动画 a rending/enterprise draft, once', async () => {
    expect(await seedDemo(p.databaseUrl)).toBe(true);
    expect(await seedDemo(p.databaseUrl)).toBe(false);
    const open = await p.http().get('/api/calls?status=open&pageSize=100');
    // the four programs', and issue 15's: 推优's year and quarter, the 一带一路 list, 动漫奖
    expect(open.body.items.map((c: any) => c.programCode).sort()).toEqual([
      'dongmanjiang',
      'jingpin',
      'rending',
      'tuiguang',
      'tuiyou',
      'tuiyou',
      'ydyl',
      'yuandongli',
    ]);
    expect(open.body.items.every((c: any) => c.year === 2026)).toBe(true);
    // the demo calls show the real setting: retries and bank returns need a second finance user
    expect(open.body.items.every((c: { paymentDualControl: boolean }) => c.paymentDualControl)).toBe(true);
    const token = await p.login('xinghuo@demo.portal', 'Demo@2026portal');
    const mine = await p.http().get('/api/applications').set(auth(token));
    expect(mine.body.items).toEqual([
      expect.objectContaining({ programCode: 'rending', track: 'enterprise', status: 'draft' }),
    ]);
    const report = await p.http().get(`/api/applications/${mine.body.items[0].id}/eligibility`).set(auth(token));
    const failing = report.body.checks.filter((c: any) => !c.passed).map((c: any) => c.rule);
    expect(failing.sort()).toEqual(['common.declaration', 'common.required-attachments']); // the figures pass; sign and attach
  });
});
