import { Client } from 'pg';

/** The server tests use: DATABASE_URL (npm test sets it to the embedded server when the user gave none). */
export function serverUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run the tests with `npm test`, which provides one');
  return url;
}

/** The URL of another database on the same server. */
export function databaseUrl(name: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createDatabase(name: string, template?: string): Promise<string> {
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
  return databaseUrl(name);
}

export async function dropDatabase(name: string): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/**
 * Drops test databases that runs on this machine left behind when they were killed before their
 * teardown: their names carry the process id, and that process is gone. Only on a server on this
 * machine (a shared server may hold another machine's live run with the same process ids).
 */
export async function dropLeftoverDatabases(): Promise<string[]> {
  const host = new URL(serverUrl()).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) return [];
  const client = new Client({ connectionString: serverUrl() });
  await client.connect();
  let names: string[];
  try {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'wutong\\_test\\_%'`,
    );
    names = rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
  const dead = names.filter((name) => {
    const pid = Number(/_(\d+)_[a-z0-9]+$/.exec(name)?.[1]);
    if (!pid) return false;
    try {
      process.kill(pid, 0);
      return false;
    } catch {
      return true;
    }
  });
  for (const name of dead) await dropDatabase(name);
  return dead;
}

/** A database name unique to this run and purpose. */
export function uniqueName(purpose: string): string {
  return `wutong_test_${purpose}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`.toLowerCase();
}
