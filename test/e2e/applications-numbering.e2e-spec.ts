import { auth, startPortal, TestPortal } from '../support/portal';
import { draft, fakeAttachments, makeOfficer, openCall, seedApplicants } from './applications-fixtures';

jest.setTimeout(120_000);

describe('submission numbers under a rush', () => {
  let p: TestPortal;

  beforeAll(async () => {
    p = await startPortal({ worker: false });
    await new Promise<void>((ok) => p.app.getHttpServer().listen(0, '127.0.0.1', () => ok())); // one server for concurrent requests
  });
  afterAll(async () => {
    await p.close();
  });

  it('gives 200 concurrent submits distinct, gapless numbers RD-2026-000001 … 000200', async () => {
    const officer = await makeOfficer(p);
    const call = await openCall(p, officer, 'rending');
    const applicants = await seedApplicants(p, 200);
    const apps = [];
    for (const a of applicants) {
      const d = await draft(p, a.token, call.id);
      await fakeAttachments(p, d.id, a.userId);
      apps.push({ ...a, id: d.id });
    }
    const results = await Promise.all(
      apps.map((a) => p.http().post(`/api/applications/${a.id}/submit`).set(auth(a.token))),
    );
    expect(results.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    const numbers = results.map((r) => r.body.number as string).sort();
    expect(numbers).toEqual(Array.from({ length: 200 }, (_, i) => `RD-2026-${String(i + 1).padStart(6, '0')}`));
    const [{ last }] = await p.ds.query(`SELECT last FROM submission_counter WHERE prefix = 'RD' AND year = 2026`);
    expect(last).toBe(200);

    // a different program keeps its own sequence
    const jp = await openCall(p, officer, 'jingpin');
    const [{ n }] = await p.ds.query(`SELECT count(*)::int AS n FROM application WHERE call_id = $1`, [jp.id]);
    expect(n).toBe(0);
  });
});
