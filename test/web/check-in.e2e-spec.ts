import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, PHONE, openPage, webUrl } from './browser';
import { seedCheckIn, writeQrVideo } from './check-in-fixtures';
import type { CheckInWorld } from './check-in-fixtures';
import { api } from './events-fixtures';

jest.setTimeout(60_000);

/** Waits for the door's big feedback of this kind naming this person. */
async function feedback(page: Page, kind: string, text: string): Promise<void> {
  await page
    .locator(`[data-testid="door-feedback"][data-kind="${kind}"]`)
    .filter({ hasText: text })
    .waitFor();
}

async function count(page: Page, text: string): Promise<void> {
  await page.getByTestId('live-count-text').filter({ hasText: text }).waitFor();
}

describe('check-in at the door', () => {
  let base: string;
  let world: CheckInWorld;
  let dir: string;
  let browser: Browser;

  beforeAll(async () => {
    base = webUrl();
    world = await seedCheckIn(base, ['林晓梧', '赵一鸣', '钱小满']);
    dir = mkdtempSync(join(tmpdir(), 'wutong-check-in-'));
    // The fake camera plays the first founder's ticket, as their phone would show it at the door.
    const video = join(dir, 'ticket.y4m');
    writeQrVideo(video, world.founders[0].ticketCode);
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [
        ...CHROMIUM_ARGS,
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
      timeout: 30_000,
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('checks a ticket in through the camera, a typed code (and its repeat), and a walk-in', async () => {
    const { context, page } = await openPage(browser, { viewport: PHONE, token: world.organizerToken });
    await context.grantPermissions(['camera'], { origin: base });
    try {
      await page.goto(`${base}/check-in?event=${world.eventId}`);
      await count(page, '报名到场 0 / 报名 3');

      // (a) The camera reads the QR ticket on the fake video and checks its holder in.
      await page.getByTestId('start-camera').click();
      await page.getByTestId('camera').waitFor();
      await feedback(page, 'success', '林晓梧');
      await page.getByTestId('feedback-title').filter({ hasText: '签到成功' }).waitFor();
      await count(page, '报名到场 1 / 报名 3');
      // The ticket still in front of the camera is not scanned again and again.
      await page.getByTestId('stop-camera').click();

      // (b) The short code read out and typed by hand (lower case, a space); the long code of the same
      // ticket typed again is "already checked in" with the first time.
      await page.getByTestId('door-mode').getByText('输票码').click();
      const input = page.getByTestId('ticket-code-input');
      const short = world.founders[1].shortCode.toLowerCase();
      await input.fill(`${short.slice(0, 4)} ${short.slice(4)}`);
      await page.getByTestId('ticket-code-submit').click();
      await feedback(page, 'success', '赵一鸣');
      await count(page, '报名到场 2 / 报名 3');
      await input.fill(world.founders[1].ticketCode);
      await page.getByTestId('ticket-code-submit').click();
      await feedback(page, 'already', '赵一鸣');
      await page
        .getByTestId('door-feedback')
        .getByText(/首次签到时间 \d{2}:\d{2}/)
        .waitFor();
      await count(page, '报名到场 2 / 报名 3');
      // The camera's check-in is a repeat too, and an unknown code is not found.
      await input.fill(world.founders[0].ticketCode);
      await page.getByTestId('ticket-code-submit').click();
      await feedback(page, 'already', '林晓梧');
      await input.fill('not-a-ticket-of-this-event');
      await page.getByTestId('ticket-code-submit').click();
      await feedback(page, 'notFound', '未找到');

      // (c) A walk-in with a phone number: counted with the others, listed among the latest.
      await page.getByTestId('door-mode').getByText('现场登记').click();
      await page.getByTestId('walk-in-name').fill('孙现场');
      // A 7-digit number is refused on the spot; the company is asked for, so it counts as served.
      await page.getByTestId('walk-in-phone').fill('1234567');
      await page.getByTestId('walk-in-submit').click();
      await page.getByText('请输入正确的手机号（11 位），或带区号的固定电话').waitFor();
      await page.getByTestId('walk-in-phone').fill('138 0013 8000');
      await page.getByTestId('walk-in-company').fill('衡阳现场科技有限公司');
      await page.getByTestId('walk-in-submit').click();
      await feedback(page, 'success', '孙现场');
      // The fraction counts registrants; walk-ins and the total present are shown beside it.
      await count(page, '报名到场 2 / 报名 3');
      await page.getByTestId('live-count-walk-ins').getByText('现场登记 1 人 · 到场合计 3 人').waitFor();
      const recent = page.getByTestId('recent-check-ins');
      for (const name of ['孙现场', '赵一鸣', '林晓梧']) await recent.getByText(name).waitFor();

      // Another door sees the same count (it polls), and the API agrees.
      const other = await openPage(browser, { viewport: PHONE, token: world.organizerToken });
      try {
        await other.page.goto(`${base}/check-in?event=${world.eventId}`);
        await count(other.page, '报名到场 2 / 报名 3');
        await other.page.getByTestId('live-count-walk-ins').getByText('到场合计 3 人').waitFor();
        // The attendance table uses the same words for the same numbers.
        await other.page.goto(`${base}/manage/events/${world.eventId}/attendance`);
        const header = other.page.locator('.ant-table-thead').first();
        await header.getByText('报名到场').waitFor();
        const row = other.page.locator('tr.ant-table-row').first();
        const cells = await row.locator('td').allInnerTexts();
        const headers = await header.locator('th').allInnerTexts();
        const at = (name: string) => cells[headers.findIndex((h) => h.trim() === name)]?.trim();
        expect([at('报名'), at('报名到场'), at('现场登记'), at('到场合计')]).toEqual(['3', '2', '1', '3']);
        // On a phone the wide tables say that they scroll sideways.
        await other.page.getByTestId('scroll-hint').first().waitFor();
        // The walk-in's company is listed with them.
        await other.page.getByText('衡阳现场科技有限公司').first().waitFor();
      } finally {
        await other.context.close();
      }
      const live = await api<{ checkedIn: number; walkIns: number }>(
        base,
        `/sessions/${world.sessionId}/check-ins`,
        { token: world.organizerToken },
      );
      expect(live).toMatchObject({ checkedIn: 3, walkIns: 1 });
    } finally {
      await context.close();
    }
  });

  it('lets a registered founder check themselves in with the venue screen code', async () => {
    const code = await api<{ code: string; url: string }>(
      base,
      `/sessions/${world.sessionId}/self-check-in-code`,
      { token: world.organizerToken },
    );
    expect(code.url).toContain(`/check-in/${world.sessionId}?code=`);
    const founder = world.founders[2];
    const { context, page } = await openPage(browser, { viewport: PHONE, token: founder.token });
    try {
      await page.goto(`${base}/check-in/${world.sessionId}?code=${encodeURIComponent(code.code)}`);
      await page.getByTestId('self-check-in').getByText('签到成功').waitFor();
      await page
        .getByTestId('self-check-in')
        .getByText(/钱小满，签到时间/)
        .waitFor();
      // A made-up code is refused with a request to scan again.
      await page.goto(`${base}/check-in/${world.sessionId}?code=made-up-code`);
      await page.getByText('签到码已过期').waitFor();
      await page.getByText('请重新扫描现场大屏上的二维码').waitFor();
    } finally {
      await context.close();
    }
  });
});
