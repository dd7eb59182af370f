/**
 * Screenshots of door staff management and of the door as door staff see it, for people to look at
 * (nothing is asserted). Starts the built app on a database of its own, seeds it, shoots, cleans up:
 *   npx nx run-many -t build
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node -r ./test/web/swc-register.cjs test/web/door-staff-screenshots.ts
 * Files land in tmp/screenshots/door-staff-<page>-<locale>-<width>x<height>.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { PHONE, openPage } from './browser';
import { seedCheckIn } from './check-in-fixtures';
import { api, createAdmin, createCarrier, signUp } from './events-fixtures';
import { runScreenshots } from './screenshot-runner';

const LOCALES = ['zh-CN', 'en'] as const;

async function take(browser: Browser, base: string, outDir: string): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const world = await seedCheckIn(base, ['林晓梧', '赵一鸣', '钱小满'], { title: '创业沙龙：早期融资实务' });
  for (const name of ['志愿者小周', '实习生小吴']) {
    const person = await signUp(base, name, 'volunteer');
    await api(base, `/organizations/${world.organizationId}/door-staff`, {
      token: world.organizerToken,
      body: { userId: person.id },
    });
  }
  const staff = await signUp(base, '志愿者小陈', 'volunteer');
  await api(base, `/organizations/${world.organizationId}/door-staff`, {
    token: world.organizerToken,
    body: { userId: staff.id },
  });
  await api(base, `/sessions/${world.sessionId}/check-ins`, {
    token: staff.token,
    body: { ticketCode: world.founders[0].ticketCode },
  });
  const partner = await createCarrier(base, await createAdmin(base), '岳麓创新中心', '钟运营');
  await api(base, `/events/${world.eventId}/co-hosts`, {
    token: world.organizerToken,
    body: { organizationId: partner.id },
  });
  const files: string[] = [];
  for (const locale of LOCALES) {
    for (const viewport of [PHONE, { width: 1366, height: 900 }]) {
      const size = `${viewport.width}x${viewport.height}`;
      const manage = await openPage(browser, { viewport, locale, token: world.organizerToken });
      try {
        await manage.page.goto(`${base}/manage/door-staff`);
        await manage.page.getByTestId('door-staff-row').first().waitFor({ timeout: 30_000 });
        const file = join(outDir, `door-staff-manage-${locale}-${size}.png`);
        await manage.page.screenshot({ path: file, fullPage: true });
        files.push(file);
        // The event's manage page with its co-hosts.
        await manage.page.goto(`${base}/manage/events/${world.eventId}`);
        await manage.page.getByTestId('co-host-row').first().waitFor({ timeout: 30_000 });
        const coHosts = join(outDir, `door-staff-co-hosts-${locale}-${size}.png`);
        await manage.page.getByTestId('co-hosts').scrollIntoViewIfNeeded();
        await manage.page.screenshot({ path: coHosts });
        files.push(coHosts);
      } finally {
        await manage.context.close();
      }
      const door = await openPage(browser, { viewport, locale, token: staff.token });
      try {
        await door.page.goto(`${base}/`);
        await door.page.waitForURL(/\/check-in/);
        await door.page.getByTestId('pick-event').click();
        await door.page.locator('.ant-select-item-option').first().click();
        await door.page.getByTestId('live-count-text').waitFor();
        const file = join(outDir, `door-staff-door-${locale}-${size}.png`);
        await door.page.screenshot({ path: file, fullPage: true });
        files.push(file);
        if (viewport.width < 600) {
          await door.page.getByTestId('open-menu').click();
          await door.page.getByTestId('nav-menu').waitFor();
          await door.page.waitForTimeout(400);
          const menu = join(outDir, `door-staff-menu-${locale}-${size}.png`);
          await door.page.screenshot({ path: menu });
          files.push(menu);
        }
      } finally {
        await door.context.close();
      }
    }
  }
  return files;
}

runScreenshots(module, take, { ownApp: true });
