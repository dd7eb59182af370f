import type { Browser } from 'playwright-core';
import { DESKTOP, PHONE, launchBrowser, openPage, uniqueEmail, webUrl, chooseEmailSignIn } from './browser';
import type { LaunchedBrowser } from './browser';
import {
  PASSWORD,
  api,
  createAdmin,
  createCarrier,
  mailedCode,
  shanghai,
  shanghaiDay,
  signUp,
} from './events-fixtures';
import { startBuiltApp } from './mfa-fixtures';
import type { BuiltApp } from './mfa-fixtures';

jest.setTimeout(180_000);

/** Issue 15 in the browser: verifying the email (point 5), a closed account (6), company owners (2). */
describe('accounts in the browser (issue 15)', () => {
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

  it('an unverified founder is told why registering waits, and the mailed code opens it', async () => {
    const admin = await createAdmin(base);
    const carrier = await createCarrier(base, admin, `验证载体 ${Date.now()}`, '验证运营');
    const day = shanghaiDay(9);
    const title = `验证邮箱后报名 ${Date.now()}`;
    const event = await api<{ id: string }>(base, '/events', {
      token: carrier.organizer.token,
      body: {
        organizationId: carrier.id,
        type: 'salon',
        title,
        description: '验证邮箱的创业者才能报名。',
        capacity: 20,
        approvalRequired: false,
        waitlistEnabled: false,
        sessions: [{ startsAt: shanghai(day, '19:00'), endsAt: shanghai(day, '21:00') }],
      },
    });
    await api(base, `/events/${event.id}/publish`, { token: carrier.organizer.token, body: {} });
    const founder = await signUp(base, '未验证创业者', 'unverified', { verified: false });

    const { context, page } = await openPage(browser, { viewport: PHONE, token: founder.token });
    try {
      await page.goto(`${base}/events/${event.id}`);
      const banner = page.getByTestId('verify-banner');
      await banner.getByText(`请验证你的邮箱 ${founder.email}`).waitFor();
      await page.getByTestId('register-button').click();
      await page.getByTestId('confirm-register').click();
      await page
        .getByTestId('form-error')
        .getByText('请先验证邮箱：输入注册时收到的 6 位验证码后，才能报名活动和预约导师')
        .waitFor();
      await page.getByTestId('verify-link').click();
      await page.waitForURL(`${base}/verify-email`);
      await banner.waitFor({ state: 'detached' });

      // A wrong code is refused under the field; a new code waits a minute.
      const code = await mailedCode(base, founder.email);
      await page.getByTestId('verify-code').fill(code === '000000' ? '111111' : '000000');
      await page.getByTestId('verify-submit').click();
      await page.getByText('验证码不正确、已使用或已过期，请重新获取').waitFor();
      await page.getByTestId('verify-resend').click();
      await page
        .getByTestId('verify-resend')
        .getByText(/秒后可重新发送/)
        .waitFor();

      // The newest mail's code verifies the address; the banner is gone and registering works.
      await page.getByTestId('verify-code').fill(await mailedCode(base, founder.email));
      await page.getByTestId('verify-submit').click();
      await page.getByTestId('verify-done').getByText('邮箱已验证，现在可以报名活动和预约导师了').waitFor();
      await page.goto(`${base}/events/${event.id}`);
      await page.getByTestId('event-title').getByText(title).waitFor();
      await banner.waitFor({ state: 'detached' });
      await page.getByTestId('register-button').click();
      await page.getByTestId('confirm-register').click();
      await page.getByTestId('outcome-confirmed').getByText('报名成功').waitFor();
    } finally {
      await context.close();
    }
  });

  it("shows who keeps a company's details: its owner edits them, another member sees them read-only", async () => {
    const owner = await signUp(base, '企业负责人');
    const member = await signUp(base, '后加入的成员');
    const company = { name: `衡阳负责人科技 ${Date.now()}`, stage: 'prototype', industry: 'software' };
    await api(base, '/me', { method: 'PATCH', token: owner.token, body: { company } });
    await api(base, '/me', {
      method: 'PATCH',
      token: member.token,
      body: { company: { name: company.name } },
    });

    const ownerPage = await openPage(browser, { viewport: DESKTOP, token: owner.token });
    try {
      await ownerPage.page.goto(`${base}/profile`);
      const ownership = ownerPage.page.getByTestId('company-ownership');
      await ownership.getByText('你是这家企业的负责人，可以修改企业信息（修改会记录在案）').waitFor();
      await ownership.getByTestId('company-editable').getByText('可编辑').waitFor();
      expect(
        await ownerPage.page
          .getByTestId('company-stage')
          .locator('..')
          .locator('.ant-select-disabled')
          .count(),
      ).toBe(0);
    } finally {
      await ownerPage.context.close();
    }

    const memberPage = await openPage(browser, { viewport: PHONE, token: member.token });
    try {
      await memberPage.page.goto(`${base}/profile`);
      const ownership = memberPage.page.getByTestId('company-ownership');
      await ownership.getByText('由 企业负责人 维护企业信息').waitFor();
      await ownership.getByTestId('company-editable').getByText('只读').waitFor();
      await memberPage.page.locator('.ant-select-disabled').first().waitFor();
      // Saving the profile keeps the company as its owner described it.
      await memberPage.page.getByTestId('display-name').fill('后加入的成员（改名）');
      await memberPage.page.getByTestId('save-profile').click();
      await memberPage.page.getByText('资料已保存').waitFor();
      const me = await api<{ company: { stage: string; industry: string } }>(base, '/me', {
        token: member.token,
      });
      expect(me.company).toMatchObject({ stage: 'prototype', industry: 'software' });
    } finally {
      await memberPage.context.close();
    }
  });

  describe('an account closed to unknown devices after many wrong passwords', () => {
    let app: BuiltApp;

    beforeAll(async () => {
      app = await startBuiltApp({ AUTH_RATE_LIMIT: '1000/60', AUTH_ACCOUNT_RATE_LIMIT: '10/300' });
    });

    afterAll(async () => {
      await app?.close();
    });

    it("lets the owner's browser in with the password, and a new browser with a mailed code", async () => {
      const email = uniqueEmail('owner');
      const own = await openPage(browser, { viewport: DESKTOP });
      try {
        // Sign up in the owner's browser: it becomes a recognised device of the account.
        await own.page.goto(`${app.url}/signup`);
        await chooseEmailSignIn(own.page);
        const form = own.page.locator('form#signup');
        await form.getByLabel('姓名或昵称').fill('账号主人');
        await form.getByLabel('邮箱').fill(email);
        await form.getByLabel('密码', { exact: true }).fill(PASSWORD);
        await form.getByLabel('确认密码').fill(PASSWORD);
        await form.locator('button[type=submit]').click();
        await own.page.waitForURL(`${app.url}/verify-email`);
        await own.page.getByTestId('verify-code').fill(await mailedCode(app.url, email));
        await own.page.getByTestId('verify-submit').click();
        await own.page.getByTestId('verify-done').waitFor();

        // Someone guesses the password ten times.
        for (let i = 0; i < 10; i++)
          await expect(
            api(app.url, '/auth/login', { body: { email, password: `Guess-Horse-${i}` } }),
          ).rejects.toThrow(/401/);
        await expect(api(app.url, '/auth/login', { body: { email, password: PASSWORD } })).rejects.toThrow(
          /429/,
        );

        // The owner signs out and back in from the same browser: it is recognised.
        await own.page.getByTestId('user-menu').click();
        await own.page.getByText('退出登录').click();
        await own.page.goto(`${app.url}/login`);
        await chooseEmailSignIn(own.page);
        await own.page.locator('form#login').getByLabel('邮箱').fill(email);
        await own.page.getByLabel('密码', { exact: true }).fill(PASSWORD);
        await own.page.locator('form#login button[type=submit]').click();
        await own.page.waitForURL(`${app.url}/`);
        await own.page.getByTestId('user-menu').waitFor();
      } finally {
        await own.context.close();
      }

      // A new browser is asked for a code by mail, and gets in with it.
      const fresh = await openPage(browser, { viewport: PHONE });
      try {
        await fresh.page.goto(`${app.url}/login`);
        await chooseEmailSignIn(fresh.page);
        await fresh.page.locator('form#login').getByLabel('邮箱').fill(email);
        await fresh.page.getByLabel('密码', { exact: true }).fill(PASSWORD);
        await fresh.page.locator('form#login button[type=submit]').click();
        await fresh.page
          .getByTestId('login-closed')
          .getByText(/新设备登录需要邮件验证码/)
          .waitFor();
        await fresh.page.getByTestId('login-send-code').click();
        await fresh.page.getByTestId('login-email-code').waitFor();
        const [mail] = await app.query<{ subject: string }>(
          `SELECT subject FROM outbox_messages WHERE recipient = $1 AND template = 'signInCode'`,
          [email],
        );
        const code = /(\d{6})/.exec(mail.subject)![1];
        await fresh.page.getByTestId('login-email-code').fill(code);
        await fresh.page.getByTestId('login-email-code-submit').click();
        await fresh.page.waitForURL(`${app.url}/`);
        await fresh.page.getByTestId('user-menu').waitFor();
        // This browser keeps a device secret of its own now.
        const devices = await fresh.page.evaluate(() => localStorage.getItem('wutong.devices'));
        expect(JSON.parse(devices ?? '{}')[email]).toMatch(/^[A-Za-z0-9_-]{43}$/);
      } finally {
        await fresh.context.close();
      }
    });
  });
});
