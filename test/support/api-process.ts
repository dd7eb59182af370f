/**
 * The built API as a real child process (chaos, cluster and security-log suites: it can be killed -9 and
 * restarted), users and tokens made straight in the database (no argon2 per founder), plain HTTP
 * with fetch so that a dead process shows up as a network error, not an exception in the test app.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import jwt from 'jsonwebtoken';
import { Client } from 'pg';
import { freePort } from './ports';

/**
 * The built API (`npm test` builds before running the suites). WUTONG_API_MAIN points at another
 * build, e.g. one made with `--outDir` while other work rebuilds dist/.
 */
export const API_MAIN = resolve(process.env.WUTONG_API_MAIN ?? 'dist/apps/api/main.js');
export const JWT_SECRET = `chaos-${randomBytes(24).toString('hex')}`;
/** Any hash: chaos users never sign in with a password, they get tokens signed with JWT_SECRET. */
const UNUSED_HASH = '$argon2id$v=19$m=19456,t=2,p=1$Y2hhb3NjaGFvcw$dW51c2VkdW51c2VkdW51c2VkdW51c2VkdW51c2Vk';

export interface ApiProcess {
  child: ChildProcess;
  port: number;
  base: string;
  /** Everything the process wrote on stdout and stderr. */
  output(): string;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
}

/** Debian's libfaketime (the faketime package): the clock of a process started with LD_PRELOAD of it. */
const LIBFAKETIME =
  ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib']
    .map((dir) => `${dir}/faketime/libfaketime.so.1`)
    .find((path) => existsSync(path)) ?? 'libfaketime.so.1';

/** libfaketime's offset of this run in seconds: 0, or the one `npm test`'s faked-clock runs set. */
function runOffsetSeconds(): number {
  const match = /^([+-]\d+)s$/.exec(process.env.FAKETIME ?? '');
  return match ? Number(match[1]) : 0;
}

/**
 * What a child process needs to read this run's clock (faked by `npm test`'s runs at chosen
 * instants), `skewSeconds` away from it: pass it along when starting a process with an environment
 * of its own.
 */
export function clockEnv(skewSeconds = 0): Record<string, string> {
  const offset = runOffsetSeconds() + skewSeconds;
  return offset === 0 ? {} : { LD_PRELOAD: LIBFAKETIME, FAKETIME: `${offset > 0 ? '+' : ''}${offset}s` };
}

/**
 * Starts the built API. `clockSkewSeconds` runs it with its clock that far from this run's (and the
 * database's), through Debian's faketime; without it the process shares the run's clock, faked or not.
 */
