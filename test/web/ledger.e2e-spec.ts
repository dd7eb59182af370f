import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import { pdfText, readDocx } from '../support/documents';
import { DESKTOP, launchBrowser, openPage, webUrl } from './browser';
import type { LaunchedBrowser } from './browser';
import { api, createAdmin, createCarrier } from './events-fixtures';
import type { Carrier } from './events-fixtures';

jest.setTimeout(60_000);

/** A session on 12 March 2025, 14:00 in Shanghai: fixed in the past, backfilled with walk-ins. */
const STARTS_AT = '2025-03-12T06:00:00Z';

const saved = async (download: Download) => readFileSync((await download.path())!);

describe('the ledger and the sign-in sheet in the browser', () => {
  let launched: LaunchedBrowser;
  let base: string;
  let carrier: Carrier;
  let eventId: string;
  let sessionId: string;

  beforeAll(async () => {
    base = webUrl();
    launched = await launchBrowser();
    const admin = await createAdmin(base);
    carrier = await createCarrier(base, admin, `梧桐台账孵化器 ${Date.now().toString(36)}`, '台账运营');
    const token = carrier.organizer.token;
    const event = await api<{ id: string; sessions: { id: string }[] }>(base, '/events', {
      token,
      body: {
        organizationId: carrier.id,
        type: 'salon',
        title: '三月创业沙龙',
        description: '补录的往期活动',
        capacity: 30,
        approvalRequired: false,
        waitlistEnabled: false,
        sessions: [{ startsAt: STARTS_AT, endsAt: '2025-03-12T08:00:00Z' }],
      },
    });
    await api(base, `/events/${event.id}/publish`, { token, body: {} });
    eventId = event.id;
    sessionId = event.sessions[0].id;
    for (const [name, phone] of [
      ['现场甲', '138 1234 5678'],
      ['现场乙', null],
    ])
      await api(base, `/sessions/${sessionId}/check-ins`, { token, body: { walkIn: { name, phone } } });
  });

  afterAll(async () => {
    await launched?.close();
  });

  const settled = (page: Page, label: string) =>
    page
      .locator(`[data-testid="dashboard"][data-scope="${label}/${carrier.id}"][data-loading="false"]`)
      // The machine is shared with other suites: a period counted from scratch may take a while.
      .waitFor({ timeout: 30_000 });

  it('picks a month, then a quarter, and downloads that period’s ledger as xlsx and docx', async () => {
    const { context, page } = await openPage(launched.browser, {
      viewport: DESKTOP,
      token: carrier.organizer.token,
    });
    try {
      await page.goto(`${base}/dashboard?org=${carrier.id}&month=2025-03`);
      await settled(page, '2025-03');
      await page.getByRole('heading', { name: `数据看板 · 2025-03 · ${carrier.name}` }).waitFor();
      const actual = async (metric: string) =>
        Number(
          (await page.getByTestId(`metric-card-${metric}`).getByTestId('metric-actual').innerText()).replace(
            /[^\d]/g,
            '',
          ),
        );
      expect(await actual('events_held')).toBe(1);
      expect(await actual('participant_visits')).toBe(2);

      // The picker: a quarter starts where the month was.
      await page.getByTestId('period-kind').click();
      await page.locator('.ant-select-dropdown:visible').getByTitle('季度', { exact: true }).click();
      await settled(page, '2025Q1');
      expect(page.url()).toContain('quarter=2025Q1');
      expect(await actual('participant_visits')).toBe(2);

      const [xlsx] = await Promise.all([
        page.waitForEvent('download', { timeout: 30_000 }),
        page.getByTestId('ledger-xlsx').click(),
      ]);
      expect(xlsx.suggestedFilename()).toBe(`活动台账-${carrier.name}-2025Q1.xlsx`);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await saved(xlsx)) as never);
      const rows: unknown[][] = [];
      book.getWorksheet('台账')!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
      const entry = rows.find((r) => r[4] === '三月创业沙龙')!;
      expect(entry.slice(0, 3)).toEqual(['2025年3月', carrier.name, '2025-03-12']);
      expect(entry.slice(5, 9)).toEqual([1, 0, 2, 2]);

      const [docx] = await Promise.all([
        page.waitForEvent('download', { timeout: 30_000 }),
        page.getByTestId('ledger-docx').click(),
      ]);
      expect(docx.suggestedFilename()).toBe(`活动台账-${carrier.name}-2025Q1.docx`);
      const { text, tables } = await readDocx(await saved(docx));
      expect(text).toContain('2025年3月');
      expect(tables[tables.length - 1][1].slice(0, 4)).toEqual(['1', '1', '0', '2']);
    } finally {
      await context.close();
    }
  });

  it('downloads the blank and the filled sign-in sheet from the door page', async () => {
    const { context, page } = await openPage(launched.browser, {
      viewport: DESKTOP,
      token: carrier.organizer.token,
    });
    try {
      await page.goto(`${base}/check-in?event=${eventId}&session=${sessionId}`);
      const [blank] = await Promise.all([
        page.waitForEvent('download', { timeout: 30_000 }),
        page.getByTestId('sign-in-sheet-blank').click(),
      ]);
      expect(blank.suggestedFilename()).toBe('签到表-三月创业沙龙-2025-03-12.pdf');
      const sheet = await pdfText(await saved(blank));
      expect(sheet.text).toContain(carrier.name);
      expect(sheet.text).toContain('签名');

      const [filled] = await Promise.all([
        page.waitForEvent('download', { timeout: 30_000 }),
        page.getByTestId('sign-in-sheet-filled').click(),
      ]);
      expect(filled.suggestedFilename()).toBe('签到记录表-三月创业沙龙-2025-03-12.pdf');
      const record = await pdfText(await saved(filled));
      expect(record.text).toContain('现场甲');
      expect(record.text).toContain('138****5678');
      expect(record.text).toContain('现场乙');
      expect(record.text).toContain('报名 0 人，到场 2 人，现场报名 2 人');
    } finally {
      await context.close();
    }
  });
});
