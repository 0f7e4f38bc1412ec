/*
 * The inbox through the pages (issue 14, item 7): the header's bell shows the unread count; the inbox page lists the
 * user's mails newest first with the unread ones marked; marking one read, opening one (it follows its link) and
 * "mark all read" each bring the badge down.
 */
import { Page } from 'playwright-core';
import { inTransaction, MailService } from '@portal/platform';
import { logIn, startBrowserPortal, BrowserPortal, WAIT } from '../support/browser';
import { registerCompany } from '../support/portal';

describe('inbox through the pages', () => {
  let b: BrowserPortal;
  let company: Awaited<ReturnType<typeof registerCompany>>;

  beforeAll(async () => {
    b = await startBrowserPortal();
    const p = b.portal;
    company = await registerCompany(p, 7301); // the verification mail: one item
    await registerCompany(p, 7302); // someone else's mail: never on this user's page
    const mail = p.app.get(MailService);
    // two transactions: mails written in one share its now() as created_at, and the list's order among them is the id's
    await inTransaction(p.ds, (tx) =>
      mail.queueMail(tx, {
        to: company.email,
        subject: '申报已退回修改 / Returned',
        text: '请补充材料。',
        template: 'test.linked',
        link: '/applications',
      }),
    );
    await inTransaction(p.ds, (tx) =>
      mail.queueMail(tx, { to: company.email, subject: '通知 / Notice', text: '一条通知。', template: 'test.plain' }),
    );
  }, 120_000);

  afterAll(async () => {
    await b?.close();
  });

  const badge = async (page: Page) => Number(await page.getByTestId('inbox-bell').getAttribute('data-unread'));
  const badgeIs = (page: Page, n: number) =>
    page.locator(`[data-testid="inbox-bell"][data-unread="${n}"]`).waitFor(WAIT);

  it('the bell counts the unread mails; the page marks them read and the badge goes down', async () => {
    const page = await logIn(b, company.email, company.password);
    await badgeIs(page, 3);
    expect(await page.getByTestId('inbox-bell').getAttribute('aria-label')).toContain('3');
    await page.getByTestId('inbox-badge').getByText('3').waitFor(WAIT);

    await page.getByTestId('inbox-bell').click();
    await page.waitForURL(/\/inbox$/);
    const table = page.getByTestId('inbox-table');
    await table.getByText('通知 / Notice').waitFor(WAIT);
    const rows = table.locator('tr[data-testid^="inbox-row-"]');
    expect(await rows.count()).toBe(3);
    // newest first, all unread, none of the other company's
    expect(await rows.nth(0).textContent()).toContain('通知 / Notice');
    expect(await rows.nth(2).textContent()).toContain('请验证您的邮箱');
    expect(await table.getByTestId('inbox-unread-tag').count()).toBe(3);
    expect(await table.textContent()).not.toContain('7302');

    // mark the newest read: its row turns read, the badge says 2
    await rows.nth(0).getByTestId('inbox-mark-read').click();
    await badgeIs(page, 2);
    await table.locator('tr[data-read="true"]').first().waitFor(WAIT);
    expect(await rows.nth(0).getAttribute('data-read')).toBe('true');
    expect(await table.getByTestId('inbox-unread-tag').count()).toBe(2);

    // the unread filter hides it
    await page.getByTestId('inbox-filter').getByText('未读').click();
    await table.getByText('通知 / Notice').waitFor({ state: 'detached', ...WAIT });
    expect(await rows.count()).toBe(2);
    await page.getByTestId('inbox-filter').getByText('全部').click();
    await table.getByText('通知 / Notice').waitFor(WAIT);

    // opening a linked item marks it read and follows its link
    await table.getByText('申报已退回修改 / Returned').click();
    await page.waitForURL(/\/applications$/);
    await badgeIs(page, 1);

    // back on the inbox, mark all read
    await page.getByTestId('inbox-bell').click();
    await page.waitForURL(/\/inbox$/);
    await page.getByTestId('inbox-read-all').click();
    await badgeIs(page, 0);
    await table
      .getByTestId('inbox-unread-tag')
      .first()
      .waitFor({ state: 'detached', ...WAIT });
    expect(await badge(page)).toBe(0);
    expect(await page.getByTestId('inbox-bell').getAttribute('aria-label')).toContain('无未读');

    // an item without a link opens in place and shows its text
    await table.getByText('通知 / Notice').click();
    await table.getByText('一条通知。').waitFor(WAIT);
  });
});
