import type { Browser } from 'playwright-core';
import { DESKTOP, PHONE, launchBrowser, openPage, webUrl } from './browser';
import type { LaunchedBrowser } from './browser';
import { api, createAdmin, createCarrier, shanghai, shanghaiDay, signUp } from './events-fixtures';
import type { Carrier } from './events-fixtures';

jest.setTimeout(60_000);

/** What a new user meets after signing in: what is next, what is theirs, and no prompts meant for others. */
describe('the start page, the event list and the manage list for a new user', () => {
  let launched: LaunchedBrowser;
  let browser: Browser;
  let base: string;
  let carrier: Carrier;
  const title = `融资沙龙 ${Date.now().toString(36)}`;

  beforeAll(async () => {
    base = webUrl();
    launched = await launchBrowser();
    browser = launched.browser;
    const admin = await createAdmin(base);
    carrier = await createCarrier(base, admin, `新用户孵化器 ${Date.now().toString(36)}`, '吴组织');
    const day = shanghaiDay(5);
    const event = await api<{ id: string }>(base, '/events', {
      token: carrier.organizer.token,
      body: {
        organizationId: carrier.id,
        type: 'salon',
        title,
        description: '天使轮怎么谈。',
        capacity: 20,
        approvalRequired: false,
        waitlistEnabled: false,
        sessions: [{ startsAt: shanghai(day, '14:00'), endsAt: shanghai(day, '16:00') }],
      },
    });
    await api(base, `/events/${event.id}/publish`, { token: carrier.organizer.token, body: {} });
  });
  afterAll(async () => {
    await launched?.close();
  });

  it('shows a founder their next event, marks it in the list, and asks for the company; staff are not asked', async () => {
    const founder = await signUp(base, '郑新人');
    const [summary] = (
      await api<{ items: { id: string; title: string }[] }>(base, `/events?q=${encodeURIComponent(title)}`)
    ).items;
    await api(base, `/events/${summary.id}/registrations`, { token: founder.token, body: {} });

    const { context, page } = await openPage(browser, { viewport: PHONE, token: founder.token });
    try {
      await page.goto(`${base}/`);
      const next = page.getByTestId('up-next-event');
      await next.getByText(title).waitFor();
      await next.getByText(/14:00/).waitFor();
      await page.getByTestId('up-next-booking').getByText('暂无，去预约导师').waitFor();
      await page.getByText('完善一下你的企业信息，报名活动和预约导师时会用到。').waitFor();

      await page.goto(`${base}/events`);
      const card = page.getByTestId('event-card').filter({ hasText: title });
      await card.getByTestId('registration-status').getByText('报名成功').waitFor();
    } finally {
      await context.close();
    }

    // The organizer's start page has no company prompt; the manage list links to the event's pages.
    const staff = await openPage(browser, { viewport: DESKTOP, token: carrier.organizer.token });
    try {
      await staff.page.goto(`${base}/`);
      await staff.page.getByTestId('up-next-event').getByText('暂无，去看看活动').waitFor();
      await staff.page.getByTestId('welcome-title').waitFor();
      expect(await staff.page.getByText('完善一下你的企业信息，报名活动和预约导师时会用到。').count()).toBe(
        0,
      );
      await staff.page.goto(`${base}/manage/events`);
      const row = staff.page.getByRole('row').filter({ hasText: title });
      const links = row.getByTestId('quick-links');
      await links.getByRole('link', { name: '签到', exact: true }).click();
      await staff.page.waitForURL(/\/check-in\?event=/);
      await staff.page.getByTestId('doors-not-open').waitFor();
      await staff.page.goBack();
      await staff.page
        .getByRole('row')
        .filter({ hasText: title })
        .getByRole('link', { name: '签到统计' })
        .click();
      await staff.page.waitForURL(/\/manage\/events\/[^/]+\/attendance$/);
    } finally {
      await staff.context.close();
    }
  });
});
