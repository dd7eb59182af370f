import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { BookingView } from '@wutong/shared';
import { DESKTOP, PHONE, chooseOption, launchBrowser, openPage, webUrl } from './browser';
import type { LaunchedBrowser } from './browser';
import { Client } from 'pg';
import { databaseUrl } from '../support/databases';
import { makeMentorRole, signupApi } from './mentors-fixtures';

jest.setTimeout(150_000);

/** Every day 09:00–18:00 in Shanghai, hour-long slots, so that a slot is free on any day of the year. */
const EVERY_DAY = {
  timeZone: 'Asia/Shanghai',
  rules: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '09:00', end: '18:00', slotMinutes: 60 })),
  overrides: [],
  minNoticeHours: 0,
  holidaysOff: false,
};

/**
 * Issue 19 in the browser, on a phone: a founder answers a mentor's intake questions and sends a
 * request; the mentor finds it first in "my bookings", reads the answers, accepts and moves it.
 */
describe('mentoring requests in the browser', () => {
  let launched: LaunchedBrowser;
  let browser: Browser;
  let base: string;
  const shots = resolve(__dirname, '../../tmp/screenshots');

  beforeAll(async () => {
    base = webUrl();
    launched = await launchBrowser();
    browser = launched.browser;
    mkdirSync(shots, { recursive: true });
  });
  afterAll(async () => {
    await launched?.close();
  });

  const api = async (token: string, method: string, path: string, body?: object) => {
    const res = await fetch(`${base}/api${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body && JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<unknown>;
  };

  /** The first free slot the mentor page shows, clicking on to later weeks when this one is over. */
  async function firstSlot(page: Page) {
    for (let i = 0; i < 4; i++) {
      const slot = page.getByTestId('slot').first();
      await slot.or(page.getByTestId('no-slots')).first().waitFor();
      if (await slot.isVisible()) return slot;
      await page.getByRole('button', { name: /下一周|Next week/ }).click();
    }
    throw new Error('no free slot within four weeks');
  }

  it('request with intake answers on a phone → the mentor accepts it first → moves it to another slot', async () => {
    const mentor = await signupApi(base, '章导师');
    await makeMentorRole(mentor.id);
    const founder = await signupApi(base, '宋小创');
    await api(mentor.token, 'PUT', '/me/mentor-profile', {
      category: 'entrepreneur',
      published: true,
      intakeQuestions: [
        {
          id: 'stage',
          label: '公司阶段',
          kind: 'choice',
          options: ['种子轮', '天使轮', 'A 轮'],
          required: true,
        },
        { id: 'need', label: '最想解决的问题', kind: 'text', required: true },
      ],
    });
    await api(mentor.token, 'PUT', '/me/availability', {
      ...EVERY_DAY,
      confirmation: 'manual',
      requestTtlHours: 48,
    });

    // The founder, on a phone: the dialog says the mentor confirms first and asks the questions.
    const f = await openPage(browser, { viewport: PHONE, token: founder.token });
    try {
      await f.page.goto(`${base}/mentors/${mentor.id}`);
      await (await firstSlot(f.page)).click();
      await f.page.getByTestId('booking-needs-confirmation').waitFor();
      const form = f.page.locator('form#booking');
      await form.getByLabel('辅导主题').fill('第一次融资怎么准备');
      // A required answer left empty is refused in the form.
      await f.page.getByTestId('confirm-booking').click();
      await form.getByText('请回答这个问题').first().waitFor();
      // The field shows the choice as a title of its own (the list is outside the form).
      await chooseOption(
        f.page,
        form.getByLabel('公司阶段'),
        '天使轮',
        form.getByTitle('天使轮', { exact: true }),
      );
      await form.getByLabel('最想解决的问题').fill('估值和条款');
      await f.page.screenshot({ path: join(shots, 'booking-request-zh-CN-390x844.png'), fullPage: true });
      expect(await f.page.getByTestId('confirm-booking').textContent()).toContain('提交申请');
      await f.page.getByTestId('confirm-booking').click();
      await f.page.waitForURL(`${base}/me/bookings`);
      const card = f.page.getByTestId('booking-card').filter({ hasText: '第一次融资怎么准备' });
      await card.getByText('待确认').waitFor();
      await card
        .getByTestId('request-deadline')
        .getByText(/等待导师确认/)
        .waitFor();
    } finally {
      await f.context.close();
    }

    // The mentor, on a phone: the request comes first, with the answers; accept, then move it.
    const m = await openPage(browser, { viewport: PHONE, token: mentor.token });
    try {
      await m.page.goto(`${base}/me/bookings`);
      const requests = m.page.getByTestId('requests-to-answer');
      await requests.getByText('待您确认的申请（1）').waitFor();
      const card = requests.getByTestId('booking-card');
      await card.getByTestId('intake-answers').getByText('天使轮').waitFor();
      await card.getByTestId('intake-answers').getByText('估值和条款').waitFor();
      await m.page.screenshot({
        path: join(shots, 'booking-requests-mentor-zh-CN-390x844.png'),
        fullPage: true,
      });
      await card.getByTestId('accept-request').click();
      await m.page.getByText('已接受，确认邮件和日历邀请已发给双方').waitFor();
      await requests.waitFor({ state: 'detached' });
      const confirmed = m.page.getByTestId('booking-card').filter({ hasText: '第一次融资怎么准备' });
      await confirmed.getByText('已确认').waitFor();

      const [before] = (await api(mentor.token, 'GET', '/me/bookings')) as BookingView[];
      await confirmed.getByTestId('reschedule-booking').click();
      const slots = m.page.getByTestId('reschedule-slots');
      await slots.waitFor();
      await m.page.screenshot({ path: join(shots, 'booking-reschedule-zh-CN-390x844.png'), fullPage: true });
      // Another hour than the booking's own.
      const options = slots.locator('label.ant-radio-button-wrapper');
      await options.nth(1).click();
      await m.page.getByTestId('reschedule-confirm').click();
      await m.page.getByText('已改期，双方都已收到通知').waitFor();
      const [after] = (await api(mentor.token, 'GET', '/me/bookings')) as BookingView[];
      expect(after.id).toBe(before.id);
      expect(after.startsAt).not.toBe(before.startsAt);
      expect(after.rescheduledAt).not.toBeNull();
    } finally {
      await m.context.close();
    }
  });

  it('shows the confirm-first setting and the intake questions editor in English on a desktop', async () => {
    const mentor = await signupApi(base, 'Mentor Chen');
    await makeMentorRole(mentor.id);
    const { context, page } = await openPage(browser, {
      viewport: DESKTOP,
      token: mentor.token,
      locale: 'en',
    });
    try {
      await page.goto(`${base}/me/office-hours`);
      await page.getByTestId('confirmation-mode').getByText('I confirm first').click();
      await page.getByLabel('Hold a request for').waitFor();
      await page.getByTestId('save-office-hours').click();
      await page.getByText(/saved/i).first().waitFor();
      await page.screenshot({ path: join(shots, 'office-hours-confirm-en-1280x800.png'), fullPage: true });

      await page.goto(`${base}/me/mentor-profile`);
      await page.getByTestId('add-intake-question').click();
      await page.getByLabel('Question 1').fill('What stage is your company at?');
      await page.getByTestId('save-mentor-profile').click();
      await page.getByText(/saved/i).first().waitFor();
      await page.screenshot({ path: join(shots, 'intake-questions-en-1280x800.png'), fullPage: true });
      const profile = (await api(mentor.token, 'GET', '/me/mentor-profile')) as {
        confirmation: string;
        intakeQuestions: { label: string; kind: string }[];
      };
      expect(profile.confirmation).toBe('manual');
      expect(profile.intakeQuestions).toEqual([
        expect.objectContaining({ label: 'What stage is your company at?', kind: 'text', required: false }),
      ]);
    } finally {
      await context.close();
    }
  });

  it('the mentor declines a request with a word for the founder; the founder rates a finished session (English, desktop)', async () => {
    const mentor = await signupApi(base, 'Mentor Qian');
    await makeMentorRole(mentor.id);
    const founder = await signupApi(base, 'Founder Zhao');
    await api(mentor.token, 'PUT', '/me/mentor-profile', { category: 'professor', published: true });
    await api(mentor.token, 'PUT', '/me/availability', {
      ...EVERY_DAY,
      confirmation: 'manual',
      requestTtlHours: 48,
    });
    const [first, second] = (await (await fetch(`${base}/api/mentors/${mentor.id}/slots`)).json()) as {
      startsAt: string;
    }[];
    const request = (await api(founder.token, 'POST', `/mentors/${mentor.id}/bookings`, {
      startsAt: first.startsAt,
      topic: 'Pricing our first product',
    })) as BookingView;
    const done = (await api(founder.token, 'POST', `/mentors/${mentor.id}/bookings`, {
      startsAt: second.startsAt,
      topic: 'Hiring a CTO',
    })) as BookingView;
    await api(mentor.token, 'POST', `/bookings/${done.id}/accept`, {});
    // The second session took place yesterday and is completed.
    const db = new Client({ connectionString: databaseUrl(process.env.WUTONG_WEB_DB!) });
    await db.connect();
    try {
      await db.query(
        `UPDATE bookings SET status = 'completed', starts_at = now() - interval '25 hours',
                ends_at = now() - interval '24 hours' WHERE id = $1`,
        [done.id],
      );
    } finally {
      await db.end();
    }

    const m = await openPage(browser, { viewport: DESKTOP, token: mentor.token, locale: 'en' });
    try {
      await m.page.goto(`${base}/me/bookings`);
      const card = m.page.getByTestId('booking-card').filter({ hasText: 'Pricing our first product' });
      await card.getByTestId('decline-request').click();
      await m.page.getByTestId('decline-reason').fill('Ask Prof. Li, pricing is her field.');
      await m.page.screenshot({ path: join(shots, 'booking-decline-en-1280x800.png') });
      await m.page.getByTestId('decline-confirm').click();
      await m.page.getByTestId('decline-confirm').waitFor({ state: 'detached' });
    } finally {
      await m.context.close();
    }
    const declined = (await api(founder.token, 'GET', `/bookings/${request.id}`)) as BookingView;
    expect(declined.status).toBe('declined');
    expect(declined.declineReason).toBe('Ask Prof. Li, pricing is her field.');

    const f = await openPage(browser, { viewport: DESKTOP, token: founder.token, locale: 'en' });
    try {
      await f.page.goto(`${base}/me/bookings`);
      // History: the declined request with the mentor's word, and the finished session to rate.
      await f.page.getByText('History').click();
      await f.page.getByText('Ask Prof. Li, pricing is her field.').waitFor();
      const card = f.page.getByTestId('booking-card').filter({ hasText: 'Hiring a CTO' });
      await card.getByRole('button', { name: /rate|feedback/i }).click();
      const form = f.page.locator('form#feedback');
      // The rating is required: sending without it keeps the dialog open with the reason.
      await f.page
        .getByRole('dialog')
        .getByRole('button', { name: /send|submit|rate/i })
        .click();
      await form.locator('.ant-form-item-explain-error').waitFor();
      await form.locator('.ant-rate-star').nth(3).click();
      await form.getByLabel(/comment/i).fill('Clear next steps.');
      await f.page
        .getByRole('dialog')
        .getByRole('button', { name: /send|submit|rate/i })
        .click();
      await form.waitFor({ state: 'detached' });
    } finally {
      await f.context.close();
    }
    const rated = (await api(founder.token, 'GET', `/bookings/${done.id}`)) as BookingView;
    expect(rated).toMatchObject({ rating: 4, feedbackComment: 'Clear next steps.' });
  });

  it('a mentor writes the coaching record on a phone in under a minute; the founder ticks their action', async () => {
    const mentor = await signupApi(base, '韩导师');
    await makeMentorRole(mentor.id);
    const founder = await signupApi(base, '罗小创');
    await api(mentor.token, 'PUT', '/me/mentor-profile', { category: 'banker', published: true });
    await api(mentor.token, 'PUT', '/me/availability', {
      ...EVERY_DAY,
    });
    const [slot] = (await (await fetch(`${base}/api/mentors/${mentor.id}/slots`)).json()) as {
      startsAt: string;
    }[];
    const booking = (await api(founder.token, 'POST', `/mentors/${mentor.id}/bookings`, {
      startsAt: slot.startsAt,
      topic: '银行贷款怎么申请',
    })) as BookingView;
    // The session has started (half an hour in), as it would be when the mentor sits down to write.
    const db = new Client({ connectionString: databaseUrl(process.env.WUTONG_WEB_DB!) });
    await db.connect();
    try {
      await db.query(
        `UPDATE bookings SET starts_at = now() - interval '30 minutes', ends_at = now() + interval '30 minutes' WHERE id = $1`,
        [booking.id],
      );
    } finally {
      await db.end();
    }

    const m = await openPage(browser, { viewport: PHONE, token: mentor.token });
    try {
      await m.page.goto(`${base}/me/bookings`);
      const card = m.page.getByTestId('booking-card').filter({ hasText: '银行贷款怎么申请' });
      const began = Date.now();
      await card.getByTestId('write-record').click();
      const form = m.page.locator('form#coaching-record');
      await form
        .getByLabel('这次聊了什么')
        .fill('讲了科技贷和知识产权质押贷款的条件，建议先备齐近两年财报。');
      await form.getByLabel('议题').fill('贷款');
      await m.page.keyboard.press('Enter');
      await m.page.getByTestId('record-add-action').click();
      await form.getByLabel('第 1 个行动项').fill('准备近两年财务报表');
      await m.page.screenshot({ path: join(shots, 'coaching-record-zh-CN-390x844.png'), fullPage: true });
      await m.page.getByTestId('record-save').click();
      await m.page.getByText('辅导记录已保存，创业者可以看到').waitFor();
      const seconds = (Date.now() - began) / 1000;
      console.log(`coaching record written on a phone in ${seconds.toFixed(1)} s (5 steps)`);
      expect(seconds).toBeLessThan(60);
      await card
        .getByTestId('coaching-record')
        .getByText(/科技贷/)
        .waitFor();
    } finally {
      await m.context.close();
    }

    const f = await openPage(browser, { viewport: PHONE, token: founder.token });
    try {
      await f.page.goto(`${base}/me/bookings`);
      const record = f.page
        .getByTestId('booking-card')
        .filter({ hasText: '银行贷款怎么申请' })
        .getByTestId('coaching-record');
      const action = record.getByTestId('record-action-item').filter({ hasText: '准备近两年财务报表' });
      await action.waitFor();
      await action.click();
      await action.locator('.ant-checkbox-checked').waitFor();
      await f.page.screenshot({
        path: join(shots, 'coaching-record-founder-zh-CN-390x844.png'),
        fullPage: true,
      });
    } finally {
      await f.context.close();
    }
    const after = (await api(founder.token, 'GET', `/bookings/${booking.id}`)) as BookingView;
    expect(after.record?.actions[0].doneAt).not.toBeNull();
  });
});
