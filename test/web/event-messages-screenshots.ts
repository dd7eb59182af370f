/**
 * Screenshots of the message dialog with its preview, zh-CN and en, phone and desktop (nothing asserted):
 *   npx nx run-many -t build
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node -r ./test/web/swc-register.cjs test/web/event-messages-screenshots.ts
 * Files land in tmp/screenshots/event-messages-<locale>-<width>x<height>.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { PHONE, openPage } from './browser';
import { seedMessages } from './event-messages-fixtures';
import { runScreenshots } from './screenshot-runner';

async function take(browser: Browser, base: string, outDir: string): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const world = await seedMessages(base);
  const files: string[] = [];
  for (const locale of ['zh-CN', 'en'] as const)
    for (const viewport of [PHONE, { width: 1366, height: 900 }]) {
      const { context, page } = await openPage(browser, {
        viewport,
        locale,
        token: world.carrier.organizer.token,
      });
      try {
        await page.goto(`${base}/manage/events/${world.event.id}`);
        // Dispatched clicks: on the phone viewport (touch) a pointer click on the page can stall.
        await page.getByTestId('manage-event').waitFor({ timeout: 30_000 });
        await page.getByTestId('message-event').dispatchEvent('click');
        // The first template (see you tomorrow), chosen with the keyboard.
        await page.getByTestId('message-template').locator('input').focus();
        await page.keyboard.press('ArrowDown');
        await page.locator('.ant-select-item-option').first().waitFor();
        await page.keyboard.press('Enter');
        await page.getByTestId('message-subject').filter({ hasText: '' }).waitFor();
        await page.getByTestId('preview-message').dispatchEvent('click');
        await page.getByTestId('message-preview').waitFor();
        await page.getByTestId('message-preview').scrollIntoViewIfNeeded();
        const file = join(outDir, `event-messages-${locale}-${viewport.width}x${viewport.height}.png`);
        await page.screenshot({ path: file, fullPage: false });
        files.push(file);
      } catch (e) {
        await page.screenshot({ path: '/tmp/messages-shot-debug.png' });
        throw e;
      } finally {
        await context.close();
      }
    }
  return files;
}

runScreenshots(module, take, { ownApp: true });
