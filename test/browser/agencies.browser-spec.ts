/*
 * Issue 12: an administrator manages agencies on the 主管部门 page (edits a provincial department, the table shows
 * the change) and puts a new officer in the 江苏 department on the create-user page.
 */
import { BrowserPortal, logIn, startBrowserPortal, WAIT } from '../support/browser';
import { ADMIN } from '../support/portal';

describe('agencies through the pages', () => {
  let b: BrowserPortal;

  beforeAll(async () => {
    b = await startBrowserPortal();
  });
  afterAll(async () => {
    await b?.close();
  });

  it('edits a provincial department and creates an officer of 江苏', async () => {
    const admin = await logIn(b, ADMIN.email, ADMIN.password);
    await admin.getByTestId('menu-admin-agencies').click();
    const table = admin.getByTestId('agencies-table');
    await table.getByText('江苏省文化和旅游厅').waitFor(WAIT);
    await admin.getByTestId('agency-level-filter').getByText('省级').click();
    await admin.getByTestId('agency-edit-prov-45').click();
    await admin.getByTestId('agency-name-en').fill('Guangxi Department of Culture and Tourism (edited)');
    await admin.getByTestId('agency-save').click();
    await admin.getByTestId('agency-form').waitFor({ ...WAIT, state: 'detached' });
    const [row] = await b.portal.ds.query(`SELECT name_en, version FROM agency WHERE code = 'prov-45'`);
    expect(row).toEqual({ name_en: 'Guangxi Department of Culture and Tourism (edited)', version: 2 });

    await admin.getByTestId('menu-admin-users').click();
    await admin.getByTestId('user-name').fill('江苏审核员');
    await admin.getByTestId('user-email').fill('js@officer.test');
    await admin.getByTestId('user-password').fill('Officer#Pass2026');
    await admin.getByTestId('user-role-expert').click(); // the default role, not wanted here
    await admin.getByTestId('user-role-officer').click();
    await admin.getByTestId('user-agency').click();
    await admin.keyboard.type('prov-32');
    await admin.keyboard.press('Enter');
    await admin.getByTestId('user-submit').click();
    await admin.getByTestId('user-created').getByText('js@officer.test').waitFor(WAIT);
    const [u] = await b.portal.ds.query(
      `SELECT a.code FROM app_user u JOIN agency a ON a.id = u.agency_id WHERE u.email = 'js@officer.test'`,
    );
    expect(u.code).toBe('prov-32');
  });
});
