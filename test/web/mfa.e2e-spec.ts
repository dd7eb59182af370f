import type { Browser, Page } from 'playwright-core';
import { DESKTOP, PHONE, launchBrowser, openPage, webUrl, chooseEmailSignIn } from './browser';
import type { LaunchedBrowser } from './browser';
import { PASSWORD, api, createAdmin, signUp } from './events-fixtures';
import { startBuiltApp, totpCode, wrongCode } from './mfa-fixtures';
import type { BuiltApp } from './mfa-fixtures';

jest.setTimeout(180_000);

/** Waits longer than the default: these tests share a busy machine with other suites. */
const SLOW = 30_000;

async function slowPage(...args: Parameters<typeof openPage>) {
  const opened = await openPage(...args);
  opened.page.setDefaultTimeout(SLOW);
  return opened;
}

/** Starts set-up on the security page and returns the secret it shows (as the person would type it). */
async function startSetup(page: Page): Promise<string> {
  await page.getByTestId('mfa-start').click();
  const qr = page.getByTestId('mfa-qr');
  await qr.waitFor();
  // The QR code is a real, decoded image, not a broken one.
  expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 100)).toBe(true);
  const shown = (await page.getByTestId('mfa-secret').innerText()).replace(/\s+/g, '');
  expect(shown).toMatch(/^[A-Z2-7]{32}$/);
  return shown;
}

async function mfaStatus(base: string, token: string) {
  return api<{ enabled: boolean; requiredForAccount: boolean; sessionVerified: boolean }>(base, '/me/mfa', {
    token,
  });
}

