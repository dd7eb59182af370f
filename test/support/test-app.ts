import type { AddressInfo } from 'node:net';
import { JwtService } from '@nestjs/jwt';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { createApp } from '../../apps/api/src/app.factory';
import { PasswordService } from '../../apps/api/src/auth/password.service';
import { loadConfig, type AppConfig } from '../../apps/api/src/config/app-config';
import { OutboxWorker } from '../../apps/api/src/notifications/outbox.worker';
import { createDatabase, dropDatabase, uniqueName } from './databases';
import { watchContract } from './openapi-contract';

export interface TestApp {
  app: NestFastifyApplication;
  /** Where the app listens, e.g. http://127.0.0.1:41234. */
  url: string;
  http: TestAgent;
  config: AppConfig;
  db: DataSource;
  /** Runs the outbox worker now instead of waiting for its timer. */
  drainOutbox(): Promise<number>;
  close(): Promise<void>;
}

/**
 * The real application on its own copy of the migrated template database. `env` adds or overrides
 * variables as a deployment would set them (SMTP_URL, AUTH_RATE_LIMIT…); as a function it is given
 * the URL of the app's database once that exists (e.g. to name the same database on a replica).
 */
export async function startTestApp(
  env: Record<string, string> | ((databaseUrl: string) => Promise<Record<string, string>>) = {},
): Promise<TestApp> {
  const template = process.env.WUTONG_TEST_TEMPLATE;
  if (!template) throw new Error('WUTONG_TEST_TEMPLATE is not set: the api project globalSetup did not run');
  const name = uniqueName('app');
  const url = await createDatabase(name, template);
  const extra = typeof env === 'function' ? await env(url) : env;
  const config = loadConfig({
    AUTH_RATE_LIMIT: 'off',
    FEED_RATE_LIMIT: 'off',
    LOG_LEVEL: 'silent',
    OUTBOX_POLL_MS: '0',
    PERIODIC_PASSES: 'off',
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    MAIL_DIR: `tmp/mail/${name}`,
    STORAGE_DIR: `tmp/files/${name}`,
    PUBLIC_URL: 'http://wutong.test',
    ...extra,
    DATABASE_URL: url,
  });
  const app = await createApp(config);
  const contract = watchContract(app);
  // Listening on a real port: tests send real HTTP requests, many at once where they test concurrency.
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const db = app.get(DataSource);
  return {
    app,
    url: base,
    http: request(base),
    config,
    db,
    drainOutbox: () => app.get(OutboxWorker).drain(),
    close: async () => {
      await app.close();
      await dropDatabase(name);
      contract.finish(name);
    },
  };
}

/**
 * A second API process on the same database as `t` (own Nest app, own pool, own session listener),
 * as a second machine behind the load balancer would be; closing it leaves the database.
 */
export async function startTwinApp(
  t: TestApp,
): Promise<Pick<TestApp, 'app' | 'url' | 'http' | 'config' | 'close'>> {
  const app = await createApp(t.config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return { app, url: base, http: request(base), config: t.config, close: () => app.close() };
}

let counter = 0;
/** A fresh, valid email for each call. */
export const email = (tag = 'user') => `${tag}.${process.pid}.${Date.now()}.${counter++}@example.cn`;

export interface SignedUp {
  id: string;
  email: string;
  token: string;
  auth: { Authorization: string };
  /** The recognised-device secret the sign-up returned. */
  deviceToken?: string;
}

/**
 * Signs up through the API and, unless `verified: false`, confirms the address with the code of the
 * verification mail the sign-up wrote (read from the outbox, as the mail would carry it): registering
 * and booking need a verified account.
 */
export async function signup(
  t: TestApp,
  overrides: Record<string, unknown> = {},
  options: { verified?: boolean } = {},
): Promise<SignedUp> {
  const body = { email: email(), password: 'Correct-Horse-9', displayName: '测试用户', ...overrides };
  const res = await t.http.post('/api/auth/signup').send(body).expect(201);
  const user: SignedUp = {
    id: res.body.user.id,
    email: body.email as string,
    token: res.body.accessToken,
    auth: { Authorization: `Bearer ${res.body.accessToken}` },
    deviceToken: res.body.deviceToken,
  };
  if (options.verified !== false) await verifyEmail(t, user);
  return user;
}

/** The 6-digit code of the newest verification (or sign-in) mail to this address, from the outbox. */
export async function mailedCode(
  t: TestApp,
  address: string,
  template: 'verifyEmail' | 'signInCode' = 'verifyEmail',
): Promise<string> {
  const [mail]: { subject: string }[] = await t.db.query(
    `SELECT subject FROM outbox_messages WHERE recipient = $1 AND template = $2 ORDER BY created_at DESC LIMIT 1`,
    [address.toLowerCase(), template],
  );
  const code = /(\d{6})/.exec(mail?.subject ?? '')?.[1];
  if (!code) throw new Error(`no ${template} mail to ${address}`);
  return code;
}

/** Confirms the account's address with the mailed code, as the person would. */
export async function verifyEmail(t: TestApp, user: { email: string; auth: { Authorization: string } }) {
  const code = await mailedCode(t, user.email);
  await t.http.post('/api/me/email/confirm').set(user.auth).send({ code }).expect(200);
}

/** Grants a role directly in the database (tests of other features need an admin or organizer quickly). */
export async function grantRole(
  t: TestApp,
  userId: string,
  role: 'admin' | 'mentor' | 'organizer',
): Promise<void> {
  await t.db.query(`UPDATE users SET roles = array_append(roles, $2) WHERE id = $1`, [userId, role]);
}

/**
 * Many signed-in, verified founders at once, without argon2 for each: one shared hash, rows inserted in bulk,
 * tokens signed by the app's own JwtService for real sessions (load and concurrency tests).
 */
export async function manyFounders(t: TestApp, count: number, tag = 'crowd'): Promise<SignedUp[]> {
  const hash = await t.app.get(PasswordService).hash('Correct-Horse-9');
  const emails = Array.from({ length: count }, () => email(tag));
  // Verified, as if each had confirmed the mailed code (verification itself is tested in accounts).
  const users: { id: string; email: string }[] = await t.db.query(
    `INSERT INTO users (email, password_hash, display_name, verified_at, email_verified_at)
     SELECT e, $2, '创业者 ' || i, now(), now() FROM unnest($1::text[]) WITH ORDINALITY AS t(e, i) RETURNING id, email`,
    [emails, hash],
  );
  const sessions: { id: string; user_id: string }[] = await t.db.query(
    `INSERT INTO auth_sessions (user_id, expires_at) SELECT u, now() + interval '1 day' FROM unnest($1::uuid[]) AS t(u) RETURNING id, user_id`,
    [users.map((u) => u.id)],
  );
  const jwt = t.app.get(JwtService);
  const byUser = new Map(sessions.map((s) => [s.user_id, s.id]));
  return Promise.all(
    users.map(async (u) => {
      const token = await jwt.signAsync(
        { sub: u.id, sid: byUser.get(u.id) },
        { algorithm: 'HS256', expiresIn: 3600 },
      );
      return { id: u.id, email: u.email, token, auth: { Authorization: `Bearer ${token}` } };
    }),
  );
}
