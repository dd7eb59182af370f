import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

/** Debian's Chromium; `npx playwright install` cannot work on these machines. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Offline, quiet, sandbox-free headless Chromium that resolves nothing but the local host. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;
export type Viewport = { width: number; height: number };

/** Where the built web app (served by the API) listens, exported by the jest globalSetup. */
export function webUrl(): string {
  const url = process.env.WUTONG_WEB_URL;
  if (!url) throw new Error('WUTONG_WEB_URL is not set: start the built API+web and export its address');
  return url.replace(/\/+$/, '');
}

export interface LaunchedBrowser {
  browser: Browser;
  close: () => Promise<void>;
}

/** Launches Chromium; playwright gives it a fresh temporary profile and removes it on close. */
export async function launchBrowser(): Promise<LaunchedBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    timeout: 30_000,
  });
  return { browser, close: () => browser.close() };
}

export interface ContextOptions {
  viewport?: Viewport;
  /** UI language stored in localStorage before the app loads (`wutong.locale`). */
  locale?: 'zh-CN' | 'en';
  /** Access token stored before the app loads (`wutong.token`): starts signed in. */
  token?: string;
  /** A visitor who has not asked for less motion: antd's animations run. */
  motion?: boolean;
}

/** A new browser context (own storage) with one page, optionally pre-seeded with a language and a session. */
export async function openPage(
  browser: Browser,
  options: ContextOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const viewport = options.viewport ?? DESKTOP;
  const context = await browser.newContext({
    viewport,
    isMobile: viewport.width < 600,
    hasTouch: viewport.width < 600,
    deviceScaleFactor: viewport.width < 600 ? 2 : 1,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // Menus and dialogs open without animation (the app honours the preference): a click never lands
    // on a popup that is still moving or being realigned after a scroll.
    reducedMotion: options.motion ? 'no-preference' : 'reduce',
  });
  const seed: Record<string, string> = {};
  if (options.locale) seed['wutong.locale'] = options.locale;
  if (options.token) seed['wutong.token'] = options.token;
  if (Object.keys(seed).length > 0) {
    // Only on the first load of the context, so that a later logout or language switch sticks.
    await context.addInitScript((entries: Record<string, string>) => {
      if (sessionStorage.getItem('wutong.seeded')) return;
      sessionStorage.setItem('wutong.seeded', '1');
      for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
    }, seed);
  }
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return { context, page };
}

/** A unique address for a test account. */
export function uniqueEmail(prefix = 'founder'): string {
  return `${prefix}.${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 8)}@example.com`;
}

/**
 * Types a wall clock into an antd date-time picker and confirms it with Enter; closes the picker's
 * panel with Escape only where it is still open (in a dialog, a second Escape would close the dialog).
 */
export async function pickDateTime(page: Page, input: Locator, value: string): Promise<void> {
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  if ((await page.locator('.ant-picker-dropdown:visible').count()) > 0) await page.keyboard.press('Escape');
}

/** The sign-in and sign-up pages open on the phone tab in Chinese: the email forms are one tab away. */
export async function chooseEmailSignIn(page: Page): Promise<void> {
  await page.getByRole('tab', { name: /^(邮箱|Email)$/ }).click();
}

/**
 * An input's value once it equals `expected`, or its last value after `timeout`: a form filled by an
 * event handler (a template chosen in a select) may settle a render after the click returns.
 */
export async function settledValue(input: Locator, expected: string, timeout = 5_000): Promise<string> {
  const until = Date.now() + timeout;
  let value = await input.inputValue();
  while (value !== expected && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await input.inputValue();
  }
  return value;
}

/**
 * Chooses `option` of an antd Select: opens the list with a click on `select` and clicks the option.
 * On a loaded machine a click can land while the list is still opening and be lost, so it chooses
 * again until `shown` (the field showing the choice) is visible.
 */
export async function chooseOption(
  page: Page,
  select: Locator,
  option: string,
  shown: Locator,
): Promise<void> {
  for (let attempt = 0; attempt < 3 && !(await shown.isVisible()); attempt++) {
    if (!(await page.locator('.ant-select-dropdown:visible').isVisible())) await select.click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: option })
      .click({ timeout: 3_000 })
      .catch(() => undefined);
    await shown.waitFor({ timeout: 2_000 }).catch(() => undefined);
  }
  await shown.waitFor();
}
