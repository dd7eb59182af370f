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
  pickDateTime,
} from './browser';
import type { LaunchedBrowser } from './browser';
import {
  PASSWORD,
  api,
  createAdmin,
  createCarrier,
  mailedCode,
  shanghai,
  shanghaiDay,
} from './events-fixtures';
import type { Carrier } from './events-fixtures';

jest.setTimeout(60_000);

/** Chooses an option of an antd Select by its visible text. */
async function choose(page: Page, select: ReturnType<Page['locator']>, option: string): Promise<void> {
  await select.click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
}

describe('events and registration in the browser', () => {
  let launched: LaunchedBrowser;
  let browser: Browser;
  let base: string;
  let carrier: Carrier;
  const title = `财税实务培训 ${Date.now().toString(36)}`;
  const day1 = shanghaiDay(10);
  const day2 = shanghaiDay(17);

  beforeAll(async () => {
    base = webUrl();
    launched = await launchBrowser();
    browser = launched.browser;
    const admin = await createAdmin(base);
    carrier = await createCarrier(base, admin, `梧桐测试孵化器 ${Date.now().toString(36)}`, '周组织');
  });

  afterAll(async () => {
    await launched?.close();
  });

  it('an organizer creates and publishes a two-session training', async () => {
    const { context, page } = await openPage(browser, { viewport: DESKTOP, token: carrier.organizer.token });
    try {
      await page.goto(`${base}/manage/events`);
      await page.getByTestId('nav-menu').getByText('活动管理').waitFor();
      await page.getByTestId('new-event').click();
      await page.waitForURL(`${base}/manage/events/new`);

      const form = page.locator('form#event');
      await form.getByLabel('活动名称').fill(title);
      await choose(page, form.getByTestId('event-type'), '培训');
      await form.getByLabel('活动介绍').fill('四晚讲清增值税、企业所得税和发票管理。\n第二行说明。');

      // Two sessions, typed as wall clocks of the carrier's zone.
      await form.getByText('时间按载体所在时区 Asia/Shanghai 填写').waitFor();
      const rows = form.getByTestId('session-row');
      await pickDateTime(page, rows.nth(0).getByTestId('session-start'), `${day1} 19:00`);
      await pickDateTime(page, rows.nth(0).getByTestId('session-end'), `${day1} 21:00`);
      await form.getByTestId('add-session').click();
      await rows.nth(1).waitFor();
      // The new session starts a week after the first; make it explicit anyway.
      await pickDateTime(page, rows.nth(1).getByTestId('session-start'), `${day2} 19:00`);
      await pickDateTime(page, rows.nth(1).getByTestId('session-end'), `${day2} 21:30`);

      // A venue created on the spot.
      await form.getByTestId('new-venue').click();
      const venue = page.locator('form#venue');
      await venue.getByLabel('场地名称').fill('3 楼培训室');
      await venue.getByLabel('地址').fill('衡阳市高新区梧桐路 1 号');
      await venue.getByLabel('可容纳人数').fill('60');
      await page.getByRole('button', { name: '保存' }).last().click();
      await page.getByText('场地已添加').waitFor();
      await form.getByTestId('venue-picker').getByText('3 楼培训室').waitFor();

      await form.getByTestId('event-capacity').fill('30');

      // One required question.
      await form.getByTestId('add-question').click();
      await form.getByTestId('question-row').getByTestId('question-label').fill('企业名称');
      await form.getByTestId('question-row').getByTestId('question-required').click();

      await page.getByTestId('save-event').click();
      await page.waitForURL(/\/manage\/events\/[0-9a-f-]{36}$/);
      await page.getByTestId('event-status').getByText('草稿').waitFor();
      const sessions = page.getByTestId('event-sessions');
      await sessions.getByText('第 2 场').waitFor();
      expect(await sessions.locator('.ant-list-item').count()).toBe(2);
      expect(await sessions.textContent()).toContain('19:00–21:30');

      await page.getByTestId('publish-event').click();
      await page.getByTestId('confirm-publish').click();
      await page.getByText('活动已发布').waitFor();
      await page.getByTestId('event-status').getByText('已发布').waitFor();
      expect(await page.getByTestId('publish-event').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('a founder signs up, finds the event, registers answering the question, and sees the QR ticket', async () => {
    const { context, page } = await openPage(browser, { viewport: PHONE });
    try {
      await page.goto(`${base}/signup`);
      await chooseEmailSignIn(page);
      const signup = page.locator('form#signup');
      await signup.getByLabel('姓名或昵称').fill('李创业');
      const email = uniqueEmail();
      await signup.getByLabel('邮箱').fill(email);
      await signup.getByLabel('密码', { exact: true }).fill(PASSWORD);
      await signup.getByLabel('确认密码').fill(PASSWORD);
      await signup.locator('button[type=submit]').click();
      // The code mailed at sign-up verifies the address; registering waits for it.
      await page.waitForURL(`${base}/verify-email`);
      await page.getByTestId('verify-email').getByText(email).waitFor();
      await page.getByTestId('verify-code').fill(await mailedCode(base, email));
      await page.getByTestId('verify-submit').click();
      await page.getByTestId('verify-done').waitFor();

      // Find it: the menu, then a search.
      await page.getByTestId('open-menu').click();
      await page.getByTestId('nav-menu').getByText('活动', { exact: true }).click();
      await page.waitForURL(`${base}/events`);
      await page.getByTestId('event-search').locator('input').fill(title);
      await page.getByTestId('event-search').locator('input').press('Enter');
      const card = page.getByTestId('event-card').filter({ hasText: title });
      await card.waitFor();
      // The search replaces the list: wait until the unfiltered cards are gone.
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="event-card"]').length === 1);
      await card.getByRole('link', { name: title }).click();

      await page.getByTestId('event-title').getByText(title).waitFor();
      await page.getByTestId('event-sessions').getByText('第 2 场').waitFor();
      await page.getByText('3 楼培训室').waitFor();
      await page.getByTestId('seats-left').getByText('剩余 30 / 30 席').waitFor();

      // Register: the required question is asked first.
      await page.getByTestId('register-button').click();
      const dialog = page.locator('form#register');
      await dialog.getByLabel('企业名称').waitFor();
      await page.getByTestId('confirm-register').click();
      await dialog.getByText('请回答这个问题').waitFor();
      await dialog.getByLabel('企业名称').fill('衡阳梧桐测试科技有限公司');
      await page.getByTestId('confirm-register').click();

      const outcome = page.getByTestId('outcome-confirmed');
      await outcome.getByText('报名成功').waitFor();
      await outcome.getByTestId('ticket-qr').waitFor();
      // The code to read out: 8 characters without look-alikes, printed ABCD-EFGH (the QR holds the secret).
      const code = (await outcome.getByTestId('ticket-code').textContent())?.trim() ?? '';
      expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}$/);

      // 我的报名 shows the same ticket as a scannable QR code.
      await outcome.getByRole('button', { name: '查看我的报名' }).click();
      await page.waitForURL(`${base}/me/registrations`);
      const mine = page.getByTestId('my-registration-card').filter({ hasText: title });
      await mine.getByTestId('registration-status').getByText('报名成功').waitFor();
      // The soonest ticket is open; its fold line carries the code to read out.
      await mine.getByText(`电子票 · 签到码 ${code}`).waitFor();
      const qr = mine.getByTestId('ticket-qr');
      await qr.waitFor();
      const box = await qr.boundingBox();
      expect(box?.width).toBeGreaterThanOrEqual(200);
      expect(await mine.getByTestId('ticket-code').textContent()).toContain(code);

      // Cancelled and registering again: the earlier answer is kept in the form.
      await mine.getByTestId('cancel-registration').click();
      await page.getByTestId('confirm-cancel-registration').click();
      await mine.getByTestId('registration-status').getByText('已取消').waitFor();
      await mine.getByRole('link', { name: title }).click();
      await page.getByTestId('register-button').click();
      const company = page.locator('form#register').getByLabel('企业名称');
      expect(await settledValue(company, '衡阳梧桐测试科技有限公司')).toBe('衡阳梧桐测试科技有限公司');
    } finally {
      await context.close();
    }
  });

  it('the calendar opens on the month of the next event when this month has none left, and says when none is coming', async () => {
    // An event early in the month after next (Shanghai): whatever day this runs, the current month
    // holds no event with its unique title, so the calendar must jump to that month.
    const token = `跳月 ${Date.now().toString(36)}`;
    const [year, month] = shanghaiDay(0).split('-').map(Number);
    const later = new Date(Date.UTC(year, month + 1, 3)).toISOString().slice(0, 10);
    const event = await api<{ id: string }>(base, '/events', {
      token: carrier.organizer.token,
      body: {
        organizationId: carrier.id,
        type: 'salon',
        title: `创业沙龙 ${token}`,
        description: '下下个月的沙龙。',
        capacity: 20,
        approvalRequired: false,
        waitlistEnabled: false,
        sessions: [{ startsAt: shanghai(later, '14:00'), endsAt: shanghai(later, '16:00') }],
      },
    });
    await api(base, `/events/${event.id}/publish`, { token: carrier.organizer.token, body: {} });

    for (const [locale, viewport] of [
      ['zh-CN', DESKTOP],
      ['en', PHONE],
    ] as const) {
      const { context, page } = await openPage(browser, { viewport, locale });
      try {
        await page.goto(`${base}/events?view=calendar&q=${encodeURIComponent(token)}`);
        await page.getByTestId('jumped-month').waitFor();
        // Desktop: in the month grid; phone: in the list of the selected day, the event's.
        await page.getByTestId('event-calendar').getByText(token).first().waitFor();
        await page.screenshot({
          path: `tmp/screenshots/events-calendar-next-month-${locale}-${viewport.width}x${viewport.height}.png`,
          fullPage: true,
        });
        await page.goto(`${base}/events?view=calendar&q=${encodeURIComponent(`${token} 不存在`)}`);
        await page.getByTestId('no-upcoming').waitFor();
        expect(await page.getByTestId('jumped-month').count()).toBe(0);
      } finally {
        await context.close();
      }
    }
  });
});
