import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, PHONE, launchBrowser, openPage, uniqueEmail, webUrl } from './browser';
import type { LaunchedBrowser } from './browser';
import { PASSWORD, api, createAdmin, createCarrier, mailedCode } from './events-fixtures';
import type { Carrier } from './events-fixtures';
import { textsIn } from '../support/sms-files';

jest.setTimeout(90_000);

const DAY = 86_400_000;

/** A fresh mainland mobile (13x…), unique to this run. */
function mobile(): string {
  return `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

/** The newest code texted to `phone` (E.164) by the app under test, once the outbox has sent it. */
async function textedCode(phone: string): Promise<string> {
  const dir = process.env.WUTONG_WEB_SMS_DIR;
  if (!dir) throw new Error('WUTONG_WEB_SMS_DIR is not set');
  for (let i = 0; i < 100; i++) {
    const texts = existsSync(dir) ? textsIn(dir).filter((x) => x.to === phone && x.params.code) : [];
    const last = texts.at(-1);
    if (last?.params.code) return last.params.code;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no text to ${phone}`);
}

/**
 * Issue 17, point 1 in the browser: a founder with nothing but a phone goes from an event page to
 * "registered" in three screens (the event, the sign-in, the event with its form), signs up with
 * 手机号 + 验证码 and a name — no email, no password — and finds the number on the profile.
 */
