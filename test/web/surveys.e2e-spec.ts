import { createHash, randomBytes } from 'node:crypto';
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
const HOUR = 3600_000;

/**
 * Issue 18, point 4 in the browser: a walk-in answers the satisfaction survey from the link of their
 * text on a phone (390×844), without an account; the organizer then reads the results. The event is
 * moved into the past in the database (it ended an hour ago) and the link is written as the sending
 * pass writes it (a random token, stored hashed): any day works.
 */
describe('satisfaction survey in the browser', () => {
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
  const signup = async (displayName: string) => {
    const email = uniqueEmail('survey');
    const res = await api<{ user: { id: string }; accessToken: string }>('/auth/signup', null, 'POST', {
      email,
      password: PASSWORD,
      displayName,
    });
    await verifyByMail(base, email, res.accessToken);
    return { id: res.user.id, token: res.accessToken };
  };
  /** A survey link of a walk-in at the event, as the sending pass writes one. */
  const link = async (eventId: string, organizationId: string): Promise<string> => {
    const token = randomBytes(24).toString('base64url');
    await db.query(
      `INSERT INTO survey_invitations (organization_id, event_id, walk_in_key, token_hash) VALUES ($1, $2, $3, $4)`,
      [
        organizationId,
        eventId,
        `phone:${randomBytes(6).toString('hex')}`,
        createHash('sha256').update(token).digest('hex'),
      ],
    );
    return token;
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

  it('a walk-in answers from the link on a phone; the organizer sees the figures', async () => {
    const organizer = await signup('问卷运营');
    const [carrier] = (
      await db.query(`INSERT INTO organizations (name, kind) VALUES ($1, 'incubator') RETURNING id`, [
        `问卷孵化器 ${Date.now()}`,
      ])
    ).rows;
    await db.query(`INSERT INTO organization_members (organization_id, user_id) VALUES ($1, $2)`, [
      carrier.id,
      organizer.id,
    ]);
    const start = Date.now() + 48 * HOUR;
    const event = await api<{ id: string }>('/events', organizer.token, 'POST', {
      organizationId: carrier.id,
      type: 'salon',
      title: '早期融资沙龙',
      description: '投资人面对面。',
      capacity: 30,
      approvalRequired: false,
      waitlistEnabled: false,
      sessions: [
        { startsAt: new Date(start).toISOString(), endsAt: new Date(start + 2 * HOUR).toISOString() },
      ],
    });
    await api(`/events/${event.id}/publish`, organizer.token, 'POST');
    await api(`/events/${event.id}/survey`, organizer.token, 'PUT', {
      questions: [
        {
          id: 'format',
          kind: 'choice',
          label: '您更喜欢哪种形式？',
          options: ['线上', '线下'],
          required: true,
        },
      ],
    });
    // It ended an hour ago; the survey is sent (as the pass would, unless it already did).
    await db.query(
      `UPDATE event_sessions SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' WHERE event_id = $1`,
      [event.id],
    );
    await db.query(
      `UPDATE events SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' WHERE id = $1`,
      [event.id],
    );
    await db.query(
      `UPDATE event_surveys SET sent_at = now(), sent_questions = (SELECT questions FROM survey_defaults) || questions
        WHERE event_id = $1 AND sent_at IS NULL`,
      [event.id],
    );

    // On a phone, in Chinese, without signing in.
    const token = await link(event.id, carrier.id);
    const { context, page } = await openPage(browser, { viewport: PHONE, locale: 'zh-CN' });
    await page.goto(`${base}/survey/${token}`);
    await page.getByTestId('survey-form').waitFor();
    await page.getByText('早期融资沙龙').waitFor();
    // A required question left out: the form says which, and nothing is sent.
    await page.getByRole('button', { name: '提交问卷' }).click();
    await page.getByText('请回答必答题：活动整体满意度 / Overall satisfaction').waitFor();
    await page.getByTestId('survey-question-overall').getByRole('radio').nth(3).click(); // 4 stars
    await page.getByTestId('survey-question-recommend').getByText('9', { exact: true }).click();
    await page.getByTestId('survey-question-format').getByText('线下').click();
    await page.getByTestId('survey-question-comment').locator('textarea').fill('嘉宾分享很实在');
    await page.screenshot({ path: join(shots, 'survey-zh-CN-390x844.png'), fullPage: true });
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByRole('button', { name: '提交问卷' }).click();
    await page.getByText('感谢您的反馈！').waitFor();
    // Opened again, the link says it was answered.
    await page.reload();
    await page.getByText('您已填写过这份问卷，感谢参与').waitFor();
    await context.close();

    const [stored] = (await db.query(`SELECT answers FROM survey_responses WHERE event_id = $1`, [event.id]))
      .rows;
    expect(stored.answers).toEqual({ overall: 4, recommend: 9, format: '线下', comment: '嘉宾分享很实在' });
    // An unknown link says so.
    const other = await openPage(browser, { viewport: PHONE, locale: 'en' });
    await other.page.goto(`${base}/survey/${'x'.repeat(32)}`);
    await other.page.getByTestId('survey-invalid').waitFor();
    // The English form, for the screenshots.
    await other.page.goto(`${base}/survey/${await link(event.id, carrier.id)}`);
    await other.page.getByRole('button', { name: 'Send my answers' }).waitFor();
    await other.page.screenshot({ path: join(shots, 'survey-en-390x844.png'), fullPage: true });
    await other.context.close();
    // And on a desktop, in both languages.
    for (const locale of ['zh-CN', 'en'] as const) {
      const d = await openPage(browser, { viewport: DESKTOP, locale });
      await d.page.goto(`${base}/survey/${await link(event.id, carrier.id)}`);
      await d.page.getByTestId('survey-question-format').waitFor();
      await d.page.screenshot({ path: join(shots, `survey-${locale}-1280x800.png`), fullPage: true });
      await d.context.close();
    }
    for (const [overall, recommend] of [
      [5, 10],
      [2, 3],
    ])
      await api(`/survey-links/${await link(event.id, carrier.id)}`, null, 'POST', {
        answers: { overall, recommend, format: '线上' },
      });

    // The organizer's results: 3 responses, average (4 + 5 + 2) / 3 = 3.67, NPS (2 − 1) / 3 = 33.
    for (const [locale, viewport] of [
      ['zh-CN', DESKTOP],
      ['en', DESKTOP],
      ['zh-CN', PHONE],
      ['en', PHONE],
    ] as const) {
      const o = await openPage(browser, { viewport, locale, token: organizer.token });
      await o.page.goto(`${base}/manage/events/${event.id}/survey`);
      const results = o.page.getByTestId('survey-results');
      // The first visit loads the page's chunk and the chart code: on a busy machine, more than 10 s.
      await results.waitFor({ timeout: 30_000 });
      const overall = o.page.getByTestId('survey-result-overall');
      await overall.getByText('3.67').waitFor();
      await o.page.getByTestId('survey-result-recommend').getByText('33', { exact: true }).waitFor();
      await o.page.getByTestId('survey-result-comment').getByText('嘉宾分享很实在').waitFor();
      await o.page.getByTestId('survey-chart-overall').waitFor();
      await o.page.screenshot({
        path: join(shots, `survey-results-${locale}-${viewport.width}x${viewport.height}.png`),
        fullPage: true,
      });
      await o.context.close();
    }
  });
});
