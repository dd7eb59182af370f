import type { Browser } from 'playwright-core';
import { PHONE, launchBrowser, openPage, uniqueEmail, webUrl, chooseEmailSignIn } from './browser';
import type { LaunchedBrowser } from './browser';
import { PASSWORD, api } from './events-fixtures';

jest.setTimeout(60_000);

/** The interface's language: the browser's on a first visit, the page's choice over the account's at sign-in. */
describe('the language a visitor sees', () => {
  let launched: LaunchedBrowser;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    base = webUrl();
    launched = await launchBrowser();
    browser = launched.browser;
  });
  afterAll(async () => {
    await launched?.close();
  });

  it('follows the browser on a first visit: English for an English browser, Chinese for a Chinese one', async () => {
    for (const [browserLocale, title] of [
      ['en-US', 'Plant the phoenix tree, and the phoenix will come'],
      ['zh-CN', '栽好梧桐树，引得凤来栖'],
    ] as const) {
      const context = await browser.newContext({
        locale: browserLocale,
        viewport: PHONE,
        reducedMotion: 'reduce',
      });
      try {
        const page = await context.newPage();
        await page.goto(`${base}/`);
        await page.getByTestId('home-title').getByText(title).waitFor();
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(
          browserLocale === 'en-US' ? 'en' : 'zh-CN',
        );
      } finally {
        await context.close();
      }
    }
  });

  it('lets a signed-out visitor on a phone reach sign-up, events and mentors from the header', async () => {
    const { context, page } = await openPage(browser, { viewport: PHONE });
    try {
      await page.goto(`${base}/`);
      await page.getByTestId('visitor-menu').click();
      await page.getByRole('menuitem', { name: '导师' }).click();
      await page.waitForURL(`${base}/mentors`);
      await page.getByTestId('visitor-menu').click();
      await page.getByRole('menuitem', { name: '注册' }).click();
      await page.waitForURL(`${base}/signup`);
    } finally {
      await context.close();
    }
  });

  it('opens the phone menu without animation for a visitor who asked for less motion, with it otherwise', async () => {
    for (const motion of [false, true]) {
      const { context, page } = await openPage(browser, { viewport: PHONE, motion });
      try {
        await page.goto(`${base}/`);
        await page.getByTestId('home-title').waitFor();
        // Every class the menu's popup ever carries, from before the tap.
        await page.evaluate(() => {
          const seen: string[] = [];
          (window as unknown as { seenClasses: string[] }).seenClasses = seen;
          new MutationObserver(() => {
            document.querySelectorAll('.ant-dropdown').forEach((el) => seen.push(el.className));
          }).observe(document.body, {
            subtree: true,
            childList: true,
            attributes: true,
            attributeFilter: ['class'],
          });
        });
        await page.getByTestId('visitor-menu').click();
        await page.getByRole('menuitem', { name: '活动' }).waitFor();
        // Opened: the popup has left its appearing states (with motion: prepare, start, active).
        await page.waitForFunction(() => !document.querySelector('.ant-dropdown[class*="-appear"]'));
        const classes = await page.evaluate(() =>
          (window as unknown as { seenClasses: string[] }).seenClasses.join(' '),
        );
        expect(/ant-slide-up-appear-(start|active)/.test(classes)).toBe(motion);
        await page.getByRole('menuitem', { name: '活动' }).click();
        await page.waitForURL(`${base}/events`);
      } finally {
        await context.close();
      }
    }
  });

  it('keeps the language chosen on the page when signing in, and saves it to the account', async () => {
    const { context, page } = await openPage(browser, { viewport: PHONE });
    const email = uniqueEmail('language');
    try {
      // Signed up in Chinese: the account speaks Chinese.
      await page.goto(`${base}/signup`);
      await chooseEmailSignIn(page);
      const signup = page.locator('form#signup');
      await signup.getByLabel('姓名或昵称').fill('语言用户');
      await signup.getByLabel('邮箱').fill(email);
      await signup.getByLabel('密码', { exact: true }).fill(PASSWORD);
      await signup.getByLabel('确认密码').fill(PASSWORD);
      await signup.locator('button[type=submit]').click();
      await page.waitForURL(`${base}/verify-email`);
      await page.getByTestId('user-menu').click();
      await page.getByText('退出登录').click();

      // Signed out, the visitor switches to English, then signs in: English stays.
      await page.goto(`${base}/login`);
      await page.getByTestId('language-switch').click();
      await chooseEmailSignIn(page);
      await page.locator('form#login').getByLabel('Email').fill(email);
      await page.locator('form#login').getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.locator('form#login button[type=submit]').click();
      await page.getByTestId('user-menu').waitFor();
      await page.goto(`${base}/`);
      await page.getByTestId('welcome-title').getByText('Hello, 语言用户').waitFor();
      const token = await page.evaluate(() => localStorage.getItem('wutong.token'));
      const me = await api<{ locale: string }>(base, '/me', { token: token! });
      expect(me.locale).toBe('en');
    } finally {
      await context.close();
    }
  });
});
