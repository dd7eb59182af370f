import type { Browser, Page } from 'playwright-core';
import {
  DESKTOP,
  PHONE,
  launchBrowser,
  openPage,
  uniqueEmail,
  webUrl,
  chooseEmailSignIn,
  settledValue,
} from './browser';
import type { LaunchedBrowser } from './browser';
import { get, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

jest.setTimeout(60_000);

const PASSWORD = 'wutong-e2e-passw0rd';
const CREDIT_CODE = '91350100M000100Y43';

function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

async function fillLogin(page: Page, email: string): Promise<void> {
  await chooseEmailSignIn(page);
  const form = page.locator('form#login');
  await form.getByLabel('邮箱').fill(email);
  await form.getByLabel('密码').fill(PASSWORD);
  await form.locator('button[type=submit]').click();
}

async function openUserMenuItem(page: Page, name: string | RegExp): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name }).click();
}

describe('web shell', () => {
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

  it('sends the built scripts compressed to browsers that accept it, and as they are otherwise', async () => {
    const html = await (await fetch(`${base}/`)).text();
    const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const plain = await fetch(`${base}${script}`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    const body = Buffer.from(await plain.arrayBuffer());
    for (const [encoding, unpack] of [
      ['br', brotliDecompressSync],
      ['gzip', gunzipSync],
    ] as const) {
      // node:http, not fetch: fetch would unpack the body before the test could see its size.
      const res = await rawGet(`${base}${script}`, { 'accept-encoding': encoding });
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['content-type']).toMatch(/javascript/);
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(res.body.length).toBeLessThan(body.length / 2);
      expect(unpack(res.body).equals(body)).toBe(true);
    }
  });

  it('sends files of the web build only: a path climbing out of it gets nothing', async () => {
    // node:http sends the path as written (fetch would resolve the dots first).
    const status = (path: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        get(`${base}${path}`, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        }).on('error', reject);
      });
    expect((await status('/og-image.png')).status).toBe(200);
    const answered = [];
    for (const path of [
      // The web build is dist/apps/web: three levels up is the repository's package.json.
      '/../../../package.json',
      '/assets/../../../../package.json',
      '/%2e%2e/%2e%2e/%2e%2e/package.json',
      '/assets/..%2f..%2f..%2f..%2fpackage.json',
      '/..%5c..%5c..%5cpackage.json',
      '//package.json',
      '/%2f..%2f..%2f..%2fpackage.json',
    ]) {
      const res = await status(path);
      if (![403, 404].includes(res.status) || /"workspaces"/.test(res.body))
        answered.push(`${path}: ${res.status} ${res.body.slice(0, 80)}`);
    }
    expect(answered).toEqual([]);
  });

  it('signs up, logs out and in, saves the profile across reloads, and remembers English', async () => {
    const email = uniqueEmail();
    const { context, page } = await openPage(browser, { viewport: DESKTOP });
    try {
      // Chinese first: an anonymous visitor lands on the introduction in zh-CN.
      await page.goto(`${base}/`);
      await page.getByRole('heading', { name: '栽好梧桐树，引得凤来栖' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');

      // Sign up.
      await page.getByRole('link', { name: '免费注册' }).click();
      await chooseEmailSignIn(page);
      const signup = page.locator('form#signup');
      await signup.getByLabel('姓名或昵称').fill('王小梧');
      await signup.getByLabel('邮箱').fill(email);
      await signup.getByLabel('密码', { exact: true }).fill(PASSWORD);
      await signup.getByLabel('确认密码').fill(PASSWORD);
      await signup.locator('button[type=submit]').click();

      // Signed up: asked for the mailed code first; it can wait, with a banner saying why.
      await page.waitForURL(`${base}/verify-email`);
      await page.getByTestId('verify-email').getByText(email).waitFor();
      await page.getByRole('button', { name: '稍后再验证' }).click();
      await page.waitForURL(`${base}/profile`);
      await page.getByTestId('verify-banner').getByText(`请验证你的邮箱 ${email}`).waitFor();

      // The signed-in layout: user menu with the name, the founder's menu.
      await page.getByTestId('user-menu').getByText('王小梧').waitFor();
      const menu = page.getByTestId('nav-menu');
      for (const item of ['活动', '导师', '我的报名', '我的预约'])
        await menu.getByText(item, { exact: true }).waitFor();
      expect(await menu.getByText('数据看板').count()).toBe(0);

      // Log out: back to the log-in page; the signed-in pages are closed.
      await openUserMenuItem(page, '退出登录');
      await page.waitForURL(/\/login$/);
      await page.goto(`${base}/profile`);
      await page.waitForURL(/\/login\?next=%2Fprofile$/);

      // Log in with a wrong password, then the right one: back where we were heading.
      await chooseEmailSignIn(page);
      const login = page.locator('form#login');
      await login.getByLabel('邮箱').fill(email);
      await login.getByLabel('密码').fill('not-the-password');
      await login.locator('button[type=submit]').click();
      await page.getByTestId('form-error').getByText('邮箱或密码不正确').waitFor();
      await fillLogin(page, email);
      await page.waitForURL(`${base}/profile`);

      // Edit the profile: name and company with a credit code; a wrong code is refused before sending.
      const profile = page.locator('form#profile');
      await profile.getByLabel('姓名或昵称').fill('王梧桐');
      await profile.getByLabel('企业或项目名称').fill('衡阳梧桐测试科技有限公司');
      await profile.getByLabel('统一社会信用代码').fill('91350100M000100Y44');
      await page.getByTestId('save-profile').click();
      await profile.getByText('统一社会信用代码不正确').waitFor();
      await profile.getByLabel('统一社会信用代码').fill(CREDIT_CODE);
      await page.getByTestId('save-profile').click();
      await page.getByText('资料已保存').waitFor();
      await page.getByTestId('user-menu').getByText('王梧桐').waitFor();

      // Still there after a reload (the session survives it too).
      await page.reload();
      await profile.waitFor();
      expect(await settledValue(profile.getByLabel('姓名或昵称'), '王梧桐')).toBe('王梧桐');
      expect(await settledValue(profile.getByLabel('企业或项目名称'), '衡阳梧桐测试科技有限公司')).toBe(
        '衡阳梧桐测试科技有限公司',
      );
      expect(await settledValue(profile.getByLabel('统一社会信用代码'), CREDIT_CODE)).toBe(CREDIT_CODE);

      // Switch to English: the page speaks English, and keeps doing so after a reload.
      await page.getByTestId('language-switch').click();
      await page.getByRole('heading', { name: 'Profile' }).waitFor();
      await page.getByTestId('nav-menu').getByText('My registrations').waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await page.reload();
      await page.getByRole('heading', { name: 'Profile' }).waitFor();
      await page.getByText('Unified social credit code').waitFor();
      expect(await page.getByText('个人资料').count()).toBe(0);
    } finally {
      await context.close();
    }

    // The choice is saved on the account: logging in on another device opens in English.
    const other = await openPage(browser, { viewport: PHONE });
    try {
      await other.page.goto(`${base}/login`);
      await fillLogin(other.page, email);
      await other.page.getByRole('heading', { name: 'Hello, 王梧桐' }).waitFor();

      // On a phone the menu lives in a drawer.
      expect(await other.page.getByTestId('nav-menu').count()).toBe(0);
      await other.page.getByTestId('open-menu').click();
      await other.page.getByTestId('nav-menu').getByText('My bookings').click();
      await other.page.waitForURL(`${base}/me/bookings`);
      await other.page.getByRole('heading', { name: 'My bookings' }).waitFor();
    } finally {
      await other.context.close();
    }
  });
});
