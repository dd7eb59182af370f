/**
 * Screenshots of the check-in and attendance pages for people to look at (nothing is asserted).
 * Starts the built app on a database of its own (like the browser tests), seeds it, shoots, cleans up:
 *   npx nx run-many -t build   # or the three build commands
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node -r ./test/web/swc-register.cjs test/web/check-in-screenshots.ts
 * Files land in tmp/screenshots/check-in-<page>-<locale>-<width>x<height>.png; CHECK_IN_SHOTS=a,b takes only those.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, PHONE, openPage } from './browser';
import type { Viewport } from './browser';
import { runScreenshots } from './screenshot-runner';
import { seedCheckIn, type CheckInWorld } from './check-in-fixtures';
import { api, signUp } from './events-fixtures';

const LOCALES = ['zh-CN', 'en'] as const;
const ONLY = process.env.CHECK_IN_SHOTS?.split(',');
const DAY = 86_400_000;

interface Seeded {
  door: CheckInWorld;
  trainingId: string;
  trainingSessionIds: string[];
  founderToken: string;
  serial: string;
  /** The codes the certificates' QR carry (what shows the holder). */
  code: string;
  revokedCode: string;
  selfCode: string;
}

function appDb(): Client {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${process.env.WUTONG_WEB_DB}`;
  return new Client({ connectionString: url.toString() });
}

async function certificateSerial(base: string, registrationId: string, token: string): Promise<string> {
  const response = await fetch(`${base}/api/registrations/${registrationId}/certificate.pdf`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(`certificate: ${response.status} ${await response.text()}`);
  const disposition = decodeURIComponent(response.headers.get('content-disposition') ?? '');
  const serial = /WT-\d{4}-\d+/.exec(disposition)?.[0];
  if (!serial) throw new Error(`no serial in ${disposition}`);
  return serial;
}

async function seed(base: string): Promise<Seeded> {
  const door = await seedCheckIn(base, ['林晓梧', '赵一鸣', '钱小满', '孙未确'], {
    title: '创业沙龙：天使轮怎么谈',
    carrier: '衡阳高新区创新创业中心',
  });
  const org = door.organizationId;
  const token = door.organizerToken;
  // One cancelled registration, whose ticket then answers "not confirmed".
  await api(base, `/registrations/${door.founders[3].registrationId}/cancel`, {
    token: door.founders[3].token,
    body: {},
  });
  // Some check-ins at the door so the count and the list are not empty.
  for (const f of door.founders.slice(1, 3))
    await api(base, `/sessions/${door.sessionId}/check-ins`, { token, body: { ticketCode: f.ticketCode } });
  await api(base, `/sessions/${door.sessionId}/check-ins`, {
    token,
    body: { walkIn: { name: '周现场', phone: '13800138000' } },
  });

  // A four-evening training, moved into the past after its check-ins, for attendance and certificates.
  const start = Date.now() + DAY;
  const training = await api<{ id: string; sessions: { id: string }[] }>(base, '/events', {
    token,
    body: {
      organizationId: org,
      type: 'training',
      title: '小微企业财税实务四讲',
      description: '增值税、企业所得税、发票管理和社保，四个晚上讲清楚。',
      capacity: 40,
      approvalRequired: false,
      waitlistEnabled: false,
      sessions: ['增值税基础', '企业所得税', '发票管理', '社保与个税'].map((title, i) => ({
        startsAt: new Date(start + i * 7 * DAY).toISOString(),
        endsAt: new Date(start + i * 7 * DAY + 2 * 3600_000).toISOString(),
        title,
      })),
    },
  });
  await api(base, `/events/${training.id}/publish`, { token, body: {} });
  const people = [
    door.founders[0],
    ...(await Promise.all(['吴晓晴', '郑大川', '王一帆'].map((n) => signUp(base, n)))),
  ];
  const registrations: string[] = [];
  for (const p of people) {
    const r = await api<{ id: string }>(base, `/events/${training.id}/registrations`, {
      token: p.token,
      body: {},
    });
    registrations.push(r.id);
  }
  // The training took place 40 days ago: its sessions move back first, then the door backfills them.
  const shift = `interval '${40} days'`;
  const db = appDb();
  await db.connect();
  try {
    await db.query(
      `UPDATE event_sessions SET starts_at = starts_at - ${shift}, ends_at = ends_at - ${shift} WHERE event_id = $1`,
      [training.id],
    );
    await db
      .query(
        `UPDATE events SET starts_at = starts_at - ${shift}, ends_at = ends_at - ${shift} WHERE id = $1`,
        [training.id],
      )
      .catch(() => undefined);
    const present = [[0, 1, 2, 3], [0, 1, 2], [0, 2], []];
    for (const [i, sessions] of present.entries()) {
      for (const s of sessions)
        await api(base, `/sessions/${training.sessions[s].id}/check-ins`, {
          token,
          body: { registrationId: registrations[i] },
        });
    }
    for (const s of [0, 1])
      await api(base, `/sessions/${training.sessions[s].id}/check-ins`, {
        token,
        body: { walkIn: { name: '冯旁听', phone: '13900139000' } },
      });
    await db.query(`UPDATE check_ins SET checked_in_at = checked_in_at - ${shift} WHERE event_id = $1`, [
      training.id,
    ]);
  } finally {
    await db.end();
  }
  const serial = await certificateSerial(base, registrations[0], door.founders[0].token);
  const revokedSerial = await certificateSerial(base, registrations[1], token);
  await api(base, `/certificates/${revokedSerial}/revoke`, { token, body: {} });
  const codes = appDb();
  await codes.connect();
  const codeOf = async (s: string) =>
    (
      await codes.query<{ verify_code: string }>(`SELECT verify_code FROM certificates WHERE serial = $1`, [
        s,
      ])
    ).rows[0].verify_code;
  const [code, revokedCode] = [await codeOf(serial), await codeOf(revokedSerial)];
  await codes.end();
  const selfCode = await api<{ code: string }>(
    base,
    `/sessions/${training.sessions[3].id}/self-check-in-code`,
    { token },
  );
  return {
    door,
    trainingId: training.id,
    trainingSessionIds: training.sessions.map((s) => s.id),
    founderToken: door.founders[0].token,
    serial,
    code,
    revokedCode,
    selfCode: selfCode.code,
  };
}

interface Shot {
  name: string;
  viewports: Viewport[];
  path: (s: Seeded) => string;
  as: 'organizer' | 'founder' | 'anonymous';
  ready: (page: Page, s: Seeded) => Promise<void>;
}

async function typeCode(page: Page, code: string, kind: string): Promise<void> {
  await page.getByTestId('live-count-text').filter({ hasText: /\d/ }).waitFor();
  await page.getByTestId('door-mode').locator('.ant-segmented-item').nth(1).click();
  await page.getByTestId('ticket-code-input').fill(code);
  await page.getByTestId('ticket-code-submit').click();
  await page.locator(`[data-testid="door-feedback"][data-kind="${kind}"]`).waitFor();
}

const BOTH = [PHONE, DESKTOP];

const SHOTS: Shot[] = [
  {
    name: 'door-start',
    viewports: BOTH,
    as: 'organizer',
    path: (s) => `/check-in?event=${s.door.eventId}`,
    ready: async (p) => {
      await p.getByTestId('recent-check-ins').getByText('周现场').waitFor();
    },
  },
  {
    name: 'door-success',
    viewports: BOTH,
    as: 'organizer',
    path: (s) => `/check-in?event=${s.door.eventId}`,
    // The first founder's ticket: new on the first shot, a repeat afterwards — so undo it each time.
    ready: async (p, s) => {
      await typeCode(p, s.door.founders[0].ticketCode, 'success');
    },
  },
  {
    name: 'door-already',
    viewports: BOTH,
    as: 'organizer',
    path: (s) => `/check-in?event=${s.door.eventId}`,
    ready: (p, s) => typeCode(p, s.door.founders[1].ticketCode, 'already'),
  },
  {
    name: 'door-not-found',
    viewports: [PHONE],
    as: 'organizer',
    path: (s) => `/check-in?event=${s.door.eventId}`,
    ready: (p) => typeCode(p, 'XXXX-not-a-ticket', 'notFound'),
  },
  {
    name: 'door-not-confirmed',
    viewports: [PHONE],
    as: 'organizer',
    path: (s) => `/check-in?event=${s.door.eventId}`,
    ready: (p, s) => typeCode(p, s.door.founders[3].ticketCode, 'notConfirmed'),
  },
  {
    name: 'door-search',
    viewports: [PHONE],
    as: 'organizer',
    path: (s) => `/check-in?event=${s.door.eventId}`,
    ready: async (p) => {
      await p.getByTestId('door-mode').locator('.ant-segmented-item').nth(2).click();
      await p.getByTestId('attendee-search').locator('input').fill('钱');
      await p.getByTestId('search-results').waitFor();
    },
  },
  {
    name: 'door-walk-in',
    viewports: [PHONE],
    as: 'organizer',
    path: (s) => `/check-in?event=${s.door.eventId}`,
    ready: async (p) => {
      await p.getByTestId('door-mode').locator('.ant-segmented-item').nth(3).click();
      await p.getByTestId('walk-in-name').waitFor();
    },
  },
  {
    name: 'door-not-today',
    viewports: [PHONE],
    as: 'organizer',
    path: (s) => `/check-in?event=${s.trainingId}&session=${s.trainingSessionIds[1]}`,
    ready: (p) => p.getByTestId('not-today').waitFor(),
  },
  {
    name: 'venue-screen',
    viewports: [DESKTOP, PHONE],
    as: 'organizer',
    path: (s) => `/check-in/${s.door.sessionId}/screen?event=${s.door.eventId}`,
    ready: async (p) => {
      await p.getByTestId('self-check-in-qr').waitFor();
      await p.getByTestId('live-count-text').filter({ hasText: /\d/ }).waitFor();
    },
  },
  {
    name: 'attendance',
    viewports: BOTH,
    as: 'organizer',
    path: (s) => `/manage/events/${s.trainingId}/attendance`,
    ready: (p) => p.getByTestId('attendee-table').locator('tr.ant-table-row').first().waitFor(),
  },
  {
    name: 'my-attendance',
    viewports: BOTH,
    as: 'founder',
    path: () => '/me/attendance',
    ready: (p) => p.getByTestId('attendance-card').first().waitFor(),
  },
  {
    name: 'self-check-in-closed',
    viewports: [PHONE],
    as: 'founder',
    path: (s) => `/check-in/${s.trainingSessionIds[3]}?code=${s.selfCode}`,
    ready: (p) => p.getByTestId('self-check-in').waitFor(),
  },
  {
    name: 'self-check-in-expired',
    viewports: [PHONE],
    as: 'founder',
    path: (s) => `/check-in/${s.door.sessionId}?code=expired-code`,
    ready: (p) => p.getByTestId('self-check-in').waitFor(),
  },
  {
    name: 'certificate',
    viewports: BOTH,
    as: 'anonymous',
    path: (s) => `/certificates/verify/${s.code}`,
    ready: (p) => p.getByTestId('certificate').waitFor(),
  },
  {
    name: 'certificate-serial',
    viewports: [PHONE],
    as: 'anonymous',
    path: (s) => `/certificates/${s.serial}`,
    ready: (p) => p.getByTestId('certificate-check').waitFor(),
  },
  {
    name: 'certificate-revoked',
    viewports: [PHONE],
    as: 'anonymous',
    path: (s) => `/certificates/verify/${s.revokedCode}`,
    ready: (p) => p.getByTestId('certificate').waitFor(),
  },
];

/** Undoes the first founder's door check-in, so that the next "success" shot is a success again. */
async function undoFirst(base: string, s: Seeded): Promise<void> {
  const live = await api<{ recent: { checkIn: { id: string }; attendee: { name: string } }[] }>(
    base,
    `/sessions/${s.door.sessionId}/check-ins`,
    { token: s.door.organizerToken },
  );
  const mine = live.recent.find((r) => r.attendee.name === s.door.founders[0].name);
  if (mine) {
    // No content-type on a bodiless DELETE (Fastify refuses an empty JSON body).
    await fetch(`${base}/api/check-ins/${mine.checkIn.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${s.door.organizerToken}` },
    });
  }
}

export async function takeScreenshots(browser: Browser, base: string, outDir: string): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const seeded = await seed(base);
  const files: string[] = [];
  for (const locale of LOCALES) {
    for (const shot of SHOTS) {
      if (ONLY && !ONLY.includes(shot.name)) continue;
      for (const viewport of shot.viewports) {
        if (shot.name === 'door-success') await undoFirst(base, seeded);
        const token =
          shot.as === 'organizer'
            ? seeded.door.organizerToken
            : shot.as === 'founder'
              ? seeded.founderToken
              : undefined;
        const { context, page } = await openPage(browser, { viewport, locale, token });
        try {
          await page.goto(`${base}${shot.path(seeded)}`);
          await shot.ready(page, seeded);
          await page.waitForTimeout(300); // let antd's motion settle
          const file = join(
            outDir,
            `check-in-${shot.name}-${locale}-${viewport.width}x${viewport.height}.png`,
          );
          await page.screenshot({ path: file, fullPage: true });
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

runScreenshots(module, takeScreenshots, { ownApp: true });
