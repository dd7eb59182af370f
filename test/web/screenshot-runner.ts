import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import setup from '../support/web-global-setup';
import teardown from '../support/web-global-teardown';
import { launchBrowser, webUrl } from './browser';

export type TakeScreenshots = (browser: Browser, base: string, outDir: string) => Promise<string[]>;

export interface RunOptions {
  /** Start the built app on a database of its own (as the browser tests do) instead of using WUTONG_WEB_URL. */
  ownApp?: boolean;
  /** With ownApp: load the demo base. */
  demo?: boolean;
}

/**
 * The `main` of every screenshot script, run when the script is the program (`node -r
 * ./test/web/swc-register.cjs test/web/<name>.ts`): screenshots land in tmp/screenshots/, one path a line.
 */
export function runScreenshots(script: NodeJS.Module, take: TakeScreenshots, options: RunOptions = {}): void {
  if (require.main !== script) return;
  const run = async () => {
    if (options.ownApp) {
      process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
      if (options.demo) process.env.WUTONG_DEMO = '1';
      await setup();
    } else {
      process.env.WUTONG_WEB_URL ??= 'http://127.0.0.1:3000';
    }
    const { browser, close } = await launchBrowser();
    try {
      const files = await take(browser, webUrl(), resolve(__dirname, '../../tmp/screenshots'));
      console.log(files.join('\n'));
      console.log(`done: ${files.length} screenshots`);
    } finally {
      await close();
      if (options.ownApp) await teardown();
    }
  };
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
