// `npm run screenshots [-- name…]`: takes the screenshots people look at (nothing is asserted) in
// zh-CN and en, phone and desktop, with Chromium, into tmp/screenshots/. Each script under test/web
// named *-screenshots.ts (and screenshots.ts, the shell) runs against WUTONG_WEB_URL when set, else
// the built app on a database of its own (DATABASE_URL's server) with the demo base. Build first
// (`npm run build`). Names: shell, check-in, dashboard, events, mfa.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from './chromium.mjs';

const SCRIPTS = {
  shell: 'test/web/screenshots.ts',
  'check-in': 'test/web/check-in-screenshots.ts',
  dashboard: 'test/web/dashboard-screenshots.ts',
  events: 'test/web/events-screenshots.ts',
  mfa: 'test/web/mfa-screenshots.ts',
};

const wanted = process.argv.slice(2);
for (const name of wanted)
  if (!(name in SCRIPTS)) {
    console.error(`unknown screenshots "${name}"; known: ${Object.keys(SCRIPTS).join(', ')}`);
    process.exit(2);
  }
if (!process.env.WUTONG_WEB_URL && !existsSync('dist/apps/api/main.js')) {
  console.error('dist/apps/api/main.js is missing: run `npm run build` first');
  process.exit(2);
}
const env = { ...process.env, TZ: process.env.TZ ?? 'UTC' };
if (!env.CHROMIUM_PATH && findChromium()) env.CHROMIUM_PATH = findChromium();

let failed = 0;
let taken = 0;
const names = wanted.length ? wanted : Object.keys(SCRIPTS);
for (const [i, name] of names.entries()) {
  console.error(`[${i + 1}/${names.length}] ${name}…`);
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', './test/web/swc-register.cjs', SCRIPTS[name]], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      taken += (String(chunk).match(/\.png$/gm) ?? []).length;
    });
    child.on('exit', (c) => resolve(c ?? 1));
  });
  if (code !== 0) failed++;
}
console.log(`screenshots: ${taken} taken in tmp/screenshots/, ${failed} script(s) failed`);
process.exit(failed ? 1 : 0);
