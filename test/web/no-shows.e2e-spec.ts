import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import type { Browser } from 'playwright-core';
import { databaseUrl } from '../support/databases';
import { DESKTOP, PHONE, launchBrowser, openPage, uniqueEmail, webUrl } from './browser';
import type { LaunchedBrowser } from './browser';
import { verifyByMail } from './events-fixtures';

jest.setTimeout(120_000);

const PASSWORD = 'wutong-e2e-passw0rd';

/**
 * Issue 15, point 11 in the browser: the mentor marks a no-show after the session, the founder
 * contests it from "my bookings", an organizer of the booking's carrier overturns it on the contests
 * page, and the founder sees the mark removed. The session is moved into the past in the database:
 * any day works.
 */
describe('no-show marks and contests in the browser', () => {
  let launched: LaunchedBrowser;
  let browser: Browser;
  let base: string;
  let db: Client;
  const shots = resolve(__dirname, '../../tmp/screenshots');

  const api = async <T>(path: string, token: string | null, method = 'GET', body?: unknown): Promise<T> => {
    const res = await fetch(`${base}/api${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token && { authorization: `Bearer ${token}` }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  /** A verified account: booking needs one (the code is read from the verification mail). */
  const signup = async (displayName: string) => {
    const email = uniqueEmail('noshow');
    const res = await api<{ user: { id: string }; accessToken: string }>('/auth/signup', null, 'POST', {
      email,
      password: PASSWORD,
      displayName,
    });
    await verifyByMail(base, email, res.accessToken);
    return { id: res.user.id, token: res.accessToken };
  };

  beforeAll(async () => {
    base = webUrl();
    launched = await launchBrowser();
    browser = launched.browser;
    db = new Client({ connectionString: databaseUrl(process.env.WUTONG_WEB_DB!) });
    await db.connect();
    mkdirSync(shots, { recursive: true });
  });
  afterAll(async () => {
    await db?.end();
    await launched?.close();
  });

  it('mentor marks, founder contests, the carrier’s organizer overturns', async () => {
    // The browser tests' app has no admin: roles and the carrier are written as an admin would.
    const mentor = await signup('申导师');
    const founder = await signup('缺席创业者');
    const organizer = await signup('载体运营');
    await db.query(`UPDATE users SET roles = array_append(roles, 'mentor') WHERE id = $1`, [mentor.id]);
    const [carrier] = (
      await db.query(`INSERT INTO organizations (name, kind) VALUES ($1, 'incubator') RETURNING id`, [
        `申诉孵化器 ${Date.now()}`,
      ])
    ).rows;
    await db.query(`INSERT INTO organization_members (organization_id, user_id) VALUES ($1, $2)`, [
      carrier.id,
      organizer.id,
    ]);
    await api('/me/mentor-profile', mentor.token, 'PUT', { category: 'lawyer', published: true });
    await api('/me/availability', mentor.token, 'PUT', {
      timeZone: 'UTC',
      rules: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        weekday,
        start: '00:00',
        end: '24:00',
        slotMinutes: 60,
      })),
      overrides: [],
      minNoticeHours: 0,
      holidaysOff: false,
    });
    const from = new Date(Date.now() + 2 * 3600_000).toISOString();
    const to = new Date(Date.now() + 3 * 24 * 3600_000).toISOString();
    const [slot] = await api<{ startsAt: string }[]>(
      `/mentors/${mentor.id}/slots?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      null,
    );
    const booking = await api<{ id: string }>(`/mentors/${mentor.id}/bookings`, founder.token, 'POST', {
      startsAt: slot.startsAt,
      topic: '劳动合同怎么签',
    });
    await db.query(
      `UPDATE bookings SET organization_id = $2, starts_at = now() - interval '3 hours',
              ends_at = now() - interval '2 hours' WHERE id = $1`,
      [booking.id, carrier.id],
    );

    // The mentor marks the no-show from "my bookings" (past).
    const m = await openPage(browser, { viewport: DESKTOP, token: mentor.token });
    try {
      await m.page.goto(`${base}/me/bookings`);
      await m.page.getByText('历史记录').click();
      const card = m.page.getByTestId('booking-card').filter({ hasText: '劳动合同怎么签' });
      await card.getByTestId('mark-no-show').click();
      await m.page.getByTestId('no-show-note').fill('等了 30 分钟，电话未接');
      await m.page.getByTestId('no-show-confirm').click();
      await card.getByText('未到场', { exact: true }).waitFor();
    } finally {
      await m.context.close();
    }

    // The founder follows the mail's link and contests on a phone.
    const f = await openPage(browser, { viewport: PHONE, token: founder.token });
    try {
      await f.page.goto(`${base}/me/bookings?contest=${booking.id}`);
      await f.page.getByTestId('contest-reason').fill('我按时到了会议室，导师不在');
      await f.page.screenshot({ path: join(shots, 'no-show-contest-zh-CN-390x844.png') });
      await f.page.getByTestId('contest-submit').click();
      await f.page.getByText('历史记录').click();
      const card = f.page.getByTestId('booking-card').filter({ hasText: '劳动合同怎么签' });
      await card.getByText('导师说明：等了 30 分钟，电话未接').waitFor();
      await card.getByTestId('contest-state').getByText('申诉处理中').waitFor();
      expect(await card.getByTestId('contest-no-show').count()).toBe(0);
    } finally {
      await f.context.close();
    }

    // The carrier's organizer overturns it.
    const o = await openPage(browser, { viewport: DESKTOP, token: organizer.token });
    try {
      await o.page.goto(`${base}/manage/no-show-contests`);
      const card = o.page.getByTestId('contest-card').filter({ hasText: '缺席创业者' });
      await card.getByText('申诉理由：我按时到了会议室，导师不在').waitFor();
      await o.page.screenshot({ path: join(shots, 'no-show-contests-zh-CN-1280x800.png'), fullPage: true });
      await card.getByTestId('overturn').click();
      await o.page.getByTestId('decision-note').fill('会议室门禁记录显示创业者按时到达');
      await o.page.getByTestId('decision-confirm').click();
      await o.page.getByText('没有待处理的申诉').waitFor();
    } finally {
      await o.context.close();
    }

    const again = await openPage(browser, { viewport: PHONE, token: founder.token });
    try {
      await again.page.goto(`${base}/me/bookings`);
      await again.page.getByText('历史记录').click();
      const card = again.page.getByTestId('booking-card').filter({ hasText: '劳动合同怎么签' });
      await card.getByTestId('contest-state').getByText('标记已撤销').waitFor();
      await card.getByText('组织者说明：会议室门禁记录显示创业者按时到达').waitFor();
    } finally {
      await again.context.close();
    }
  });
});
