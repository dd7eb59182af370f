import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { DESKTOP, launchBrowser, openPage, webUrl } from './browser';
import type { LaunchedBrowser } from './browser';
import { seedDashboard, shanghaiYearStart } from './dashboard-fixtures';
import type { DashboardWorld } from './dashboard-fixtures';
import { api } from './events-fixtures';

jest.setTimeout(40_000);

function card(page: Page, metric: string): Locator {
  return page.getByTestId(`metric-card-${metric}`);
}

/** The number a card shows as its actual, as an integer ("30,000" → 30000). */
async function actual(page: Page, metric: string): Promise<number> {
  const text = await card(page, metric).getByTestId('metric-actual').innerText();
  return Number(text.replace(/[^\d]/g, ''));
}

describe('the dashboard in the browser', () => {
  let launched: LaunchedBrowser;
  let base: string;
  let world: DashboardWorld;

  beforeAll(async () => {
    base = webUrl();
    launched = await launchBrowser();
    // One walk-in at a session earlier this year: 1 event held, 1 participant-visit for the carrier.
    world = await seedDashboard(base, ['周现场']);
  });

  afterAll(async () => {
    await launched?.close();
  });

  it("an admin sets the year's base-wide targets and sees them, the actuals and the charts", async () => {
    const { year } = shanghaiYearStart();
    const { context, page } = await openPage(launched.browser, {
      viewport: DESKTOP,
      token: world.adminToken,
    });
    try {
      await page.goto(`${base}/dashboard`);
      await page.getByTestId('nav-menu').getByText('数据看板').waitFor();
      await page.getByRole('heading', { name: `${year} 年数据看板 · 全部载体` }).waitFor();
      await page
        .locator(`[data-testid="dashboard"][data-scope="${year}/base"][data-loading="false"]`)
        .waitFor();

      // Base-wide: other suites may add activity of their own, so at least ours.
      await card(page, 'participant_visits').getByTestId('metric-actual').waitFor();
      expect(await actual(page, 'participant_visits')).toBeGreaterThanOrEqual(1);
      expect(await actual(page, 'events_held')).toBeGreaterThanOrEqual(1);

      // The targets, typed into the editor.
      await page.getByTestId('edit-targets').click();
      const events = page.getByTestId('target-input-events_held');
      await events.fill('350');
      await page.getByTestId('target-input-participant_visits').fill('30000');
      // A per-type target: 12 roadshows, in the folded section of events held.
      await page.getByText('举办活动场次：按活动类型细分（选填）').click();
      await page.getByTestId('target-input-events_held-roadshow').fill('12');
      await page.getByTestId('targets-save').click();
      await page.getByText('目标已保存').waitFor();

      await card(page, 'events_held').getByTestId('metric-target').filter({ hasText: '350' }).waitFor();
      await card(page, 'participant_visits')
        .getByTestId('metric-target')
        .filter({ hasText: '30,000' })
        .waitFor();
      for (const metric of ['events_held', 'participant_visits']) {
        expect(await card(page, metric).getAttribute('data-status')).not.toBe('no_target');
        await card(page, metric).getByTestId('metric-percent').waitFor();
      }
      expect(await card(page, 'mentoring_sessions').getAttribute('data-status')).toBe('no_target');

      // Saved through the API: what the page shows is what is stored.
      const targets = await api<{ metric: string; eventType: string | null; value: number }[]>(
        base,
        `/targets?year=${year}`,
        { token: world.adminToken },
      );
      const stored = (metric: string, eventType: string | null = null) =>
        targets.find((t) => t.metric === metric && t.eventType === eventType)?.value;
      expect(stored('events_held')).toBe(350);
      expect(stored('participant_visits')).toBe(30000);
      expect(stored('events_held', 'roadshow')).toBe(12);

      // The charts draw on canvases.
      await page.getByTestId('monthly-chart').locator('canvas').waitFor();
      await page.getByTestId('carrier-chart').locator('canvas').waitFor();
      const drawn = await page
        .getByTestId('monthly-chart')
        .locator('canvas')
        .evaluate((c: HTMLCanvasElement) => c.width > 0 && c.height > 0);
      expect(drawn).toBe(true);

      // The carrier alone: exactly our walk-in.
      await page.getByTestId('carrier-select').click();
      await page.getByTestId('carrier-select').locator('input').fill(world.carrier.name);
      await page
        .locator('.ant-select-dropdown:visible')
        .getByTitle(world.carrier.name, { exact: true })
        .click();
      await page.getByRole('heading', { name: `${year} 年数据看板 · ${world.carrier.name}` }).waitFor();
      await page
        .locator(`[data-testid="dashboard"][data-scope="${year}/${world.carrier.id}"][data-loading="false"]`)
        .waitFor();
      await card(page, 'participant_visits')
        .getByTestId('metric-actual')
        .filter({ hasText: /^1$/ })
        .waitFor();
      expect(await actual(page, 'events_held')).toBe(1);
      expect(await actual(page, 'sessions_held')).toBe(1);
      expect(await actual(page, 'unique_participants')).toBe(1);
      await page.getByTestId('type-chart').locator('canvas').waitFor();

      // The carrier's annual report downloads (fetched with the token, saved from a blob).
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('report-csv').click(),
      ]);
      expect(download.suggestedFilename()).toBe(`年度报告-${world.carrier.name}-${year}.csv`);

      const dir = resolve(__dirname, '../../tmp/screenshots');
      mkdirSync(dir, { recursive: true });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: resolve(dir, 'dashboard-e2e.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });
});
