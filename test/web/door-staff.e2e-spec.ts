import type { Browser, Page } from 'playwright-core';
import { DESKTOP, PHONE, launchBrowser, openPage, webUrl } from './browser';
import { seedCheckIn, type CheckInWorld } from './check-in-fixtures';
import { api, signUp } from './events-fixtures';

jest.setTimeout(60_000);

/** The items of the signed-in menu, on a phone (in its drawer). */
async function phoneMenu(page: Page): Promise<string[]> {
  await page.getByTestId('open-menu').click();
  const menu = page.getByTestId('nav-menu');
  await menu.waitFor();
  return (await menu.locator('.ant-menu-item').allInnerTexts()).map((s) => s.trim());
}

describe('door staff (issue 18, point 2)', () => {
  let base: string;
  let world: CheckInWorld;
  let browser: Browser;
  let close: () => Promise<void>;
  let staff: { id: string; email: string; token: string };

  beforeAll(async () => {
    base = webUrl();
    world = await seedCheckIn(base, ['林晓梧', '赵一鸣'], { title: '志愿者签到沙龙' });
    staff = await signUp(base, '志愿者小周', 'volunteer');
    ({ browser, close } = await launchBrowser());
  });
  afterAll(async () => {
    await close?.();
  });

  it("the carrier's organizer names door staff by email on the door staff page", async () => {
    const { context, page } = await openPage(browser, { viewport: DESKTOP, token: world.organizerToken });
    try {
      await page.goto(`${base}/manage/door-staff`);
      const card = page.getByTestId('door-staff-card');
      await card.getByText('还没有签到员').waitFor();
      await card.getByTestId('door-staff-email').fill('nobody-here@example.com');
      await card.getByTestId('door-staff-add').click();
      await card.getByText('没有找到邮箱为 nobody-here@example.com 的账号，请让对方先注册').waitFor();
      await card.getByTestId('door-staff-email').fill(staff.email);
      await card.getByTestId('door-staff-add').click();
      await card.getByTestId('door-staff-row').filter({ hasText: '志愿者小周' }).waitFor();
      const listed = await api<{ userId: string }[]>(
        base,
        `/organizations/${world.organizationId}/door-staff`,
        {
          token: world.organizerToken,
        },
      );
      expect(listed.map((s) => s.userId)).toEqual([staff.id]);
    } finally {
      await context.close();
    }
  });

  it('door staff on a phone land on the door, see only the door in the menu, and check someone in', async () => {
    const { context, page } = await openPage(browser, { viewport: PHONE, token: staff.token });
    try {
      await page.goto(`${base}/`);
      await page.waitForURL(/\/check-in$/);
      expect(await phoneMenu(page)).toEqual(['签到']);
      await page.keyboard.press('Escape');

      // The picker offers the carrier's event; picking it opens its session.
      // With one event at its doors the page opens it by itself, which may beat the click below.
      await page.getByTestId('pick-event').waitFor();
      if (!(await page.getByTestId('live-count').isVisible())) {
        await page.getByTestId('pick-event').click();
        await page
          .locator('.ant-select-item-option')
          .filter({ hasText: '志愿者签到沙龙' })
          .click({ timeout: 3_000 })
          .catch(() => undefined);
      }
      await page.getByTestId('live-count-text').filter({ hasText: '报名到场 0 / 报名 2' }).waitFor();
      // Organizers' pages are not offered at the door.
      expect(await page.getByTestId('attendance-link').count()).toBe(0);

      await page.getByTestId('door-mode').getByText('输票码').click();
      await page.getByTestId('ticket-code-input').fill(world.founders[0].shortCode);
      await page.getByTestId('ticket-code-submit').click();
      await page
        .locator('[data-testid="door-feedback"][data-kind="success"]')
        .filter({ hasText: '林晓梧' })
        .waitFor();
      await page.getByTestId('live-count-text').filter({ hasText: '报名到场 1 / 报名 2' }).waitFor();
      // They may undo their own check-in, not one an organizer made at another door.
      await api(base, `/sessions/${world.sessionId}/check-ins`, {
        token: world.organizerToken,
        body: { ticketCode: world.founders[1].ticketCode },
      });
      await page.getByTestId('live-count-text').filter({ hasText: '报名到场 2 / 报名 2' }).waitFor();
      const recent = page.getByTestId('recent-check-ins').locator('.ant-list-item');
      await recent.filter({ hasText: '赵一鸣' }).waitFor();
      expect(await recent.filter({ hasText: '赵一鸣' }).getByRole('button').count()).toBe(0);
      expect(await recent.filter({ hasText: '林晓梧' }).getByRole('button').count()).toBe(1);

      // An organizer's page is refused to them.
      await page.goto(`${base}/manage/events`);
      await page.getByText('暂无权限').first().waitFor();
    } finally {
      await context.close();
    }
    const live = await api<{ checkedIn: number }>(base, `/sessions/${world.sessionId}/check-ins`, {
      token: world.organizerToken,
    });
    expect(live.checkedIn).toBe(2);
  });
});
