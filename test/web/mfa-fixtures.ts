/**
 * Two-step sign-in helpers for the browser test and screenshots: authenticator codes computed from the
 * secret as a phone app would, and a second built app started with extra settings (AUTH_ADMIN_MFA).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as OTPAuth from 'otpauth';
import { Client } from 'pg';
import { createDatabase, dropDatabase, uniqueName } from '../support/databases';
import { freePort } from '../support/ports';
import { registerAppDatabase } from './events-fixtures';

/**
 * The code an authenticator app shows `offsetSeconds` from now. The API accepts the step before and
 * after the current one, but each step once: the next step's code (+30) works right after the current
 * one was used, without waiting for the clock.
 */
export function totpCode(secret: string, offsetSeconds = 0): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
    timestamp: Date.now() + offsetSeconds * 1000,
  });
}

/** A 6-digit code that no step around now accepts. */
export function wrongCode(secret: string): string {
  const near = new Set([-60, -30, 0, 30, 60].map((s) => totpCode(secret, s)));
  return ['000000', '123456', '999999', '424242'].find((c) => !near.has(c))!;
}

export interface BuiltApp {
  url: string;
  database: string;
  /** Runs SQL on the app's own database. */
  query<T = unknown>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** The built API + web app (dist/) on a fresh database and port, with `env` on top of the test settings. */
export async function startBuiltApp(env: Record<string, string>): Promise<BuiltApp> {
  const database = uniqueName('mfa');
  const dbUrl = await createDatabase(database);
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['dist/apps/api/main.js'], {
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      AUTH_RATE_LIMIT: 'off',
      MAIL_DIR: `tmp/mail/${database}`,
      JWT_SECRET: 'web-test-secret-web-test-secret-0123456',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await dropDatabase(database);
  };
  // Generous: the machine running the tests may be busy with other suites.
  const until = Date.now() + 90_000;
  for (;;) {
    const failure =
      child.exitCode !== null
        ? `the app exited with ${child.exitCode} before it was ready`
        : Date.now() > until
          ? 'the app did not become ready within 90 s'
          : null;
    if (failure) {
      await stop();
      throw new Error(failure);
    }
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  registerAppDatabase(url, dbUrl);
  return {
    url,
    database,
    query: async <T>(sql: string, params: unknown[] = []) => {
      const client = new Client({ connectionString: dbUrl });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows as T[];
      } finally {
        await client.end();
      }
    },
    close: stop,
  };
}
