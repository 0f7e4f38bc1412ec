/*
 * Issue 15, recurring calls through the officer's calls page: a quarterly series created with the form (the program's
 * real settings preselected, the settings fields shared with the call form), the due quarter's call opened at once
 * and listed among the calls, the next period shown, the series stopped; axe on the page with the section.
 */
import { join } from 'path';
import { expectAccessible } from '../support/axe';
import { chooseOption, logIn, startBrowserPortalWithStaff, BrowserPortal, WAIT } from '../support/browser';
import { ADMIN, auth } from '../support/portal';

const SHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');
const OFFICER = { email: 'officer@series-pages.test', password: 'Series#Pass2026' };

describe('recurring calls through the pages', () => {
  let b: BrowserPortal;

  beforeAll(async () => {
    b = await startBrowserPortalWithStaff([
      { name: '季度官员', email: OFFICER.email, password: OFFICER.password, roles: ['officer'] },
    ]);
    const admin = await b.portal.login(ADMIN.email, ADMIN.password);
    const clock = await b.portal
      .http()
      .put('/api/admin/clock')
      .set(auth(admin))
      .send({ now: '2027-01-10T10:00:00+08:00' });
    expect(clock.status).toBe(200);
  });
  afterAll(async () => {
    await b?.close();
  });

  it('creates a quarterly series, sees its first call opened and the next quarter, and stops it', async () => {
    const page = await logIn(b, OFFICER.email, OFFICER.password);
    await page.goto(`${b.baseUrl}/officer/calls`);
    await page.getByTestId('call-series').waitFor(WAIT);
    await page.getByTestId('series-new').click();
    await chooseOption(page, page.getByTestId('series-program'), '原创动漫推广计划');
    await page.getByTestId('series-title').fill('{year}年第{quarter}季度推广推荐');
    await page.getByTestId('series-year').fill('2027');
    await page.getByTestId('series-window').fill('30');
    await page.getByTestId('series-save').click();
    await page.locator('.ant-modal').waitFor({ state: 'detached', ...WAIT });

    const [series] = await b.portal.ds.query(`SELECT id, settings FROM call_series`);
    // the officer's form: dual control on, the settings as the call form has them
    expect(series.settings).toMatchObject({ paymentDualControl: true, blindReview: true, provincialStage: 'none' });
    await page.getByTestId(`series-calls-${series.id}`).getByText('2027-Q1').waitFor(WAIT);
    await page.getByTestId(`series-next-${series.id}`).getByText('2027-Q2').waitFor(WAIT);
    await page.getByTestId('calls-table').getByText('2027年第一季度推广推荐').waitFor(WAIT);
    await expectAccessible(page, 'officer calls with recurring series');
    await page.getByTestId('call-series').screenshot({ path: join(SHOTS, 'call-series.png') });

    await page.getByTestId(`series-toggle-${series.id}`).click();
    await page.getByTestId('series-table').getByText('已停止').first().waitFor(WAIT);
    const [after] = await b.portal.ds.query(`SELECT active FROM call_series WHERE id = $1`, [series.id]);
    expect(after.active).toBe(false);
  });
});
