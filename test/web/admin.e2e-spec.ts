import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, chooseOption, launchBrowser, openPage, uniqueEmail, webUrl } from './browser';
import type { LaunchedBrowser } from './browser';
import { api, createAdmin, signUp } from './events-fixtures';

jest.setTimeout(40_000);

const SHOTS = resolve(__dirname, '../../tmp/screenshots');

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: resolve(SHOTS, name), fullPage: true });
}

describe('the admin pages in the browser', () => {
  let launched: LaunchedBrowser;
  let base: string;
  let admin: Awaited<ReturnType<typeof createAdmin>>;

  beforeAll(async () => {
    base = webUrl();
    launched = await launchBrowser();
    admin = await createAdmin(base);
  });

  afterAll(async () => {
    await launched?.close();
  });

  it('an admin creates a carrier, adds an organizer by email and grants the mentor role', async () => {
    const organizer = await signUp(base, '载体组织者', 'organizer');
    const mentor = await signUp(base, '未来导师', 'mentor');
    const carrierName = `梧桐软件园 ${Date.now().toString(36)}`;
    const { context, page } = await openPage(launched.browser, { viewport: DESKTOP, token: admin.token });
    try {
      // Carriers: create one through the form.
      await page.goto(`${base}/admin/carriers`);
      await page.getByRole('heading', { name: '载体管理' }).waitFor();
      await page.getByTestId('carrier-create').click();
      await page.getByTestId('carrier-name').fill(carrierName);
      const kind = page.getByTestId('carrier-kind');
      await chooseOption(page, kind, '软件园', kind.getByText('软件园'));
      // The list closes with a click elsewhere.
      await page.getByTestId('carrier-name').click();
      await page.getByTestId('carrier-save').click();
      await page.getByText(`已创建载体「${carrierName}」，现在可以添加组织者`).waitFor();
      const row = page.getByRole('row').filter({ hasText: carrierName });
      await row.waitFor();
      expect(await row.innerText()).toContain('软件园');
      expect(await row.innerText()).toContain('Asia/Shanghai');

      // The new carrier's organizers open by themselves; an unknown address is refused in words.
      const members = page.getByTestId('carrier-members');
      await members.getByText('还没有组织者').waitFor();
      const nobody = uniqueEmail('nobody');
      await page.getByTestId('member-email').fill(nobody);
      await page.getByTestId('member-add').click();
      await members.getByText(`没有找到邮箱为 ${nobody} 的账号，请让对方先注册`).waitFor();

      await page.getByTestId('member-email').fill(organizer.email);
      await page.getByTestId('member-add').click();
      const member = members.getByTestId('member-row').filter({ hasText: organizer.email });
      await member.waitFor();
      expect(await member.innerText()).toContain('载体组织者');
      await page.getByText('已添加组织者 载体组织者，并授予组织者角色').waitFor();
      await shoot(page, 'admin-carrier-drawer-zh-desktop.png');

      const orgs = await api<{ id: string; name: string; kind: string }[]>(base, '/organizations');
      const created = orgs.find((o) => o.name === carrierName);
      expect(created?.kind).toBe('software_park');
      const stored = await api<{ userId: string }[]>(base, `/organizations/${created!.id}/members`, {
        token: admin.token,
      });
      expect(stored.map((m) => m.userId)).toEqual([organizer.id]);

      // Users & roles: find the future mentor and grant the role, confirmed.
      await page.keyboard.press('Escape');
      await members.waitFor({ state: 'hidden' });
      await shoot(page, 'admin-carriers-zh-desktop.png');
      await page.getByTestId('nav-menu').getByText('用户与角色').click();
      await page.getByRole('heading', { name: '用户与角色' }).waitFor();
      await page.getByTestId('user-email').fill(mentor.email);
      await page.getByTestId('user-search').click();
      const card = page.getByTestId('user-card');
      await card.getByText('未来导师').waitFor();
      await card.getByTestId('role-tag-founder').waitFor();
      expect(await card.getByTestId('role-tag-mentor').count()).toBe(0);
      await page.getByTestId('grant-mentor').click();
      await page.getByText('确定授予 未来导师「创业导师」角色？').waitFor();
      await page.getByTestId('role-confirm').click();
      await card.getByTestId('role-tag-mentor').waitFor();
      await page.getByText('已授予 未来导师「创业导师」角色').waitFor();
      await card.getByTestId('remove-mentor').waitFor();
      await page.getByText('确定授予 未来导师「创业导师」角色？').waitFor({ state: 'hidden' });
      await shoot(page, 'admin-users-zh-desktop.png');

      const found = await api<{ roles: string[] }[]>(
        base,
        `/users?email=${encodeURIComponent(mentor.email)}`,
        { token: admin.token },
      );
      expect(found[0]?.roles).toEqual(expect.arrayContaining(['founder', 'mentor']));
    } finally {
      await context.close();
    }

    // The same pages in English on a phone.
    const phone = await openPage(launched.browser, { viewport: PHONE, locale: 'en', token: admin.token });
    try {
      await phone.page.goto(`${base}/admin/carriers`);
      await phone.page.getByRole('heading', { name: 'Carriers' }).waitFor();
      await phone.page.getByRole('row').filter({ hasText: carrierName }).waitFor();
      await shoot(phone.page, 'admin-carriers-en-phone.png');
      await phone.page.goto(`${base}/admin/users`);
      await phone.page.getByRole('heading', { name: 'Users & roles' }).waitFor();
      await phone.page.getByTestId('user-email').fill(mentor.email);
      await phone.page.getByTestId('user-search').click();
      await phone.page.getByTestId('user-card').getByTestId('role-tag-mentor').waitFor();
      await shoot(phone.page, 'admin-users-en-phone.png');
    } finally {
      await phone.context.close();
    }
  });
  it('an admin finds a person, deactivates and reactivates the account, and reads it in the audit log', async () => {
    const person = await signUp(base, `停用对象${Date.now().toString(36)}`, 'person');
    const { context, page } = await openPage(launched.browser, { viewport: DESKTOP, token: admin.token });
    try {
      await page.goto(`${base}/admin/accounts`);
      await page.getByRole('heading', { name: '账号管理' }).waitFor();
      await page.getByTestId('account-search').locator('input').fill(person.email);
      await page.getByTestId('account-search').locator('input').press('Enter');
      const row = page.getByRole('row').filter({ hasText: person.email });
      await row.getByTestId('account-status').getByText('正常').waitFor();
      await row.getByTestId('account-toggle').click();
      await page.getByTestId('account-toggle-confirm').click();
      await row.getByTestId('account-status').getByText('已停用').waitFor();
      // The person's session ended at once.
      const me = await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${person.token}` } });
      expect(me.status).toBe(401);
      await shoot(page, 'admin-accounts-zh-desktop.png');
      await row.getByTestId('account-toggle').click();
      await page.getByTestId('account-toggle-confirm').click();
      await row.getByTestId('account-status').getByText('正常').waitFor();

      await page.getByTestId('nav-menu').getByText('操作日志').click();
      await page.getByRole('heading', { name: '操作日志' }).waitFor();
      await page.getByTestId('audit-action').filter({ hasText: '停用账号' }).first().waitFor();
      await page.getByTestId('audit-action').filter({ hasText: '恢复账号' }).first().waitFor();
      await shoot(page, 'admin-audit-zh-desktop.png');
    } finally {
      await context.close();
    }
  });
});
