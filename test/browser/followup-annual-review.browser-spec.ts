/*
 * 年审 through the pages (issue 13, item 6): a certified enterprise opens its award page in June 2027, fills last
 * year's figures, uploads the audited statements, saves (the rules are checked again and shown) and files the review;
 * the officer passes it from the follow-up queue. The certification itself is set up through the API.
 */
import { chooseOption, logIn, startBrowserPortal, BrowserPortal, WAIT } from '../support/browser';
import { certifyCall, PASSWORD, ReviewedApp, reviewedCall, setClock, setupStaff, Staff } from '../e2e/awards-fixtures';

jest.setTimeout(180_000);

const PDF = {
  name: 'audit-2026.pdf',
  mimeType: 'application/pdf',
  buffer: Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'),
};

describe('the annual review through the pages', () => {
  let b: BrowserPortal;
  let staff: Staff;
  let app: ReviewedApp;
  let awardId: string;

  beforeAll(async () => {
    b = await startBrowserPortal();
    const p = b.portal;
    staff = await setupStaff(p, 'arb');
    await setClock(p, staff.admin, '2026-03-02T10:00:00+08:00');
    const { callId, apps } = await reviewedCall(p, staff, 'rending', 1, {
      firstCompany: 6401,
      call: { budgetFen: 0, annualReview: true },
    });
    app = apps[0];
    await setClock(p, staff.admin, '2026-04-13T10:00:00+08:00');
    [{ id: awardId }] = await certifyCall(p, staff, callId, 1, '2026-04-22T09:00:00+08:00');
    await setClock(p, staff.admin, '2027-06-10T10:00:00+08:00');
  }, 180_000);

  afterAll(async () => {
    await b?.close();
  });

  it('the enterprise fills and files its review on the award page; the officer passes it', async () => {
    const page = await logIn(b, app.company.email, 'Company#Pass2026');
    await page.goto(`${b.baseUrl}/my/awards/${awardId}`);
    const panel = page.getByTestId('annual-review-panel');
    await panel.waitFor(WAIT);
    expect(await panel.getByTestId('annual-review-window').textContent()).toContain('2027-05-01 至 2027-07-31');

    await page.getByTestId('ar-fiscalYear').fill('2026');
    await chooseOption(page, page.getByTestId('ar-businessTypes'), '动画创作制作');
    const money: [string, string][] = [
      ['ar-totalYuan', '1000000'],
      ['ar-animationMainYuan', '700000'],
      ['ar-selfDevelopedYuan', '500000'],
      ['ar-operatingYuan', '1000000'],
      ['ar-rdSpendingYuan', '100000'],
      ['ar-staffTotal', '50'],
      ['ar-staffQualified', '20'],
      ['ar-staffRd', '10'],
    ];
    for (const [id, value] of money) await page.getByTestId(id).fill(value);
    await page.getByTestId('ar-ip-number-0').fill('国作登字-2026-F-00000009');
    await page.getByTestId('ar-ip-date-0').click();
    await page.getByTestId('ar-ip-date-0').fill('2026-02-01');
    await page.keyboard.press('Enter');
    await page.getByTestId('ar-product-name-0').fill('山海小英雄第二季');
    await page.getByTestId('ar-product-category-0').fill('animation');
    await page.getByTestId('ar-declaration').check();

    // a wrong file first, removed on the page, then the audited statements
    const files = page.getByTestId('ar-kind-audit-report');
    await files.locator('input[type=file]').setInputFiles({ ...PDF, name: '错传的文件.pdf' });
    await files.getByText('错传的文件.pdf').waitFor(WAIT);
    const [wrong] = await b.portal.ds.query(
      `SELECT id FROM annual_review_attachment WHERE file_name = '错传的文件.pdf'`,
    );
    await page.getByTestId(`ar-remove-${wrong.id}`).click();
    await page.getByTestId(`ar-remove-confirm-${wrong.id}`).click();
    await files.getByText('错传的文件.pdf').waitFor({ ...WAIT, state: 'detached' });
    const [gone] = await b.portal.ds.query(
      `SELECT deleted_at IS NOT NULL AS removed FROM annual_review_attachment WHERE id = $1`,
      [wrong.id],
    );
    expect(gone.removed).toBe(true);
    await files.locator('input[type=file]').setInputFiles(PDF);
    await page.getByTestId('ar-file-audit-report').getByText('audit-2026.pdf').waitFor(WAIT);

    await page.getByTestId('annual-review-save').click();
    await page.getByTestId('rule-rending.rd-staff-share-passed').waitFor(WAIT);
    await page.getByTestId('rule-rending.recent-ip-passed').waitFor(WAIT);
    // every rule passes once the saved figures are checked (the list re-renders: wait until no failed one is left)
    await page
      .locator('[data-testid$="-failed"]')
      .first()
      .waitFor({ ...WAIT, state: 'detached' });
    expect(await page.locator('[data-testid$="-failed"]').count()).toBe(0);

    await page.getByTestId('annual-review-submit').click();
    await page.getByTestId('annual-review-status-submitted').first().waitFor(WAIT);
    const stored = await b.portal.ds.query(`SELECT status, payload FROM annual_review WHERE award_id = $1`, [awardId]);
    expect(stored[0].status).toBe('submitted');
    expect(stored[0].payload).toMatchObject({
      fiscalYear: 2026,
      income: { totalFen: 100_000_000 },
      staff: { total: 50, qualified: 20, rd: 10 },
      ipRights: [{ grantedOn: '2026-02-01' }],
    });

    const officer = await logIn(b, 'officer@arb.test', PASSWORD);
    await officer.goto(`${b.baseUrl}/officer/followup`);
    await officer.getByTestId('followup-tabs').getByText('年审', { exact: true }).click();
    const queue = officer.getByTestId('annual-reviews-queue');
    await queue.getByText(app.company.name).waitFor(WAIT);
    await queue.locator('.ant-table-row-expand-icon').first().click();
    await queue.getByTestId('annual-review-note').fill('指标达标，审计报告齐全');
    await queue.getByTestId('annual-review-pass').click();
    await officer.getByText('年审已通过').waitFor(WAIT);
    const after = await b.portal.ds.query(`SELECT status, note FROM annual_review WHERE award_id = $1`, [awardId]);
    expect(after[0]).toMatchObject({ status: 'passed', note: '指标达标，审计报告齐全' });
  });
});
