/*
 * The dossier through the pages (issue 13, items 7 and 8): the applicant downloads the dossier and the printable 申报书
 * from the application page; the 申报书's check address (the one its QR code carries, printed beside it) opens the
 * public check page without logging in, which shows the number and title; a wrong code shows "not verified". The
 * officer downloads the dossier from the application detail.
 */
import { readFileSync } from 'fs';
import { Page } from 'playwright-core';
import { logIn, startBrowserPortal, BrowserPortal, WAIT } from '../support/browser';
import { registerCompany } from '../support/portal';
import {
  createCall,
  PASSWORD,
  pdfText,
  ReviewedApp,
  setClock,
  setupStaff,
  Staff,
  submitApplication,
} from '../e2e/awards-fixtures';

jest.setTimeout(120_000);

async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download', WAIT), page.getByTestId(testId).click()]);
  const path = await d.path();
  return { name: d.suggestedFilename(), bytes: readFileSync(path!) };
}

describe('dossier through the pages', () => {
  let b: BrowserPortal;
  let staff: Staff;
  let app: ReviewedApp & { password: string };

  beforeAll(async () => {
    b = await startBrowserPortal();
    const p = b.portal;
    staff = await setupStaff(p, 'dsb');
    await setClock(p, staff.admin, '2026-03-02T10:00:00+08:00');
    const callId = await createCall(p, staff.officer, 'jingpin');
    const c = await registerCompany(p, 7201, { name: '浏览器档案公司' });
    app = { ...(await submitApplication(p, c, callId, 'jingpin', 1, '档案页面：星河之旅')), password: c.password };
  }, 120_000);

  afterAll(async () => {
    await b?.close();
  });

  let code: string;
  it('the applicant downloads the dossier and the printable 申报书 from the application page', async () => {
    const page = await logIn(b, app.company.email, app.password);
    await page.goto(`${b.baseUrl}/applications/${app.id}`);
    await page.getByTestId('dossier-download').waitFor(WAIT);
    const dossier = await download(page, 'dossier-download');
    expect(dossier.name).toBe(`dossier-${app.number}.pdf`);
    const text = await pdfText(dossier.bytes);
    expect(text).toContain(app.number);
    expect(text).toContain(app.title);
    const form = await download(page, 'application-form-download');
    expect(form.name).toBe(`application-${app.number}.pdf`);
    const formText = await pdfText(form.bytes);
    expect(formText).toContain(app.number);
    code = /核验码\s*([A-Z2-7]{10})/.exec(formText)![1];
    expect(code).toHaveLength(10);
  });

  it("the 申报书's check address opens the public check page, without logging in", async () => {
    const page = await b.newPage();
    await page.goto(`${b.baseUrl}/verify/${app.number}?c=${code}`);
    await page.getByTestId('verify-result').waitFor(WAIT);
    expect(await page.getByTestId('verify-title').textContent()).toBe(app.title);
    expect(await page.getByTestId('verify-number').textContent()).toBe(app.number);
    expect(await page.getByTestId('verify-status').textContent()).toBe('已提交');
    await page.goto(`${b.baseUrl}/verify/${app.number}?c=AAAAAAAAAA`);
    await page.getByTestId('verify-not-found').waitFor(WAIT);
    expect(await page.getByText(app.title).count()).toBe(0);
  });

  it('the officer downloads the dossier from the application detail', async () => {
    const page = await logIn(b, 'officer@dsb.test', PASSWORD);
    await page.goto(`${b.baseUrl}/officer/applications/${app.id}`);
    const dossier = await download(page, 'dossier-download');
    expect(dossier.name).toBe(`dossier-${app.number}.pdf`);
    const text = await pdfText(dossier.bytes);
    expect(text).toContain('管理副本');
    expect(text).toContain(app.title);
  });
});
