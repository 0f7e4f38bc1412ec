/*
 * Issue 15, the 一带一路 list (`ydyl`), one module whose outcome is a list without money: two key enterprises
 * reviewed, listed through the decisions, the 公示 and finalize, published in the public award list without an amount
 * or a certificate number, and each company's 入选通知书 saying it is on the list — no money, no instalment plan.
 */
import { auth, startPortal, TestPortal } from '../support/portal';
import { binary, certifyCall, pdfText, reviewedCall, setClock, setupStaff, Staff } from './awards-fixtures';

jest.setTimeout(120_000);

describe('一带一路 list: a year to the published list (API)', () => {
  let p: TestPortal;
  let staff: Staff;

  beforeAll(async () => {
    p = await startPortal();
    staff = await setupStaff(p, 'yl');
    await setClock(p, staff.admin, '2026-03-02T10:00:00+08:00');
  }, 60_000);
  afterAll(async () => {
    await p?.close();
  });

  it('two enterprises listed: no money, no certificate number, in the public list, a notice of listing each', async () => {
    const { callId, apps } = await reviewedCall(p, staff, 'ydyl', 2, { firstCompany: 8301, call: { budgetFen: 0 } });
    // a list carries no money: a tier with an amount is refused
    const withMoney = await p
      .http()
      .post(`/api/calls/${callId}/decisions/fill-by-ranking`)
      .set(auth(staff.officer))
      .send({ tiers: [{ tier: '“一带一路”国际合作重点企业', amountFen: 100, count: 2 }] });
    expect(withMoney.status).toBe(422);
    expect(JSON.stringify(withMoney.body)).toContain('carries no money');
    const awards = await certifyCall(p, staff, callId, 2, '2026-03-10T09:00:00+08:00', '“一带一路”国际合作重点企业');
    expect(awards).toHaveLength(2);
    expect(awards.map((a) => a.certificateNo)).toEqual([null, null]);

    const list = await p.http().get('/api/public/awards?program=ydyl&year=2026');
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: any) => [a.title, a.tier, a.amountFen])).toEqual(
      expect.arrayContaining([
        ['ydyl项目1', '“一带一路”国际合作重点企业', 0],
        ['ydyl项目2', '“一带一路”国际合作重点企业', 0],
      ]),
    );

    // and on the public lists page's endpoint, as a list of its own
    const lists = await p.http().get('/api/public/lists?program=ydyl');
    expect(lists.status).toBe(200);
    expect(lists.body.items).toHaveLength(1);
    expect(lists.body.items[0]).toMatchObject({ callId, program: 'ydyl', year: 2026 });
    expect(lists.body.items[0].entries.map((e: any) => [e.title, e.listTitle])).toEqual([
      ['ydyl项目1', '“一带一路”国际合作重点企业'],
      ['ydyl项目2', '“一带一路”国际合作重点企业'],
    ]);

    const mine = awards.find((a) => a.applicationId === apps[0].id)!;
    const pdf = await p
      .http()
      .get(`/api/awards/${mine.id}/certificate.pdf`)
      .set(auth(apps[0].company.token))
      .buffer(true)
      .parse(binary);
    expect(pdf.status).toBe(200);
    const text = (await pdfText(pdf.body as Buffer)).replace(/\s+/g, '');
    expect(text).toContain('入选通知书');
    expect(text).toContain('名单');
    expect(text).not.toContain('支持资金');
    expect(text).not.toContain('分期拨付');
    // no instalment was planned for a listing
    const [{ n }] = await p.ds.query(
      `SELECT count(*)::int AS n FROM instalment i JOIN award a ON a.id = i.award_id WHERE a.call_id = $1`,
      [callId],
    );
    expect(n).toBe(0);
  });
});
