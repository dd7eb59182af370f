import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { DESKTOP, PHONE, launchBrowser, openPage, webUrl } from './browser';
import type { LaunchedBrowser } from './browser';
import { api, createAdmin, createCarrier, shanghai, shanghaiDay } from './events-fixtures';

jest.setTimeout(90_000);

/* global window, document, MutationObserver -- runs in the page */
/** Before the page's scripts: notes whether the app's event page was already there when the server's left. */
function watchTakeOver() {
  const w = window as unknown as { __wtSwap?: { hadApp: boolean; at: number } };
  new MutationObserver(() => {
    if (w.__wtSwap || document.getElementById('ssr') || !document.getElementById('root')) return;
    const root = document.getElementById('root')!;
    w.__wtSwap = {
      hadApp: !root.hidden && !!root.querySelector('[data-testid="event-title"]'),
      at: performance.now(),
    };
  }).observe(document, { childList: true, subtree: true, attributes: true });
}

/**
 * Issue 17, point 3 in the browser: the public event pages are readable with JavaScript off, and with
 * it on the app takes over from the server's page without a blank moment and without asking for the
 * event again.
 */
describe('server-rendered public event pages in the browser', () => {
  let launched: LaunchedBrowser;
  let browser: Browser;
  let base: string;
  let eventId: string;
  const title = `早期融资实务沙龙 ${Date.now().toString(36)}`;
  const shots = resolve(__dirname, '../../tmp/screenshots');

  beforeAll(async () => {
    base = webUrl();
    launched = await launchBrowser();
    browser = launched.browser;
    mkdirSync(shots, { recursive: true });
    const admin = await createAdmin(base);
    const carrier = await createCarrier(base, admin, `公开页孵化器 ${Date.now().toString(36)}`, '韩运营');
    // 10:00–12:00 in the carrier's time zone five days on: at any hour of a run the session stays
    // within one day, so the page shows one date and a time range.
    const day = shanghaiDay(5);
    const event = await api<{ id: string }>(base, '/events', {
      token: carrier.organizer.token,
      body: {
        organizationId: carrier.id,
        type: 'salon',
        title,
        description: '三位投资人讲清天使轮的条款。',
        capacity: 30,
        approvalRequired: false,
        waitlistEnabled: false,
        sessions: [{ startsAt: shanghai(day, '10:00'), endsAt: shanghai(day, '12:00') }],
      },
    });
    eventId = event.id;
    await api(base, `/events/${eventId}/publish`, { token: carrier.organizer.token, body: {} });
  });
  afterAll(async () => {
    await launched?.close();
  });

  it('reads an event and the list with JavaScript off, on a phone', async () => {
    const context = await browser.newContext({ ...PHONE_CONTEXT, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${base}/events/${eventId}`);
      await page.getByTestId('ssr-title').getByText(title).waitFor();
      expect(await page.getByTestId('ssr-time').textContent()).toMatch(/\d{2}:\d{2}–\d{2}:\d{2}/);
      await page.getByText('三位投资人讲清天使轮的条款。').waitFor();
      await page.getByRole('link', { name: '报名' }).waitFor();
      await page.screenshot({ path: join(shots, 'public-event-nojs-zh-phone.png'), fullPage: true });

      await page.goto(`${base}/events`);
      await page.getByTestId('ssr-event').filter({ hasText: title }).waitFor();
      await page.getByTestId('ssr-event').filter({ hasText: title }).click();
      await page.waitForURL(`${base}/events/${eventId}`);
    } finally {
      await context.close();
    }
  });

  it('hands over to the app without a blank moment and without fetching the event again', async () => {
    const { context, page } = await openPage(browser, { viewport: PHONE });
    try {
      const asked: string[] = [];
      page.on('request', (r) => {
        if (new URL(r.url()).pathname === `/api/events/${eventId}`) asked.push(r.url());
      });
      await page.addInitScript(watchTakeOver);
      await page.goto(`${base}/events/${eventId}`);
      await page.getByTestId('event-title').getByText(title).waitFor();
      await page.getByTestId('register-button').waitFor();
      expect(await page.locator('#ssr').count()).toBe(0);
      const swap = await page.evaluate(
        () => (window as unknown as { __wtSwap?: { hadApp: boolean } }).__wtSwap,
      );
      expect(swap).toEqual(expect.objectContaining({ hadApp: true }));
      expect(asked).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('reads the English page on a desktop', async () => {
    const { context, page } = await openPage(browser, { viewport: DESKTOP, locale: 'en' });
    try {
      await page.context().addCookies([{ name: 'wutong.locale', value: 'en', url: base }]);
      const html = await (
        await page.request.get(`${base}/events/${eventId}`, { headers: { cookie: 'wutong.locale=en' } })
      ).text();
      expect(html).toContain('<html lang="en">');
      await page.goto(`${base}/events/${eventId}`);
      await page.getByTestId('event-title').getByText(title).waitFor();
      await page.screenshot({ path: join(shots, 'public-event-en-desktop.png') });
    } finally {
      await context.close();
    }
  });
});

const PHONE_CONTEXT = {
  viewport: PHONE,
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
};
