/**
 * Screenshots of the events pages for people to look at (nothing is asserted). Against a running app
 * with the demo data (WUTONG_DEMO=1) that serves the built web app:
 *   WUTONG_WEB_URL=http://127.0.0.1:3000 node -r ./test/web/swc-register.cjs test/web/events-screenshots.ts
 * Files land in tmp/screenshots/events-<page>-<locale>-<width>x<height>.png; EVENTS_SHOTS=a,b takes only those.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, PHONE, openPage } from './browser';
import type { Viewport } from './browser';
import { runScreenshots } from './screenshot-runner';
import { api, shanghai, shanghaiDay, signUp } from './events-fixtures';

const LOCALES = ['zh-CN', 'en'] as const;
const VIEWPORTS: Viewport[] = [PHONE, DESKTOP];
const DEMO_PASSWORD = 'wutong-demo-2026';
/** EVENTS_SHOTS=list,event takes only those. */
const ONLY = process.env.EVENTS_SHOTS?.split(',');

interface Seeded {
  organizer: string;
  founder: string;
  salonId: string;
  trainingId: string;
}

async function login(base: string, email: string): Promise<string> {
  const { accessToken } = await api<{ accessToken: string }>(base, '/auth/login', {
    body: { email, password: DEMO_PASSWORD },
  });
  return accessToken;
}

/** Events of the demo organizer's carrier, and a founder registered to them. */
async function seed(base: string): Promise<Seeded> {
  const organizer = await login(base, 'organizer.innovation@demo.wutong.cn');
  const me = await api<{ organizations: { id: string }[] }>(base, '/me', { token: organizer });
  const organizationId = me.organizations[0].id;
  const venueName = '创新中心 3 楼路演厅';
  const venues = await api<{ id: string; name: string }[]>(base, `/organizations/${organizationId}/venues`, {
    token: organizer,
  });
  const venue =
    venues.find((v) => v.name === venueName) ??
    (await api<{ id: string }>(base, `/organizations/${organizationId}/venues`, {
      token: organizer,
      body: { name: venueName, address: '衡阳市高新区解放大道 18 号', capacity: 120 },
    }));
  const create = async (body: Record<string, unknown>) => {
    const event = await api<{ id: string }>(base, '/events', {
      token: organizer,
      body: { organizationId, ...body },
    });
    await api(base, `/events/${event.id}/publish`, { token: organizer, body: {} });
    return event.id;
  };
  const d = (n: number) => shanghaiDay(n);
  const salonId = await create({
    type: 'salon',
    title: '早期项目融资沙龙：天使轮怎么谈',
    description: '三位本地天使投资人分享他们如何看早期项目，现场答疑。\n适合正在准备天使轮的创业团队。',
    venueId: venue.id,
    capacity: 40,
    approvalRequired: false,
    waitlistEnabled: true,
    sessions: [{ startsAt: shanghai(d(3), '14:30'), endsAt: shanghai(d(3), '17:00') }],
    questions: [
      { label: '企业或项目名称', kind: 'short_text', required: true },
      {
        label: '发展阶段',
        kind: 'single_choice',
        required: true,
        options: ['创意', '原型', '已有收入', '成长期'],
      },
      { label: '关心的话题', kind: 'multiple_choice', options: ['估值', '条款', '尽调', '投后'] },
      { label: '想问投资人的问题', kind: 'long_text' },
    ],
  });
  const trainingId = await create({
    type: 'training',
    title: '小微企业财税实务四讲',
    description: '增值税、企业所得税、发票管理和社保，四个晚上讲清楚。',
    venueId: venue.id,
    capacity: 2,
    approvalRequired: false,
    waitlistEnabled: true,
    sessions: [7, 14, 21, 28].map((n, i) => ({
      startsAt: shanghai(d(n), '19:00'),
      endsAt: shanghai(d(n), '21:00'),
      title: ['增值税基础', '企业所得税', '发票管理', '社保与个税'][i],
    })),
  });
  await create({
    type: 'roadshow',
    title: '第三季度项目路演（需审核）',
    description: '选出 8 个项目向投资机构路演。',
    onlineUrl: 'https://meeting.example.com/j/123456',
    capacity: 8,
    approvalRequired: true,
    waitlistEnabled: false,
    sessions: [{ startsAt: shanghai(d(10), '09:30'), endsAt: shanghai(d(10), '12:00') }],
  });
  await api(base, '/events', {
    token: organizer,
    body: {
      organizationId,
      type: 'policy_briefing',
      title: '高企认定政策解读（草稿）',
      description: '草稿',
      venueId: venue.id,
      capacity: 100,
      approvalRequired: false,
      waitlistEnabled: false,
      sessions: [{ startsAt: shanghai(d(12), '15:00'), endsAt: shanghai(d(12), '16:30') }],
    },
  });

  // Registrants: two fill the training, a third waits; the founder holds a ticket and a waitlist place.
  const others = await Promise.all(['赵一', '钱二', '孙三'].map((name) => signUp(base, name)));
  for (const other of others.slice(0, 2)) {
    await api(base, `/events/${trainingId}/registrations`, { token: other.token, body: {} });
    await api(base, `/events/${salonId}/registrations`, {
      token: other.token,
      body: { answers: {} },
    }).catch(() => undefined);
  }
  const founder = await signUp(base, '林晓梧');
  const salon = await api<{ questions: { id: string }[] }>(base, `/events/${salonId}`, {
    token: founder.token,
  });
  const [name, stage, topics, ask] = salon.questions.map((q) => q.id);
  const answers = {
    [name]: '衡阳梧桐示例科技',
    [stage]: '原型',
    [topics]: ['估值', '条款'],
    [ask]: '天使轮一般出让多少股份？',
  };
  for (const someone of [founder, ...others]) {
    await api(base, `/events/${salonId}/registrations`, { token: someone.token, body: { answers } });
  }
  await api(base, `/events/${trainingId}/registrations`, { token: founder.token, body: {} });
  return { organizer, founder: founder.token, salonId, trainingId };
}

