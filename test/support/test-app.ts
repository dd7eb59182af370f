import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { createApp } from '../../apps/api/src/app.factory';
import { loadConfig, type AppConfig } from '../../apps/api/src/config/app-config';
import { OutboxWorker } from '../../apps/api/src/notifications/outbox.worker';
import { createDatabase, dropDatabase, uniqueName } from './databases';

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  config: AppConfig;
  db: DataSource;
  /** Runs the outbox worker now instead of waiting for its timer. */
  drainOutbox(): Promise<number>;
  close(): Promise<void>;
}

/**
 * The real application on its own copy of the migrated template database. `env` adds or overrides
 * variables as a deployment would set them (SMTP_URL, AUTH_RATE_LIMIT…).
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const template = process.env.WUTONG_TEST_TEMPLATE;
  if (!template) throw new Error('WUTONG_TEST_TEMPLATE is not set: the api project globalSetup did not run');
  const name = uniqueName('app');
  const url = await createDatabase(name, template);
  const config = loadConfig({
    AUTH_RATE_LIMIT: 'off',
    LOG_LEVEL: 'silent',
    OUTBOX_POLL_MS: '0',
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    MAIL_DIR: `tmp/mail/${name}`,
    PUBLIC_URL: 'http://wutong.test',
    ...env,
    DATABASE_URL: url,
  });
  const app = await createApp(config);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const db = app.get(DataSource);
  return {
    app,
    http: request(app.getHttpServer()),
    config,
    db,
    drainOutbox: () => app.get(OutboxWorker).drain(),
    close: async () => {
      await app.close();
      await dropDatabase(name);
    },
  };
}

let counter = 0;
/** A fresh, valid email for each call. */
export const email = (tag = 'user') => `${tag}.${process.pid}.${Date.now()}.${counter++}@example.cn`;

export interface SignedUp {
  id: string;
  email: string;
  token: string;
  auth: { Authorization: string };
}

export async function signup(t: TestApp, overrides: Record<string, unknown> = {}): Promise<SignedUp> {
  const body = { email: email(), password: 'Correct-Horse-9', displayName: '测试用户', ...overrides };
  const res = await t.http.post('/api/auth/signup').send(body).expect(201);
  return {
    id: res.body.user.id,
    email: body.email as string,
    token: res.body.accessToken,
    auth: { Authorization: `Bearer ${res.body.accessToken}` },
  };
}

/** Grants a role directly in the database (tests of other features need an admin or organizer quickly). */
export async function grantRole(
  t: TestApp,
  userId: string,
  role: 'admin' | 'mentor' | 'organizer',
): Promise<void> {
  await t.db.query(`UPDATE users SET roles = array_append(roles, $2) WHERE id = $1`, [userId, role]);
}
