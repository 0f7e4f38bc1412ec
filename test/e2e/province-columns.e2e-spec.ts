/*
 * Issue 12, item 6 through the HTTP API: the province column and filter of the officer lists that lacked them. A 推广计划
 * call awards two 江苏 (32) companies and one 广西 (45) company (ranked 江苏, 广西, 江苏). The ranking's rows and the
 * decisions' items name each organization's province; GET /api/payments names it on every instalment and filters by
 * `?province=` (GB/T 2260 two digits, 400 otherwise) — for finance and the national officer across provinces, for a
 * provincial officer inside their own province only (the scope still applies: another province's filter is empty).
 */
import { auth, TestPortal, startPortal } from '../support/portal';
import { provincialOfficer, setupStaff, Staff, twoProvinceAwards, TwoProvinceAwards } from './awards-fixtures';

jest.setTimeout(60_000);

describe('the province column and filter on the ranking, decisions and instalments (API)', () => {
  let p: TestPortal;
  let staff: Staff;
  let js: string; // 江苏 officer
  let gx: string; // 广西 officer
  let seeded: TwoProvinceAwards;
  const http = () => p.http();
  const get = (token: string, path: string) => http().get(path).set(auth(token));
  const id = (i: number) => seeded.apps[i].id;

  beforeAll(async () => {
    p = await startPortal();
    staff = await setupStaff(p, 'pcol');
    js = await provincialOfficer(p, staff.admin, 'officer-js@pcol.test', '32');
    gx = await provincialOfficer(p, staff.admin, 'officer-gx@pcol.test', '45');
    seeded = await twoProvinceAwards(p, staff, 5401);
  }, 240_000);

  afterAll(async () => {
    await p?.close();
  });

  it('GET /api/calls/:callId/ranking: every row names its province; a province sees its own places in the national ranking', async () => {
    const all = await get(staff.officer, `/api/calls/${seeded.callId}/ranking`);
    expect(all.status).toBe(200);
    expect(all.body.map((r: any) => [r.applicationId, r.rank, r.province])).toEqual([
      [id(0), 1, '32'],
      [id(1), 2, '45'],
      [id(2), 3, '32'],
    ]);
    const mine = await get(js, `/api/calls/${seeded.callId}/ranking`);
    expect(mine.body.map((r: any) => [r.applicationId, r.rank, r.province])).toEqual([
      [id(0), 1, '32'],
      [id(2), 3, '32'],
    ]);
    expect((await get(gx, `/api/calls/${seeded.callId}/ranking`)).body.map((r: any) => [r.rank, r.province])).toEqual([
      [2, '45'],
    ]);
    // the CSV keeps API.md's columns
    const csv = await get(staff.officer, `/api/calls/${seeded.callId}/ranking.csv`);
    expect(csv.status).toBe(200);
    expect(csv.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(
      'applicationId,number,title,score,rawMean,reviews,spread,flagged,rank',
    );
  });

  it('GET /api/calls/:callId/decisions: every item names its province, with the amounts decided', async () => {
    const res = await get(staff.officer, `/api/calls/${seeded.callId}/decisions`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((d: any) => [d.applicationId, d.province, d.amountFen])).toEqual([
      [id(0), '32', 10_000_000],
      [id(1), '45', 8_000_000],
      [id(2), '32', 6_000_000],
    ]);
    expect(res.body.committedFen).toBe(24_000_000);
    const gxItems = (await get(gx, `/api/calls/${seeded.callId}/decisions`)).body.items;
    expect(gxItems.map((d: any) => [d.applicationId, d.province])).toEqual([[id(1), '45']]);
  });

  it('GET /api/payments?province=: finance and the national officer filter by province; every instalment names it', async () => {
    const list = (token: string, q = '') => get(token, `/api/payments?callId=${seeded.callId}&pageSize=100${q}`);
    for (const token of [staff.financeA, staff.officer]) {
      const all = await list(token);
      expect(all.status).toBe(200);
      expect(all.body.total).toBe(3);
      const byApp = new Map(all.body.items.map((i: any) => [i.applicationId, i.province]));
      expect(byApp).toEqual(new Map([...seeded.apps.map((a) => [a.id, a.province] as const)]));

      const js32 = await list(token, '&province=32');
      expect(js32.status).toBe(200);
      expect(js32.body.total).toBe(2);
      expect(new Set(js32.body.items.map((i: any) => i.applicationId))).toEqual(new Set([id(0), id(2)]));
      expect(js32.body.items.map((i: any) => i.province)).toEqual(['32', '32']);
      expect(js32.body.items.reduce((s: number, i: any) => s + i.amountFen, 0)).toBe(16_000_000);

      const gx45 = await list(token, '&province=45');
      expect(gx45.body.total).toBe(1);
      expect(gx45.body.items.map((i: any) => [i.applicationId, i.province, i.amountFen])).toEqual([
        [id(1), '45', 8_000_000],
      ]);

      const none = await list(token, '&province=44');
      expect(none.status).toBe(200);
      expect(none.body).toMatchObject({ total: 0, items: [] });
    }
    // paging counts the filtered rows
    const paged = await get(staff.financeA, `/api/payments?callId=${seeded.callId}&province=32&pageSize=1&page=2`);
    expect(paged.body.total).toBe(2);
    expect(paged.body.items).toHaveLength(1);
    // one instalment read on its own carries the province too
    const one = await get(staff.financeA, `/api/payments/${paged.body.items[0].id}`);
    expect(one.status).toBe(200);
    expect(one.body.province).toBe('32');
  });

  it('GET /api/payments?province=: a provincial officer filters inside their scope only', async () => {
    const own = await get(js, `/api/payments?callId=${seeded.callId}&province=32`);
    expect(own.status).toBe(200);
    expect(own.body.total).toBe(2);
    const other = await get(js, `/api/payments?callId=${seeded.callId}&province=45`);
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({ total: 0, items: [] });
    const gxOwn = await get(gx, `/api/payments?callId=${seeded.callId}&province=45`);
    expect(gxOwn.body.items.map((i: any) => [i.applicationId, i.province])).toEqual([[id(1), '45']]);
  });

  it('GET /api/payments?province= with anything but two digits: 400 naming the parameter', async () => {
    for (const bad of ['3', '320', 'js', '3a']) {
      const res = await get(staff.financeA, `/api/payments?province=${bad}`);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain('province');
    }
  });
});