interface Shot {
  name: string;
  path: (s: Seeded) => string;
  /** Who looks: the demo organizer, the seeded founder, a new founder, one abroad (London), or nobody. */
  as: 'organizer' | 'founder' | 'fresh' | 'abroad' | 'anonymous';
  ready: (page: Page) => Promise<void>;
}

const SHOTS: Shot[] = [
  {
    name: 'list',
    path: () => '/events',
    as: 'founder',
    ready: (p) => p.getByTestId('event-card').first().waitFor(),
  },
  {
    name: 'calendar',
    path: () => '/events?view=calendar',
    as: 'founder',
    ready: async (p) => {
      await p.getByTestId('event-calendar').waitFor();
      await p.waitForLoadState('networkidle');
    },
  },
  {
    name: 'event',
    path: (s) => `/events/${s.trainingId}`,
    as: 'founder',
    ready: (p) => p.getByTestId('register-panel').waitFor(),
  },
  {
    name: 'event-abroad',
    path: (s) => `/events/${s.salonId}`,
    as: 'abroad',
    ready: (p) => p.getByTestId('zone-note').waitFor(),
  },
  {
    name: 'event-visitor',
    path: (s) => `/events/${s.salonId}`,
    as: 'anonymous',
    ready: (p) => p.getByTestId('register-panel').waitFor(),
  },
  {
    name: 'register-dialog',
    path: (s) => `/events/${s.salonId}`,
    as: 'fresh',
    ready: async (p) => {
      await p.getByTestId('register-button').click();
      await p.locator('form#register input').first().waitFor();
      await p.waitForTimeout(300); // the dialog's opening motion
      await p.getByTestId('confirm-register').click();
      await p.locator('form#register .ant-form-item-explain-error').first().waitFor();
    },
  },
  {
    name: 'register-outcome',
    path: (s) => `/events/${s.salonId}`,
    as: 'fresh',
    ready: async (p) => {
      await p.getByTestId('register-button').click();
      const form = p.locator('form#register');
      await form.locator('input').first().fill('衡阳某某科技');
      await form.locator('.ant-radio-wrapper').first().click();
      await p.getByTestId('confirm-register').click();
      await p.getByTestId('ticket-qr').waitFor();
    },
  },
  {
    name: 'my-registrations',
    path: () => '/me/registrations',
    as: 'founder',
    ready: (p) => p.getByTestId('ticket-qr').first().waitFor(),
  },
  {
    name: 'manage-list',
    path: () => '/manage/events',
    as: 'organizer',
    ready: (p) => p.getByTestId('managed-event-link').first().waitFor(),
  },
  {
    name: 'manage-form',
    path: (s) => `/manage/events/${s.salonId}/edit`,
    as: 'organizer',
    ready: (p) => p.getByTestId('question-row').first().waitFor(),
  },
  {
    name: 'manage-event',
    path: (s) => `/manage/events/${s.salonId}`,
    as: 'organizer',
    ready: async (p) => {
      await p.getByTestId('registrants').locator('.ant-table-row').first().waitFor();
      await p.locator('.ant-table-row-expand-icon').first().click();
    },
  },
];

async function tokenFor(base: string, seeded: Seeded, who: Shot['as']): Promise<string | undefined> {
  if (who === 'organizer') return seeded.organizer;
  if (who === 'founder') return seeded.founder;
  if (who === 'anonymous') return undefined;
  const fresh = await signUp(base, '新用户');
  if (who === 'abroad')
    await api(base, '/me', { method: 'PATCH', token: fresh.token, body: { timeZone: 'Europe/London' } });
  return fresh.token;
}

export async function takeEventScreenshots(
  browser: Browser,
  base: string,
  outDir: string,
): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const seeded = await seed(base);
  const files: string[] = [];
  for (const locale of LOCALES) {
    for (const viewport of VIEWPORTS) {
      for (const shot of SHOTS.filter((s) => !ONLY || ONLY.includes(s.name))) {
        const token = await tokenFor(base, seeded, shot.as);
        const { context, page } = await openPage(browser, { viewport, locale, token });
        try {
          await page.goto(`${base}${shot.path(seeded)}`);
          await shot.ready(page);
          await page.waitForTimeout(300); // let antd's motion settle
          const file = join(outDir, `events-${shot.name}-${locale}-${viewport.width}x${viewport.height}.png`);
          await page.screenshot({ path: file, fullPage: true });
          files.push(file);
        } catch (error) {
          console.error(`${shot.name} ${locale} ${viewport.width}:`, error);
        } finally {
          await context.close();
        }
      }
    }
  }
  return files;
}

runScreenshots(module, takeEventScreenshots, {});
