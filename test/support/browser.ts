import { existsSync } from 'fs';
import { join } from 'path';
import { Browser, chromium, Page } from 'playwright-core';
import { ADMIN, auth, startPortal, TestPortal } from './portal';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Server round trips on a 2-core CI machine also running the e2e suites, Postgres and Redis. */
export const WAIT = { timeout: 30_000 };

export interface BrowserPortal {
  portal: TestPortal;
  baseUrl: string;
  browser: Browser;
  /** A page in a fresh context: a 1366×768 laptop screen, zh-CN, and the machine's time zone unless `timezoneId` says otherwise. */
  newPage(opts?: { timezoneId?: string }): Promise<Page>;
  close(): Promise<void>;
}

/** A portal listening on a loopback port, serving the built web front end, and Debian's Chromium driving it. */
export async function startBrowserPortal(): Promise<BrowserPortal> {
  if (!existsSync(join(process.cwd(), 'dist', 'web', 'index.html')))
    throw new Error('dist/web is missing: npm test builds it first (npm run build:web)');
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  const portal = await startPortal();
  await portal.app.listen(0, '127.0.0.1');
  const port = (portal.app.getHttpServer().address() as any).port;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
  return {
    portal,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    async newPage(opts = {}) {
      const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', ...opts });
      return ctx.newPage();
    },
    async close() {
      await browser.close();
      await portal.close();
    },
  };
}

/** A fresh page logged in through the login form; API errors and page errors are logged under `email`. */
export async function logIn(b: BrowserPortal, email: string, password: string): Promise<Page> {
  const page = await b.newPage();
  page.setDefaultTimeout(15_000);
  page.on('response', (r) => {
    if (r.status() >= 400 && r.url().includes('/api/'))
      console.warn(`${email}: ${r.request().method()} ${r.url()} → ${r.status()}`);
  });
  page.on('pageerror', (e) => console.warn(`${email}: page error ${e.message}`));
  await page.goto(`${b.baseUrl}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home').waitFor(WAIT);
  return page;
}

/** startBrowserPortal, then staff accounts created by the admin (e.g. an officer to log in with). */
export async function startBrowserPortalWithStaff(
  users: { name: string; email: string; password: string; roles: string[] }[],
): Promise<BrowserPortal> {
  const b = await startBrowserPortal();
  const admin = await b.portal.login(ADMIN.email, ADMIN.password);
  for (const u of users) {
    const created = await b.portal.http().post('/api/users').set(auth(admin)).send(u);
    if (created.status !== 201)
      throw new Error(`creating ${u.email}: ${created.status} ${JSON.stringify(created.body)}`);
  }
  return b;
}
