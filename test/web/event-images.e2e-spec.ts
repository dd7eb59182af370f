import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import type { EventView } from '@wutong/shared';
import { DESKTOP, PHONE, launchBrowser, openPage, webUrl } from './browser';
import type { LaunchedBrowser } from './browser';
import { api, createAdmin, createCarrier, shanghai, shanghaiDay } from './events-fixtures';
import type { Carrier } from './events-fixtures';

jest.setTimeout(90_000);

/** Issue 17: an organizer gives an event its cover on a phone; the public page shows it. */
describe('event cover in the browser (phone, zh-CN)', () => {
  let launched: LaunchedBrowser;
  let browser: Browser;
  let base: string;
  let carrier: Carrier;
  let event: EventView;
  let dir: string;

  beforeAll(async () => {
    base = webUrl();
    launched = await launchBrowser();
    browser = launched.browser;
    const admin = await createAdmin(base);
    carrier = await createCarrier(base, admin, `梧桐封面孵化器 ${Date.now().toString(36)}`, '林组织');
    const day = shanghaiDay(12);
    event = await api<EventView>(base, '/events', {
      token: carrier.organizer.token,
      body: {
        organizationId: carrier.id,
        type: 'salon',
        title: `封面沙龙 ${Date.now().toString(36)}`,
        description: '有封面的活动。',
        capacity: 30,
        approvalRequired: false,
        waitlistEnabled: false,
        sessions: [{ startsAt: shanghai(day, '19:00'), endsAt: shanghai(day, '21:00') }],
      },
    });
    await api(base, `/events/${event.id}/publish`, { token: carrier.organizer.token, body: {} });
    dir = mkdtempSync(join(tmpdir(), 'wutong-cover-'));
  });

  afterAll(async () => {
    await launched?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('uploads a cover on the manage page, and the event page shows it', async () => {
    const file = join(dir, '封面.jpg');
    writeFileSync(
      file,
      await sharp({ create: { width: 800, height: 450, channels: 3, background: '#2f7d32' } })
        .jpeg()
        .toBuffer(),
    );
    const { context, page } = await openPage(browser, { viewport: PHONE, token: carrier.organizer.token });
    try {
      await page.goto(`${base}/manage/events/${event.id}`);
      const card = page.getByTestId('event-images');
      await card.getByText('还没有封面').waitFor();
      const chooser = page.waitForEvent('filechooser');
      await card.getByTestId('upload-cover').click();
      await (await chooser).setFiles(file);
      await page.getByText('封面已保存').waitFor();
      await card.getByTestId('manage-cover').locator('xpath=self::img').waitFor();
      await card.getByText('更换封面').waitFor();
      const shots = resolve(__dirname, '../../tmp/screenshots');
      mkdirSync(shots, { recursive: true });
      await card.screenshot({ path: join(shots, 'event-images-manage-zh-phone.png') });

      await page.goto(`${base}/events/${event.id}`);
      const cover = page.getByTestId('event-cover');
      await cover.waitFor();
      await page.waitForFunction(() => {
        const img = document.querySelector<HTMLImageElement>('[data-testid="event-cover"]');
        return img !== null && img.complete && img.naturalWidth > 0;
      });
      const size = await cover.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
      expect(size).toEqual([800, 450]);
      await page.screenshot({ path: join(shots, 'event-images-page-zh-phone.png') });
    } finally {
      await context.close();
    }
  });

  it('shows the cover’s thumbnail on the event’s card in the list, on a phone and a desktop', async () => {
    for (const [viewport, locale, name] of [
      [PHONE, 'zh-CN', 'event-images-list-zh-phone.png'],
      [DESKTOP, 'en', 'event-images-list-en-desktop.png'],
    ] as const) {
      const { context, page } = await openPage(browser, { viewport, locale });
      try {
        await page.goto(`${base}/events?q=${encodeURIComponent(event.title)}`);
        const card = page.getByTestId('event-card').filter({ hasText: event.title });
        const thumb = card.locator('.wt-event-thumb img');
        await thumb.waitFor();
        await page.waitForFunction(() => {
          const img = document.querySelector<HTMLImageElement>('.wt-event-thumb img');
          return img !== null && img.complete && img.naturalWidth > 0;
        });
        // The 480 px thumbnail, not the 800 px cover.
        expect(await thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(480);
        await page.screenshot({ path: join(resolve(__dirname, '../../tmp/screenshots'), name) });
      } finally {
        await context.close();
      }
    }
  });
});