describe('phone sign-in in the browser', () => {
  let launched: LaunchedBrowser;
  let browser: Browser;
  let base: string;
  let carrier: Carrier;
  let eventId: string;
  const shots = resolve(__dirname, '../../tmp/screenshots');

  beforeAll(async () => {
    base = webUrl();
    launched = await launchBrowser();
    browser = launched.browser;
    mkdirSync(shots, { recursive: true });
    const admin = await createAdmin(base);
    carrier = await createCarrier(base, admin, `手机号孵化器 ${Date.now().toString(36)}`, '冯运营');
    const start = Date.now() + 7 * DAY;
    const event = await api<{ id: string }>(base, '/events', {
      token: carrier.organizer.token,
      body: {
        organizationId: carrier.id,
        type: 'salon',
        title: '创业沙龙：手机号报名',
        description: '从微信群里的链接报名',
        capacity: 30,
        approvalRequired: false,
        waitlistEnabled: false,
        sessions: [
          { startsAt: new Date(start).toISOString(), endsAt: new Date(start + 2 * 3_600_000).toISOString() },
        ],
      },
    });
    eventId = event.id;
    await api(base, `/events/${eventId}/publish`, { token: carrier.organizer.token, body: {} });
  });

  afterAll(async () => {
    await launched?.close();
  });

  /** Every distinct screen (path) the page shows, in order: the SPA's history moves included. */
  function screens(page: Page): string[] {
    const seen: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame()) return;
      const path = new URL(frame.url()).pathname;
      if (seen.at(-1) !== path) seen.push(path);
    });
    return seen;
  }

  it('from an event page to "registered" in three screens on a phone, with a number, a code and a name', async () => {
    const phone = mobile();
    const { context, page } = await openPage(browser, { viewport: PHONE });
    try {
      const seen = screens(page);
      await page.goto(`${base}/events/${eventId}`);
      await page.getByTestId('register-button').getByText('登录后报名').click();
      await page.waitForURL(/\/login\?next=/);

      // Chinese opens on the phone tab; email is one tab away.
      await page.getByRole('tab', { name: '手机号', selected: true }).waitFor();
      await page.getByRole('tab', { name: '邮箱' }).waitFor();
      await page.getByTestId('phone-number').fill(phone);
      await page.getByTestId('phone-send-code').click();
      await page.getByText('验证码已发送，5 分钟内有效').waitFor();
      await page
        .getByTestId('phone-send-code')
        .getByText(/秒后重发/)
        .waitFor();
      await page.screenshot({ path: join(shots, 'phone-sign-in-zh-phone.png') });

      // A wrong code first: the field says so and nothing is made.
      await page.getByTestId('phone-code').fill('000000');
      await page.getByTestId('phone-submit').click();
      await page.getByText('验证码不正确、已使用或已过期，请重新获取').waitFor();

      await page.getByTestId('phone-code').fill(await textedCode(`+86${phone}`));
      await page.getByTestId('phone-submit').click();
      // The number is new: the form asks for a name, and nothing else.
      await page.getByTestId('phone-new-number').waitFor();
      await page.getByTestId('phone-name').fill('微信群里的创业者');
      await page.getByTestId('phone-submit').click();

      // Back on the event, the registration form is open already.
      await page.waitForURL(`${base}/events/${eventId}`);
      await page.getByTestId('confirm-register').click();
      // The ticket is on the same screen: its QR and the short code for the door.
      await page.getByTestId('outcome-confirmed').getByTestId('ticket-qr').waitFor();
      // No email: the confirmation comes by text, and the page says so.
      await page.getByText('到场时出示下面的二维码签到。确认短信已发送到你的手机。').waitFor();
      expect((await page.getByTestId('ticket-code').innerText()).replace(/\W/g, '')).toMatch(/^[A-Z2-9]{8}$/);
      await page.screenshot({ path: join(shots, 'phone-sign-in-zh-ticket.png') });
      expect(seen).toEqual([`/events/${eventId}`, '/login', `/events/${eventId}`]);

      await page.goto(`${base}/profile`);
      await page
        .getByTestId('verified-phone')
        .getByText(`${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`)
        .waitFor();
      await page.getByTestId('sign-in-phone').getByText('已验证，可用手机号登录').waitFor();

      // No email and no password yet: the profile offers both.
      const address = uniqueEmail('phone-first');
      await page.getByTestId('add-email-address').fill(address);
      await page.getByTestId('add-email-send').click();
      await page.getByTestId('add-email-code').waitFor(); // shown once the code was mailed
      await page.getByTestId('add-email-code').fill(await mailedCode(base, address));
      await page.getByTestId('add-email-confirm').click();
      await page.getByTestId('confirmed-email').getByText(address).waitFor();
      await page.getByTestId('sign-in-email').screenshot({ path: join(shots, 'phone-profile-email-zh.png') });
      await page.getByTestId('set-password').click();
      await page.getByRole('heading', { name: '设置密码' }).waitFor();
      await page.getByLabel('新密码').fill(PASSWORD);
      await page.getByLabel('确认密码').fill(PASSWORD);
      await page.getByRole('button', { name: '设置密码' }).click();
      await page.getByText('密码已修改，其他设备上的登录已失效').waitFor();
      // Now the same person signs in by email too.
      await api(base, '/auth/login', { body: { email: address, password: PASSWORD } });
    } finally {
      await context.close();
    }
  });

  it('signs the same number in again, and an email account adds and verifies a phone on its profile', async () => {
    const phone = mobile();
    const { context, page } = await openPage(browser, { viewport: DESKTOP });
    try {
      // Sign up on the sign-up page: the name is asked up front.
      await page.goto(`${base}/signup`);
      await page.getByTestId('phone-number').fill(phone);
      await page.getByTestId('phone-send-code').click();
      await page.getByTestId('phone-name').fill('张创业');
      await page.getByTestId('phone-code').fill(await textedCode(`+86${phone}`));
      await page.getByTestId('phone-submit').click();
      await page.waitForURL((url) => !url.pathname.startsWith('/signup'));
      await page.goto(`${base}/profile`);
      await page.getByTestId('verified-phone').waitFor();

      // Another account (email) cannot take this number.
      const other = await api<{ accessToken: string }>(base, '/auth/signup', {
        body: {
          email: `phone-${Date.now()}@example.com`,
          password: 'wutong-e2e-passw0rd',
          displayName: '邮箱用户',
        },
      });
      const { context: second, page: p2 } = await openPage(browser, {
        viewport: DESKTOP,
        token: other.accessToken,
      });
      try {
        await p2.goto(`${base}/profile`);
        await p2.getByTestId('verify-phone-open').click();
        await p2.getByTestId('verify-phone-number').fill(phone);
        await p2.getByTestId('verify-phone-send').click();
        await p2.getByText('这个手机号已被另一个账号验证').waitFor();

        const own = mobile();
        await p2.getByTestId('verify-phone-number').fill(own);
        await p2.getByTestId('verify-phone-send').click();
        await p2.getByTestId('verify-phone-code').fill(await textedCode(`+86${own}`));
        await p2.getByTestId('verify-phone-confirm').click();
        await p2.getByText('手机号已验证').waitFor();
        await p2
          .getByTestId('verified-phone')
          .getByText(`${own.slice(0, 3)} ${own.slice(3, 7)} ${own.slice(7)}`)
          .waitFor();
      } finally {
        await second.close();
      }
    } finally {
      await context.close();
    }
  });

  it('opens on email in English, with the phone one tab away', async () => {
    const { context, page } = await openPage(browser, { viewport: DESKTOP, locale: 'en' });
    try {
      await page.goto(`${base}/login`);
      await page.getByRole('tab', { name: 'Email', selected: true }).waitFor();
      await page.locator('form#login').waitFor();
      await page.getByRole('tab', { name: 'Phone' }).click();
      await page.getByTestId('phone-number').waitFor();
      await page.getByTestId('phone-number').fill('12345');
      await page.getByTestId('phone-send-code').click();
      await page.getByText('Enter a valid mainland China mobile number').waitFor();
      await page.screenshot({ path: join(shots, 'phone-sign-in-en-desktop.png') });
    } finally {
      await context.close();
    }
  });
});
