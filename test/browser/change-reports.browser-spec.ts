/*
 * 认定 change reports through the pages (issue 13, item 5): the certified enterprise opens its certificate's page
 * (/my/awards/:id), reports a rename with the new business licence and sees it waiting with its deadline; the officer
 * finds it in the follow-up queues under 认定变更 and accepts it; the enterprise's page then shows it accepted and the
 * organization carries the new name. The certification itself is made through the API (awards-fixtures).
 */
import { Page } from 'playwright-core';
import { logIn, startBrowserPortal, BrowserPortal, WAIT } from '../support/browser';
import { auth } from '../support/portal';
import { certifyCall, PASSWORD, ReviewedApp, reviewedCall, setClock, setupStaff, Staff } from '../e2e/awards-fixtures';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const NEW_NAME = '页面更名动漫有限公司';

/** Types a `YYYY-MM-DD` date into a DatePicker (its test id is on the <input>) and confirms it. */
async function typeDate(page: Page, testId: string, day: string) {
  await page.getByTestId(testId).click();
  await page.getByTestId(testId).fill(day);
  await page.keyboard.press('Enter');
}

describe('认定 change reports through the pages', () => {
  let b: BrowserPortal;
  let staff: Staff;
  let app: ReviewedApp;
  let awardId: string;

  beforeAll(async () => {
    b = await startBrowserPortal();
    const p = b.portal;
    staff = await setupStaff(p, 'crb');
    await setClock(p, staff.admin, '2026-03-02T10:00:00+08:00');
    const { callId, apps } = await reviewedCall(p, staff, 'rending', 1, {
      firstCompany: 4801,
      call: { budgetFen: 0 },
    });
    app = apps[0];
    [{ id: awardId }] = await certifyCall(p, staff, callId, 1, '2026-03-10T09:00:00+08:00');
    await setClock(p, staff.admin, '2026-10-16T10:00:00+08:00');
  }, 240_000);

  afterAll(async () => {
    await b?.close();
  });

  it('the enterprise reports a rename with its licence; the officer accepts it from the queue', async () => {
    const company = await logIn(b, app.company.email, 'Company#Pass2026');
    await company.goto(`${b.baseUrl}/my/awards/${awardId}`);
    const panel = company.getByTestId('change-reports-panel');
    await panel.waitFor(WAIT);
    await panel.getByTestId('change-report-new').click();
    await typeDate(company, 'change-report-effective', '2026-09-24');
    await company.getByTestId('change-report-new-name').fill(NEW_NAME);
    await company.getByTestId('change-report-detail').fill('经市场监督管理局核准更名');
    await company.locator('.ant-modal input[type="file"]').setInputFiles({
      name: '营业执照.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await company.getByTestId('change-report-save').click();
    await panel.getByTestId('change-report-status-submitted').waitFor(WAIT);
    const row = panel.getByTestId('change-reports-table').locator('tbody tr').first();
    expect(await row.textContent()).toContain('2026-10-22'); // the deadline on the calendar, across National Day
    expect(await row.textContent()).toContain(NEW_NAME);

    const officer = await logIn(b, 'officer@crb.test', PASSWORD);
    await officer.goto(`${b.baseUrl}/officer/followup`);
    await officer.getByRole('tab', { name: '认定变更' }).click();
    const queue = officer.getByTestId('change-reports-table');
    await queue.getByText(NEW_NAME).waitFor(WAIT);
    await queue.locator('[data-testid^="change-report-accept-"]').first().click();
    await officer.getByTestId('change-report-note').fill('核准更名，换发证书');
    await officer.getByTestId('change-report-decide-save').click();
    await queue.getByText('暂无数据').or(queue.locator('.ant-empty')).first().waitFor(WAIT);

    await company.reload();
    await company.getByTestId('change-reports-panel').getByTestId('change-report-status-accepted').waitFor(WAIT);
    const org = await b.portal
      .http()
      .get(`/api/organizations/${app.company.organizationId}`)
      .set(auth(app.company.token));
    expect(org.body.name).toBe(NEW_NAME);
  });
});
