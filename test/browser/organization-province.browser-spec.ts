/*
 * Issue 12 item 3 through the page: an administrator finds a 江苏 company on 申报单位 (/admin/organizations) by a part
 * of its name, sees the province its credit code names, corrects it to 广西 with a reason, and sees the correction in
 * the organization's history; the list marks it corrected. The organization row, the history row and the audit event
 * are checked in the database.
 */
import { BrowserPortal, logIn, startBrowserPortal, WAIT } from '../support/browser';
import { ADMIN, registerCompany } from '../support/portal';

const REASON = '企业已迁至南宁市，注册地变更';

describe("an organization's province through the admin page", () => {
  let b: BrowserPortal;
  let company: Awaited<ReturnType<typeof registerCompany>>;

  beforeAll(async () => {
    b = await startBrowserPortal();
    company = await registerCompany(b.portal, 7301, { region: '320102', name: '苏州飞鱼动画有限公司' });
    await registerCompany(b.portal, 7302, { region: '450102', name: '南宁铜鼓动画有限公司' });
  }, 120_000);
  afterAll(async () => {
    await b?.close();
  });

  it('an admin finds a 江苏 company, corrects it to 广西 with a reason and sees the history line', async () => {
    const page = await logIn(b, ADMIN.email, ADMIN.password);
    await page.getByTestId('menu-admin-organizations').click();
    const table = page.getByTestId('organizations-table');
    await table.getByText('南宁铜鼓动画有限公司').waitFor(WAIT);

    await page.getByTestId('organization-search').locator('input').fill('飞鱼');
    await page.getByTestId('organization-search').locator('input').press('Enter');
    await table.getByText('南宁铜鼓动画有限公司').waitFor({ ...WAIT, state: 'detached' });
    const row = table.locator(`tr[data-row-key="${company.organizationId}"]`);
    await row.waitFor(WAIT);
    expect(await table.locator('tbody tr.ant-table-row').count()).toBe(1);
    expect(await row.innerText()).toContain(company.creditCode);

    await page.getByTestId(`org-open-${company.organizationId}`).click();
    const drawer = page.getByTestId('organization-drawer');
    await drawer.getByTestId('organization-province').getByText('江苏（32）').waitFor(WAIT);
    expect(await drawer.getByTestId('province-history').count()).toBe(0);

    await drawer.getByTestId('province-select').click();
    await page.keyboard.type('广西');
    await page.keyboard.press('Enter');
    await drawer.getByTestId('province-reason').fill(REASON);
    await drawer.getByTestId('province-save').click();

    const line = drawer.getByTestId('province-history-line');
    await line.getByText(REASON).waitFor(WAIT);
    expect(await line.count()).toBe(1);
    expect(await line.innerText()).toMatch(/江苏 → 广西/);
    await drawer.getByTestId('organization-province').getByText('广西（45）').waitFor(WAIT);
    await page.screenshot({ path: 'docs/screenshots/organization-province.png', fullPage: true });

    // closed: the list shows the corrected province
    await page.locator('.ant-drawer-close').click();
    await row.getByText('已更正').waitFor(WAIT);
    expect(await row.innerText()).toContain('广西');

    const [org] = await b.portal.ds.query(`SELECT province_code, region_code FROM organization WHERE id = $1`, [
      company.organizationId,
    ]);
    expect(org).toEqual({ province_code: '45', region_code: '320102' });
    const changes = await b.portal.ds.query(
      `SELECT from_code, to_code, reason FROM organization_province_change WHERE organization_id = $1`,
      [company.organizationId],
    );
    expect(changes).toEqual([{ from_code: '32', to_code: '45', reason: REASON }]);
    const [audit] = await b.portal.ds.query(
      `SELECT data FROM audit_event WHERE action = 'organization.province-corrected' AND entity_id = $1`,
      [company.organizationId],
    );
    expect(audit.data).toEqual({ from: '32', to: '45', reason: REASON });
  });
});
