/*
 * How the pages reach a browser: the first visit downloads the login page and what every page shares, compressed; a
 * role's pages arrive only when first opened (an applicant never downloads the officers' pages); files under
 * assets/ are named by their content and cached for a year, index.html is revalidated every time.
 */
import { Response } from 'playwright-core';
import { BrowserPortal, logIn, startBrowserPortalWithStaff, WAIT } from '../support/browser';

const OFFICER = { email: 'officer@delivery.test', password: 'Delivery#Pass2026' };
const OFFICER_ONLY_PAGES = /\/assets\/(CallsAdmin|Decisions|ReviewRound|Objections|Batches|Payments)-[\w-]+\.js$/;

describe('delivery of the web front end', () => {
  let b: BrowserPortal;

  beforeAll(async () => {
    b = await startBrowserPortalWithStaff([
      { name: '周明', email: OFFICER.email, password: OFFICER.password, roles: ['officer'] },
    ]);
  });
  afterAll(async () => {
    await b?.close();
  });

  it('sends index.html uncached and the hashed assets gzipped and cached for a year', async () => {
    const index = await fetch(`${b.baseUrl}/login`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const entry = /src="(\/assets\/index-[\w-]+\.js)"/.exec(html)?.[1];
    expect(entry).toBeDefined();
    const script = await fetch(`${b.baseUrl}${entry}`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(script.status).toBe(200);
    expect(script.headers.get('content-encoding')).toBe('gzip');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('loads a role’s pages only when one is opened', async () => {
    const visitor = await b.newPage();
    const scripts: Response[] = [];
    visitor.on('response', (r) => (r.url().endsWith('.js') ? scripts.push(r) : undefined));
    await visitor.goto(`${b.baseUrl}/login`);
    await visitor.getByTestId('login-email').waitFor(WAIT);
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((r) => OFFICER_ONLY_PAGES.test(r.url())).map((r) => r.url())).toEqual([]);
    // every script but the tiniest (compression leaves bodies under 1 KB as they are) arrives compressed: Chromium
    // accepts brotli, which the server prefers to gzip
    const big = [];
    for (const r of scripts) if ((await r.body()).length > 1024) big.push(r);
    expect(big.length).toBeGreaterThan(0);
    for (const r of big)
      expect([r.url(), (await r.allHeaders())['content-encoding']]).toEqual([
        r.url(),
        expect.stringMatching(/^(br|gzip)$/),
      ]);

    const officer = await logIn(b, OFFICER.email, OFFICER.password);
    const loaded: string[] = [];
    officer.on('response', (r) => (OFFICER_ONLY_PAGES.test(r.url()) ? loaded.push(r.url()) : undefined));
    await officer.getByTestId('menu-officer-calls').click();
    await officer.getByTestId('calls-table').waitFor(WAIT);
    expect(loaded.some((u) => /\/assets\/CallsAdmin-/.test(u))).toBe(true);
  });
});
