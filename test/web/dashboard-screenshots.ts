/**
 * Screenshots of the dashboard for people to look at (nothing is asserted). Starts the built app with
 * the demo base (WUTONG_DEMO=1) on a database of its own, checks in most registrants of the demo's past
 * sessions (SQL: the demo has registrations but no check-ins), sets targets, shoots, cleans up:
 *   npx nx run-many -t build   # or the three build commands
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node -r ./test/web/swc-register.cjs test/web/dashboard-screenshots.ts
 * Files land in tmp/screenshots/dashboard-<shot>-<locale>-<width>x<height>.png; DASHBOARD_SHOTS=a,b takes only those.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, PHONE, openPage } from './browser';
import type { Viewport } from './browser';
import { runScreenshots } from './screenshot-runner';
import { api } from './events-fixtures';

const LOCALES = ['zh-CN', 'en'] as const;
const PROJECTOR: Viewport = { width: 1920, height: 1080 };
const ONLY = process.env.DASHBOARD_SHOTS?.split(',');
const DEMO_PASSWORD = 'wutong-demo-2026';

interface Seeded {
  admin: string;
  organizer: string;
  year: number;
}

function appDb(): Client {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${process.env.WUTONG_WEB_DB}`;
  return new Client({ connectionString: url.toString() });
}

async function login(base: string, email: string): Promise<string> {
  const { accessToken } = await api<{ accessToken: string }>(base, '/auth/login', {
    body: { email, password: DEMO_PASSWORD },
  });
  return accessToken;
}

/** Check-ins for the demo's past sessions (with registrant and company, as the API records them): about four in five confirmed registrants, and some walk-ins. */
async function checkInThePast(): Promise<void> {
  const db = appDb();
  await db.connect();
  try {
    await db.query(`
      INSERT INTO check_ins (organization_id, event_id, session_id, registration_id, user_id, company_id,
                             method, checked_in_at)
      SELECT r.organization_id, r.event_id, s.id, r.id, r.user_id, u.company_id, 'ticket',
             s.starts_at + interval '10 minutes'
        FROM registrations r
        JOIN users u ON u.id = r.user_id
        JOIN events e ON e.id = r.event_id AND e.status <> 'cancelled'
        JOIN event_sessions s ON s.event_id = r.event_id
       WHERE r.status = 'confirmed' AND s.starts_at < now()
         AND abs(hashtext(r.id::text || s.id::text)) % 5 <> 0
      ON CONFLICT DO NOTHING`);
    await db.query(`
      INSERT INTO check_ins (organization_id, event_id, session_id, walk_in_name, walk_in_phone, walk_in_key,
                             method, checked_in_at)
      SELECT e.organization_id, e.id, s.id, '现场' || n, '1390000' || lpad((abs(hashtext(s.id::text)) % 9000 + n)::text, 4, '0'),
             '1390000' || lpad((abs(hashtext(s.id::text)) % 9000 + n)::text, 4, '0'),
             'walk_in', s.starts_at + interval '20 minutes'
        FROM event_sessions s
        JOIN events e ON e.id = s.event_id AND e.status <> 'cancelled'
        CROSS JOIN generate_series(1, 6) AS n
       WHERE s.starts_at < now() AND abs(hashtext(s.id::text || n::text)) % 3 = 0
      ON CONFLICT DO NOTHING`);
    // Past mentoring sessions took place (the demo leaves them confirmed).
    await db
      .query(
        `UPDATE bookings SET status = 'completed', marked_at = ends_at WHERE status = 'confirmed' AND ends_at < now()`,
      )
      .catch(() => undefined);
  } finally {
    await db.end();
  }
}

interface Progress {
  metric: string;
  actual: number;
}

