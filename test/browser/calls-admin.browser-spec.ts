/*
 * An officer in a browser set to New York time creates a call through the calls page: the window is entered and
 * shown in Beijing time (the portal's business time), so the instants stored are those of Beijing, and editing the
 * call shows the same wall times again.
 */
import { saveNewCall, startBrowserPortalWithStaff, BrowserPortal } from '../support/browser';
import { auth } from '../support/portal';

const WAIT = { timeout: 30_000 }; // server round trips on a 2-core CI machine also running the e2e suites
const OFFICER = { email: 'officer@calls.test', password: 'Calls#Pass2026' };

describe('calls management through the pages', () => {
  let b: BrowserPortal;

  beforeAll(async () => {
    b = await startBrowserPortalWithStaff([
      { name: '周明', email: OFFICER.email, password: OFFICER.password, roles: ['officer'] },
    ]);
  });
  afterAll(async () => {
    await b?.close();
  });

  it('takes and shows the window in Beijing time whatever the browser’s time zone', async () => {
    const page = await b.newPage({ timezoneId: 'America/New_York' });
    page.setDefaultTimeout(15_000);
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('America/New_York');
    await page.goto(`${b.baseUrl}/login`);
    await page.getByTestId('login-email').fill(OFFICER.email);
    await page.getByTestId('login-password').fill(OFFICER.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('home').waitFor(WAIT);

    await page.goto(`${b.baseUrl}/officer/calls`);
    await saveNewCall(page, {
      programName: '动漫企业认定',
      year: 2027,
      title: '2027 年度动漫企业认定（时区）',
      opens: '2027-01-05 09:00',
      closes: '2027-03-31 17:30',
      budgetYuan: '0',
    });

    // stored as the instants of Beijing time (UTC+8), not New York's (UTC−5)
    const officer = await b.portal.login(OFFICER.email, OFFICER.password);
    const calls = (await b.portal.http().get('/api/calls?pageSize=100').set(auth(officer))).body;
    const call = (calls.items ?? calls).find((c: { title: string }) => c.title === '2027 年度动漫企业认定（时区）');
    expect({ opensAt: call.opensAt, closesAt: call.closesAt }).toEqual({
      opensAt: '2027-01-05T01:00:00.000Z',
      closesAt: '2027-03-31T09:30:00.000Z',
    });
    // the officer's form turns on dual control of payments (the API's default, without it, is off)
    expect(call.paymentDualControl).toBe(true);

    // the table and the edit form show the same Beijing wall times
    const row = page.locator('[data-testid="calls-table"] tr').filter({ hasText: '（时区）' });
    await row.getByText('2027-03-31 17:30').waitFor(WAIT);
    await page.getByTestId(`call-edit-${call.id}`).click();
    const [start, end] = [
      page.locator('input[data-testid="call-window"][date-range="start"]'),
      page.locator('input[data-testid="call-window"][date-range="end"]'),
    ];
    expect(await start.inputValue()).toBe('2027-01-05 09:00');
    expect(await end.inputValue()).toBe('2027-03-31 17:30');
  });
});
