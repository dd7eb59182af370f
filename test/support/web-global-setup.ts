import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createDatabase, uniqueName } from './databases';
import { freePort } from './ports';

/**
 * Starts the built application (dist/, as `npm start` runs it) on its own database and port for the
 * browser tests, and tells them where through WUTONG_WEB_URL.
 */
export default async function setup(): Promise<void> {
  if (!existsSync('dist/apps/api/main.js') || !existsSync('dist/apps/web/index.html')) {
    throw new Error(
      'The browser tests need a build: run `npm test` (it builds first) or `npx nx run-many -t build`',
    );
  }
  const name = uniqueName('web');
  const url = await createDatabase(name);
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/apps/api/main.js'], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      AUTH_RATE_LIMIT: 'off',
      MAIL_DIR: `tmp/mail/${name}`,
      SMS_DIR: `tmp/sms/${name}`,
      JWT_SECRET: 'web-test-secret-web-test-secret-0123456',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode} before it was ready`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error('the app did not become ready within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  process.env.WUTONG_WEB_URL = base;
  process.env.WUTONG_WEB_DB = name;
  process.env.WUTONG_WEB_SMS_DIR = `tmp/sms/${name}`;
  (globalThis as { __wutongWebApp?: typeof child }).__wutongWebApp = child;
}
