/*
 * Issue 14, item 9: the apply flow works by keyboard alone. A company logs in, opens a 原创动漫推广计划 call, creates a
 * draft, fills the form (dates typed into the pickers, a cost line added, the declaration ticked), attaches the
 * required files and submits — with Tab, Shift+Tab, Enter, Space, arrow keys and typing only, never a click. Files
 * are chosen through the page's own "choose file" buttons: Enter on the focused button opens the browser's file
 * chooser, which the spec answers (Playwright's filechooser event stands in for the operating system's dialog).
 * The open-calls page is reached by its address, as a keyboard user types it; the side menu is not walked.
 * Only the set-up goes through the API: the officer (as admin), the call (as the officer) and the registration.
 * Each page on the way is also checked with axe (test/support/axe.ts).
 */
import { Page } from 'playwright-core';
import { expectAccessible } from '../support/axe';
import { startBrowserPortal, BrowserPortal, WAIT } from '../support/browser';
import { ADMIN, auth, registerCompany } from '../support/portal';

const DAY = 86_400_000;
const OFFICER = { email: 'officer@portal.test', password: 'Officer#Pass2026' };

/** A real PDF (the server judges files by their bytes). */
function pdf(name: string) {
  const body = `%PDF-1.4\n% ${name}\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`;
  return { name: `${name}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(body) };
}

/** Whether the focused element is (or is inside) the element with this test id. */
function focusIsOn(page: Page, testId: string): Promise<boolean> {
  return page.evaluate(`(() => {
    const target = document.querySelector('[data-testid="${testId}"]');
    const active = document.activeElement;
    return !!target && !!active && (target === active || target.contains(active));
  })()`) as Promise<boolean>;
}

/**
 * Presses Tab until the element with this test id (or a control inside it) has the focus: proves that it is reachable
 * by keyboard, in the page's tab order. Fails after `max` presses.
 */
async function tabTo(page: Page, testId: string, max = 80): Promise<void> {
  await page
    .getByTestId(testId)
    .first()
    .waitFor({ state: 'attached', ...WAIT });
  for (let i = 0; i < max; i++) {
    if (await focusIsOn(page, testId)) return;
    await page.keyboard.press('Tab');
  }
  if (await focusIsOn(page, testId)) return;
  const at = await page.evaluate('document.activeElement?.outerHTML.slice(0, 200)');
  throw new Error(`${testId} was not reached by ${max} presses of Tab (focus is on ${at})`);
}

/** Tabs to a field and types into it (select-all first, so a value already there is replaced). */
async function typeInto(page: Page, testId: string, text: string): Promise<void> {
  await tabTo(page, testId);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

/** Types a date into an antd date picker and confirms it with Enter. */
async function typeDate(page: Page, testId: string, date: string): Promise<void> {
  await typeInto(page, testId, date);
  await page.keyboard.press('Enter');
  const value = await page
    .locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`)
    .first()
    .inputValue();
  expect(value).toBe(date);
}

/** Waits until the autosave indicator says the server has the latest values. */
async function saved(page: Page) {
  await page.locator('[data-testid="autosave-status"][data-state="saved"]').waitFor(WAIT);
}

/**
 * Chooses a file through the page's "choose file" button: Enter on it opens the chooser. On a busy machine the button
 * can still be disabled by the previous upload when Enter arrives: then the focus is brought back and Enter pressed
 * again (at most three times).
 */
