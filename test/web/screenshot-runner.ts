import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import setup from '../support/web-global-setup';
import teardown from '../support/web-global-teardown';
import { launchBrowser, webUrl } from './browser';

export type TakeScreenshots = (browser: Browser, base: string, outDir: string) => Promise<string[]>;

export interface RunOptions {
  /** Always start the built app on a database of its own (as the browser tests do). */
  ownApp?: boolean;
  /** On an app of its own: load the demo base. */
  demo?: boolean;
}

/**
 * The `main` of every screenshot script, run when the script is the program (`npm run screenshots`,
 * scripts/screenshots.mjs, or `node -r ./test/web/swc-register.cjs test/web/<name>.ts`): against
 * WUTONG_WEB_URL when set, else the built app started on a database of its own with the demo base.
 * Screenshots land in tmp/screenshots/, one path a line.
 */
export function runScreenshots(script: NodeJS.Module, take: TakeScreenshots, options: RunOptions = {}): void {
  if (require.main !== script) return;
  const ownApp = options.ownApp || !process.env.WUTONG_WEB_URL;
  const run = async () => {
    if (ownApp) {
      process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
      if (options.demo || !options.ownApp) process.env.WUTONG_DEMO = '1';
      await setup();
    }
    const { browser, close } = await launchBrowser();
    try {
      const files = await take(browser, webUrl(), resolve(__dirname, '../../tmp/screenshots'));
      console.log(files.join('\n'));
      console.log(`done: ${files.length} screenshots`);
    } finally {
      await close();
      if (ownApp) await teardown();
    }
  };
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