export async function startApi(
  env: Record<string, string>,
  port?: number,
  options: { clockSkewSeconds?: number } = {},
): Promise<ApiProcess> {
  if (!existsSync(API_MAIN))
    throw new Error(`${API_MAIN} does not exist: build the API first (npx nx run-many -t build)`);
  const listenPort = port ?? (await freePort());
  let out = '';
  const clock = clockEnv(options.clockSkewSeconds);
  const child = spawn(process.execPath, [API_MAIN], {
    env: {
      PATH: process.env.PATH,
      TZ: 'UTC',
      HOST: '127.0.0.1',
      PORT: String(listenPort),
      JWT_SECRET,
      AUTH_RATE_LIMIT: 'off',
      LOG_LEVEL: 'warn',
      PUBLIC_URL: 'http://wutong.test',
      WEB_DIST: 'tmp/chaos-no-web',
      ...clock,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const base = `http://127.0.0.1:${listenPort}/api`;
  const until = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}:\n${out}`);
    const res = await fetch(`${base}/health`).catch(() => null);
    if (res?.status === 200) break;
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`the API did not become ready within 90 s:\n${out}`);
    }
    await sleep(100);
  }
  return {
    child,
    port: listenPort,
    base,
    output: () => out,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Answer {
  status: number;
  body: Record<string, unknown> & { code?: string; status?: string; id?: string };
  headers: Headers;
  ms: number;
}

/** One request; a network failure (process killed, connection reset) resolves with status 0. */
export async function call(
  base: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  timeoutMs = 30_000,
): Promise<Answer> {
  const started = performance.now();
  try {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let parsed: Answer['body'] = {};
    try {
      parsed = text ? (JSON.parse(text) as Answer['body']) : {};
    } catch {
      parsed = { raw: text };
    }
    return { status: res.status, body: parsed, headers: res.headers, ms: performance.now() - started };
  } catch (error) {
    return {
      status: 0,
      // undici says only "fetch failed"; the cause says what the socket did (reset, refused, closed).
      body: { error: String(error), cause: String((error as { cause?: unknown }).cause ?? '') },
      headers: new Headers(),
      ms: performance.now() - started,
    };
  }
}

export interface Person {
  id: string;
  email: string;
  token: string;
}

let made = 0;

/** Verified users inserted in one statement, each with an open session and a token for it. */
export async function makeUsers(
  databaseUrl: string,
  count: number,
  roles: string[] = [],
  tag = 'chaos',
): Promise<Person[]> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const emails = Array.from(
      { length: count },
      () => `${tag}.${process.pid}.${made++}.${randomBytes(3).toString('hex')}@example.cn`,
    );
    const users: { id: string; email: string }[] = (
      await db.query(
        `INSERT INTO users (email, password_hash, display_name, roles, verified_at, email_verified_at)
         SELECT e, $2, '创业者 ' || i, $3::text[], now(), now() FROM unnest($1::text[]) WITH ORDINALITY AS t(e, i)
         RETURNING id, email`,
        [emails, UNUSED_HASH, roles],
      )
    ).rows;
    const sessions: { id: string; user_id: string }[] = (
      await db.query(
        `INSERT INTO auth_sessions (user_id, expires_at) SELECT u, now() + interval '1 day'
           FROM unnest($1::uuid[]) AS t(u) RETURNING id, user_id`,
        [users.map((u) => u.id)],
      )
    ).rows;
    const byUser = new Map(sessions.map((s) => [s.user_id, s.id]));
    return users.map((u) => ({
      id: u.id,
      email: u.email,
      token: jwt.sign({ sub: u.id, sid: byUser.get(u.id) }, JWT_SECRET, {
        algorithm: 'HS256',
        expiresIn: 3600,
      }),
    }));
  } finally {
    await db.end();
  }
}

const DAY = 24 * 3600_000;

/** An event a week from now (the fields of test/support/events.ts eventBody, without loading the app). */
function eventBody(organizationId: string, overrides: Record<string, unknown>): Record<string, unknown> {
  const start = Math.floor((Date.now() + 7 * DAY) / DAY) * DAY + 11 * 3600_000;
  return {
    organizationId,
    type: 'salon',
    title: '创业沙龙：早期项目如何拿到第一笔融资',
    description: '三位投资人与创业者面对面。',
    capacity: 50,
    approvalRequired: false,
    waitlistEnabled: true,
    sessions: [
      { startsAt: new Date(start).toISOString(), endsAt: new Date(start + 2 * 3600_000).toISOString() },
    ],
    ...overrides,
  };
}

/** A carrier with one organizer (made through the API by an admin) and a published event of it. */
export async function publishedEvent(
  base: string,
  databaseUrl: string,
  overrides: Record<string, unknown>,
): Promise<{ eventId: string; organizer: Person; organizationId: string }> {
  const [admin] = await makeUsers(databaseUrl, 1, ['admin'], 'admin');
  const [organizer] = await makeUsers(databaseUrl, 1, [], 'organizer');
  const must = (a: Answer, what: string) => {
    if (a.status < 200 || a.status >= 300) throw new Error(`${what}: ${a.status} ${JSON.stringify(a.body)}`);
    return a.body;
  };
  const org = must(
    await call(base, 'POST', '/organizations', admin.token, {
      name: `混沌测试载体 ${process.pid}-${made++}`,
      kind: 'incubator',
    }),
    'create carrier',
  );
  must(
    await call(base, 'POST', `/organizations/${org.id}/members`, admin.token, { userId: organizer.id }),
    'add organizer',
  );
  const event = must(
    await call(base, 'POST', '/events', organizer.token, eventBody(String(org.id), overrides)),
    'create event',
  );
  must(await call(base, 'POST', `/events/${event.id}/publish`, organizer.token), 'publish event');
  return { eventId: String(event.id), organizer, organizationId: String(org.id) };
}

/** Runs `fn` over items with at most `limit` in flight. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]);
      }
    }),
  );
  return results;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
