/**
 * API set-up for the events browser tests and screenshots: an admin (made one in the database,
 * since the test app seeds none), a carrier with its organizer, events and registrations.
 */
import { Client } from 'pg';
import { uniqueEmail } from './browser';

export const PASSWORD = 'wutong-e2e-passw0rd';

interface User {
  id: string;
  email: string;
  token: string;
}

export async function api<T>(
  base: string,
  path: string,
  init: { method?: string; body?: unknown; token?: string } = {},
): Promise<T> {
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
  const response = await fetch(`${base}/api${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * Signs up through the API and, unless `verified: false`, confirms the address with the code of the
 * verification mail (read from the app's outbox): registering and booking need a verified account.
 */
export async function signUp(
  base: string,
  displayName: string,
  prefix = 'founder',
  options: { verified?: boolean } = {},
): Promise<User> {
  const email = uniqueEmail(prefix);
  const { user, accessToken } = await api<{ user: { id: string }; accessToken: string }>(
    base,
    '/auth/signup',
    {
      body: { email, password: PASSWORD, displayName, locale: 'zh-CN' },
    },
  );
  if (options.verified !== false) await verifyByMail(base, email, accessToken);
  return { id: user.id, email, token: accessToken };
}

/** Apps started by a test on a database of their own (startBuiltApp), by their base URL. */
const ownDatabases = new Map<string, string>();

export function registerAppDatabase(base: string, databaseUrl: string): void {
  ownDatabases.set(base, databaseUrl);
}

/** The 6-digit code of the newest verification mail to this address, as the app at `base` wrote it. */
export async function mailedCode(base: string, email: string): Promise<string> {
  const client = new Client({ connectionString: ownDatabases.get(base) ?? appDatabaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ subject: string }>(
      `SELECT subject FROM outbox_messages WHERE recipient = $1 AND template = 'verifyEmail'
        ORDER BY created_at DESC LIMIT 1`,
      [email.toLowerCase()],
    );
    const code = /(\d{6})/.exec(rows[0]?.subject ?? '')?.[1];
    if (!code) throw new Error(`no verification mail to ${email}`);
    return code;
  } finally {
    await client.end();
  }
}

/** Confirms the account's address with the mailed code, as its owner would. */
export async function verifyByMail(base: string, email: string, token: string): Promise<void> {
  await api(base, '/me/email/confirm', { token, body: { code: await mailedCode(base, email) } });
}

/** The database of the app under test: WUTONG_WEB_DB on DATABASE_URL's server, or DATABASE_URL itself. */
function appDatabaseUrl(): string {
  const server = process.env.DATABASE_URL;
  if (!server) throw new Error('DATABASE_URL is not set');
  const url = new URL(server);
  if (process.env.WUTONG_WEB_DB) url.pathname = `/${process.env.WUTONG_WEB_DB}`;
  return url.toString();
}

/** Signs someone up and makes them an admin straight in the database. */
export async function createAdmin(base: string): Promise<User> {
  const admin = await signUp(base, '基地管理员', 'admin');
  const client = new Client({ connectionString: appDatabaseUrl() });
  await client.connect();
  try {
    await client.query(`UPDATE users SET roles = ARRAY['admin']::text[] WHERE id = $1`, [admin.id]);
  } finally {
    await client.end();
  }
  return admin;
}

export interface Carrier {
  id: string;
  name: string;
  organizer: User;
}

/** A new carrier (Asia/Shanghai) and an organizer of it, set up by the admin. */
export async function createCarrier(
  base: string,
  admin: User,
  name: string,
  organizerName: string,
): Promise<Carrier> {
  const org = await api<{ id: string }>(base, '/organizations', {
    token: admin.token,
    body: { name, kind: 'incubator', timeZone: 'Asia/Shanghai' },
  });
  const organizer = await signUp(base, organizerName, 'organizer');
  await api(base, `/users/${organizer.id}/roles`, { token: admin.token, body: { role: 'organizer' } });
  await api(base, `/organizations/${org.id}/members`, { token: admin.token, body: { userId: organizer.id } });
  return { id: org.id, name, organizer };
}

/** The calendar day `days` from now in Asia/Shanghai, as YYYY-MM-DD. */
export function shanghaiDay(days: number): string {
  return new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** An instant given as a Shanghai wall clock. */
export function shanghai(day: string, time: string): string {
  return new Date(`${day}T${time}:00+08:00`).toISOString();
}
