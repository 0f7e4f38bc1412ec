import { execFile } from 'child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { pathToFileURL } from 'url';
import { AddressInfo } from 'net';
import { promisify } from 'util';
import { Browser, chromium, Download, Locator, Page } from 'playwright-core';
import { importEsm } from '../../libs/platform/src/embedded/esm';
import { ADMIN, auth, startPortal, TestPortal } from './portal';

/** Debian's Chromium (or CHROMIUM_PATH), used when present. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Server round trips on a 2-core CI machine also running the e2e suites, Postgres and Redis. */
export const WAIT = { timeout: 30_000 };

const COMMON_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** How to launch a browser on this machine: Debian's Chromium, else the one inside the npm package. */
export interface ChromiumLaunch {
  executablePath: string;
  args: string[];
  env?: Record<string, string>;
  source: string;
}

let launchSpec: Promise<ChromiumLaunch> | null = null;

/**
 * `/usr/bin/chromium` (or CHROMIUM_PATH) when present; otherwise the headless Chromium shipped inside the npm package
 * `@sparticuz/chromium`, decompressed once per machine and version into `<tmpdir>/portal-chromium-<version>` (nothing
 * is downloaded), with Chinese text rendered from the Noto Sans SC fonts of `@expo-google-fonts/noto-sans-sc`
 * through a fonts.conf generated under `.data/`.
 */
export function chromiumLaunch(): Promise<ChromiumLaunch> {
  launchSpec ??= resolveChromium();
  return launchSpec;
}

async function resolveChromium(): Promise<ChromiumLaunch> {
  if (existsSync(CHROMIUM)) return { executablePath: CHROMIUM, args: COMMON_ARGS, source: CHROMIUM };
  if (process.env.CHROMIUM_PATH) throw new Error(`no Chromium at CHROMIUM_PATH=${CHROMIUM}`);
  const pkgDir = packageDir('@sparticuz/chromium');
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string };
  const dir = join(tmpdir(), `portal-chromium-${pkg.version}`);
  if (!existsSync(join(dir, 'chromium'))) await unpackChromium(pkgDir, dir);
  const Chromium = (await importEsm<typeof import('@sparticuz/chromium')>('@sparticuz/chromium')).default;
  // its flags suit its headless-shell build, except --single-process: there the browser dies with the first
  // context a spec closes
  const args = [
    ...Chromium.args.filter((a) => a !== '--single-process' && !a.startsWith('--headless')),
    ...COMMON_ARGS,
  ];
  return {
    executablePath: join(dir, 'chromium'),
    args,
    env: { FONTCONFIG_FILE: writeFontsConf(join(dir, 'fonts')) },
    source: `@sparticuz/chromium ${pkg.version} (${dir})`,
  };
}

/**
 * Decompresses the package's Chromium, its swiftshader libraries and fonts (`executablePath()` with no URL: from the
 * package's own bin/ folder, nothing is downloaded). The package writes into os.tmpdir(), so a child process runs it
 * with TMPDIR pointing at a private folder, moved into place when complete: parallel jest workers and interrupted runs
 * never leave (or launch) a half-written binary. (A child, because Jest's sandboxed process.env does not reach the
 * package's own module.)
 */
async function unpackChromium(pkgDir: string, dir: string): Promise<void> {
  const staging = `${dir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const entry = pathToFileURL(join(pkgDir, 'build', 'index.js')).href;
  const script = `const { default: C } = await import(${JSON.stringify(entry)}); process.stdout.write(await C.executablePath());`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, TMPDIR: staging },
    maxBuffer: 1 << 20,
  });
  if (stdout.trim() !== join(staging, 'chromium')) throw new Error(`@sparticuz/chromium unpacked to ${stdout}`);
  try {
    renameSync(staging, dir);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(dir, 'chromium'))) throw err; // else another worker finished first
  }
}

/** An installed package's folder (found on the module paths: some packages export no package.json to resolve). */
function packageDir(name: string): string {
  for (const base of require.resolve.paths(name) ?? [])
    if (existsSync(join(base, name, 'package.json'))) return join(base, name);
  throw new Error(`npm package ${name} is not installed (npm install)`);
}

/** A fonts.conf under .data/ listing the package's own fonts and Noto Sans SC (all weights) from npm. */
function writeFontsConf(packageFonts: string): string {
  const noto = packageDir('@expo-google-fonts/noto-sans-sc');
  const dir = join(process.cwd(), '.data', 'fontconfig');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'fonts.conf');
  const text = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    `  <dir>${packageFonts}</dir>`,
    `  <dir>${noto}</dir>`,
    `  <cachedir>${join(dir, 'cache')}</cachedir>`,
    '</fontconfig>',
    '',
  ].join('\n');
  const tmp = `${file}.${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, file); // atomic: a parallel worker never reads half a file
  return file;
}

export interface BrowserPortal {
  portal: TestPortal;
  baseUrl: string;
  browser: Browser;
  /** A page in a fresh context: a 1366×768 laptop screen, zh-CN, and the machine's time zone unless `timezoneId` says otherwise. */
  newPage(opts?: { timezoneId?: string }): Promise<Page>;
  close(): Promise<void>;
}

