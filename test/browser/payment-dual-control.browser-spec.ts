/*
 * Dual control of payments through the pages (issue 11, point 13, on a call with `paymentDualControl`): a bank return
 * imported by finance user A marks a line failed; the batch page shows the proposal waiting, A's own approve button is
 * disabled with the reason, finance user B applies it. A proposes the retry of the failed instalment on the payments
 * page (it stays failed, A cannot approve it), B finds it under "待批准重试" and approves it: the payment goes again.
 * The money is seeded (test/fake-bank/seed-awards) and the batch put on its way in SQL: the pages are the subject.
 */
import { Page } from 'playwright-core';
import { logIn as logInWith, startBrowserPortal, BrowserPortal, WAIT } from '../support/browser';
import { auth } from '../support/portal';
import { seedAwards } from '../fake-bank/seed-awards';
import { PASSWORD, setupStaff, Staff } from '../e2e/awards-fixtures';

const TAG = 'dc';
const logIn = (b: BrowserPortal, email: string) => logInWith(b, email, PASSWORD);

describe('dual control of payments through the pages', () => {
  let b: BrowserPortal;
  let staff: Staff;
  let batchId: string;
  let bad: string;

  beforeAll(async () => {
    b = await startBrowserPortal();
    const p = b.portal;
    staff = await setupStaff(p, TAG);
    const seeded = await seedAwards(p.ds, { count: 2, tag: 'dcb', amountFen: 500_000, dualControl: true });
    [bad] = seeded.instalmentIds;
    const batch = await p
      .http()
      .post('/api/payment-batches')
      .set(auth(staff.financeA))
      .send({ callId: seeded.callId, instalmentNo: 1 });
    if (batch.status !== 201) throw new Error(`batch: ${batch.status} ${JSON.stringify(batch.body)}`);
    batchId = batch.body.id;
    // approved and exported to the bank (bank-file rail), without a worker racing to pay it
    const [financeB] = await p.ds.query(`SELECT id FROM app_user WHERE email = $1`, [`finance-b@${TAG}.test`]);
    await p.ds.query(
      `UPDATE payment_batch SET status = 'approved', approved_by = $2, approved_at = now(), rail = 'bank-file', exported_at = now() WHERE id = $1`,
      [batchId, financeB.id],
    );
    await p.ds.query(
      `UPDATE instalment SET status = 'sending', rail = 'bank-file', attempts = 1, sending_since = now() WHERE batch_id = $1`,
      [batchId],
    );
    const ret = await p
      .http()
      .post(`/api/payment-batches/${batchId}/bank-return`)
      .set(auth(staff.financeA))
      .attach('file', Buffer.from(`instalmentId,status,reference,reason\r\n${bad},FAILED,,账户已冻结\r\n`), {
        filename: 'return.csv',
        contentType: 'text/csv',
      });
    if (ret.status !== 200 || ret.body.pendingFailed !== 1)
      throw new Error(`return: ${ret.status} ${JSON.stringify(ret.body)}`);
  }, 120_000);
  afterAll(async () => {
    await b?.close();
  });

  const instalmentStatus = async () =>
    (await b.portal.ds.query(`SELECT status FROM instalment WHERE id = $1`, [bad]))[0].status as string;

  async function openBatch(page: Page) {
    await page.goto(`${b.baseUrl}/finance/batches?id=${batchId}`);
    const detail = page.getByTestId('batch-detail');
    await detail.getByTestId('batch-return-proposals').waitFor(WAIT);
    return detail;
  }

  it("a return's failed lines: the importer cannot apply them, a second finance user does", async () => {
    const a = await logIn(b, `finance-a@${TAG}.test`);
    const detailA = await openBatch(a);
    await detailA.getByTestId('batch-dual-control').getByText('开启', { exact: false }).waitFor(WAIT);
    await a.getByTestId(`batch-pending-returns-${batchId}`).waitFor(WAIT);
    const mine = detailA.locator('[data-testid^="return-approve-"]');
    expect(await mine.isDisabled()).toBe(true);
    expect(await mine.textContent()).toContain('须由他人复核');
    expect(await instalmentStatus()).toBe('sending');

    const bPage = await logIn(b, `finance-b@${TAG}.test`);
    const detailB = await openBatch(bPage);
    const approve = detailB.locator('[data-testid^="return-approve-"]');
    expect(await approve.isEnabled()).toBe(true);
    await approve.click();
    await bPage.getByTestId('return-approve-confirm').click();
    await detailB.getByTestId('return-proposal-status').getByText('已复核').waitFor(WAIT);
    expect(await instalmentStatus()).toBe('failed');
  });

  it('a retry: proposed by one finance user on the payments page, approved by another', async () => {
    const a = await logIn(b, `finance-a@${TAG}.test`);
    await a.goto(`${b.baseUrl}/finance/payments?status=failed`);
    await a.getByTestId(`payment-retry-${bad}`).click();
    await a.getByText('已提出重试，待另一名财务人员批准').waitFor(WAIT);
    const own = a.getByTestId(`payment-retry-approve-${bad}`);
    await own.waitFor(WAIT);
    expect(await own.isDisabled()).toBe(true);
    expect(await instalmentStatus()).toBe('failed');

    const bPage = await logIn(b, `finance-b@${TAG}.test`);
    await bPage.goto(`${b.baseUrl}/finance/payments`);
    await bPage.getByTestId('payments-retry-proposed').click();
    // only what waits for a checker is listed: the other (sending) instalment of the batch leaves the table
    const rows = bPage.getByTestId('payments-table').locator('tbody tr.ant-table-row');
    await rows.nth(1).waitFor({ state: 'detached', ...WAIT });
    const approve = bPage.getByTestId(`payment-retry-approve-${bad}`);
    await approve.waitFor(WAIT);
    expect(await rows.count()).toBe(1);
    expect(await approve.isEnabled()).toBe(true);
    await approve.click();
    await bPage.getByText('已批准重试，重新发送').waitFor(WAIT);
    expect(await instalmentStatus()).not.toBe('failed');
  });
});