async function attach(page: Page, kind: string) {
  for (let attempt = 1; ; attempt++) {
    await page.locator(`[data-testid="upload-button-${kind}"]:not([disabled])`).waitFor(WAIT);
    await tabTo(page, `upload-button-${kind}`);
    const chooser = page.waitForEvent('filechooser', { timeout: 10_000 });
    await page.keyboard.press('Enter');
    try {
      await (await chooser).setFiles(pdf(kind));
      break;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
  await page.getByTestId('attachment-list').getByText(`${kind}.pdf`).waitFor(WAIT);
}

describe('a company applies by keyboard alone', () => {
  let b: BrowserPortal;
  let callId: string;
  let company: Awaited<ReturnType<typeof registerCompany>>;
  let activityStarts: string;
  let activityEnds: string;
  let year: number;

  beforeAll(async () => {
    b = await startBrowserPortal();
    const p = b.portal;
    const admin = await p.login(ADMIN.email, ADMIN.password);
    const now = new Date((await p.http().get('/api/admin/clock').set(auth(admin))).body.now).getTime();
    // the activity ends within the call's year (the program's rule): the year of the portal's clock, in Beijing
    year = new Date(now + 8 * 3600_000).getUTCFullYear();
    activityStarts = `${year}-06-01`;
    activityEnds = `${year}-06-03`;
    const officer = await p
      .http()
      .post('/api/users')
      .set(auth(admin))
      .send({ name: '周明', email: OFFICER.email, password: OFFICER.password, roles: ['officer'] });
    expect(officer.status).toBe(201);
    const officerToken = await p.login(OFFICER.email, OFFICER.password);
    const call = await p
      .http()
      .post('/api/calls')
      .set(auth(officerToken))
      .send({
        programCode: 'tuiguang',
        year,
        title: `${year} 年度原创动漫推广计划`,
        opensAt: new Date(now - 7 * DAY).toISOString(),
        closesAt: new Date(now + 30 * DAY).toISOString(),
        budgetFen: 1_000_000_000,
        reviewersPerApplication: 1,
        blindReview: false,
        regionRecusal: false,
        noticeWorkingDays: 5,
        aggregation: 'mean',
      });
    expect(call.status).toBe(201);
    callId = call.body.id;
    company = await registerCompany(b.portal, 1, { name: '青禾动画科技有限公司' });
  });
  afterAll(async () => {
    await b?.close();
  });

  it('logs in, creates a draft, fills it, attaches the files and submits without a click', async () => {
    const page = await b.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => console.warn(`page error ${e.message}`));

    // ---------------------------------------------------------------- log in
    await page.goto(`${b.baseUrl}/login`);
    await typeInto(page, 'login-email', company.email);
    await typeInto(page, 'login-password', company.password);
    await page.keyboard.press('Enter'); // submits the form
    await page.getByTestId('home').waitFor(WAIT);

    // ---------------------------------------------------------------- the open calls, the call's "apply" button
    await page.goto(`${b.baseUrl}/calls`);
    await page.getByTestId(`call-card-${callId}`).waitFor(WAIT);
    await expectAccessible(page, 'keyboard /calls');
    await tabTo(page, 'call-apply');
    await page.keyboard.press('Enter');

    // ---------------------------------------------------------------- the new draft: track by arrow keys, title
    await page.getByTestId('new-app-title').waitFor(WAIT);
    await expectAccessible(page, 'keyboard new application');
    await tabTo(page, 'track-exhibition');
    await page.keyboard.press('Space'); // the first track, chosen
    await page.keyboard.press('ArrowRight'); // the next one: 边疆推广
    await page.keyboard.press('ArrowLeft'); // and back to 展会推广
    expect(await page.getByTestId('track-exhibition').isChecked()).toBe(true);
    await typeInto(page, 'new-app-title', '青禾动画 2026 海外动漫展推广');
    await page.keyboard.press('Enter');
    await page.getByTestId('application-form').waitFor(WAIT);
    const applicationId = /\/applications\/([0-9a-f-]{36})\/edit/.exec(page.url())![1];

    // ---------------------------------------------------------------- the form
    await typeInto(page, 'field-activity-name', '2026 昂西国际动画节展位');
    await typeInto(page, 'field-activity-location', '法国昂西');
    await typeDate(page, 'field-activity-startsOn', activityStarts);
    await typeDate(page, 'field-activity-endsOn', activityEnds);
    await typeInto(page, 'field-activity-country', '法国');
    await tabTo(page, 'add-costs');
    await page.keyboard.press('Enter');
    await typeInto(page, 'field-costs-0-item', '展位租赁');
    await tabTo(page, 'field-costs-0-category');
    await page.keyboard.type('venue');
    await page.keyboard.press('Escape'); // closes the suggestions, keeps the text
    await typeInto(page, 'field-costs-0-amountFen', '200000');
    await typeInto(page, 'field-requestedFen', '100000');
    await tabTo(page, 'field-declaration');
    await page.keyboard.press('Space');
    expect(await page.getByTestId('field-declaration').isChecked()).toBe(true);
    await saved(page);

    // ---------------------------------------------------------------- the required files
    const required = await page
      .locator('[data-testid^="upload-button-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('upload-button-'.length)));
    const requiredKinds = required.filter((k) => k !== 'other');
    expect(requiredKinds).toEqual(expect.arrayContaining(['declaration', 'business-licence']));
    for (const kind of requiredKinds) await attach(page, kind);
    const failing = page.locator('[data-testid^="rule-"][data-passed="false"]');
    await page
      .getByTestId('eligible-yes')
      .waitFor(WAIT)
      .catch(async (err: Error) => {
        const rules = await failing.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
        throw new Error(`not eligible; failing: ${rules.join(', ')}`, { cause: err });
      });
    await expectAccessible(page, 'keyboard application form');

    // ---------------------------------------------------------------- submit, confirm in the dialog
    await tabTo(page, 'app-submit');
    await page.keyboard.press('Enter');
    await page.getByTestId('app-submit-confirm').waitFor(WAIT);
    await tabTo(page, 'app-submit-confirm', 10); // the dialog keeps the focus inside it
    await page.keyboard.press('Enter');
    const number = (await page.getByTestId('submitted-number').innerText(WAIT)).trim();
    expect(number).toMatch(new RegExp(`^TG-${year}-\\d{6}$`));

    // what the server holds
    const app = await b.portal.http().get(`/api/applications/${applicationId}`).set(auth(company.token));
    expect(app.body).toMatchObject({ status: 'submitted', number, track: 'exhibition' });
    expect(app.body.payload).toMatchObject({
      activity: {
        name: '2026 昂西国际动画节展位',
        location: '法国昂西',
        startsOn: activityStarts,
        endsOn: activityEnds,
        country: '法国',
      },
      costs: [{ item: '展位租赁', category: 'venue', amountFen: 20_000_000 }],
      requestedFen: 10_000_000,
      declaration: true,
    });
    expect(app.body.attachments.map((a: { kind: string }) => a.kind).sort()).toEqual([...requiredKinds].sort());
  }, 150_000);
});
