#!/usr/bin/env node
// Web app start-up (issue #7, part 6; issue 17, point 3): the JavaScript and CSS index.html loads before
// any route chunk (entry script + modulepreloads + stylesheets), raw and gzip, with the largest lazy
// chunks; then, for an anonymous visitor in Chromium, cold loads of the event list /events (first
// contentful paint, first event card) and of one event page /events/:id (its title and time shown),
// against the built API serving the built web app on a fresh database, unthrottled and on a DevTools
// "Fast 3G"-like network. The same build is served twice in one run: with the public pages rendered
// on the server (PUBLIC_PAGES=on, the default) and without (off: the app's empty page, as before).
//
//   npx tsc -p libs/shared/tsconfig.lib.json && NX_DAEMON=false npx nx run-many -t build   # the builds
//   node bench/web/run.mjs            QUICK=1: fewer loads; WEB_DIST=<dir>: measure another web build;
//                                     COMPARE_DIST=<dir>: also serve that build (say, one of an older
//                                     commit) from a second API process and alternate loads with it
//
// Tables on stdout, progress on stderr. DATABASE_URL names the PostgreSQL server (a database
// wutong_bench_web_* is created and dropped); CHROMIUM_PATH the browser (default /usr/bin/chromium).
// Never a timed test.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { findChromium } from '../../scripts/chromium.mjs';
import { freePort } from '../../scripts/embedded-postgres.mjs';
import { API_NODE_OPTIONS } from '../reference/support.mjs';
import { GZIP_LEVEL, kb, measureBuild, total } from './sizes.mjs';

const QUICK = process.env.QUICK === '1';
const LOADS = Number(process.env.LOADS ?? (QUICK ? 3 : 10));
const SLOW_LOADS = Number(process.env.SLOW_LOADS ?? (QUICK ? 2 : 5));
const EVENTS = 24; // more than one page of 20
const GOAL_KB = 250;
// Issue 17's goals on Fast 3G: an event page's title and time, and the list's first card.
const GOAL_TITLE_MS = 1500;
const GOAL_CARD_MS = 3000;
// …and the public pages' JavaScript on the critical path (fetched before the page's load event).
const GOAL_CRITICAL_JS_KB = 120;
const WEB_DIST = resolve(process.env.WEB_DIST ?? 'dist/apps/web');
const COMPARE_DIST = process.env.COMPARE_DIST ? resolve(process.env.COMPARE_DIST) : null;
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = `wutong_bench_web_${process.pid}`;
const PASSWORD = 'Bench-Web-Passw0rd';
const ADMIN_EMAIL = 'bench-web-admin@wutong.local';

// Chrome DevTools' "Fast 3G" preset: 562.5 ms round trip, 1.44 Mbit/s down, 675 kbit/s up.
const FAST_3G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: (1.6 * 1000 * 1000 * 0.9) / 8,
  uploadThroughput: (750 * 1000 * 0.9) / 8,
};
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const log = (line) => process.stderr.write(`[bench web] ${line}\n`);

function table(headers, rows) {
  const out = [`| ${headers.join(' | ')} |`, `|${headers.map(() => ' --- ').join('|')}|`];
  for (const row of rows) out.push(`| ${row.join(' | ')} |`);
  return out.join('\n');
}

const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];
const ms = (x) => (x === undefined ? '–' : `${Math.round(x)}`);

