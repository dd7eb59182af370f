import type { Browser } from 'playwright-core';
import type { EventView, SeriesView } from '@wutong/shared';
import { DESKTOP, launchBrowser, openPage, pickDateTime, webUrl } from './browser';
import type { LaunchedBrowser } from './browser';
import { api, createAdmin, createCarrier, shanghai, shanghaiDay } from './events-fixtures';
import type { Carrier } from './events-fixtures';

type User = Awaited<ReturnType<typeof createAdmin>>;

jest.setTimeout(60_000);

describe('organizer tools in the browser: duplicate, then a series; a locked month at the door', () => {
  let launched: LaunchedBrowser;
  let browser: Browser;
  let base: string;
  let admin: User;
  let carrier: Carrier;
  const title = `创业沙龙 ${Date.now().toString(36)}`;
  const day = shanghaiDay(10);
  const copyDay = shanghaiDay(24);

  beforeAll(async () => {
    base = webUrl();
    launched = await launchBrowser();
    browser = launched.browser;
    admin = await createAdmin(base);
    carrier = await createCarrier(base, admin, `梧桐工具孵化器 ${Date.now().toString(36)}`, '周组织');
    const created = await api<EventView>(base, '/events', {
      token: carrier.organizer.token,
      body: {
        organizationId: carrier.id,
        type: 'salon',
        title,
        description: '每两周一次的沙龙。',
        capacity: 30,
        approvalRequired: false,
        waitlistEnabled: false,
        sessions: [{ startsAt: shanghai(day, '19:00'), endsAt: shanghai(day, '21:00') }],
      },
    });
    await api(base, `/events/${created.id}/publish`, { token: carrier.organizer.token, body: {} });
  });

  afterAll(async () => {
    await launched?.close();
  });

  it('duplicates from the list into a draft, repeats it every two weeks and publishes the drafts', async () => {
    const { context, page } = await openPage(browser, { viewport: DESKTOP, token: carrier.organizer.token });
    try {
      await page.goto(`${base}/manage/events?q=${encodeURIComponent(title)}`);
      const row = page.getByTestId('managed-events').locator('tr', { hasText: title });
      await row.getByTestId('quick-duplicate').click();
      const dialog = page.locator('.ant-modal', { hasText: '复制活动' });
      await dialog.getByText('各场次的时长和间隔不变').waitFor();
      await pickDateTime(page, dialog.getByTestId('duplicate-starts-at'), `${copyDay} 19:30`);
      await page.getByTestId('confirm-duplicate').click();

      // The new draft opens, its session at the chosen start and two hours long.
      await page.waitForURL((url) => /\/manage\/events\/[0-9a-f-]{36}$/.test(url.pathname));
      const copyId = page.url().split('/').pop()!;
      await page.getByTestId('manage-event').getByText(title).first().waitFor();
      const copy = await api<EventView>(base, `/events/${copyId}`, { token: carrier.organizer.token });
      expect(copy).toMatchObject({ status: 'draft', startsAt: shanghai(copyDay, '19:30') });
      expect(copy.sessions[0].endsAt).toBe(shanghai(copyDay, '21:30'));

      await page.getByTestId('make-series').click();
      const seriesDialog = page.locator('.ant-modal', { hasText: '创建系列活动' });
      await seriesDialog.getByText('每两周').click();
      await seriesDialog.getByLabel('新建场数').fill('3');
      await page.getByTestId('confirm-series').click();
      const card = page.getByTestId('series-card');
      await card.getByText('同系列活动（4 场）').waitFor();
      await expect(card.getByTestId('series-item').count()).resolves.toBe(4);

      await card.getByTestId('series-publish').click();
      await page.getByTestId('confirm-series-publish').click();
      await page.getByText('系列草稿已全部发布').waitFor();
      const reloaded = await api<EventView>(base, `/events/${copyId}`, { token: carrier.organizer.token });
      const series = await api<SeriesView>(base, `/series/${reloaded.seriesId}`, {
        token: carrier.organizer.token,
      });
      expect(series.items.map((e) => e.status)).toEqual(Array(4).fill('published'));
      expect(series.items.map((e) => e.startsAt)).toEqual(
        [0, 14, 28, 42].map((d) =>
          new Date(new Date(shanghai(copyDay, '19:30')).getTime() + d * 86_400_000).toISOString(),
        ),
      );

      // The list shows the series' events with their tag.
      await page.goto(`${base}/manage/events?q=${encodeURIComponent(title)}`);
      await page.getByTestId('series-tag').first().waitFor();
      await expect(page.getByTestId('series-tag').count()).resolves.toBe(4);
    } finally {
      await context.close();
    }
  });

  it('explains at the door, in Chinese and in English, that a locked month takes no check-ins', async () => {
    // A session years back, in a month no other test touches; the door opens it by its address.
    const year = new Date().getUTCFullYear() - 3;
    const created = await api<EventView>(base, '/events', {
      token: carrier.organizer.token,
      body: {
        organizationId: carrier.id,
        type: 'salon',
        title: `往年沙龙 ${Date.now().toString(36)}`,
        description: '补录往年的签到。',
        capacity: 30,
        approvalRequired: false,
        waitlistEnabled: false,
        sessions: [{ startsAt: `${year}-06-15T19:00:00+08:00`, endsAt: `${year}-06-15T21:00:00+08:00` }],
      },
    });
    await api(base, `/events/${created.id}/publish`, { token: carrier.organizer.token, body: {} });
    await api(base, `/periods/${year}-06/lock`, { method: 'PUT', token: admin.token, body: {} });
    try {
      for (const [locale, mode, text] of [
        ['zh-CN', '现场登记', `${year} 年 6 月的数据已上报并锁定`],
        ['en', 'Walk-in', `6/${year} has been reported and locked`],
      ] as const) {
        const { context, page } = await openPage(browser, {
          viewport: DESKTOP,
          locale,
          token: carrier.organizer.token,
        });
        try {
          await page.goto(`${base}/check-in?event=${created.id}`);
          await page.getByTestId('door-mode').getByText(mode).click();
          await page.getByTestId('walk-in-name').fill('补录来宾');
          await page.getByTestId('walk-in-submit').click();
          await page.getByTestId('door-feedback').getByText(text).waitFor();
        } finally {
          await context.close();
        }
      }
    } finally {
      await api(base, `/periods/${year}-06/lock`, {
        method: 'DELETE',
        token: admin.token,
        body: { reason: '测试结束' },
      });
    }
  });
});
