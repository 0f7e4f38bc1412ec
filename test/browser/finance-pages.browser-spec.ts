/*
 * Finance pages (issue 14): on the batch page finance user A — who prepared the batch, and sees so — exports the bank
 * file of the approved batch (the approval was finance user B's) and imports the bank's return file; the payments are
 * paid. An award revoked after payment is then marked recovered with the bank's reference on the payments page, and
 * the ledgers page shows the call's totals. The money is seeded (test/fake-bank/seed-awards) and the approval put in
 * place in SQL (no worker racing to pay it): the pages are the subject.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { tmpdir } from 'os';
import { writeFileSync } from 'fs';
import { logIn as logInWith, startBrowserPortal, BrowserPortal, WAIT } from '../support/browser';
import { auth } from '../support/portal';
import { seedAwards } from '../fake-bank/seed-awards';
import { PASSWORD, setupStaff, Staff } from '../e2e/awards-fixtures';

const TAG = 'fp';
const logIn = (b: BrowserPortal, email: string) => logInWith(b, email, PASSWORD);

describe('finance pages', () => {
  let b: BrowserPortal;
  let staff: Staff;
  let batchId: string;
  let seeded: { callId: string; awardIds: string[]; instalmentIds: string[] };

  beforeAll(async () => {
    b = await startBrowserPortal();
    const p = b.portal;
    staff = await setupStaff(p, TAG);
    seeded = await seedAwards(p.ds, { count: 2, tag: 'fpb', amountFen: 250_000 });
    const batch = await p
      .http()
      .post('/api/payment-batches')
      .set(auth(staff.financeA))
      .send({ callId: seeded.callId, instalmentNo: 1 });
    if (batch.status !== 201) throw new Error(`batch: ${batch.status} ${JSON.stringify(batch.body)}`);
    batchId = batch.body.id;
    // approved by finance B for the bank-file rail, not exported yet
    const [financeB] = await p.ds.query(`SELECT id FROM app_user WHERE email = $1`, [`finance-b@${TAG}.test`]);
    await p.ds.query(
      `UPDATE payment_batch SET status = 'approved', approved_by = $2, approved_at = now(), rail = 'bank-file' WHERE id = $1`,
      [batchId, financeB.id],
    );
    await p.ds.query(`UPDATE instalment SET status = 'approved' WHERE batch_id = $1`, [batchId]);
  }, 120_000);
  afterAll(async () => {
    await b?.close();
  });

  const statuses = async () =>
    (await b.portal.ds.query(`SELECT status FROM instalment WHERE batch_id = $1 ORDER BY id`, [batchId])).map(
      (r: { status: string }) => r.status,
    );

  it('exports the bank file and imports the return file from the batch page', async () => {
    const a = await logIn(b, `finance-a@${TAG}.test`);
    await a.getByTestId('menu-finance-batches').click();
    await a.getByTestId(`batch-open-${batchId}`).click();
    const detail = a.getByTestId('batch-detail');
    await detail.getByTestId('batch-prepared-by').getByText('本人').waitFor(WAIT);
    await detail.getByTestId('batch-approved-by').getByText('财务乙').waitFor(WAIT);

    const [download] = await Promise.all([a.waitForEvent('download'), detail.getByTestId('batch-export').click()]);
    const csv = readFileSync(await download.path()).toString('utf8');
    for (const id of seeded.instalmentIds) expect(csv).toContain(id);
    await detail.getByTestId('batch-exported-at').waitFor(WAIT);
    expect(await statuses()).toEqual(['sending', 'sending']);

    const file = join(tmpdir(), `return-${process.pid}.csv`);
    writeFileSync(
      file,
      `instalmentId,status,reference,reason\r\n${seeded.instalmentIds.map((id, i) => `${id},PAID,BK-FP-${i + 1},`).join('\r\n')}\r\nnot-an-id,PAID,X,\r\n`,
    );
    await detail.getByTestId('batch-return-file').setInputFiles(file);
    const result = detail.getByTestId('batch-return-result');
    await result.getByText('成功 2 笔').waitFor(WAIT);
    expect(await result.textContent()).toContain('忽略 1 行');
    expect(await statuses()).toEqual(['paid', 'paid']);
  });

  it('marks a recovery recovered with the bank reference, and the ledgers page shows the totals', async () => {
    const revoke = await b.portal
      .http()
      .post(`/api/awards/${seeded.awardIds[0]}/revoke`)
      .set(auth(staff.officer))
      .send({ reason: '撤销并追回' });
    expect(revoke.status).toBe(200);
    const [{ id }] = await b.portal.ds.query(`SELECT id FROM instalment WHERE award_id = $1`, [seeded.awardIds[0]]);

    const a = await logIn(b, `finance-a@${TAG}.test`);
    await a.getByTestId('menu-finance-payments').click();
    await a.getByTestId('payments-recovering').click();
    await a.getByTestId(`payment-recovered-${id}`).click();
    expect(await a.getByTestId('recovered-save').isDisabled()).toBe(true);
    await a.getByTestId('recovered-reference').fill('TK-FP-0001');
    await a.getByTestId('recovered-save').click();
    await a.getByText('已记为追回').waitFor(WAIT);
    const [row] = await b.portal.ds.query(`SELECT status FROM instalment WHERE id = $1`, [id]);
    expect(row.status).toBe('recovered');
    const [line] = await b.portal.ds.query(
      `SELECT detail FROM payment_ledger WHERE instalment_id = $1 AND kind = 'recovered'`,
      [id],
    );
    expect(line.detail.bankReference).toBe('TK-FP-0001');

    await a.getByTestId('menu-finance-ledgers').click();
    await a.getByTestId('ledgers-table').getByText('国家动漫精品工程').first().waitFor(WAIT);
    await a.goto(`${b.baseUrl}/finance/ledgers?callId=${seeded.callId}`);
    const totals = a.getByTestId('ledgers-totals');
    await a.getByTestId(`ledgers-row-${seeded.awardIds[0]}`).waitFor(WAIT);
    expect(await a.getByTestId('ledgers-total-paid').textContent()).toContain('5,000.00');
    expect(await a.getByTestId('ledgers-total-recovered').textContent()).toContain('2,500.00');
    expect(await a.getByTestId('ledgers-total-balance').textContent()).toContain('2,500.00');
    expect(await totals.count()).toBe(1);
  });
});