function dbUrl(name) {
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(sql) {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------- sizes

function builtSizes(dir) {
  if (!existsSync(resolve(dir, 'index.html')))
    throw new Error(`no web build in ${dir}: run NX_DAEMON=false npx nx run web:build first`);
  return measureBuild(dir);
}

function sizeTables() {
  const m = builtSizes(WEB_DIST);
  const js = total(m.initialJs);
  const css = total(m.initialCss);
  const lazyJs = total(m.lazyJs);
  const rows = [
    [
      'initial JS (entry + modulepreloads)',
      m.initialJs.length,
      kb(js.raw),
      kb(js.gzip),
      `≤ ${GOAL_KB} KB gzip`,
      js.gzip <= GOAL_KB * 1024 ? 'met' : 'NOT met',
    ],
    ['initial CSS', m.initialCss.length, kb(css.raw), kb(css.gzip), '', ''],
    ['lazy JS (all route chunks)', m.lazyJs.length, kb(lazyJs.raw), kb(lazyJs.gzip), '', ''],
  ];
  if (COMPARE_DIST) {
    const c = total(builtSizes(COMPARE_DIST).initialJs);
    rows.push([
      'initial JS of COMPARE_DIST',
      builtSizes(COMPARE_DIST).initialJs.length,
      kb(c.raw),
      kb(c.gzip),
      '',
      '',
    ]);
  }
  const initial = table(['what index.html loads', 'files', 'raw KB', 'gzip KB', 'goal', 'status'], rows);
  const strip = (file) => file.replace(/^assets\//, '').replace(/-[\w-]{8}\.(js|css)$/, '.$1');
  const largest = table(
    ['largest initial chunks', 'raw KB', 'gzip KB'],
    m.initialJs.slice(0, 6).map((c) => [strip(c.file), kb(c.raw), kb(c.gzip)]),
  );
  const lazy = table(
    ['largest lazy chunks', 'raw KB', 'gzip KB'],
    m.lazyJs.slice(0, 10).map((c) => [strip(c.file), kb(c.raw), kb(c.gzip)]),
  );
  return {
    text: [initial, largest, lazy].join('\n\n'),
    note: `Sizes: each file gzipped on its own with zlib level ${GZIP_LEVEL}, KB = 1,024 bytes; build in ${WEB_DIST}${COMPARE_DIST ? `, compared with ${COMPARE_DIST}` : ''}.`,
  };
}

// -------------------------------------------------------------------------------------------- the API

async function startApi(port, webDist, env = {}) {
  if (!existsSync('dist/apps/api/main.js'))
    throw new Error('no API build: run the builds first (see the header)');
  const child = spawn(process.execPath, [...API_NODE_OPTIONS, 'dist/apps/api/main.js'], {
    env: {
      ...process.env,
      DATABASE_URL: dbUrl(DB),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      OUTBOX_POLL_MS: '0',
      PERIODIC_PASSES: 'off',
      AUTH_RATE_LIMIT: 'off',
      WEB_DIST: webDist,
      MAIL_DIR: `tmp/mail/${DB}`,
      WUTONG_ADMIN_EMAIL: ADMIN_EMAIL,
      WUTONG_ADMIN_PASSWORD: PASSWORD,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if ((await fetch(`${base}/api/health`).catch(() => null))?.ok) return { child, base };
    if (i > 300 || child.exitCode !== null) throw new Error('the API did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function api(base, path, { body, token } = {}) {
  const response = await fetch(`${base}/api${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** A carrier, its organizer and EVENTS published upcoming events, so /events shows a full page. */
async function seed(base) {
  const { accessToken: adminToken } = await api(base, '/auth/login', {
    body: { email: ADMIN_EMAIL, password: PASSWORD },
  });
  const org = await api(base, '/organizations', {
    token: adminToken,
    body: { name: '压测孵化器', kind: 'incubator', timeZone: 'Asia/Shanghai' },
  });
  const { user, accessToken: token } = await api(base, '/auth/signup', {
    body: { email: 'bench-web-organizer@wutong.local', password: PASSWORD, displayName: '活动运营' },
  });
  await api(base, `/users/${user.id}/roles`, { token: adminToken, body: { role: 'organizer' } });
  await api(base, `/organizations/${org.id}/members`, { token: adminToken, body: { userId: user.id } });
  const types = ['salon', 'roadshow', 'training', 'policy_briefing'];
  const day = 24 * 3600_000;
  let first;
  for (let i = 0; i < EVENTS; i++) {
    const start = Math.floor((Date.now() + (i + 2) * day) / day) * day + 11 * 3600_000;
    const event = await api(base, '/events', {
      token,
      body: {
        organizationId: org.id,
        type: types[i % types.length],
        title: `创业沙龙第 ${i + 1} 期：早期项目如何拿到第一笔融资`,
        description: '三位投资人与创业者面对面。',
        capacity: 50 + i,
        approvalRequired: false,
        waitlistEnabled: true,
        sessions: [
          { startsAt: new Date(start).toISOString(), endsAt: new Date(start + 2 * 3600_000).toISOString() },
        ],
      },
    });
    await api(base, `/events/${event.id}/publish`, { token, body: {} });
    first ??= event.id;
  }
  return first;
}

// -------------------------------------------------------------------------------------------- browser

/* global window, document, MutationObserver -- these functions run in the page */

// Before any script of the page: note when the first event card (the server's or the app's) and an
// event's title with its time enter the DOM.
function watchForContent() {
  const seen = () => {
    if (
      window.__wtList === undefined &&
      document.querySelector('[data-testid="event-card"], [data-testid="ssr-event"]')
    )
      window.__wtList = performance.now();
    if (
      window.__wtTitle === undefined &&
      document.querySelector('[data-testid="ssr-title"], [data-testid="event-title"]') &&
      document.querySelector('[data-testid="ssr-time"], [data-testid="event-sessions"]')
    )
      window.__wtTitle = performance.now();
    const root = document.getElementById('root');
    if (window.__wtApp === undefined && root && !root.hidden && root.childElementCount > 0)
      window.__wtApp = performance.now();
  };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true, attributes: true });
}

/** One cold load of `path` in a new context (empty HTTP cache, no session): FCP and friends. */
async function load(browser, base, network, path, marker) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  try {
    const page = await context.newPage();
    await page.addInitScript(watchForContent);
    if (network) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', network);
    }
    await page.goto(`${base}${path}`, { waitUntil: 'load', timeout: 120_000 });
    await page.waitForFunction((key) => window[key] !== undefined, marker, { timeout: 120_000, polling: 50 });
    // The app has taken over (the server's page hands over to it after loading; the app-only page is it).
    await page.waitForFunction(() => window.__wtApp !== undefined, null, { timeout: 120_000, polling: 50 });
    return await page.evaluate(async () => {
      const fcp = await new Promise((done) => {
        const entry = performance.getEntriesByName('first-contentful-paint')[0];
        if (entry) return done(entry.startTime);
        new PerformanceObserver((list, observer) => {
          const found = list.getEntriesByName('first-contentful-paint')[0];
          if (found) {
            observer.disconnect();
            done(found.startTime);
          }
        }).observe({ type: 'paint', buffered: true });
      });
      const scripts = performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.js'));
      const nav = performance.getEntriesByType('navigation')[0];
      return {
        fcp,
        list: window.__wtList,
        title: window.__wtTitle,
        load: nav.loadEventEnd,
        app: window.__wtApp,
        scripts: scripts.length,
        jsBytes: scripts.reduce((s, r) => s + r.transferSize, 0),
        // On the critical path: scripts the page asked for before its load event.
        jsBeforeLoad: scripts
          .filter((r) => r.startTime < nav.loadEventStart)
          .reduce((s, r) => s + r.transferSize, 0),
      };
    });
  } finally {
    await context.close();
  }
}

/** Cold loads of each target in turn (A, B, A, B…), so a busy machine slows them alike. */
async function measure(browser, targets, network, runs, label, path, marker) {
  for (const target of targets) await load(browser, target.base, network, path, marker); // warm the server, not the browser
  const results = targets.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [t, target] of targets.entries()) {
      const r = await load(browser, target.base, network, path, marker);
      results[t].push(r);
      const shown = marker === '__wtList' ? `first card ${ms(r.list)}` : `title ${ms(r.title)}`;
      log(`  ${label} ${path}, ${target.name} ${i + 1}/${runs}: FCP ${ms(r.fcp)} ms, ${shown} ms`);
    }
  }
  return targets.map((target, t) => {
    const pick = (key) => results[t].map((r) => r[key]);
    const key = marker === '__wtList' ? 'list' : 'title';
    const shown = quantile(pick(key), 0.5);
    const goal = network ? (key === 'list' ? GOAL_CARD_MS : GOAL_TITLE_MS) : undefined;
    return [
      label,
      path === '/events' ? '/events' : '/events/:id',
      target.name,
      runs,
      ms(quantile(pick('fcp'), 0.5)),
      ms(Math.min(...pick('fcp'))),
      ms(Math.max(...pick('fcp'))),
      `${key === 'list' ? 'first card' : 'title + time'} ${ms(shown)}`,
      goal ? `≤ ${goal} ms: ${shown <= goal ? 'met' : 'NOT met'}` : '',
      ms(quantile(pick('load'), 0.5)),
      ms(quantile(pick('app'), 0.5)),
      kb(results[t][0].jsBeforeLoad),
      `≤ ${GOAL_CRITICAL_JS_KB} KB: ${results[t][0].jsBeforeLoad <= GOAL_CRITICAL_JS_KB * 1024 ? 'met' : 'NOT met'}`,
      results[t][0].scripts,
      kb(results[t][0].jsBytes),
    ];
  });
}

/** Issue 17's goals, read off the Fast 3G rows: what the server-rendered pages show, the app alone beside it. */
function goalLine(rows) {
  const row = (page, servedAs) => rows.find((r) => r[0] === 'Fast 3G' && r[1] === page && r[2] === servedAs);
  const shownMs = (r) => r[7].replace(/^\D+/, ''); // "title + time 609" → "609"
  const [page, list] = [row('/events/:id', 'server-rendered'), row('/events', 'server-rendered')];
  const [appPage, appList] = [
    row('/events/:id', 'app only (PUBLIC_PAGES=off)'),
    row('/events', 'app only (PUBLIC_PAGES=off)'),
  ];
  return (
    `Goal — public pages on Fast 3G, p50 of ${SLOW_LOADS} cold loads: an event page's title and time ${shownMs(page)} ms (${page[8]}), ` +
    `the list's first card ${shownMs(list)} ms (${list[8]}); the app alone (PUBLIC_PAGES=off) ${shownMs(appPage)} and ${shownMs(appList)} ms.`
  );
}

// ----------------------------------------------------------------------------------------------- main

const sizes = sizeTables();
log('sizes measured');
const executablePath = findChromium();
if (!executablePath) throw new Error('Chromium not found: install it or set CHROMIUM_PATH');

await admin(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
await admin(`CREATE DATABASE "${DB}"`);
const apis = [];
let browser;
try {
  const targets = [];
  for (const [name, dir, env] of [
    ['server-rendered', WEB_DIST, { PUBLIC_PAGES: 'on' }],
    ['app only (PUBLIC_PAGES=off)', WEB_DIST, { PUBLIC_PAGES: 'off' }],
    ...(COMPARE_DIST ? [['COMPARE_DIST', COMPARE_DIST, { PUBLIC_PAGES: 'off' }]] : []),
  ]) {
    const { child, base } = await startApi(await freePort(), dir, env); // one at a time: the first migrates
    apis.push(child);
    targets.push({ name, base });
  }
  log(`API up at ${targets[0].base}; seeding ${EVENTS} published events…`);
  const eventPath = `/events/${await seed(targets[0].base)}`;
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 30_000 });
  const rows = [
    ...(await measure(browser, targets, undefined, LOADS, 'local', '/events', '__wtList')),
    ...(await measure(browser, targets, undefined, LOADS, 'local', eventPath, '__wtTitle')),
    ...(await measure(browser, targets, FAST_3G, SLOW_LOADS, 'Fast 3G', '/events', '__wtList')),
    ...(await measure(browser, targets, FAST_3G, SLOW_LOADS, 'Fast 3G', eventPath, '__wtTitle')),
  ];
  const [load1, load5] = loadavg();

  console.log('### Web app: initial load\n');
  console.log(sizes.text);
  console.log(`\n${sizes.note}\n`);
  console.log('### Web app: the public pages in Chromium, anonymous, cold loads\n');
  console.log(
    table(
      [
        'network',
        'page',
        'served as',
        'loads',
        'FCP p50 ms',
        'FCP min',
        'FCP max',
        'content shown p50 ms',
        'goal',
        'load event p50 ms',
        'app ready p50 ms',
        'JS before load KB',
        'goal',
        'JS requests',
        'JS transferred KB',
      ],
      rows,
    ),
  );
  console.log(
    `\nEach load in a new browser context (empty cache, no session), after one discarded warm-up load per build; FCP is performance.getEntriesByName('first-contentful-paint'); "first card" is when the first event card enters the DOM (the server's, or the app's after its route chunk and GET /api/events); "title + time" when an event's title and its sessions' times are both in the DOM. The page's own JavaScript is never on the way to that content when server-rendered: the content is in the HTML, and the app's modules are fetched only after the page's load event (apps/web/public/app-loader.js; at once for a signed-in visitor). "app ready": when the app has taken over (its root shown). "JS before load": scripts requested before the load event, the critical path. JS transferred: all scripts once the app is ready — initial and route chunks (the API sends the build's pre-compressed Brotli copies; Chromium accepts br). Fast 3G: CDP Network.emulateNetworkConditions, 562.5 ms latency, 1.44 Mbit/s down. Chromium ${browser.version()}, ${EVENTS} published events on a fresh database, ${cpus().length} CPUs, load average ${load1.toFixed(1)} (1 min) / ${load5.toFixed(1)} (5 min) at the end: times on a busy machine are noisy, compare builds within one run.`,
  );
  console.log(`\n${goalLine(rows)}`);
  log('done');
} finally {
  await browser?.close();
  for (const child of apis) {
    child.kill('SIGTERM');
    if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
  }
  await admin(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`).catch(() => {});
}
