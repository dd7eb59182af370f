import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { creditCodeCheckCharacter } from '@wutong/shared';
import { DESKTOP, PHONE, launchBrowser, openPage, webUrl } from './browser';
import type { LaunchedBrowser } from './browser';
import { api, createAdmin, createCarrier, signUp } from './events-fixtures';

jest.setTimeout(150_000);

/**
 * One file per company in the browser (issue 19, point 6): an organizer finds the company by name on
 * a phone and reads its visits; its founder opens the same file from their profile.
 */
describe('the company file in the browser', () => {
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

  it('an organizer finds a company and reads its file; its founder opens it from the profile', async () => {
    const tag = Date.now().toString(36);
    const admin = await createAdmin(base);
    const carrier = await createCarrier(base, admin, `档案孵化器 ${tag}`, '档案组织者');
    const founder = await signUp(base, '档案创业者');
    const body = `91430400MA8${String(Date.now()).slice(-6)}`;
    const creditCode = body + creditCodeCheckCharacter(body)!;
    const companyName = `梧桐档案浏览器科技 ${tag}`;
    await api(base, '/me', {
      method: 'PATCH',
      token: founder.token,
      body: { company: { name: companyName, creditCode } },
    });
    const start = Math.ceil((Date.now() + 2 * 3600_000) / 60_000) * 60_000;
    const event = await api<{ id: string; sessions: { id: string }[] }>(base, '/events', {
      token: carrier.organizer.token,
      body: {
        organizationId: carrier.id,
        type: 'salon',
        title: '档案里的沙龙',
        description: '到场会记入企业档案。',
        capacity: 30,
        approvalRequired: false,
        waitlistEnabled: false,
        sessions: [
          { startsAt: new Date(start).toISOString(), endsAt: new Date(start + 2 * 3600_000).toISOString() },
        ],
      },
    });
    await api(base, `/events/${event.id}/publish`, { token: carrier.organizer.token, body: {} });
    const reg = await api<{ ticketCode: string }>(base, `/events/${event.id}/registrations`, {
      token: founder.token,
      body: {},
    });
    await api(base, `/sessions/${event.sessions[0].id}/check-ins`, {
      token: carrier.organizer.token,
      body: { ticketCode: reg.ticketCode },
    });

    const o = await openPage(browser, { viewport: PHONE, token: carrier.organizer.token, locale: 'en' });
    try {
      await o.page.goto(`${base}/manage/companies`);
      await o.page.getByLabel('Company name or unified social credit code').fill('档案浏览器');
      await o.page.keyboard.press('Enter');
      await o.page.getByTestId('company-result').getByText(companyName).click();
      await o.page.waitForURL(`${base}/companies/${creditCode}`);
      await o.page.getByRole('heading', { name: `Company file: ${companyName}` }).waitFor();
      await o.page.getByRole('cell', { name: '档案里的沙龙' }).first().waitFor();
      await o.page.getByRole('cell', { name: '档案创业者' }).first().waitFor();
      await o.page.screenshot({ path: join(shots, 'company-file-en-390x844.png'), fullPage: true });
    } finally {
      await o.context.close();
    }

    const f = await openPage(browser, { viewport: DESKTOP, token: founder.token });
    try {
      await f.page.goto(`${base}/profile`);
      await f.page.getByTestId('my-company-file').click();
      await f.page.getByRole('heading', { name: `企业档案：${companyName}` }).waitFor();
      await f.page.getByRole('cell', { name: '档案里的沙龙' }).first().waitFor();
      await f.page.screenshot({ path: join(shots, 'company-file-zh-CN-1280x800.png'), fullPage: true });
    } finally {
      await f.context.close();
    }
  });
});
