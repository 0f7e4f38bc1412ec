/*
 * Issue 14, item 9: every page of every role passes axe-core (WCAG 2.1 A/AA) with no serious or critical violation.
 * A portal seeded with the demo data (seeds/demo.ts: companies, staff of every role, calls, a draft); each role logs in
 * through the login form and visits every route of apps/web's router that it can open, with the ids of the seeded
 * rows. The route table is checked against the router itself (apps/web/src/App.tsx): a route added without a line
 * here fails the first test, so no page escapes the check.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { Page } from 'playwright-core';
import { DEMO_LOGINS, seedDemo } from '../../seeds/demo';
import { axeViolations, AxeFinding, formatFindings } from '../support/axe';
import { BrowserPortal, logIn, startBrowserPortal, WAIT } from '../support/browser';
import { ADMIN } from '../support/portal';

type Who = 'public' | 'applicant' | 'expert' | 'officer' | 'finance' | 'admin';

/** Ids of seeded rows that the parameterised routes need (a nil uuid when the seed has none: the page's empty state). */
interface Ids {
  call: string;
  application: string;
  applicationNumber: string;
  award: string;
  applicantAward: string;
  review: string;
  notice: string;
}

const NIL = '00000000-0000-4000-8000-000000000000';

/** Every route of the router → who opens it and with which URL. */
const ROUTES: Record<string, { who: Who; url: (ids: Ids) => string }> = {
  '/login': { who: 'public', url: () => '/login' },
  '/register': { who: 'public', url: () => '/register' },
  '/verify-email': { who: 'public', url: () => '/verify-email?token=not-a-token' },
  '/accept-invitation': { who: 'public', url: () => '/accept-invitation?token=not-a-token' },
  '/forgot-password': { who: 'public', url: () => '/forgot-password' },
  '/reset-password': { who: 'public', url: () => '/reset-password?token=not-a-token' },
  '/public': { who: 'public', url: () => '/public' },
  '/public/calls': { who: 'public', url: () => '/public/calls' },
  '/public/notices': { who: 'public', url: () => '/public/notices' },
  '/public/notices/:id': { who: 'public', url: (i) => `/public/notices/${i.notice}` },
  '/public/awards': { who: 'public', url: () => '/public/awards' },
  '/public/lists': { who: 'public', url: () => '/public/lists' },
  '/public/programs': { who: 'public', url: () => '/public/programs' },
  '/public/programs/:code': { who: 'public', url: () => '/public/programs/jingpin' },
  '/public/statistics': { who: 'public', url: () => '/public/statistics' },
  '/verify/:number': { who: 'public', url: (i) => `/verify/${encodeURIComponent(i.applicationNumber)}` },
  '*': { who: 'public', url: () => '/no-such-page' },

  '/': { who: 'applicant', url: () => '/' },
  '/account': { who: 'applicant', url: () => '/account' },
  '/company': { who: 'applicant', url: () => '/company' },
  '/calls': { who: 'applicant', url: () => '/calls' },
  '/calls/:callId/apply': { who: 'applicant', url: (i) => `/calls/${i.call}/apply` },
  '/applications': { who: 'applicant', url: () => '/applications' },
  '/applications/:id': { who: 'applicant', url: (i) => `/applications/${i.application}` },
  '/applications/:id/edit': { who: 'applicant', url: (i) => `/applications/${i.application}/edit` },
  '/my/awards': { who: 'applicant', url: () => '/my/awards' },
  '/my/awards/:id': { who: 'applicant', url: (i) => `/my/awards/${i.applicantAward}` },
  '/awards/:id/ledger': { who: 'finance', url: (i) => `/awards/${i.award}/ledger` },
  '/inbox': { who: 'applicant', url: () => '/inbox' },

  '/reviews': { who: 'expert', url: () => '/reviews' },
  '/reviews/:id': { who: 'expert', url: (i) => `/reviews/${i.review}` },
  '/expert/profile': { who: 'expert', url: () => '/expert/profile' },

  '/officer/calls': { who: 'officer', url: () => '/officer/calls' },
  '/officer/calls/:callId/review': { who: 'officer', url: (i) => `/officer/calls/${i.call}/review` },
  '/officer/calls/:callId/decisions': { who: 'officer', url: (i) => `/officer/calls/${i.call}/decisions` },
  '/officer/calls/:callId/province': { who: 'officer', url: (i) => `/officer/calls/${i.call}/province` },
  '/officer/applications': { who: 'officer', url: () => '/officer/applications' },
  '/officer/applications/:id': { who: 'officer', url: (i) => `/officer/applications/${i.application}` },
  '/officer/experts': { who: 'officer', url: () => '/officer/experts' },
  '/officer/objections': { who: 'officer', url: () => '/officer/objections' },
  '/officer/awards': { who: 'officer', url: () => '/officer/awards' },
  '/officer/awards/:id': { who: 'officer', url: (i) => `/officer/awards/${i.award}` },
  '/officer/followup': { who: 'officer', url: () => '/officer/followup' },
  '/officer/statistics': { who: 'officer', url: () => '/officer/statistics' },

  '/finance/payments': { who: 'finance', url: () => '/finance/payments' },
  '/finance/batches': { who: 'finance', url: () => '/finance/batches' },
  '/finance/ledgers': { who: 'finance', url: () => '/finance/ledgers' },

  '/admin/users/new': { who: 'admin', url: () => '/admin/users/new' },
  '/admin/outbox': { who: 'admin', url: () => '/admin/outbox' },
  '/admin/agencies': { who: 'admin', url: () => '/admin/agencies' },
  '/admin/organizations': { who: 'admin', url: () => '/admin/organizations' },
  '/admin/users': { who: 'admin', url: () => '/admin/users' },
  '/admin/calendar': { who: 'admin', url: () => '/admin/calendar' },
  '/admin/credit-code-exceptions': { who: 'admin', url: () => '/admin/credit-code-exceptions' },
  '/admin/audit': { who: 'admin', url: () => '/admin/audit' },
};