/** The base's published targets, and targets near the current pace for the rest (to show every colour). */
async function setTargets(base: string, admin: string, year: number): Promise<void> {
  const view = await api<{ shareOfYearElapsed: number; metrics: Progress[] }>(
    base,
    `/dashboard?year=${year}`,
    {
      token: admin,
    },
  );
  const share = Math.max(0.05, view.shareOfYearElapsed);
  const actual = (metric: string) => view.metrics.find((m) => m.metric === metric)?.actual ?? 0;
  const put = (metric: string, value: number, eventType?: string) =>
    api(base, `/targets/${year}`, { method: 'PUT', token: admin, body: { metric, value, eventType } });
  await put('events_held', 350);
  await put('participant_visits', 30000);
  await put('sessions_held', Math.max(10, Math.round(actual('sessions_held') / share)));
  await put('unique_participants', Math.max(10, Math.round((actual('unique_participants') / share) * 0.7)));
  // companies_served stays without a target: the grey card with its hint.
  await put('mentoring_sessions', Math.max(10, Math.round((actual('mentoring_sessions') / share) * 1.6)));
  await put('events_held', 12, 'roadshow');
  await put('events_held', 100, 'salon');
  await put('events_held', 60, 'training');
}

async function seed(base: string): Promise<Seeded> {
  await checkInThePast();
  const admin = await login(base, 'admin@demo.wutong.cn');
  const organizer = await login(base, 'organizer.innovation@demo.wutong.cn');
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
  await setTargets(base, admin, year);
  return { admin, organizer, year };
}

interface Shot {
  name: string;
  viewports: Viewport[];
  as: 'admin' | 'organizer';
  path: string;
  ready?: (page: Page) => Promise<void>;
  /** The first screen only, as someone sees the page on arrival (default: the whole page). */
  glance?: boolean;
  /** Only this element (a data-testid). */
  element?: string;
}

const SHOTS: Shot[] = [
  { name: 'base', viewports: [PHONE, DESKTOP, PROJECTOR], as: 'admin', path: '/dashboard' },
  { name: 'glance', viewports: [PHONE, PROJECTOR], as: 'admin', path: '/dashboard', glance: true },
  { name: 'chart', viewports: [PHONE], as: 'admin', path: '/dashboard', element: 'monthly-chart-card' },
  {
    name: 'targets',
    viewports: [PHONE, DESKTOP],
    as: 'admin',
    path: '/dashboard',
    ready: async (page) => {
      await page.getByTestId('edit-targets').click();
      await page.getByTestId('target-input-events_held').waitFor();
      await page.locator('.ant-collapse-header').first().click();
      await page.getByTestId('target-input-events_held-roadshow').waitFor();
    },
  },
  { name: 'carrier', viewports: [PHONE, DESKTOP], as: 'organizer', path: '/dashboard?metric=events_held' },
];

export async function takeScreenshots(browser: Browser, base: string, outDir: string): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const seeded = await seed(base);
  const files: string[] = [];
  for (const locale of LOCALES) {
    for (const shot of SHOTS) {
      if (ONLY && !ONLY.includes(shot.name)) continue;
      for (const viewport of shot.viewports) {
        const token = shot.as === 'admin' ? seeded.admin : seeded.organizer;
        const { context, page } = await openPage(browser, { viewport, locale, token });
        try {
          await page.goto(`${base}${shot.path}`);
          await page.locator('[data-testid="dashboard"][data-loading="false"]').waitFor();
          await page.getByTestId('monthly-chart').locator('canvas').waitFor();
          await shot.ready?.(page);
          await page.waitForTimeout(900); // the charts' and antd's animations
          const file = join(
            outDir,
            `dashboard-${shot.name}-${locale}-${viewport.width}x${viewport.height}.png`,
          );
          if (shot.element) await page.getByTestId(shot.element).screenshot({ path: file });
          else await page.screenshot({ path: file, fullPage: !shot.glance && shot.name !== 'targets' });
          files.push(file);
        } catch (error) {
          console.error(`${shot.name} ${locale} ${viewport.width}: ${String(error)}`);
        } finally {
          await context.close();
        }
      }
    }
  }
  return files;
}

runScreenshots(module, takeScreenshots, { ownApp: true, demo: true });
