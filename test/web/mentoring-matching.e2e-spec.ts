import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import type { MentoringRequestView } from '@wutong/shared';
import {
  PHONE,
  chooseOption,
  launchBrowser,
  openPage,
  webUrl,
  type LaunchedBrowser,
  type Viewport,
} from './browser';
import { api, createAdmin, createCarrier, signUp, type Carrier } from './events-fixtures';
import { databaseUrl } from '../support/databases';

jest.setTimeout(180_000);

/**
 * Matching by need (issue 19, point 5) in the browser, on a phone: a founder describes a need, sees
 * the suggestions with their reasons and asks the carrier; the carrier's organizer assigns a mentor;
 * the founder sees the assigned mentor and opens their booking page. Screenshots of both pages in
 * Chinese and English, phone and desktop, land in tmp/screenshots.
 */
describe('matching by need in the browser', () => {
  let launched: LaunchedBrowser;
  let browser: Browser;
  let base: string;
  let db: Client;
  let carrier: Carrier;
  let founder: { id: string; token: string };
  let expert: { id: string; token: string };
  let assignee: { id: string; token: string };
  const shots = resolve(__dirname, '../../tmp/screenshots');
  // A tag of this run only, so that mentors other browser tests made are never relevant.
  const tag = `冷链出海${Date.now() % 100_000}`;

  const shoot = async (page: Page, name: string, locale: string, viewport: Viewport) => {
    const file = join(shots, `matching-${name}-${locale}-${viewport.width}x${viewport.height}.png`);
    await page.screenshot({ path: file, fullPage: true });
    if (process.env.MATCHING_SHOTS_DIR)
      copyFileSync(file, join(process.env.MATCHING_SHOTS_DIR, file.split('/').pop()!));
  };

  const mentor = async (name: string, profile: Record<string, unknown>) => {
    const user = await signUp(base, name, 'mentor');
    await db.query(`UPDATE users SET roles = array_append(roles, 'mentor') WHERE id = $1`, [user.id]);
    await api(base, '/me/mentor-profile', {
      method: 'PUT',
      token: user.token,
      body: { published: true, ...profile },
    });
    await api(base, '/me/availability', {
      method: 'PUT',
      token: user.token,
      body: {
        timeZone: 'Asia/Shanghai',
        rules: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
          weekday,
          start: '09:00',
          end: '18:00',
          slotMinutes: 60,
        })),
        overrides: [],
        minNoticeHours: 0,
        holidaysOff: false,
      },
    });
    return user;
  };

  beforeAll(async () => {
    base = webUrl();
    launched = await launchBrowser();
    browser = launched.browser;
    mkdirSync(shots, { recursive: true });
    if (process.env.MATCHING_SHOTS_DIR) mkdirSync(process.env.MATCHING_SHOTS_DIR, { recursive: true });
    db = new Client({ connectionString: databaseUrl(process.env.WUTONG_WEB_DB!) });
    await db.connect();
    const admin = await createAdmin(base);
    carrier = await createCarrier(base, admin, `出海孵化器 ${Date.now()}`, '出海运营');
    founder = await signUp(base, '陆小海');
    expert = await mentor('海关导师', {
      category: 'entrepreneur',
      title: '外贸企业创始人',
      expertise: [tag, 'ecommerce'],
      languages: ['zh-CN', 'en'],
    });
    assignee = await mentor('物流律师', { category: 'lawyer', expertise: ['legal'], languages: ['zh-CN'] });
    // The expert belongs to the carrier as its organizer's invitee: the need goes to its queue.
    await db.query(
      `INSERT INTO mentor_invitations (email, token_hash, invited_by, organization_id, expires_at, accepted_at, accepted_by)
       SELECT email, md5(random()::text), $2, $3, now() + interval '1 day', now(), id FROM users WHERE id = $1`,
      [expert.id, carrier.organizer.id, carrier.id],
    );
  });
  afterAll(async () => {
    await db?.end();
    await launched?.close();
  });

  it('founder describes a need → suggestions with reasons → asks the carrier; organizer assigns; founder sees it', async () => {
    // The founder, on a phone.
    const f = await openPage(browser, { viewport: PHONE, token: founder.token });
    try {
      await f.page.goto(`${base}/find-mentor`);
      await f.page.getByRole('heading', { name: '找导师' }).waitFor();
      // An empty need is refused in the form.
      await f.page.getByTestId('need-submit').click();
      await f.page.getByText('请描述您的需求').waitFor();
      await f.page.getByTestId('need-text').fill(`想了解${tag}的报关和物流怎么安排`);
      await f.page.getByTestId('need-submit').click();
      const suggestion = f.page.getByTestId('suggestion');
      await suggestion.first().waitFor();
      expect(await suggestion.count()).toBe(1);
      await suggestion.getByText('海关导师').waitFor();
      await suggestion.getByTestId('reason-expertise').getByText(`擅长：${tag} +12`).waitFor();
      await suggestion.getByTestId('reason-languages').getByText('语言：中文 +10').waitFor();
      await suggestion
        .getByTestId('reason-freeSlots')
        .getByText(/14 天内 \d+ 个空闲时段 \+20/)
        .waitFor();
      await suggestion.getByTestId('suggestion-score').getByText('匹配分 42').waitFor();
      expect(await suggestion.getByTestId('suggestion-book').getAttribute('href')).toBe(
        `/mentors/${expert.id}`,
      );
      await shoot(f.page, 'suggestions', 'zh-CN', PHONE);

      await f.page.getByTestId('ask-carrier').click();
      await f.page.getByTestId('asked').getByText(`已交给 ${carrier.name} 安排`).waitFor();
      await f.page.getByTestId('my-request').first().getByText('等待载体安排').waitFor();
    } finally {
      await f.context.close();
    }

    // The carrier's organizer, on a phone: the need is in the queue; assign another mentor.
    const o = await openPage(browser, { viewport: PHONE, token: carrier.organizer.token });
    try {
      await o.page.goto(`${base}/manage/mentoring-requests`);
      const row = o.page.getByTestId('queue-row').filter({ hasText: '陆小海' });
      await row.waitFor();
      await row.getByText(`系统推荐过：海关导师`).waitFor();
      await o.page.getByTestId('time-to-first-session').waitFor();
      const choice = row.getByTestId('assign-mentor');
      await chooseOption(o.page, choice, '物流律师', choice.getByText('物流律师'));
      await row.getByTestId('assign').click();
      await o.page.getByText('已安排 物流律师，已邮件通知创业者').waitFor();
      await o.page.getByText('没有待安排的需求').waitFor();
      await shoot(o.page, 'queue', 'zh-CN', PHONE);
    } finally {
      await o.context.close();
    }
    const [mail] = (
      await db.query(
        `SELECT subject FROM outbox_messages WHERE template = 'mentoringAssigned'
            AND recipient = (SELECT email FROM users WHERE id = $1)`,
        [founder.id],
      )
    ).rows;
    expect(mail.subject).toBe('载体为您安排了导师：物流律师');

    // The founder sees the assigned mentor and opens the mentor's booking page.
    const g = await openPage(browser, { viewport: PHONE, token: founder.token });
    try {
      await g.page.goto(`${base}/find-mentor`);
      const mine = g.page.getByTestId('my-request').first();
      await mine.waitFor();
      await mine.getByTestId('assigned-mentor').getByText('载体安排的导师：物流律师').waitFor();
      await mine.getByText('已安排导师').waitFor();
      await shoot(g.page, 'my-requests', 'zh-CN', PHONE);
      await mine.getByTestId('book-assigned').click();
      await g.page.waitForURL(`${base}/mentors/${assignee.id}`);
    } finally {
      await g.context.close();
    }
    const [need] =
      (await api<MentoringRequestView[]>(base, '/me/mentoring-requests', { token: founder.token })) ?? [];
    expect(need).toMatchObject({ status: 'assigned', assignedMentor: { id: assignee.id } });
  });

  it('shows both pages in English and on a desktop', async () => {
    const shopper = await signUp(base, 'Mia Chen');
    // The desktop of the screenshots people look at.
    const WIDE = { width: 1366, height: 900 } as const;
    for (const [locale, viewport] of [
      ['en', PHONE],
      ['en', WIDE],
      ['zh-CN', WIDE],
    ] as const) {
      const f = await openPage(browser, { viewport, token: shopper.token, locale });
      try {
        await f.page.goto(`${base}/find-mentor`);
        await f.page.getByTestId('need-text').fill(`${tag} customs and logistics`);
        await f.page.getByTestId('need-submit').click();
        await f.page.getByTestId('suggestion').first().waitFor();
        if (locale === 'en') {
          await f.page.getByTestId('reason-languages').getByText('Speaks Chinese +10').waitFor();
          await f.page.getByTestId('ask-carrier').getByText('Ask the carrier to assign').waitFor();
        }
        await shoot(f.page, 'suggestions', locale, viewport);
        // Queued, so that the organizer's screenshots show the queue with its assignment controls.
        await f.page.getByTestId('ask-carrier').click();
        await f.page.getByTestId('asked').waitFor();
      } finally {
        await f.context.close();
      }
      const o = await openPage(browser, { viewport, token: carrier.organizer.token, locale });
      try {
        await o.page.goto(`${base}/manage/mentoring-requests`);
        await o.page.getByTestId('supply-demand-chart').waitFor();
        await o.page.getByTestId('queue-row').first().getByTestId('assign-mentor').waitFor();
        if (locale === 'en') await o.page.getByText('Need to first session (median)').waitFor();
        await o.page.waitForTimeout(600);
        await shoot(o.page, 'queue', locale, viewport);
      } finally {
        await o.context.close();
      }
    }
  });
});
