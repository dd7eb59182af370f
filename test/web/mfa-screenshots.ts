/**
 * Screenshots of two-step sign-in for people to look at (nothing is asserted): the log-in code step,
 * the security page (off, set-up, on, turning off) and the admin banner. Starts the built app itself
 * with AUTH_ADMIN_MFA=required on a database of its own:
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node -r ./test/web/swc-register.cjs test/web/mfa-screenshots.ts
 * Files land in tmp/screenshots/mfa-<page>-<locale>-<width>x<height>.png; MFA_SHOTS=a,b takes only those.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PHONE, openPage, chooseEmailSignIn } from './browser';
import type { Viewport } from './browser';
import { runScreenshots } from './screenshot-runner';
import { PASSWORD, api, signUp } from './events-fixtures';
import { startBuiltApp, totpCode, wrongCode } from './mfa-fixtures';

const LOCALES = ['zh-CN', 'en'] as const;
const WIDE = { width: 1440, height: 900 } as const;
const VIEWPORTS: Viewport[] = [PHONE, WIDE];
const ONLY = process.env.MFA_SHOTS?.split(',');

interface Accounts {
  /** Two-step sign-in off. */
  founder: string;
  /** Two-step sign-in on. */
  protectedUser: { email: string; token: string; secret: string };
  /** An admin without two-step sign-in while AUTH_ADMIN_MFA=required. */
  admin: string;
  /** An admin signed in with a code (admin pages open). */
  verifiedAdmin: string;
}

interface Shot {
  name: string;
  /** The page, signed in as the given account (or signed out). */
  open: (page: Page, base: string, accounts: Accounts) => Promise<void>;
  token?: (accounts: Accounts) => string;
}

const SHOTS: Shot[] = [
  {
    name: 'login-code',
    open: async (page, base, { protectedUser }) => {
      await page.goto(`${base}/login`);
      await chooseEmailSignIn(page);
      const form = page.locator('form#login');
      await form.locator('input[type=email]').fill(protectedUser.email);
      await form.locator('input[type=password]').fill(PASSWORD);
      await form.locator('button[type=submit]').click();
      await page.getByTestId('login-code').fill(wrongCode(protectedUser.secret));
      await page.getByTestId('login-code-submit').click();
      await page.locator('form#login-code .ant-form-item-explain-error').waitFor();
    },
  },
  {
    name: 'security-off',
    token: (a) => a.founder,
    open: async (page, base) => {
      await page.goto(`${base}/profile/security`);
      await page.getByTestId('mfa-start').waitFor();
    },
  },
  {
    name: 'security-setup',
    token: (a) => a.founder,
    open: async (page, base) => {
      await page.goto(`${base}/profile/security`);
      await page.getByTestId('mfa-start').click();
      await page.getByTestId('mfa-qr').waitFor();
    },
  },
  {
    name: 'security-on',
    token: (a) => a.protectedUser.token,
    open: async (page, base) => {
      await page.goto(`${base}/profile/security`);
      await page.getByTestId('mfa-disable-start').waitFor();
    },
  },
  {
    name: 'security-disable',
    token: (a) => a.protectedUser.token,
    open: async (page, base) => {
      await page.goto(`${base}/profile/security`);
      await page.getByTestId('mfa-disable-start').click();
      await page.getByTestId('mfa-disable-password').waitFor();
    },
  },
  {
    name: 'profile-card',
    token: (a) => a.protectedUser.token,
    open: async (page, base) => {
      await page.goto(`${base}/profile`);
      await page.getByTestId('profile-mfa-status').waitFor();
      await page.getByTestId('profile-mfa-link').scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'admin-banner',
    token: (a) => a.admin,
    open: async (page, base) => {
      await page.goto(`${base}/admin/users`);
      await page.getByTestId('mfa-banner').waitFor();
    },
  },
  {
    name: 'admin-reset',
    token: (a) => a.verifiedAdmin,
    open: async (page, base, { protectedUser }) => {
      await page.goto(`${base}/admin/users`);
      await page.getByTestId('user-email').fill(protectedUser.email);
      await page.getByTestId('user-search').click();
      await page.getByTestId('mfa-reset').click();
      await page.getByTestId('mfa-reset-confirm').waitFor();
    },
  },
];

async function takeScreenshots(browser: Browser, _base: string, outDir: string): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const app = await startBuiltApp({ AUTH_ADMIN_MFA: 'required' });
  const files: string[] = [];
  try {
    const base = app.url;
    const founder = await signUp(base, '王小梧');
    const other = await signUp(base, '李梧桐');
    const { secret } = await api<{ secret: string }>(base, '/me/mfa/totp', { token: other.token, body: {} });
    await api(base, '/me/mfa/totp/enable', {
      token: other.token,
      body: { code: totpCode(secret), password: PASSWORD },
    });
    const admin = await signUp(base, '平台管理员', 'admin');
    await app.query(`UPDATE users SET roles = ARRAY['admin']::text[] WHERE id = $1`, [admin.id]);
    const second = await signUp(base, '基地管理员', 'admin');
    await app.query(`UPDATE users SET roles = ARRAY['admin']::text[] WHERE id = $1`, [second.id]);
    const setup = await api<{ secret: string }>(base, '/me/mfa/totp', { token: second.token, body: {} });
    await api(base, '/me/mfa/totp/enable', {
      token: second.token,
      body: { code: totpCode(setup.secret), password: PASSWORD },
    });
    const verified = await api<{ accessToken: string }>(base, '/auth/login', {
      body: { email: second.email, password: PASSWORD, otp: totpCode(setup.secret, 30) },
    });
    const accounts: Accounts = {
      founder: founder.token,
      protectedUser: { email: other.email, token: other.token, secret },
      admin: admin.token,
      verifiedAdmin: verified.accessToken,
    };
    for (const locale of LOCALES) {
      for (const shot of SHOTS) {
        if (ONLY && !ONLY.includes(shot.name)) continue;
        for (const viewport of VIEWPORTS) {
          const { context, page } = await openPage(browser, {
            viewport,
            locale,
            token: shot.token?.(accounts),
          });
          page.setDefaultTimeout(60_000);
          try {
            await shot.open(page, base, accounts);
            await page.waitForTimeout(600); // antd's animations
            const file = join(outDir, `mfa-${shot.name}-${locale}-${viewport.width}x${viewport.height}.png`);
            await page.screenshot({ path: file, fullPage: shot.name !== 'profile-card' });
            files.push(file);
          } catch (error) {
            console.error(`${shot.name} ${locale} ${viewport.width}: ${String(error)}`);
          } finally {
            await context.close();
          }
        }
      }
    }
  } finally {
    await app.close();
  }
  return files;
}

runScreenshots(module, takeScreenshots);
