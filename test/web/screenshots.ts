/**
 * Screenshots of the web shell for people to look at (nothing is asserted).
 * Against a running API that serves the built web app:
 *   WUTONG_WEB_URL=http://127.0.0.1:3000 node -r ./test/web/swc-register.cjs test/web/screenshots.ts
 * Files land in tmp/screenshots/<page>-<locale>-<width>x<height>.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, PHONE, openPage, uniqueEmail } from './browser';
import type { Viewport } from './browser';
import { verifyByMail } from './events-fixtures';
import { runScreenshots } from './screenshot-runner';

const LOCALES = ['zh-CN', 'en'] as const;
const VIEWPORTS: Viewport[] = [PHONE, DESKTOP];

interface Shot {
  name: string;
  path: string;
  signedIn?: boolean;
  /** What to wait for before the picture. */
  ready: (page: Page) => Promise<void>;
  /** Phone-only extra step, e.g. opening the menu drawer. */
  after?: (page: Page) => Promise<void>;
}

const SHOTS: Shot[] = [
  { name: 'home', path: '/', ready: (p) => p.getByTestId('home-title').waitFor() },
  { name: 'login', path: '/login', ready: (p) => p.locator('form#phone-login').waitFor() },
  { name: 'signup', path: '/signup', ready: (p) => p.locator('form#phone-login').waitFor() },
  { name: 'forgot-password', path: '/forgot-password', ready: (p) => p.locator('form#forgot').waitFor() },
  { name: 'welcome', path: '/', signedIn: true, ready: (p) => p.getByTestId('welcome-title').waitFor() },
  { name: 'profile', path: '/profile', signedIn: true, ready: (p) => p.locator('form#profile').waitFor() },
  { name: 'events', path: '/events', signedIn: true, ready: (p) => p.getByTestId('events-view').waitFor() },
  {
    name: 'menu-drawer',
    path: '/events',
    signedIn: true,
    ready: (p) => p.getByTestId('events-view').waitFor(),
    after: async (p) => {
      const button = p.getByTestId('open-menu');
      if (await button.isVisible()) {
        await button.click();
        await p.locator('.ant-drawer-open').waitFor();
        await p.waitForTimeout(400);
      }
    },
  },
];

async function api<T>(
  baseUrl: string,
  path: string,
  init: { method: string; body: unknown; token?: string },
): Promise<T> {
  const response = await fetch(`${baseUrl}/api${path}`, {
    method: init.method,
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: JSON.stringify(init.body),
  });
  if (!response.ok) throw new Error(`${init.method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A founder with a company, so that the profile page shows filled-in fields. */
async function createFounder(baseUrl: string): Promise<string> {
  const email = uniqueEmail('shots');
  const { accessToken } = await api<{ accessToken: string }>(baseUrl, '/auth/signup', {
    method: 'POST',
    body: {
      email,
      password: 'wutong-shots-2026',
      displayName: '林晓梧',
      locale: 'zh-CN',
    },
  });
  // Confirmed with the mailed code when the app's database is at hand (the browser tests'); against
  // another running app the pages show the "verify your email" banner.
  await verifyByMail(baseUrl, email, accessToken).catch(() => undefined);
  await api(baseUrl, '/me', {
    method: 'PATCH',
    token: accessToken,
    body: {
      company: {
        name: '衡阳梧桐示例科技有限公司',
        creditCode: '91350100M000100Y43',
        stage: 'prototype',
        industry: 'software',
      },
    },
  });
  return accessToken;
}

export async function takeScreenshots(browser: Browser, baseUrl: string, outDir: string): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const token = await createFounder(baseUrl);
  const files: string[] = [];
  for (const locale of LOCALES) {
    for (const viewport of VIEWPORTS) {
      for (const shot of SHOTS) {
        if (shot.after && viewport.width >= 768) continue;
        const { context, page } = await openPage(browser, {
          viewport,
          locale,
          token: shot.signedIn ? token : undefined,
        });
        try {
          await page.goto(`${baseUrl}${shot.path}`);
          await shot.ready(page);
          await shot.after?.(page);
          await page.waitForTimeout(150); // let antd's motion settle
          const file = join(outDir, `${shot.name}-${locale}-${viewport.width}x${viewport.height}.png`);
          await page.screenshot({ path: file, fullPage: true });
          files.push(file);
        } finally {
          await context.close();
        }
      }
    }
  }
  return files;
}

runScreenshots(module, takeScreenshots, {});