describe('two-step sign-in in the browser', () => {
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

  it('a founder sets it up on the profile page, logs out, and logs in with password then code', async () => {
    const user = await signUp(base, '两步验证用户');
    const { context, page } = await slowPage(browser, { viewport: DESKTOP, token: user.token });
    try {
      // The profile page says it is off and leads to the security page.
      await page.goto(`${base}/profile`);
      await page.getByTestId('profile-mfa-status').getByText('未开启').waitFor();
      await page.getByTestId('profile-mfa-link').click();
      await page.waitForURL(`${base}/profile/security`);
      await page.getByRole('heading', { name: '账号安全' }).waitFor();
      await page.getByText('微信、企业微信本身不能生成这种验证码').waitFor();

      const secret = await startSetup(page);
      const codeField = page.getByTestId('mfa-enable-code');
      // Turning it on asks for the password too: a stolen session alone cannot.
      await page.getByTestId('mfa-enable-password').fill(PASSWORD);
      // A wrong code is refused under the field; it stays off.
      await codeField.fill(wrongCode(secret));
      await page.getByTestId('mfa-enable').click();
      await page.getByText('验证码不正确。请确认扫描的是上面的二维码').waitFor();
      expect(await page.getByTestId('mfa-status').innerText()).toBe('未开启');
      expect((await mfaStatus(base, user.token)).enabled).toBe(false);

      // Spaces as the app shows them are dropped; the right code turns it on.
      const code = totpCode(secret);
      await codeField.fill(`${code.slice(0, 3)} ${code.slice(3)}`);
      expect(await codeField.inputValue()).toBe(code);
      await page.getByTestId('mfa-enable').click();
      await page.getByText('两步验证已开启，下次登录时需要输入验证码').waitFor();
      await page.getByTestId('mfa-status').getByText('已开启').waitFor();
      await page.getByTestId('mfa-disable-start').waitFor();
      expect(await mfaStatus(base, user.token)).toEqual({
        enabled: true,
        requiredForAccount: false,
        sessionVerified: true,
      });

      // Log out, then in: the password alone leads to the code step.
      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: '退出登录' }).click();
      await page.waitForURL(/\/login$/);
      await chooseEmailSignIn(page);
      const login = page.locator('form#login');
      await login.getByLabel('邮箱').fill(user.email);
      await login.getByLabel('密码').fill(PASSWORD);
      await login.locator('button[type=submit]').click();
      await page.getByRole('heading', { name: '两步验证' }).waitFor();
      expect(await page.getByTestId('login-code-email').innerText()).toBe(user.email);
      const otp = page.getByTestId('login-code');
      // The code field has the focus, a numeric keypad and the system's one-time-code autofill.
      expect(await otp.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await otp.getAttribute('autocomplete')).toBe('one-time-code');
      expect(await otp.getAttribute('inputmode')).toBe('numeric');

      // A wrong code is refused under the field.
      await otp.fill(wrongCode(secret));
      await page.getByTestId('login-code-submit').click();
      await page.locator('form#login-code').getByText('验证码不正确或已使用过').waitFor();
      expect(page.url()).toMatch(/\/login$/);
      // The code of the step that turned it on was used; the next step's code signs in.
      await otp.fill(totpCode(secret, 30));
      await otp.press('Enter');
      await page.getByTestId('user-menu').getByText('两步验证用户').waitFor();
      expect(page.url()).not.toMatch(/\/login/);

      // This new session counts as verified.
      const token = await page.evaluate(() => localStorage.getItem('wutong.token'));
      expect(token).toBeTruthy();
      expect((await mfaStatus(base, token!)).sessionVerified).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('turning it off on a phone in English needs the password and a code', async () => {
    const user = await signUp(base, 'Phone User');
    const { secret } = await api<{ secret: string }>(base, '/me/mfa/totp', { token: user.token, body: {} });
    await api(base, '/me/mfa/totp/enable', {
      token: user.token,
      body: { code: totpCode(secret), password: PASSWORD },
    });
    const { context, page } = await slowPage(browser, { viewport: PHONE, locale: 'en', token: user.token });
    try {
      await page.goto(`${base}/profile/security`);
      await page.getByRole('heading', { name: 'Account security' }).waitFor();
      await page.getByTestId('mfa-status').getByText('On').waitFor();
      await page.getByTestId('mfa-disable-start').click();
      await page.getByTestId('mfa-disable-password').fill('not-my-password');
      await page.getByTestId('mfa-disable-code').fill(totpCode(secret, 30));
      await page.getByTestId('mfa-disable-submit').click();
      await page.locator('form#mfa-disable').getByText('Wrong password').waitFor();
      expect((await mfaStatus(base, user.token)).enabled).toBe(true);

      await page.getByTestId('mfa-disable-password').fill(PASSWORD);
      await page.getByTestId('mfa-disable-submit').click();
      await page.getByText('Two-step sign-in is off').first().waitFor();
      await page.getByTestId('mfa-status').getByText('Off').waitFor();
      await page.getByTestId('mfa-start').waitFor();
      expect((await mfaStatus(base, user.token)).enabled).toBe(false);
      // The password alone signs in again.
      await api(base, '/auth/login', { body: { email: user.email, password: PASSWORD } });
    } finally {
      await context.close();
    }
  });

  it('an admin resets the two-step sign-in of a founder who lost the phone, from the users page', async () => {
    const founder = await signUp(base, '丢了手机的创业者');
    const { secret } = await api<{ secret: string }>(base, '/me/mfa/totp', {
      token: founder.token,
      body: {},
    });
    await api(base, '/me/mfa/totp/enable', {
      token: founder.token,
      body: { code: totpCode(secret), password: PASSWORD },
    });
    const admin = await createAdmin(base);
    const { context, page } = await slowPage(browser, { viewport: DESKTOP, token: admin.token });
    try {
      await page.goto(`${base}/admin/users`);
      await page.getByTestId('user-email').fill(founder.email);
      await page.getByTestId('user-search').click();
      await page.getByTestId('user-mfa').getByText('已开启').waitFor();
      await page.getByTestId('mfa-reset').click();
      await page.getByText('确定重置 丢了手机的创业者 的两步验证？').waitFor();
      await page.getByTestId('mfa-reset-confirm').click();
      await page.getByText('已重置 丢了手机的创业者 的两步验证，对方需要重新登录').waitFor();
      await page.getByTestId('user-mfa').getByText('未开启').waitFor();
      expect(await page.getByTestId('mfa-reset').count()).toBe(0);
    } finally {
      await context.close();
    }
    // Signed out everywhere; the password alone signs in, and two-step sign-in is off.
    await expect(api(base, '/me', { token: founder.token })).rejects.toThrow(/401/);
    const { accessToken } = await api<{ accessToken: string }>(base, '/auth/login', {
      body: { email: founder.email, password: PASSWORD },
    });
    expect((await mfaStatus(base, accessToken)).enabled).toBe(false);
  });

  describe('with AUTH_ADMIN_MFA=required', () => {
    let app: BuiltApp;

    beforeAll(async () => {
      app = await startBuiltApp({ AUTH_ADMIN_MFA: 'required' });
    });

    afterAll(async () => {
      await app?.close();
    });

    it('an admin without it sees the banner, sets it up from there, and gets the admin pages back', async () => {
      const admin = await signUp(app.url, '平台管理员', 'admin');
      await app.query(`UPDATE users SET roles = ARRAY['admin']::text[] WHERE id = $1`, [admin.id]);
      // A second session of the same admin, opened before two-step sign-in was on.
      const { accessToken: older } = await api<{ accessToken: string }>(app.url, '/auth/login', {
        body: { email: admin.email, password: PASSWORD },
      });

      const { context, page } = await slowPage(browser, { viewport: DESKTOP, token: admin.token });
      try {
        await page.goto(`${app.url}/admin/users`);
        const banner = page.getByTestId('mfa-banner');
        await banner.getByText('管理员账号需要开启两步验证，之后才能使用管理功能。').waitFor();
        // The admin API refuses, and says why.
        await page.getByTestId('user-email').fill(admin.email);
        await page.getByTestId('user-search').click();
        await page
          .getByTestId('form-error')
          .getByText('管理员需要开启两步验证，并用验证码登录后才能执行这个操作')
          .waitFor();

        await page.getByTestId('mfa-banner-link').click();
        await page.waitForURL(`${app.url}/profile/security`);
        await page.getByText('你是平台管理员：开启两步验证后才能使用管理功能。').waitFor();
        expect(await page.getByTestId('mfa-banner-link').count()).toBe(0);
        const secret = await startSetup(page);
        await page.getByTestId('mfa-enable-code').fill(totpCode(secret));
        await page.getByTestId('mfa-enable-password').fill(PASSWORD);
        await page.getByTestId('mfa-enable').click();
        await page.getByTestId('mfa-status').getByText('已开启').waitFor();
        await banner.waitFor({ state: 'detached' });
        // Admins keep it on: no way to turn it off here.
        await page.getByText('平台要求管理员账号必须开启两步验证，因此不能关闭。').waitFor();
        expect(await page.getByTestId('mfa-disable-start').count()).toBe(0);

        // This session is verified now: the admin page answers.
        await page.goto(`${app.url}/admin/users`);
        await page.getByTestId('user-email').fill(admin.email);
        await page.getByTestId('user-search').click();
        await page.getByTestId('user-card').getByText('平台管理员').waitFor();
        expect(await page.getByTestId('mfa-banner').count()).toBe(0);
      } finally {
        await context.close();
      }

      // The session opened before, without a code, is told to sign in again.
      const other = await slowPage(browser, { viewport: PHONE, token: older });
      try {
        await other.page.goto(`${app.url}/profile`);
        await other.page
          .getByTestId('mfa-banner')
          .getByText('本次登录没有使用验证码，管理功能暂不可用。请退出后用密码和验证码重新登录。')
          .waitFor();
        await other.page.getByTestId('mfa-banner').getByRole('button', { name: '退出登录' }).click();
        await other.page.waitForURL(/\/login$/);
      } finally {
        await other.context.close();
      }
    });
  });
});
