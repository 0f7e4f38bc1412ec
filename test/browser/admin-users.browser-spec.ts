/*
 * An administrator creates a finance officer on the create-user page; the same e-mail a second time is refused
 * with the server's message on the page, and the new account can log in.
 */
import { BrowserPortal, logIn, startBrowserPortal, WAIT } from '../support/browser';
import { ADMIN } from '../support/portal';

describe('creating staff accounts through the pages', () => {
  let b: BrowserPortal;

  beforeAll(async () => {
    b = await startBrowserPortal();
  });
  afterAll(async () => {
    await b?.close();
  });

  it('creates a finance officer, refuses the same e-mail again, and the account logs in', async () => {
    const admin = await logIn(b, ADMIN.email, ADMIN.password);
    await admin.goto(`${b.baseUrl}/admin/users/new`);
    const fill = async () => {
      await admin.getByTestId('user-name').fill('钱会计');
      await admin.getByTestId('user-email').fill('qian@finance.test');
      await admin.getByTestId('user-password').fill('Finance#Pass2026');
      await admin.getByTestId('user-role-expert').click(); // the default role, not wanted here
      await admin.getByTestId('user-role-finance').click();
    };
    await fill();
    await admin.getByTestId('user-submit').click();
    await admin.getByTestId('user-created').getByText('qian@finance.test').waitFor(WAIT);
    expect(await admin.getByTestId('user-name').inputValue()).toBe(''); // the form is cleared for the next one

    await fill();
    await admin.getByTestId('user-submit').click();
    await admin.getByText('该邮箱已注册').first().waitFor(WAIT);
    expect(await admin.getByTestId('user-created').count()).toBe(0);

    const finance = await logIn(b, 'qian@finance.test', 'Finance#Pass2026');
    await finance.getByTestId('menu-finance-payments').waitFor(WAIT);
  });
});