/** A portal listening on a loopback port, serving the built web front end, and Chromium (see chromiumLaunch) driving it. */
export async function startBrowserPortal(): Promise<BrowserPortal> {
  if (!existsSync(join(process.cwd(), 'dist', 'web', 'index.html')))
    throw new Error('dist/web is missing: npm test builds it first (npm run build:web)');
  const launch = await chromiumLaunch();
  const portal = await startPortal();
  await portal.app.listen(0, '127.0.0.1');
  const port = (portal.app.getHttpServer().address() as AddressInfo).port;
  const browser = await chromium.launch({
    executablePath: launch.executablePath,
    args: launch.args,
    ...(launch.env ? { env: { ...process.env, ...launch.env } as Record<string, string> } : {}),
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

/**
 * Clicks `target` and returns the download it starts. On a busy machine a click can land on a dialog still opening,
 * or the authorized fetch behind the link can be slow: it waits 10 s for the download, then clicks again (3 tries).
 */
export async function downloadBy(page: Page, target: Locator): Promise<Download> {
  await target.waitFor(WAIT);
  for (let attempt = 1; ; attempt++) {
    try {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), target.click()]);
      return download;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

/**
 * Picks an option of an Ant Design select (single or multiple). On a busy machine a click can land while the dropdown
 * is still opening, so it chooses until the select shows the option's text, then closes a dropdown left open.
 */
export async function chooseOption(page: Page, select: Locator, text: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const option = page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({
        hasText: text,
      });
    if (!(await option.first().isVisible())) await select.click();
    await option.first().click();
    if ((await select.innerText()).includes(text)) break;
  }
  if (!(await select.innerText()).includes(text)) throw new Error(`the select did not take the option ${text}`);
  // a multiple select stays open; Escape closes it — only for a multiple select: a single one's dropdown can still be
  // fading out here on a busy machine, and inside a modal a spare Escape closes the modal (a clean-clone CI lost the
  // new-call form that way)
  const multiple = await select.locator('xpath=ancestor-or-self::*[contains(@class, "ant-select-multiple")]').count();
  if (multiple && (await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').first().isVisible())) {
    await page.keyboard.press('Escape');
  }
}

/**
 * The officer's "new call" form, filled and saved: program (by its shown name), year, title, the application window in
 * Beijing wall time (`YYYY-MM-DD HH:mm`) and a budget. On a busy machine the range picker can still be moving focus
 * from its start to its end input when the next keys arrive, so each end of the window is typed until it holds its
 * value. If the modal stays open, the form's own messages are put into the error.
 */
export async function saveNewCall(
  page: Page,
  call: { programName: string; year: number; title: string; opens: string; closes: string; budgetYuan: string },
): Promise<void> {
  await page.getByTestId('call-new').click();
  await chooseOption(page, page.getByTestId('call-program'), call.programName);
  await page.getByTestId('call-year').fill(String(call.year));
  await page.getByTestId('call-title').fill(call.title);
  const start = page.locator('input[data-testid="call-window"][date-range="start"]');
  const end = page.locator('input[data-testid="call-window"][date-range="end"]');
  for (let attempt = 0; attempt < 5; attempt++) {
    await start.click();
    await start.fill(call.opens);
    await start.press('Enter');
    await end.click();
    await end.fill(call.closes);
    await end.press('Enter');
    if ((await start.inputValue()) === call.opens && (await end.inputValue()) === call.closes) break;
  }
  await page.getByTestId('call-budget').fill(call.budgetYuan);
  await page.getByTestId('call-save').click();
  try {
    await page.locator('.ant-modal').waitFor({ state: 'detached', ...WAIT });
  } catch (err) {
    const messages = await page
      .locator('.ant-modal .ant-form-item-explain-error, .ant-modal .ant-alert, .ant-modal [role=alert]')
      .allInnerTexts();
    throw new Error(`the call form stayed open: ${messages.join(' | ') || '(no message shown)'}`, { cause: err });
  }
}

/**
 * Clicks `opener` until the confirmation dialog's button `confirmTestId` shows (a click on a busy machine can land
 * before the page's handler is ready, or the form's check can still be running), then clicks that button. If the
 * dialog never opens, the page's own messages are put into the error.
 */
export async function confirmBy(page: Page, opener: Locator, confirmTestId: string): Promise<void> {
  const confirm = page.getByTestId(confirmTestId);
  for (let attempt = 1; ; attempt++) {
    await opener.click();
    try {
      await confirm.waitFor({ state: 'visible', timeout: 10_000 });
      break;
    } catch (err) {
      if (attempt < 3) continue;
      const messages = await page.locator('.ant-form-item-explain-error, .ant-alert, [role=alert]').allInnerTexts();
      throw new Error(`no ${confirmTestId} dialog opened: ${messages.join(' | ') || '(no message shown)'}`, {
        cause: err,
      });
    }
  }
  await confirm.click();
}
