import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, launchBrowser, openPage, webUrl } from './browser';
import type { LaunchedBrowser } from './browser';
import { api, createAdmin, createCarrier, shanghai, shanghaiDay, signUp } from './events-fixtures';
import type { Carrier } from './events-fixtures';

jest.setTimeout(120_000);

const tag = Date.now().toString(36);
/** Markup an organizer or a founder could type, meant to run in other people's browsers. */
const TITLE = `<script>window.__xss=1</script><img src=x onerror="window.__xss=2"> 路演 ${tag}`;
const DESCRIPTION = `第一行 <b>粗体?</b> <img src=x onerror="window.__xss=3">\n<script>window.__xss=4</script>`;
const QUESTION = `<img src=x onerror="window.__xss=5">公司名称`;
const NAME = `<img src=x onerror="window.__xss=6">Mallory`;
const ANSWER = `<script>window.__xss=7</script>梧桐科技`;

/**
 * Records what injected markup would leave behind even where the CSP stops it from running: an
 * inline handler or script blocked by the CSP still fires a securitypolicyviolation event.
 */
async function watch(page: Page): Promise<void> {
  // Two cores shared with other suites: first paints can take longer than the default 10 s.
  page.setDefaultTimeout(30_000);
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__violations.push(`${e.violatedDirective} ${e.sample}`),
    );
  });
}

/** Nothing ran, nothing was blocked, and no element came out of user text. */
async function expectInert(page: Page): Promise<void> {
  const state = await page.evaluate(() => ({
    xss: (window as unknown as { __xss?: unknown }).__xss,
    violations: (window as unknown as { __violations: string[] }).__violations,
    images: document.querySelectorAll('img[src="x"]').length,
    bold: Array.from(document.querySelectorAll('b')).filter((b) => b.textContent === '粗体?').length,
    scripts: Array.from(document.querySelectorAll('script')).filter((s) => s.textContent?.includes('__xss'))
      .length,
  }));
  expect(state).toEqual({ xss: undefined, violations: [], images: 0, bold: 0, scripts: 0 });
}

describe('user text is shown literally and never runs in the web app', () => {
  let launched: LaunchedBrowser;
  let browser: Browser;
  let base: string;
  let carrier: Carrier;
  let eventId: string;

  beforeAll(async () => {
    base = webUrl();
    launched = await launchBrowser();
    browser = launched.browser;
    const admin = await createAdmin(base);
    carrier = await createCarrier(base, admin, `内容安全测试载体 ${tag}`, '周组织');
    const day = shanghaiDay(9);
    const event = await api<{ id: string; questions: { id: string }[] }>(base, '/events', {
      token: carrier.organizer.token,
      body: {
        organizationId: carrier.id,
        type: 'roadshow',
        title: TITLE,
        description: DESCRIPTION,
        capacity: 20,
        approvalRequired: false,
        waitlistEnabled: false,
        sessions: [{ startsAt: shanghai(day, '19:00'), endsAt: shanghai(day, '21:00') }],
        questions: [{ label: QUESTION, kind: 'short_text', required: true }],
      },
    });
    eventId = event.id;
    await api(base, `/events/${eventId}/publish`, { token: carrier.organizer.token, body: {} });
    const mallory = await signUp(base, NAME, 'mallory');
    await api(base, `/events/${eventId}/registrations`, {
      token: mallory.token,
      body: { answers: { [event.questions[0].id]: ANSWER } },
    });
  });

  afterAll(async () => {
    await launched?.close();
  });

  it('the web sources never turn data into HTML (React escapes everything else)', () => {
    const root = resolve(__dirname, '../../apps/web/src');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
    expect(files.length).toBeGreaterThan(50);
    const hits = files.filter((f) =>
      /dangerouslySetInnerHTML|\.(inner|outer)HTML\s*=|insertAdjacentHTML|document\.write/.test(
        readFileSync(join(root, f), 'utf8'),
      ),
    );
    expect(hits).toEqual([]);
  });

  it('the public event page shows the title and description as text', async () => {
    const { context, page } = await openPage(browser, { viewport: DESKTOP });
    try {
      await watch(page);
      await page.goto(`${base}/events/${eventId}`);
      const title = page.getByTestId('event-title');
      await title.waitFor();
      expect(await title.innerText()).toBe(TITLE);
      const description = page.getByText('第一行 <b>粗体?</b>', { exact: false });
      await description.waitFor();
      expect(await description.innerText()).toBe(DESCRIPTION);
      await page.waitForLoadState('networkidle');
      await expectInert(page);
    } finally {
      await context.close();
    }
  });

  it('a founder sees the question label as text in the registration form', async () => {
    const founder = await signUp(base, '李创业', 'founder');
    const { context, page } = await openPage(browser, { viewport: DESKTOP, token: founder.token });
    try {
      await watch(page);
      await page.goto(`${base}/events/${eventId}`);
      await page.getByTestId('event-title').waitFor();
      await page.getByTestId('register-button').click();
      const dialog = page.getByTestId('register-dialog');
      await dialog.getByText(QUESTION).waitFor();
      await expectInert(page);
    } finally {
      await context.close();
    }
  });

  it("the organizer's list and registrants show the title, the name and the answer as text", async () => {
    const { context, page } = await openPage(browser, { viewport: DESKTOP, token: carrier.organizer.token });
    try {
      await watch(page);
      await page.goto(`${base}/manage/events`);
      const link = page.getByTestId('managed-event-link').filter({ hasText: tag });
      await link.waitFor();
      expect(await link.innerText()).toBe(TITLE);
      await expectInert(page);

      await link.click();
      await page.waitForURL(`${base}/manage/events/${eventId}`);
      const registrants = page.getByTestId('registrants');
      const name = registrants.getByText(NAME, { exact: true });
      await name.waitFor();
      // The answers are in the row's expansion.
      await registrants.locator('.ant-table-row-expand-icon').first().click();
      await registrants.getByText(ANSWER).waitFor();
      await registrants.getByText(QUESTION).waitFor();
      await page.waitForLoadState('networkidle');
      await expectInert(page);
    } finally {
      await context.close();
    }
  });
});
