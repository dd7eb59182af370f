import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { addDays } from '@wutong/shared';
import { DESKTOP, PHONE, chooseOption, launchBrowser, openPage, webUrl } from './browser';
import { shanghaiDay } from './events-fixtures';
import { makeMentorRole, signupApi } from './mentors-fixtures';
import type { LaunchedBrowser } from './browser';

jest.setTimeout(120_000);

/** Clicks "next week" until a free slot shows (the current week's Tuesday may be over). */
async function firstSlot(page: Page) {
  for (let i = 0; i < 4; i++) {
    const slot = page.getByTestId('slot').first();
    const empty = page.getByTestId('no-slots');
    await slot.or(empty).first().waitFor();
    if (await slot.isVisible()) return slot;
    await page.getByRole('button', { name: /下一周|Next week/ }).click();
  }
  throw new Error('no free slot within four weeks');
}

describe('mentors and office hours in the browser', () => {
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

  it('a mentor types 融资 as expertise, stored as the built-in tag; founders find them by 融资 and by Financing', async () => {
    const mentor = await signupApi(base, `搜索导师 ${Date.now().toString(36)}`);
    await makeMentorRole(mentor.id);
    const { context, page } = await openPage(browser, { viewport: DESKTOP, token: mentor.token });
    try {
      await page.goto(`${base}/me/mentor-profile`);
      const expertise = page.getByTestId('profile-expertise');
      await expertise.click();
      await page.keyboard.type('融资');
      // The built-in tag is offered by its label.
      await page.locator('.ant-select-item-option').filter({ hasText: '融资' }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.keyboard.type('区块链');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      const published = page.getByTestId('published');
      if ((await published.getAttribute('aria-checked')) !== 'true') await published.click();
      await page.getByTestId('save-mentor-profile').click();
      await page.getByText('导师资料已保存').waitFor();
    } finally {
      await context.close();
    }
    const stored = (await (await fetch(`${base}/api/mentors/${mentor.id}`)).json()) as {
      expertise: string[];
    };
    expect(stored.expertise).toEqual(['financing', '区块链']);

    for (const [locale, q] of [
      ['zh-CN', '融资'],
      ['en', 'Financing'],
    ] as const) {
      const { context: c2, page: p2 } = await openPage(browser, { viewport: PHONE, locale });
      try {
        await p2.goto(`${base}/mentors`);
        await p2.getByTestId('mentor-search').locator('input').fill(q);
        await p2.getByTestId('mentor-search').locator('input').press('Enter');
        await p2.getByText(`搜索导师`).first().waitFor();
      } finally {
        await c2.close();
      }
    }
  });

  it('lets one office-hours row cover several weekdays, stored as one rule per day and shown as one row again', async () => {
    const mentor = await signupApi(base, `多日导师 ${Date.now().toString(36)}`);
    await makeMentorRole(mentor.id);
    const { context, page } = await openPage(browser, { viewport: PHONE, token: mentor.token });
    try {
      await page.goto(`${base}/me/office-hours`);
      await page.getByTestId('add-rule').click();
      const row = page.getByTestId('rule-row').first();
      // A multiple choice: 周四 joins 周二 once, however the list's opening goes (chooseOption).
      await chooseOption(
        page,
        row.getByTestId('rule-weekdays'),
        '周四',
        row.locator('.ant-select-selection-item').filter({ hasText: '周四' }),
      );
      await page.keyboard.press('Escape');
      await page.getByTestId('preview').getByText(/周四/).first().waitFor();
      await page.getByTestId('save-office-hours').click();
      await page.getByText('辅导时间已保存').waitFor();
      const stored = (await (
        await fetch(`${base}/api/me/mentor-profile`, { headers: { authorization: `Bearer ${mentor.token}` } })
      ).json()) as { availability: { rules: { weekday: number; start: string; end: string }[] } };
      expect(stored.availability.rules.map((r) => [r.weekday, r.start, r.end])).toEqual([
        [2, '14:00', '17:00'],
        [4, '14:00', '17:00'],
      ]);
      await page.reload();
      await page.getByTestId('rule-row').first().waitFor();
      expect(await page.getByTestId('rule-row').count()).toBe(1);
      const days = await page
        .getByTestId('rule-row')
        .first()
        .locator('.ant-select-selection-item')
        .allInnerTexts();
      expect(days.filter((d) => d.startsWith('周'))).toEqual(['周二', '周四']);
    } finally {
      await context.close();
    }
  });

  it('a mentor publishes Tuesday afternoons; a founder books one on a phone; the mentor sees it', async () => {
    const mentor = await signupApi(base, '欧阳导师');
    await makeMentorRole(mentor.id);
    const founder = await signupApi(base, '林小创');

    // The mentor fills in the profile and publishes it.
    const m = await openPage(browser, { viewport: DESKTOP, token: mentor.token });
    try {
      await m.page.goto(`${base}/me/mentor-profile`);
      const profile = m.page.locator('form#mentor-profile');
      await profile.getByLabel('单位').fill('南华大学经济管理学院');
      await profile.getByLabel('职务或职称').fill('教授');
      await m.page.getByTestId('published').click();
      await m.page.getByTestId('save-mentor-profile').click();
      await m.page.getByText('导师资料已保存').waitFor();

      // Office hours: Tuesdays 14:00–17:00, hour-long slots; the preview shows them before saving.
      await m.page.goto(`${base}/me/office-hours`);
      await m.page.getByTestId('add-rule').click();
      await m.page.getByTestId('rule-row').first().waitFor();
      await m.page.getByTestId('preview').getByText('14:00').first().waitFor();
      expect(await m.page.getByTestId('preview').getByText(/周二/).count()).toBeGreaterThan(0);
      await m.page.screenshot({ path: join(shots, 'office-hours-zh-CN-1280x800.png'), fullPage: true });
      await m.page.getByTestId('save-office-hours').click();
      await m.page.getByText('辅导时间已保存').waitFor();
    } finally {
      await m.context.close();
    }

    // The founder finds the mentor in the directory and books a Tuesday slot on a phone.
    const f = await openPage(browser, { viewport: PHONE, token: founder.token });
    let booked = '';
    try {
      await f.page.goto(`${base}/mentors`);
      await f.page.getByTestId('mentor-card').filter({ hasText: '欧阳导师' }).waitFor();
      await f.page.screenshot({ path: join(shots, 'mentors-zh-CN-390x844.png'), fullPage: true });
      await f.page.getByTestId('mentor-card').filter({ hasText: '欧阳导师' }).click();
      await f.page.getByTestId('mentor-name').getByText('欧阳导师').waitFor();
      const slot = await firstSlot(f.page);
      expect(await slot.textContent()).toContain('14:00');
      // Each slot says how long it is.
      expect(await slot.getByTestId('slot-length').textContent()).toBe('60 分钟');
      await f.page.screenshot({ path: join(shots, 'mentor-zh-CN-390x844.png'), fullPage: true });
      await slot.click();
      booked = (await f.page.getByTestId('booking-when').textContent()) ?? '';
      expect(booked).toMatch(/周二 14:00–15:00/);
      await f.page.locator('form#booking').getByLabel('辅导主题').fill('专利申请的时机');
      await f.page.getByTestId('confirm-booking').click();
      await f.page.waitForURL(`${base}/me/bookings`);
      const card = f.page.getByTestId('booking-card').filter({ hasText: '专利申请的时机' });
      await card.getByText('导师：欧阳导师').waitFor();
      await card.getByText('已确认').waitFor();
      await f.page.screenshot({ path: join(shots, 'bookings-founder-zh-CN-390x844.png'), fullPage: true });
    } finally {
      await f.context.close();
    }

    // Another mentor with the same Tuesday hours: picking the same hour warns of the booking already held.
    const other = await signupApi(base, '司马导师');
    await makeMentorRole(other.id);
    const put = (path: string, body: object) =>
      fetch(`${base}/api${path}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${other.token}` },
        body: JSON.stringify(body),
      }).then((r) => expect(r.status).toBe(200));
    await put('/me/mentor-profile', { category: 'investor', published: true });
    await put('/me/availability', {
      timeZone: 'Asia/Shanghai',
      rules: [{ weekday: 2, start: '14:00', end: '17:00', slotMinutes: 60 }],
      overrides: [],
      minNoticeHours: 0,
      holidaysOff: false,
    });
    const [held] = (await (
      await fetch(`${base}/api/me/bookings`, { headers: { authorization: `Bearer ${founder.token}` } })
    ).json()) as { startsAt: string }[];
    const twice = await openPage(browser, { viewport: PHONE, token: founder.token });
    try {
      await twice.page.goto(`${base}/mentors/${other.id}?week=${held.startsAt.slice(0, 10)}`);
      const same = twice.page.locator(`[data-testid="slot"][data-starts-at="${held.startsAt}"]`);
      for (let i = 0; i < 4 && !(await same.isVisible()); i++) {
        await twice.page.getByTestId('slot').or(twice.page.getByTestId('no-slots')).first().waitFor();
        if (await same.isVisible()) break;
        await twice.page.getByRole('button', { name: /下一周/ }).click();
      }
      await same.click();
      const warning = twice.page.getByTestId('booking-overlap');
      await warning.getByText('这个时段你已有安排（仍可预约）：').waitFor();
      await warning.getByText(/与 欧阳导师 的辅导预约/).waitFor();
    } finally {
      await twice.context.close();
    }

    // The mentor sees the booking in "my bookings", with the founder's name.
    const again = await openPage(browser, { viewport: DESKTOP, token: mentor.token });
    try {
      await again.page.goto(`${base}/me/bookings`);
      const card = again.page.getByTestId('booking-card').filter({ hasText: '专利申请的时机' });
      await card.getByText(/创业者：林小创/).waitFor();
      await card.getByText('预约我的').waitFor();
      expect(await card.textContent()).toContain(booked.split(' ').pop()!.split('–')[0]);
      await again.page.screenshot({
        path: join(shots, 'bookings-mentor-zh-CN-1280x800.png'),
        fullPage: true,
      });
    } finally {
      await again.context.close();
    }
  });

  // Many full-page screenshots: on a loaded machine (a faked-clock run beside other work) this takes
  // more than the file's two minutes.
  it('takes screenshots of the mentor pages in both languages on phone and desktop', async () => {
    const mentor = await signupApi(base, 'Mentor Zhou 周');
    await makeMentorRole(mentor.id);
    const founder = await signupApi(base, '林晓梧');
    await fetch(`${base}/api/me/mentor-profile`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${mentor.token}` },
      body: JSON.stringify({
        category: 'investor',
        title: '投资总监',
        affiliation: '湘江创投',
        bio: '十五年早期投资经验，关注先进制造与新材料。',
        expertise: ['financing', 'strategy', '股权设计'],
        languages: ['zh-CN', 'en'],
        published: true,
      }),
    });
    await fetch(`${base}/api/me/availability`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${mentor.token}` },
      body: JSON.stringify({
        timeZone: 'Europe/Berlin',
        // Weekday mornings in Berlin: on a Saturday, or a Friday afternoon, the current week is over
        // and the mentor page opens on the next week with a free slot.
        rules: [1, 2, 3, 4, 5].map((weekday) => ({
          weekday,
          start: '08:00',
          end: '11:00',
          slotMinutes: 45,
          bufferMinutes: 15,
        })),
        overrides: [],
        minNoticeHours: 0,
        location: '线上',
        onlineUrl: 'https://meeting.example.com/zhou',
      }),
    });
    const pages: [string, string, string][] = [
      ['mentors', '/mentors', 'mentor-card'],
      ['mentor', `/mentors/${mentor.id}`, 'slot'],
      ['bookings', '/me/bookings', 'calendar-token'],
    ];
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const viewport of [PHONE, DESKTOP]) {
        for (const [name, path, ready] of pages) {
          const { context, page } = await openPage(browser, { viewport, locale, token: founder.token });
          try {
            await page.goto(`${base}${path}`);
            await page.getByTestId(ready).first().waitFor();
            await page.waitForTimeout(200);
            await page.screenshot({
              path: join(shots, `${name}-${locale}-${viewport.width}x${viewport.height}.png`),
              fullPage: true,
            });
          } finally {
            await context.close();
          }
        }
        for (const [name, path, ready] of [
          ['office-hours', '/me/office-hours', 'preview'],
          ['mentor-profile', '/me/mentor-profile', 'save-mentor-profile'],
        ]) {
          const { context, page } = await openPage(browser, { viewport, locale, token: mentor.token });
          try {
            await page.goto(`${base}${path}`);
            await page.getByTestId(ready).first().waitFor();
            await page.waitForTimeout(200);
            await page.screenshot({
              path: join(shots, `${name}-${locale}-${viewport.width}x${viewport.height}.png`),
              fullPage: true,
            });
          } finally {
            await context.close();
          }
        }
      }
    }
    // The booking dialog on a phone, in English.
    const { context, page } = await openPage(browser, {
      viewport: PHONE,
      locale: 'en',
      token: founder.token,
    });
    try {
      await page.goto(`${base}/mentors/${mentor.id}`);
      await (await firstSlot(page)).click();
      await page.getByTestId('booking-when').waitFor();
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(shots, 'booking-dialog-en-390x844.png') });
    } finally {
      await context.close();
    }
  }, 240_000);

  it('opens a mentor page on the first week with a free slot, jumps from an empty week, and says when none is free', async () => {
    // Free only on next week's Wednesday afternoon (Shanghai); this week's Wednesday is a day off.
    // Whatever day the test runs, the first free slot lies in next week.
    const today = shanghaiDay(0);
    const weekday = new Date(`${today}T00:00:00Z`).getUTCDay() || 7;
    const nextMonday = addDays(today, 8 - weekday);
    const mentor = await signupApi(base, '孙导师');
    await makeMentorRole(mentor.id);
    const put = (path: string, body: unknown) =>
      fetch(`${base}/api${path}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${mentor.token}` },
        body: JSON.stringify(body),
      }).then((r) => expect(r.status).toBe(200));
    await put('/me/mentor-profile', { category: 'professor', affiliation: '南华大学', published: true });
    await put('/me/availability', {
      timeZone: 'Asia/Shanghai',
      rules: [{ weekday: 3, start: '14:00', end: '16:00', slotMinutes: 60 }],
      overrides: [{ date: addDays(nextMonday, -5), unavailable: true }],
      minNoticeHours: 0,
      // Next week's Wednesday may be a public holiday (7 October): this test is about the jump.
      holidaysOff: false,
    });
    const founder = await signupApi(base, '钱小创');

    for (const [locale, viewport] of [
      ['zh-CN', PHONE],
      ['en', DESKTOP],
    ] as const) {
      const { context, page } = await openPage(browser, { viewport, locale, token: founder.token });
      try {
        await page.goto(`${base}/mentors/${mentor.id}`);
        await page.getByTestId('jumped-week').waitFor();
        const slot = page.getByTestId('slot').first();
        expect(await slot.textContent()).toContain('14:00');
        expect(Date.parse((await slot.getAttribute('data-starts-at'))!)).toBe(
          Date.parse(`${addDays(nextMonday, 2)}T14:00:00+08:00`),
        );
        await page.screenshot({
          path: join(shots, `mentor-next-week-${locale}-${viewport.width}x${viewport.height}.png`),
          fullPage: true,
        });
        // Back to this week: empty, with the next free slot named and a jump to it.
        await page.getByRole('button', { name: /上一周|Previous week/ }).click();
        await page.getByTestId('no-slots').waitFor();
        const jump = page.getByTestId('next-free-slot');
        expect(await jump.textContent()).toMatch(
          locale === 'zh-CN' ? /下一个空闲时段：.*周三 14:00/ : /Next free slot: Wed.* 14:00/,
        );
        await page.screenshot({
          path: join(shots, `mentor-empty-week-${locale}-${viewport.width}x${viewport.height}.png`),
          fullPage: true,
        });
        await jump.click();
        await page.getByTestId('slot').first().waitFor();
      } finally {
        await context.close();
      }
    }

    // A mentor with nothing free in the horizon says so, instead of weeks of "none".
    const idle = await signupApi(base, '李导师');
    await makeMentorRole(idle.id);
    for (const [path, body] of [
      ['/me/mentor-profile', { category: 'banker', affiliation: '衡阳银行', published: true }],
      ['/me/availability', { timeZone: 'Asia/Shanghai', rules: [], overrides: [] }],
    ] as const) {
      const res = await fetch(`${base}/api${path}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${idle.token}` },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(200);
    }
    const { context, page } = await openPage(browser, { viewport: PHONE, token: founder.token });
    try {
      await page.goto(`${base}/mentors/${idle.id}`);
      await page.getByTestId('no-free-slots').getByText('这位导师未来 8 周内没有可预约的时段').waitFor();
      expect(await page.getByTestId('slot').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
