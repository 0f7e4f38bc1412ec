/*
 * The public information platform through the pages (issue 14, item 8), without logging in: the public home (an open
 * call with its countdown, the notice running now, the headline figures — and no chart library downloaded), the
 * public calls page at /calls (no redirect to the login; "log in to apply" leads back to the form), the index of
 * notices with the way to object, a program's guide read from the program module, and the statistics with their
 * charts and table. Then a provincial officer's dashboard: their province only.
 */
import { seedAwards } from '../fake-bank/seed-awards';
import { ADMIN, auth } from '../support/portal';
import { BrowserPortal, logIn, startBrowserPortal, WAIT } from '../support/browser';
import { createCall, provincialOfficer } from '../e2e/awards-fixtures';

jest.setTimeout(120_000);

describe('public information platform (pages, no login)', () => {
  let b: BrowserPortal;
  let callId: string;
  let noticeId: string;

  beforeAll(async () => {
    b = await startBrowserPortal();
    const p = b.portal;
    const admin = await p.login(ADMIN.email, ADMIN.password);
    const created = await p
      .http()
      .post('/api/users')
      .set(auth(admin))
      .send({ name: '项目官员', email: 'officer@pub.test', password: 'Staff#Pass2026', roles: ['officer'] });
    expect(created.status).toBe(201);
    const officer = await p.login('officer@pub.test', 'Staff#Pass2026');
    await provincialOfficer(p, admin, 'officer@bj-pub.test', '11');
    const now = Date.now();
    callId = await createCall(p, officer, 'jingpin', {
      title: '2026 年度精品动漫扶持（公开测试）',
      opensAt: new Date(now - 86_400_000).toISOString(),
      closesAt: new Date(now + 12 * 86_400_000 + 3_600_000).toISOString(),
    });
    // 3 awards of 北京 (11), one of them in a notice running now
    const seeded = await seedAwards(p.ds, { count: 3, tag: 'pub', amountFen: 800_000 });
    const [adminRow] = await p.ds.query(`SELECT id FROM app_user WHERE email = $1`, [ADMIN.email]);
    const [n] = await p.ds.query(
      `INSERT INTO public_notice (call_id, working_days, starts_at, ends_at, published_by)
       VALUES ($1, 5, now() - interval '1 day', now() + interval '4 days', $2) RETURNING id`,
      [seeded.callId, adminRow.id],
    );
    noticeId = n.id;
    const refreshed = await p.http().post('/api/statistics/refresh').set(auth(admin));
    expect(refreshed.status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await b?.close();
  });

  it('the public home shows the open call with its countdown, the running notice and the figures, without login', async () => {
    const page = await b.newPage();
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await page.goto(`${b.baseUrl}/`);
    await page.getByTestId('public-home').waitFor(WAIT);
    const card = page.getByTestId(`call-card-${callId}`);
    await card.getByText('2026 年度精品动漫扶持（公开测试）').waitFor(WAIT);
    expect(await card.getByTestId('call-countdown').innerText()).toMatch(/距截止 12 天 \d+ 小时/);
    await page.getByTestId(`home-notice-${noticeId}`).waitFor(WAIT);
    await page.getByTestId('home-stat-awards').getByText('3', { exact: true }).waitFor(WAIT);
    expect(await page.getByTestId('home-stat-committed').innerText()).toContain('¥24,000.00');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.getByTestId('header-login').isVisible()).toBe(true);
    // the charts are their own chunk: the home never downloads them
    expect(scripts.some((s) => /StatsCharts/.test(s))).toBe(false);
  });

  it('the public calls page needs no login; "log in to apply" leads to the login and back to the form', async () => {
    const page = await b.newPage();
    await page.goto(`${b.baseUrl}/calls`);
    await page.getByTestId('public-calls').waitFor(WAIT);
    expect(new URL(page.url()).pathname).toBe('/calls');
    const card = page.getByTestId(`call-card-${callId}`);
    await card.waitFor(WAIT);
    await card.getByTestId(`call-program-${callId}`).waitFor(WAIT);
    await card.getByText('登录后申报').click();
    await page.waitForURL(/\/login\?next=/);
    expect(decodeURIComponent(new URL(page.url()).search)).toContain(`/calls/${callId}/apply`);
  });

  it('the index of notices links the running notice to its page, where objections are filed', async () => {
    const page = await b.newPage();
    await page.goto(`${b.baseUrl}/public/notices`);
    await page.getByTestId(`object-${noticeId}`).click();
    await page.waitForURL(new RegExp(`/public/notices/${noticeId}$`));
    await page.getByText(/异议/).first().waitFor(WAIT);
    await page.goto(`${b.baseUrl}/public/notices`);
    await page.getByTestId('notices-tab-past').click();
    await page.getByTestId('public-notices-table').locator('.ant-empty-description').waitFor(WAIT);
    expect(await page.getByTestId('public-notices-table').locator('tbody tr.ant-table-row').count()).toBe(0);
  });

  it('a program’s guide: timeline, rules, materials and scoring from the program module, with its open call', async () => {
    const page = await b.newPage();
    await page.goto(`${b.baseUrl}/public/programs`);
    await page.getByTestId('program-card-jingpin').getByRole('link').click();
    await page.getByTestId('public-program-jingpin').waitFor(WAIT);
    const programs = (await b.portal.http().get('/api/programs')).body as any[];
    const jingpin = programs.find((x) => x.code === 'jingpin');
    const timeline = page.getByTestId('program-timeline');
    await timeline.getByText('专家评审').waitFor(WAIT);
    for (const i of jingpin.award.instalments) await timeline.getByText(i.name.zh).first().waitFor(WAIT);
    const materials = page.getByTestId('program-materials');
    for (const k of jingpin.attachmentKinds) await materials.getByText(k.name.zh).first().waitFor(WAIT);
    expect(await page.getByTestId('program-rubric').locator('tbody tr').count()).toBe(jingpin.rubric.length);
    await page.getByTestId(`call-card-${callId}`).waitFor(WAIT);
  });

  it('the statistics page: figures, a chart per breakdown and the table, and a CSV link', async () => {
    const page = await b.newPage();
    await page.goto(`${b.baseUrl}/public/statistics`);
    const view = page.getByTestId('public-statistics');
    await view.getByTestId('stats-total-awards').getByText('3').waitFor(WAIT);
    await view.getByTestId('chart-province-counts').locator('canvas').first().waitFor(WAIT);
    const table = view.getByTestId('stats-table-province');
    await table.getByText('北京').waitFor(WAIT);
    expect(await table.locator('tbody tr').count()).toBe(1);
    expect(await table.locator('tbody tr').first().innerText()).toContain('¥24,000.00');
    expect(await view.getByTestId('stats-csv').getAttribute('href')).toBe('/api/public/statistics.csv');
    await view.getByTestId('stats-tab-program').click();
    await view.getByTestId('chart-program-counts').locator('canvas').first().waitFor(WAIT);
  });

  it('an officer of 北京 sees the dashboard of their province', async () => {
    const page = await logIn(b, 'officer@bj-pub.test', 'Staff#Pass2026');
    await page.getByTestId('menu-officer-statistics').click();
    const view = page.getByTestId('officer-statistics');
    await view.getByTestId('stats-scope').waitFor(WAIT);
    await view.getByTestId('stats-total-awards').getByText('3').waitFor(WAIT);
    expect(await view.getByTestId('stats-table-province').locator('tbody tr').count()).toBe(1);
  });
});
