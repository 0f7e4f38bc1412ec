import { join } from 'path';
import { Page } from 'playwright-core';
import { startBrowserPortal, BrowserPortal } from '../support/browser';

const SHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');

async function fillRegistration(page: Page, creditCode: string, email: string) {
  await page.getByTestId('reg-org-name').fill('青禾动画科技有限公司');
  await page.getByTestId('reg-credit-code').fill(creditCode);
  await page.getByTestId('reg-address').fill('福建省福州市鼓楼区软件大道 89 号');
  await page.getByTestId('reg-legal-rep').fill('林青禾');
  // antd's dropdown animates in: pick the option once it is visible, and check the choice stuck (retry under load)
  const field = page.locator('.ant-form-item').filter({ has: page.getByTestId('reg-business-types') });
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.getByTestId('reg-business-types').click();
    const option = page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .first();
    await option.waitFor({ state: 'visible' });
    await option.click();
    await page.keyboard.press('Escape');
    if (await field.locator('.ant-select-selection-item').count()) break;
  }
  await field.locator('.ant-select-selection-item').first().waitFor();
  await page.getByTestId('reg-user-name').fill('林青禾');
  await page.getByTestId('reg-email').fill(email);
  await page.getByTestId('reg-phone').fill('13800138000');
  await page.getByTestId('reg-password').fill('Qinghe#2026ok');
  await page.getByTestId('reg-password2').fill('Qinghe#2026ok');
}

describe('a company registers and logs in through the pages', () => {
  let b: BrowserPortal;
  beforeAll(async () => {
    b = await startBrowserPortal();
  });
  afterAll(async () => {
    await b?.close();
  });

  it('checks the credit code as you type, registers, shows server errors on the field, and logs in', async () => {
    const page = await b.newPage();
    await page.goto(`${b.baseUrl}/register`);
    // a wrong check character is named while typing, before anything is sent
    await page.getByTestId('reg-credit-code').fill('91350100M000100Y44');
    await page.getByTestId('reg-address').click();
    await page.getByText(/校验/).first().waitFor();
    await fillRegistration(page, '91350100M000100Y43', 'qinghe@test.portal');
    await page.getByTestId('credit-code-ok').waitFor();
    await page.screenshot({ path: join(SHOTS, 'register.png') });
    await page.getByTestId('reg-submit').click();
    await page.getByTestId('register-success').waitFor();

    // the same code again: the server's 409 is shown on the credit-code field
    const again = await b.newPage();
    await again.goto(`${b.baseUrl}/register`);
    await fillRegistration(again, '91350100M000100Y43', 'someone-else@test.portal');
    await again.getByTestId('reg-submit').click();
    await again
      .locator('.ant-form-item-has-error')
      .filter({ has: again.getByTestId('reg-credit-code') })
      .getByText(/已注册|registered/)
      .waitFor();

    await page.goto(`${b.baseUrl}/login`);
    await page.getByTestId('login-email').fill('qinghe@test.portal');
    await page.getByTestId('login-password').fill('Qinghe#2026ok');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('home').waitFor();
    await page.getByTestId('side-menu').waitFor();
    expect(await page.getByTestId('user-menu').innerText()).toContain('林青禾');
    await page.screenshot({ path: join(SHOTS, 'applicant-home.png') });

    // English switch
    await page.getByTestId('lang-switch').click();
    await page
      .getByText(/English|中文/)
      .first()
      .waitFor();

    // logout returns to the login page
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.getByTestId('login-submit').waitFor();
  });
});
