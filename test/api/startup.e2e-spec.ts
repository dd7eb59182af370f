import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import argon2 from 'argon2';
import { Client } from 'pg';
import { clockEnv } from '../support/api-process';
import { createDatabase, dropDatabase, uniqueName } from '../support/databases';
import { freePort } from '../support/ports';

const MAIN = 'dist/apps/api/main.js';

jest.setTimeout(120_000);

function run(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  let output = '';
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', ...clockEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForHealth(base: string, p: { output: () => string; child: ChildProcess }): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (p.child.exitCode !== null) throw new Error(`the server exited: ${p.output()}`);
    const health = await fetch(`${base}/api/health`).catch(() => null);
    if (health?.ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server did not answer: ${p.output()}`);
}

describe('the built server process', () => {
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: npm test builds before it runs the suites`);
  });

  it.each([
    [{}, 'DATABASE_URL'],
    [{ DATABASE_URL: 'postgres://x@127.0.0.1/x', PORT: 'abc' }, 'PORT'],
    [{ DATABASE_URL: 'postgres://x@127.0.0.1/x', AUTH_RATE_LIMIT: 'lots' }, 'AUTH_RATE_LIMIT'],
    [
      {
        DATABASE_URL: 'postgres://x@127.0.0.1/x',
        WUTONG_ADMIN_EMAIL: 'chief@base.cn',
        WUTONG_ADMIN_PASSWORD: 'password123',
      },
      'WUTONG_ADMIN_PASSWORD',
    ],
  ])('stops at once with one line naming the bad variable (%j)', async (env, variable) => {
    const p = run(env);
    expect(await p.exited).toBe(1);
    const lines = p.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Invalid configuration: ${variable} `));
  });

  it('migrates, serves with security headers and request ids, and shuts down cleanly on SIGTERM', async () => {
    const name = uniqueName('startup');
    const url = await createDatabase(name);
    const port = await freePort();
    const p = run({ DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' });
    try {
      const base = `http://127.0.0.1:${port}`;
      // Migrating a fresh database and starting take a few seconds, more on a busy machine.
      let health: Response | null = null;
      for (const until = Date.now() + 60_000; !health && Date.now() < until;) {
        health = await fetch(`${base}/api/health`).catch(() => null);
        if (!health) await new Promise((r) => setTimeout(r, 100));
      }
      expect(health?.status).toBe(200);
      expect(await health!.json()).toEqual({ status: 'ok', database: 'up' });

      const res = await fetch(`${base}/api/organizations`, {
        headers: { 'X-Request-Id': 'lb-request-000123' },
      });
      expect(res.headers.get('x-request-id')).toBe('lb-request-000123');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');

      const docs = await fetch(`${base}/api/docs-json`);
      const spec = (await docs.json()) as { paths: Record<string, unknown> };
      expect(Object.keys(spec.paths)).toEqual(
        expect.arrayContaining(['/api/auth/signup', '/api/auth/login', '/api/me', '/api/health']),
      );
      expect((await fetch(`${base}/api/docs`)).status).toBe(200);

      // Logs are JSON lines and carry the request id.
      const logLine = p
        .output()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { req?: { id?: string } })
        .find((l) => l.req?.id === 'lb-request-000123');
      expect(logLine).toBeDefined();
      // Health checks (every few seconds from a load balancer) stay out of the log.
      expect(p.output()).not.toMatch(/"url":"\/api\/health"/);
      expect(p.output()).not.toMatch(/LegacyRouteConverter/);

      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
      expect(p.output()).toContain('SIGTERM: shutting down');
      const [{ count }] = await (async () => {
        const c = new Client({ connectionString: url });
        await c.connect();
        const r = await c.query(`SELECT count(*)::int AS count FROM migrations`);
        await c.end();
        return r.rows;
      })();
      expect(count).toBeGreaterThan(0);
    } finally {
      if (p.child.exitCode === null) p.child.kill('SIGKILL');
      await dropDatabase(name);
    }
  });
  // Issue 15, point 14: `npm start` with WUTONG_DEMO=1 under NODE_ENV=production served the README's
  // demo password to anyone who reached the port.
  it('with NODE_ENV=production and the demo base: a random password printed once, this machine only, admins need two-step sign-in', async () => {
    const name = uniqueName('prod-demo');
    const url = await createDatabase(name);
    const port = await freePort();
    const env = {
      DATABASE_URL: url,
      PORT: String(port),
      NODE_ENV: 'production',
      WUTONG_DEMO: '1',
      LOG_LEVEL: 'warn',
    };
    let p = run(env);
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitForHealth(base, p);
      const printed = /have the password (\S+) — shown this once/.exec(p.output())?.[1];
      expect(printed).toMatch(/^[A-Za-z0-9_-]{16}$/);
      const login = (password: string) =>
        fetch(`${base}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'admin@demo.wutong.cn', password }),
        });
      expect((await login('wutong-demo-2026')).status).toBe(401);
      const admin = await login(printed!);
      expect(admin.status).toBe(200);
      const { accessToken } = (await admin.json()) as { accessToken: string };
      // AUTH_ADMIN_MFA is `required` by default in production.
      const users = await fetch(`${base}/api/users?email=founder.1@demo.wutong.cn`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      expect(users.status).toBe(403);
      expect(((await users.json()) as { code: string }).code).toBe('MFA_SETUP_REQUIRED');
      // Only this machine: a non-loopback address of it is refused (when it has one).
      const outside = Object.values(networkInterfaces())
        .flat()
        .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
      if (outside) await expect(fetch(`http://${outside}:${port}/api/health`)).rejects.toThrow();
      expect(p.output()).toContain('listening on 127.0.0.1 only');

      // The second start prints nothing: the password is shown once.
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
      p = run(env);
      await waitForHealth(base, p);
      expect(p.output()).not.toContain('have the password');
      expect((await login(printed!)).status).toBe(200);
    } finally {
      if (p.child.exitCode === null) p.child.kill('SIGKILL');
      await p.exited;
      await dropDatabase(name);
    }
  }, 120_000);

  it('gives a demo base loaded earlier with the public password a random one when it starts in production', async () => {
    const name = uniqueName('prod-demo-old');
    const url = await createDatabase(name);
    const port = await freePort();
    const env = { DATABASE_URL: url, PORT: String(port), WUTONG_DEMO: '1', LOG_LEVEL: 'warn' };
    let p = run(env);
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitForHealth(base, p);
      expect(p.output()).not.toContain('have the password');
      p.child.kill('SIGTERM');
      await p.exited;
      p = run({ ...env, NODE_ENV: 'production' });
      await waitForHealth(base, p);
      const printed = /have the password (\S+) — shown this once/.exec(p.output())?.[1];
      expect(printed).toBeDefined();
      const login = async (email: string, password: string) =>
        (
          await fetch(`${base}/api/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email, password }),
          })
        ).status;
      for (const email of ['founder.7@demo.wutong.cn', 'mentor.3@demo.wutong.cn']) {
        expect(await login(email, 'wutong-demo-2026')).toBe(401);
        expect(await login(email, printed!)).toBe(200);
      }
    } finally {
      if (p.child.exitCode === null) p.child.kill('SIGKILL');
      await p.exited;
      await dropDatabase(name);
    }
  }, 120_000);

  // The Docker image installs with --ignore-scripts, so it loads argon2's prebuilt binary, never one
  // built here. argon2 0.45.x's linux-x64 glibc prebuilt crashed on load (SIGSEGV on Node 20,
  // Debian 12): every log-in would kill the container. Holds an upgrade to the same test.
  it('loads the argon2 binary the Docker image uses and hashes with it', async () => {
    const dir = `node_modules/argon2/prebuilds/${process.platform}-${process.arch}`;
    const file = readdirSync(dir).find((f) => f.endsWith('.glibc.node') || f === 'argon2.node');
    expect(file).toBeDefined();
    const salt = Buffer.alloc(16, 7);
    // The binding's own call, as argon2.cjs makes it: argon2id, 4 MiB, 1 pass.
    const script = `require(${JSON.stringify(`./${dir}/${file}`)})
      .hash({ password: Buffer.from('Correct-Horse-9'), salt: Buffer.alloc(16, 7), secret: Buffer.alloc(0),
        data: Buffer.alloc(0), hashLength: 32, m: 4096, t: 1, p: 1, version: 0x13, type: 2 })
      .then((h) => console.log(h.toString('hex')))`;
    const probe = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect({ signal: probe.signal, status: probe.status, stderr: probe.stderr }).toEqual({
      signal: null,
      status: 0,
      stderr: '',
    });
    const expected = await argon2.hash('Correct-Horse-9', {
      type: argon2.argon2id,
      salt,
      raw: true,
      hashLength: 32,
      memoryCost: 4096,
      timeCost: 1,
      parallelism: 1,
    });
    expect(probe.stdout.trim()).toBe(expected.toString('hex'));
  });
});
