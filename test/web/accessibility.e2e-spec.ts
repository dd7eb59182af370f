import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, PHONE, launchBrowser, openPage, webUrl } from './browser';
import type { LaunchedBrowser, Viewport } from './browser';
import { api, createAdmin, createCarrier, signUp } from './events-fixtures';

jest.setTimeout(600_000);

/** axe-core's own build, injected into each page (nothing is fetched from outside). */
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

type Role = 'visitor' | 'founder' | 'mentor' | 'organizer' | 'admin';

interface Finding {
  page: string;
  rule: string;
  impact: string;
  targets: string[];
}

/**
 * Every page of the app, signed out and for each role, in Chinese on a desktop and in English on a
 * phone: axe-core's WCAG 2 A/AA rules find no serious or critical violation, and each page names
 * itself in exactly one h1 that the document title follows.
 */
describe('accessibility of every page', () => {
  let launched: LaunchedBrowser;
  let browser: Browser;
  let base: string;
  const tokens = {} as Record<Exclude<Role, 'visitor'>, string>;
  let eventId = '';
  let mentorId = '';

  beforeAll(async () => {
    base = webUrl();
    launched = await launchBrowser();
    browser = launched.browser;
    const admin = await createAdmin(base);
    const carrier = await createCarrier(base, admin, `无障碍孵化器 ${Date.now().toString(36)}`, '钱组织');
    const founder = await signUp(base, '孙创业');
    const mentor = await signUp(base, '李导师', 'mentor');
    await api(base, `/users/${mentor.id}/roles`, { token: admin.token, body: { role: 'mentor' } });
    const put = (path: string, body: object) => api(base, path, { method: 'PUT', token: mentor.token, body });
    await put('/me/mentor-profile', {
      category: 'banker',
      affiliation: '衡阳银行',
      expertise: ['financing'],
      published: true,
    });
    await put('/me/availability', {
      timeZone: 'Asia/Shanghai',
      rules: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '12:00', slotMinutes: 60 })),
      overrides: [],
      holidaysOff: false,
    });
    const start = Math.ceil((Date.now() + 2 * 3600_000) / 60_000) * 60_000;
    const event = await api<{ id: string }>(base, '/events', {
      token: carrier.organizer.token,
      body: {
        organizationId: carrier.id,
        type: 'roadshow',
        title: '无障碍融资路演',
        description: '每一页都要能读、能点、能看清。',
        capacity: 30,
        approvalRequired: false,
        waitlistEnabled: true,
        questions: [{ label: '公司名称', kind: 'short_text', required: true }],
        sessions: [
          { startsAt: new Date(start).toISOString(), endsAt: new Date(start + 2 * 3600_000).toISOString() },
        ],
      },
    });
    await api(base, `/events/${event.id}/publish`, { token: carrier.organizer.token, body: {} });
    eventId = event.id;
    mentorId = mentor.id;
    Object.assign(tokens, {
      founder: founder.token,
      mentor: mentor.token,
      organizer: carrier.organizer.token,
      admin: admin.token,
    });
  });
  afterAll(async () => {
    await launched?.close();
  });

  const pages = (): [Role, string][] => [
    ['visitor', '/'],
    ['visitor', '/events'],
    ['visitor', `/events/${eventId}`],
    ['visitor', '/login'],
    ['visitor', '/signup'],
    ['visitor', '/forgot-password'],
    ['visitor', '/mentors'],
    ['visitor', `/mentors/${mentorId}`],
    ['visitor', '/certificates/WT-2026-000000'],
    ['founder', '/'],
    ['founder', '/events'],
    ['founder', `/events/${eventId}`],
    ['founder', '/me/registrations'],
    ['founder', '/me/bookings'],
    ['founder', '/me/attendance'],
    ['founder', '/profile'],
    ['founder', '/profile/password'],
    ['founder', '/profile/security'],
    ['mentor', '/me/office-hours'],
    ['mentor', '/me/mentor-profile'],
    ['mentor', `/mentors/${mentorId}/ledger`],
    ['organizer', '/manage/events'],
    ['organizer', '/manage/events/new'],
    ['organizer', `/manage/events/${eventId}`],
    ['organizer', `/manage/events/${eventId}/edit`],
    ['organizer', `/manage/events/${eventId}/attendance`],
    ['organizer', `/check-in?event=${eventId}`],
    ['organizer', '/dashboard'],
    ['organizer', '/manage/no-show-contests'],
    ['organizer', '/manage/coaching-records'],
    ['organizer', '/manage/companies?q=无障碍'],
    ['organizer', '/manage/door-staff'],
    ['admin', '/dashboard'],
    ['admin', '/admin/carriers'],
    ['admin', '/admin/users'],
    ['admin', '/admin/accounts'],
    ['admin', '/admin/audit'],
    ['admin', '/admin/periods'],
  ];

  async function audit(
    page: Page,
    label: string,
  ): Promise<{ findings: Finding[]; h1: string[]; title: string }> {
    await page.waitForLoadState('networkidle');
    // A page without its h1 is reported below, not waited for forever.
    await page
      .locator('h1')
      .first()
      .waitFor({ timeout: 5_000 })
      .catch(() => undefined);
    // Let lazy parts and charts settle.
    await page.waitForTimeout(300);
    // Evaluated by the browser's debugger protocol: the app's CSP (script-src 'self') rightly refuses inline scripts.
    await page.evaluate(AXE);
    const result = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<unknown> } }).axe;
      return (await axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        resultTypes: ['violations'],
      })) as { violations: { id: string; impact: string; nodes: { target: string[]; html: string }[] }[] };
    });
    const findings = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        page: label,
        rule: v.id,
        impact: v.impact,
        targets: v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)}`),
      }));
    const h1 = await page.locator('h1').allInnerTexts();
    return { findings, h1, title: await page.title() };
  }

  for (const [locale, viewport] of [
    ['zh-CN', DESKTOP],
    ['en', PHONE],
  ] as ['zh-CN' | 'en', Viewport][]) {
    it(`has no serious violations, one h1 and a page title on every page in ${locale}`, async () => {
      const findings: Finding[] = [];
      const headings: string[] = [];
      const titles = new Map<string, string>();
      for (const [role, path] of pages()) {
        const label = `${role} ${path} (${locale})`;
        const { context, page } = await openPage(browser, {
          viewport,
          locale,
          token: role === 'visitor' ? undefined : tokens[role],
        });
        try {
          await page.goto(`${base}${path}`);
          const result = await audit(page, label);
          findings.push(...result.findings);
          if (result.h1.length !== 1)
            headings.push(`${label}: ${result.h1.length} h1 (${result.h1.join(' | ')})`);
          titles.set(label, result.title);
          if (!result.title.includes(result.h1[0]?.trim() ?? '\u0000') && path !== '/')
            headings.push(`${label}: title "${result.title}" does not name the page "${result.h1[0]}"`);
        } finally {
          await context.close();
        }
      }
      const report = findings.map((f) => `${f.page}: ${f.impact} ${f.rule} → ${f.targets.join(', ')}`);
      if (report.length + headings.length > 0)
        process.stdout.write(`\n${[...report, ...headings].join('\n')}\n`);
      expect({ violations: report, headings }).toEqual({ violations: [], headings: [] });
      // The page title changes with the page.
      expect(new Set(titles.values()).size).toBeGreaterThan(pages().length / 2);
    });
  }
});
