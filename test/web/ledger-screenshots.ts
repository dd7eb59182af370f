/**
 * Screenshots of the dashboard's period picker and the ledger downloads for people to look at
 * (nothing is asserted), zh-CN and English, phone and desktop, on an app of its own:
 *   npx nx run-many -t build
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node -r ./test/web/swc-register.cjs test/web/ledger-screenshots.ts
 * Files land in tmp/screenshots/ledger-<shot>-<locale>-<width>x<height>.png, with the event's
 * blank sign-in sheet as tmp/screenshots/ledger-sign-in-sheet.pdf.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { DESKTOP, PHONE, openPage } from './browser';
import { runScreenshots } from './screenshot-runner';
import { api, createAdmin, createCarrier } from './events-fixtures';

const LOCALES = ['zh-CN', 'en'] as const;

async function take(browser: Browser, base: string, outDir: string): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const admin = await createAdmin(base);
  const carrier = await createCarrier(base, admin, '梧桐创业孵化基地', '台账运营');
  const token = carrier.organizer.token;
  const event = await api<{ id: string; sessions: { id: string }[] }>(base, '/events', {
    token,
    body: {
      organizationId: carrier.id,
      type: 'salon',
      title: '三月创业沙龙：早期项目如何融资',
      description: '补录的往期活动',
      capacity: 30,
      approvalRequired: false,
      waitlistEnabled: false,
      sessions: [{ startsAt: '2025-03-12T06:00:00Z', endsAt: '2025-03-12T08:00:00Z' }],
    },
  });
  await api(base, `/events/${event.id}/publish`, { token, body: {} });
  for (const [name, phone, company] of [
    ['王小明', '138 1234 5678', '梧桐科技有限公司'],
    ['李思思', '139 8765 4321', '青禾文创工作室'],
  ])
    await api(base, `/sessions/${event.sessions[0].id}/check-ins`, {
      token,
      body: { walkIn: { name, phone, company } },
    });
  const files: string[] = [];
  for (const locale of LOCALES)
    for (const viewport of [PHONE, DESKTOP]) {
      const { context, page } = await openPage(browser, { viewport, locale, token });
      try {
        await page.goto(`${base}/dashboard?org=${carrier.id}&quarter=2025Q1`);
        await page
          .locator(`[data-testid="dashboard"][data-scope="2025Q1/${carrier.id}"][data-loading="false"]`)
          .waitFor({ timeout: 30_000 });
        const file = join(outDir, `ledger-dashboard-${locale}-${viewport.width}x${viewport.height}.png`);
        await page.screenshot({ path: file });
        files.push(file);
        // The picker open: the quarter panel.
        await page.getByTestId('period-quarter').click();
        await page.locator('.ant-picker-dropdown:visible').waitFor();
        const open = join(outDir, `ledger-picker-${locale}-${viewport.width}x${viewport.height}.png`);
        await page.screenshot({ path: open });
        files.push(open);
        if (locale === 'zh-CN' && viewport === DESKTOP) {
          const res = await fetch(
            `${base}/api/sessions/${event.sessions[0].id}/sign-in-sheet.pdf?filled=true`,
            {
              headers: { Authorization: `Bearer ${token}` },
            },
          );
          const pdf = join(outDir, 'ledger-sign-in-sheet.pdf');
          writeFileSync(pdf, Buffer.from(await res.arrayBuffer()));
          files.push(pdf);
        }
      } finally {
        await context.close();
      }
    }
  return files;
}

runScreenshots(module, take, { ownApp: true });
