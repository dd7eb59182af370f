import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { DESKTOP, PHONE, launchBrowser, openPage, webUrl } from './browser';
import type { LaunchedBrowser } from './browser';
import { api, createAdmin } from './events-fixtures';

jest.setTimeout(60_000);

/** Issue 18, point 6 in the browser: an admin locks a reported month, then unlocks it with a reason. */
describe('reported months in the browser', () => {
  let launched: LaunchedBrowser;
  let browser: Browser;
  let base: string;
  const shots = resolve(__dirname, '../../tmp/screenshots');

  beforeAll(async () => {
    base = webUrl();
    launched = await launchBrowser();
    browser = launched.browser;
    mkdirSync(shots, { recursive: true });
  });
  afterAll(async () => {
    await launched?.close();
  });

  it('locks a month with a note, lists it, and unlocks it only with a reason', async () => {
    const admin = await createAdmin(base);
    // A month long past, which no other test touches.
    const month = `19${String(10 + Math.floor(Math.random() * 80))}-0${1 + Math.floor(Math.random() * 9)}`;
    const { context, page } = await openPage(browser, { viewport: DESKTOP, token: admin.token });
    try {
      await page.goto(`${base}/admin/periods`);
      await page.getByRole('heading', { name: '已上报月份' }).waitFor();
      // The note first: Enter in the month picker submits the form, as the button does.
      await page.getByTestId('lock-reason').fill('已报送科技局');
      await page.getByTestId('lock-month').click();
      await page.keyboard.type(month);
      await page.keyboard.press('Enter');
      await page.getByText(`${month} 已锁定`).waitFor();
      const row = page.getByTestId('period-locks').locator('tr', { hasText: month });
      await row.getByText('已报送科技局').waitFor();
      await page.screenshot({ path: join(shots, 'period-locks-zh-desktop.png') });

      const locks = await api<{ month: string }[]>(base, '/periods/locks', { token: admin.token });
      expect(locks.map((l) => l.month)).toContain(month);

      await page.getByTestId(`unlock-${month}`).click();
      await page
        .getByRole('button', { name: '解 锁' })
        .or(page.getByRole('button', { name: '解锁' }))
        .last()
        .click();
      await page.getByText('请写明解锁原因').waitFor();
      await page.getByTestId('unlock-reason').fill('数据更正：补录一场活动的签到');
      await page
        .getByRole('button', { name: '解 锁' })
        .or(page.getByRole('button', { name: '解锁' }))
        .last()
        .click();
      await page.getByText(`${month} 已解锁`).waitFor();
      await page.getByTestId('period-locks').locator('tr', { hasText: month }).waitFor({ state: 'detached' });
    } finally {
      await context.close();
    }
  });

  it('shows the page in English on a phone', async () => {
    const admin = await createAdmin(base);
    const { context, page } = await openPage(browser, { viewport: PHONE, token: admin.token, locale: 'en' });
    try {
      await page.goto(`${base}/admin/periods`);
      await page.getByRole('heading', { name: 'Reported months' }).waitFor();
      await page.screenshot({ path: join(shots, 'period-locks-en-phone.png') });
    } finally {
      await context.close();
    }
  });
});