/** Pages every signed-in role has besides its own (home, account, inbox). */
const EVERY_ROLE = ['/', '/account', '/inbox'];

/** The route patterns of apps/web's router. */
function routerPaths(): string[] {
  const app = readFileSync(join(__dirname, '..', '..', 'apps', 'web', 'src', 'App.tsx'), 'utf8');
  return [...app.matchAll(/<Route\s+path="([^"]+)"/g)].map((m) => m[1]);
}

const LOGINS: Record<Exclude<Who, 'public'>, { email: string; password: string }> = {
  applicant: { email: 'xinghuo@demo.portal', password: DEMO_LOGINS.password },
  expert: { email: 'expert1@demo.portal', password: DEMO_LOGINS.password },
  officer: { email: 'officer@demo.portal', password: DEMO_LOGINS.password },
  finance: { email: 'finance1@demo.portal', password: DEMO_LOGINS.password },
  admin: ADMIN,
};

/**
 * Opens `url` and waits until the page has rendered its content: no request in flight and no spinner left. The first
 * page of a role is loaded; the next ones are reached as a user does, by the router (history.pushState and a
 * popstate event), which keeps the loaded scripts and axe in the page instead of loading the whole portal ~60 times.
 */
async function open(page: Page, baseUrl: string, url: string, first: boolean): Promise<void> {
  if (first) {
    await page.goto(`${baseUrl}${url}`);
    await page.waitForLoadState('networkidle', WAIT);
  } else {
    // a string, evaluated in the page (this file is compiled without the DOM's types)
    await page.evaluate(
      `window.history.pushState({}, '', ${JSON.stringify(url)}); window.dispatchEvent(new PopStateEvent('popstate'))`,
    );
    await page.waitForURL(`${baseUrl}${url}`, WAIT);
    await quiet(page);
  }
  await page.locator('#root *').first().waitFor(WAIT);
  await page
    .locator('.ant-spin-spinning')
    .first()
    .waitFor({ state: 'detached', ...WAIT });
}

