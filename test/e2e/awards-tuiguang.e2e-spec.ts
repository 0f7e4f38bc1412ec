import { verifyAuditChain } from '@portal/platform';
/*
 * 原创动漫推广计划 from registration to `paid`, through the HTTP API with PAYMENT_RAIL=bank-file: the single instalment
 * is due only once the proof of spending is accepted; an approved batch leaves as a CSV payment file for online
 * banking, and the bank's return file marks each line paid or failed; a failed line is retried and paid.
 */
import { parseCsv } from '@portal/payments';
import { auth, startPortal, TestPortal } from '../support/portal';
import {
  binary,
  pdfText,
  ReviewedApp,
  reviewedCall,
  setClock,
  setupStaff,
  Staff,
  waitForMail,
} from './awards-fixtures';

jest.setTimeout(60_000);

describe('tuiguang: proof of spending and the bank batch file (API)', () => {
  let p: TestPortal;
  let staff: Staff;
  let callId: string;
  let apps: ReviewedApp[];
  let awardOf: Record<string, string> = {};
  const http = () => p.http();

  const returnFile = (lines: string[]) =>
    Buffer.from(`instalmentId,status,reference,reason\r\n${lines.join('\r\n')}\r\n`, 'utf8');
  const upload = (batchId: string, body: Buffer) =>
    http()
      .post(`/api/payment-batches/${batchId}/bank-return`)
      .set(auth(staff.financeA))
      .attach('file', body, { filename: 'return.csv', contentType: 'text/csv' });
  const instalmentOf = async (appIndex: number) =>
    (await http().get(`/api/payments?awardId=${awardOf[apps[appIndex].id]}`).set(auth(staff.financeA))).body.items[0];

  beforeAll(async () => {
    p = await startPortal({ env: { PAYMENT_RAIL: 'bank-file' } });
    staff = await setupStaff(p, 'tg');
    await setClock(p, staff.admin, '2026-03-02T10:00:00+08:00');
    ({ callId, apps } = await reviewedCall(p, staff, 'tuiguang', 2, {
      firstCompany: 6101,
      call: { budgetFen: 30_000_000, requestSharePercent: 50 },
    }));
    await setClock(p, staff.admin, '2026-04-01T10:00:00+08:00');
  }, 180_000);

  afterAll(async () => {
    await p?.close();
  });

  it('runs decisions, notice and finalize; the single instalment waits for the proof of spending', async () => {
    await http()
      .put(`/api/calls/${callId}/decisions/${apps[0].id}`)
      .set(auth(staff.officer))
      .send({ outcome: 'award', amountFen: 15_000_000, note: '展会推广' })
      .expect(200);
    await http()
      .put(`/api/calls/${callId}/decisions/${apps[1].id}`)
      .set(auth(staff.officer))
      .send({ outcome: 'award', amountFen: 10_000_001, note: '展会推广' })
      .expect(200);
    await http().post(`/api/calls/${callId}/notices`).set(auth(staff.officer)).send({}).expect(201);
    await setClock(p, staff.admin, '2026-04-10T09:00:00+08:00');
    const fin = await http().post(`/api/calls/${callId}/finalize`).set(auth(staff.officer)).send({});
    expect(fin.status).toBe(200);
    awardOf = Object.fromEntries(fin.body.awards.map((a: any) => [a.applicationId, a.id]));
    const i0 = await instalmentOf(0);
    expect(i0).toMatchObject({
      instalmentNo: 1,
      percent: 100,
      amountFen: 15_000_000,
      milestone: 'spending-proof',
      dueOn: null,
      status: 'planned',
    });
    const nothing = await http()
      .post('/api/payment-batches')
      .set(auth(staff.financeA))
      .send({ callId, instalmentNo: 1 });
    expect(nothing.status).toBe(422);
    const pdf = await http()
      .get(`/api/awards/${awardOf[apps[0].id]}/certificate.pdf`)
      .set(auth(apps[0].company.token))
      .buffer(true)
      .parse(binary);
    const text = await pdfText(pdf.body);
    expect(text).toContain(apps[0].company.name);
    expect(text).toContain('凭支出凭证拨付');
  });

  it('exports an approved batch as a payment file and reads the bank’s return file', async () => {
    await http()
      .post(`/api/awards/${awardOf[apps[0].id]}/milestones/1/accept`)
      .set(auth(staff.officer))
      .send({ note: '支出凭证已审核' })
      .expect(200);
    const batch = await http().post('/api/payment-batches').set(auth(staff.financeA)).send({ callId, instalmentNo: 1 });
    expect(batch.body).toMatchObject({ count: 1, totalFen: 15_000_000 });
    expect((await http().get(`/api/payment-batches/${batch.body.id}/bank-file`).set(auth(staff.financeA))).status).toBe(
      409,
    ); // not approved yet
    await http().post(`/api/payment-batches/${batch.body.id}/approve`).set(auth(staff.financeB)).expect(200);
    await new Promise((r) => setTimeout(r, 500));
    const i0 = await instalmentOf(0);
    expect(i0.status).toBe('approved'); // nothing leaves one by one on the bank-file rail

    const file = await http().get(`/api/payment-batches/${batch.body.id}/bank-file`).set(auth(staff.financeA));
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toMatch(/text\/csv/);
    const rows = parseCsv(file.text);
    expect(rows[0]).toEqual([
      'instalmentId',
      'batchId',
      'payeeName',
      'payeeCreditCode',
      'amountFen',
      'amountYuan',
      'memo',
    ]);
    expect(rows.slice(1)).toEqual([
      [
        i0.id,
        batch.body.id,
        apps[0].company.name,
        apps[0].company.creditCode,
        '15000000',
        '150000.00',
        `${apps[0].number} 第1期`,
      ],
    ]);
    expect((await instalmentOf(0)).status).toBe('sending');
    expect(
      parseCsv((await http().get(`/api/payment-batches/${batch.body.id}/bank-file`).set(auth(staff.financeA))).text),
    ).toHaveLength(2); // re-download

    const ret = await upload(
      batch.body.id,
      returnFile([`${i0.id},PAID,BK20260410001,`, '00000000-0000-4000-8000-000000000000,PAID,,', 'garbage line']),
    );
    expect(ret.status).toBe(200);
    expect(ret.body).toMatchObject({ paid: 1, failed: 0 });
    expect(ret.body.ignored.map((x: any) => x.line)).toEqual([3, 4]);
    expect(await instalmentOf(0)).toMatchObject({ status: 'paid', railReference: 'BK20260410001' });
    const again = await upload(batch.body.id, returnFile([`${i0.id},PAID,BK20260410001,`]));
    expect(again.body).toMatchObject({ paid: 0, ignored: [{ line: 2, message: expect.stringMatching(/paid/) }] });
    await waitForMail(p, apps[0].company.email, /已拨付/);
    expect((await http().get(`/api/payment-batches/${batch.body.id}`).set(auth(staff.financeA))).body.status).toBe(
      'completed',
    );
  });

  it('a line the bank returns as failed waits for a person; retried, it leaves with the next file and is paid', async () => {
    await http()
      .post(`/api/awards/${awardOf[apps[1].id]}/milestones/1/accept`)
      .set(auth(staff.officer))
      .send({ note: '支出凭证已审核' })
      .expect(200);
    const batch = await http().post('/api/payment-batches').set(auth(staff.financeB)).send({ callId, instalmentNo: 1 });
    expect(batch.body).toMatchObject({ count: 1, totalFen: 10_000_001 });
    await http().post(`/api/payment-batches/${batch.body.id}/approve`).set(auth(staff.financeA)).expect(200);
    await http().get(`/api/payment-batches/${batch.body.id}/bank-file`).set(auth(staff.financeA)).expect(200);
    const i1 = await instalmentOf(1);
    const ret = await upload(batch.body.id, returnFile([`${i1.id},失败,,账户已销户`]));
    // a call created without paymentDualControl: the return is applied at once (API.md)
    expect(ret.body).toMatchObject({ paid: 0, failed: 1, pendingFailed: 0, proposalId: null });
    expect(await instalmentOf(1)).toMatchObject({ status: 'failed', failure: '账户已销户' });
    await waitForMail(p, apps[1].company.email, /拨付未成功/);

    await http().post(`/api/payments/${i1.id}/retry`).set(auth(staff.financeB)).expect(200);
    const file = await http().get(`/api/payment-batches/${batch.body.id}/bank-file`).set(auth(staff.financeA));
    expect(
      parseCsv(file.text)
        .slice(1)
        .map((r) => [r[0], r[5]]),
    ).toEqual([[i1.id, '100000.01']]);
    expect((await upload(batch.body.id, returnFile([`${i1.id},PAID,BK20260410002,`]))).body.paid).toBe(1);
    const ledger = await http().get(`/api/awards/${awardOf[apps[1].id]}/ledger`).set(auth(apps[1].company.token));
    expect(ledger.body).toMatchObject({ paidFen: 10_000_001, balanceFen: 10_000_001 });
    expect(ledger.body.entries.map((e: any) => e.kind)).toEqual(['paid']);
  });

  it("writes the instalment transitions' audit events in the chain, which verifies", async () => {
    const rows = await p.ds.query(
      `SELECT action, entity_type FROM audit_event WHERE action = ANY($1::text[]) ORDER BY seq`,
      [['instalment.milestone-accepted', 'instalment.retried']],
    );
    for (const action of ['instalment.milestone-accepted', 'instalment.retried'])
      expect(rows.map((r: any) => r.action)).toContain(action);
    for (const r of rows) expect(r.entity_type).toBe('instalment');
    expect(await verifyAuditChain(p.ds)).toMatchObject({ ok: true });
  });
});
