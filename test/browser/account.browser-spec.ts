/*
 * Issue 14 through the pages: forgot password → the mailed link (mail sink) → a new password → log in with it; the
 * account page (profile, sessions); the company page invites a colleague, who appears under the invitations.
 */
import { startBrowserPortal, BrowserPortal, logIn, WAIT } from '../support/browser';
import { decode } from '../support/mail-sink';
import { registerCompany } from '../support/portal';
import { mailText } from '../e2e/awards-fixtures';

describe('account and company pages', () => {
  let b: BrowserPortal;
  let company: Awaited<ReturnType<typeof registerCompany>>;
  beforeAll(async () => {
    b = await startBrowserPortal();
    company = await registerCompany(b.portal, 951);
    const mail = await b.portal.mail.waitFor(company.email, /verify-email\?token=/);
    const token = /verify-email\?token=([\w-]+)/.exec(decode(mail.raw))![1];
    const res = await b.portal.http().post('/api/auth/verify-email').send({ token });
    if (res.status !== 204) throw new Error(`verify: ${res.status}`);
  }, 120_000);
  afterAll(async () => {
    await b?.close();
  });

  it('forgot password: the link from the login page, the mailed link, the new password logs in', async () => {
    const page = await b.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${b.baseUrl}/login`);
    await page.getByTestId('link-forgot-password').click();
    await page.getByTestId('forgot-email').fill(company.email);
    await page.getByTestId('forgot-submit').click();
    await page.getByTestId('forgot-sent').waitFor(WAIT);

    const mail = await b.portal.mail.waitFor(company.email, /reset-password/);
    const link = /(https?:\/\/\S+\/reset-password\?token=[\w-]+)/.exec(mailText(mail.raw))![1];
    const url = new URL(link);
    await page.goto(`${b.baseUrl}${url.pathname}${url.search}`);
    // two different passwords: the form says so before anything is sent
    await page.getByTestId('reset-password').fill('Renewed#Pass2027');
    await page.getByTestId('reset-confirm').fill('Renewed#Pass2028');
    await page.getByTestId('reset-submit').click();
    await page.getByText(/两次输入不一致/).waitFor(WAIT);
    await page.getByTestId('reset-confirm').fill('Renewed#Pass2027');
    await page.getByTestId('reset-submit').click();
    await page.getByTestId('reset-done').waitFor(WAIT);

    // the link is spent: a second use shows the error
    const again = await b.newPage();
    await again.goto(`${b.baseUrl}${url.pathname}${url.search}`);
    await again.getByTestId('reset-password').fill('Another#Pass2027');
    await again.getByTestId('reset-confirm').fill('Another#Pass2027');
    await again.getByTestId('reset-submit').click();
    await again
      .getByText(/无效|已使用|已过期/)
      .first()
      .waitFor(WAIT);

    await page.getByTestId('reset-login').click();
    await page.getByTestId('login-email').fill(company.email);
    await page.getByTestId('login-password').fill('Renewed#Pass2027');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('home').waitFor(WAIT);
    company.password = 'Renewed#Pass2027';
  });

  it('the account page shows the profile and this session; the company page invites a colleague', async () => {
    const page = await logIn(b, company.email, company.password);
    await page.getByTestId('user-menu').click();
    await page.getByTestId('menu-account').click();
    await page.getByTestId('profile-email').waitFor(WAIT);
    expect(await page.getByTestId('profile-email').innerText()).toBe(company.email);
    const sessions = page.getByTestId('sessions-table');
    await sessions.getByText('本设备').waitFor(WAIT);
    await page.getByTestId('profile-name').fill('林新名');
    await page.getByTestId('profile-save').click();
    await page.getByText('个人资料已保存').waitFor(WAIT);
    const [row] = await b.portal.ds.query(`SELECT name FROM app_user WHERE id = $1`, [company.userId]);
    expect(row.name).toBe('林新名');

    await page.getByTestId('menu-company').click();
    await page.getByTestId('company-credit-code').waitFor(WAIT);
    expect(await page.getByTestId('company-credit-code').innerText()).toBe(company.creditCode);
    expect(await page.getByTestId('company-province').innerText()).toContain('北京');
    await page.getByTestId('members-table').getByTestId('member-owner').waitFor(WAIT);
    await page.getByTestId('invite-email').fill('colleague-951@test.portal');
    await page.getByTestId('invite-submit').click();
    const invitations = page.getByTestId('invitations-table');
    await invitations.getByText('colleague-951@test.portal').waitFor(WAIT);
    await invitations.getByTestId('invitation-status-pending').waitFor(WAIT);
    await b.portal.mail.waitFor('colleague-951@test.portal', /accept-invitation\?token=/);
  });
});