/** Waits until no fetch or script has finished for 300 ms (the page's own loads after a client-side navigation). */
async function quiet(page: Page): Promise<void> {
  // a function, not a string: the portal's Content-Security-Policy forbids the page to eval one
  await page.waitForFunction(
    () => {
      // this file is compiled without the DOM's types
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const g = globalThis as any;
      const n: number = g.performance.getEntriesByType('resource').length;
      const now: number = g.performance.now();
      if (!g.__quiet || g.__quiet.n !== n) g.__quiet = { n, at: now };
      return now - g.__quiet.at >= 300;
    },
    undefined,
    { ...WAIT, polling: 100 },
  );
}

describe('accessibility: every page of every role passes axe (WCAG 2.1 A/AA, no serious or critical violation)', () => {
  let b: BrowserPortal;
  let ids: Ids;
  const paths = routerPaths();

  beforeAll(async () => {
    b = await startBrowserPortal();
    expect(await seedDemo(b.portal.databaseUrl)).toBe(true);
    const one = async (sql: string, params: unknown[] = []) =>
      ((await b.portal.ds.query(sql, params)) as Record<string, string>[])[0];
    const app = await one(
      `SELECT a.id, a.number, a.call_id FROM application a JOIN app_user u ON u.organization_id = a.organization_id
        WHERE u.email = $1 ORDER BY a.number NULLS LAST LIMIT 1`,
      [LOGINS.applicant.email],
    );
    const anyNumber = await one(`SELECT number FROM application WHERE number IS NOT NULL LIMIT 1`);
    const call = await one(
      `SELECT c.id FROM call c WHERE c.opens_at <= now() AND c.closes_at > now() ORDER BY c.program_code LIMIT 1`,
    );
    const award = await one(`SELECT id FROM award LIMIT 1`);
    const applicantAward = await one(
      `SELECT w.id FROM award w JOIN application a ON a.id = w.application_id
         JOIN app_user u ON u.organization_id = a.organization_id WHERE u.email = $1 LIMIT 1`,
      [LOGINS.applicant.email],
    ).catch(() => undefined);
    const review = await one(
      `SELECT r.id FROM review_assignment r JOIN app_user u ON u.id = r.expert_id WHERE u.email = $1 LIMIT 1`,
      [LOGINS.expert.email],
    ).catch(() => undefined);
    const notice = await one(`SELECT id FROM public_notice LIMIT 1`).catch(() => undefined);
    ids = {
      call: call?.id ?? NIL,
      application: app?.id ?? NIL,
      applicationNumber: anyNumber?.number ?? app?.number ?? 'NO-NUMBER',
      award: award?.id ?? NIL,
      applicantAward: applicantAward?.id ?? NIL,
      review: review?.id ?? NIL,
      notice: notice?.id ?? NIL,
    };
    // the seed gives the applicant a draft and open calls at least
    expect(ids.call).not.toBe(NIL);
    expect(ids.application).not.toBe(NIL);
  });
  afterAll(async () => {
    await b?.close();
  });

  it('knows every route of the router', () => {
    expect(paths.length).toBeGreaterThan(40);
    expect(paths.filter((p) => !ROUTES[p])).toEqual([]);
  });

  const roles: Who[] = ['public', 'applicant', 'expert', 'officer', 'finance', 'admin'];
  for (const who of roles)
    it(`${who}: every page`, async () => {
      const page = who === 'public' ? await b.newPage() : await logIn(b, LOGINS[who].email, LOGINS[who].password);
      const urls = paths.filter((p) => ROUTES[p]?.who === who).map((p) => ROUTES[p].url(ids));
      if (who !== 'public') for (const p of EVERY_ROLE) if (!urls.includes(p)) urls.push(p);
      if (who === 'applicant') urls.push('/officer/calls'); // a page of another role: the 403 result
      const failures: { url: string; findings: AxeFinding[] }[] = [];
      for (const [i, url] of urls.entries()) {
        await open(page, b.baseUrl, url, i === 0);
        const findings = await axeViolations(page, `${who} ${url}`);
        if (findings.length) failures.push({ url, findings });
      }
      const report = failures.map((f) => formatFindings(`${who} ${f.url}`, f.findings)).join('\n');
      if (report) console.error(report);
      expect(report).toBe('');
      expect(urls.length).toBeGreaterThan(who === 'public' ? 5 : 2);
      await page.context().close();
    });
});
