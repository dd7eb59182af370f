/**
 * A real streaming replica of the test server: a second PostgreSQL cluster on 127.0.0.1 (a free port,
 * a temporary data directory) cloned from the primary with `pg_basebackup -R` and fed by streaming
 * replication. Made with the server's own binaries (Debian: /usr/lib/postgresql/<major>/bin); as root
 * every binary runs as the `postgres` OS user (`runuser -u postgres --`), who owns the data directory.
 *
 * What the primary must allow: `wal_level` replica or logical and `max_wal_senders` > 0 (both need a
 * restart to change, so they are only checked: Debian's defaults are fine), and a pg_hba.conf entry
 * for replication connections from 127.0.0.1. Debian's default pg_hba.conf has one; where it is
 * missing and the file is writable here (CI runs as root), one line is appended and the primary
 * reloads its configuration (no restart). Anything else missing: `startStreamingReplica` throws an
 * error that says what and why, and the replica tests fail with it.
 */
import { execFile } from 'node:child_process';
import {
  accessSync,
  appendFileSync,
  chownSync,
  constants,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { serverUrl } from './databases';
import { freePort } from './ports';

const run = promisify(execFile);
const DIR_PREFIX = 'wutong-replica-';

export interface StreamingReplica {
  port: number;
  dataDir: string;
  /** The same database on the replica as `primaryDatabaseUrl` names on the primary. */
  urlOf(primaryDatabaseUrl: string): string;
  /** A query on the replica (maintenance database `postgres`). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Waits until the replica has replayed everything the primary has written so far. */
  caughtUp(timeoutMs?: number): Promise<void>;
  /** pg_wal_replay_pause(): WAL still arrives, nothing of it shows until `resumeReplay`. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Stops the replica's server (fast shutdown). */
  stop(): Promise<void>;
  /** Stops it if running and removes the data directory. */
  remove(): Promise<void>;
}

const isRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL binary, as the postgres OS user when this process is root. */
async function pgBinary(bin: string, args: string[]): Promise<string> {
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  try {
    // The replica keeps the real clock even in a run with a faked one (LD_PRELOAD of libfaketime).
    const { LD_PRELOAD: _preload, FAKETIME: _faketime, ...env } = process.env;
    const { stdout, stderr } = await run(cmd, argv, { timeout: 120_000, env });
    return stdout + stderr;
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${[cmd, ...argv].join(' ')} failed: ${err.stderr || err.stdout || err.message}`);
  }
}

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Replicas that runs killed before their cleanup left behind (their process id is gone). */
async function removeLeftovers(bindir: string): Promise<void> {
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(DIR_PREFIX))) {
    const pid = Number(/^wutong-replica-(\d+)-/.exec(name)?.[1]);
    if (!pid) continue;
    try {
      process.kill(pid, 0);
      continue;
    } catch {
      // gone: clean up below
    }
    const dir = join(tmpdir(), name);
    if (existsSync(join(dir, 'postmaster.pid')))
      await pgBinary(join(bindir, 'pg_ctl'), ['-D', dir, 'stop', '-m', 'immediate', '-w']).catch(
        () => undefined,
      );
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Checks (and where possible, without a restart, fixes) what the primary needs; returns its settings. */
async function preparePrimary(primary: Client): Promise<Record<string, string>> {
  const { rows } = await primary.query<{ name: string; setting: string }>(
    `SELECT name, setting FROM pg_settings
      WHERE name IN ('wal_level', 'max_wal_senders', 'server_version_num', 'hba_file', 'port', 'max_connections',
                     'max_worker_processes', 'max_prepared_transactions', 'max_locks_per_transaction')`,
  );
  const s = Object.fromEntries(rows.map((r) => [r.name, r.setting]));
  if (s.wal_level === 'minimal' || Number(s.max_wal_senders) === 0)
    throw new Error(
      `the primary has wal_level=${s.wal_level}, max_wal_senders=${s.max_wal_senders}: streaming replication ` +
        `needs wal_level=replica and max_wal_senders > 0, which take a restart of the primary to change`,
    );
  const hba = await primary.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_hba_file_rules
      WHERE error IS NULL AND type IN ('host', 'hostnossl') AND 'replication' = ANY(database)
        AND address IN ('all', '127.0.0.1', 'samehost', 'samenet')`,
  );
  if (hba.rows[0].n === 0) {
    const file = s.hba_file;
    try {
      accessSync(file, constants.W_OK);
    } catch {
      throw new Error(
        `the primary's ${file} has no replication entry and is not writable by this user: add ` +
          `"host replication postgres 127.0.0.1/32 trust" and reload the primary (SELECT pg_reload_conf())`,
      );
    }
    appendFileSync(
      file,
      `\n# Streaming replicas of the Wutong tests (test/support/replica-cluster.ts)\nhost replication postgres 127.0.0.1/32 trust\n`,
    );
    await primary.query(`SELECT pg_reload_conf()`);
    process.stdout.write(`replica-cluster: added a replication entry to ${file} and reloaded the primary\n`);
  }
  return s;
}

/** Clones the test server (DATABASE_URL) into a streaming replica and starts it. */
export async function startStreamingReplica(): Promise<StreamingReplica> {
  const primaryUrl = new URL(serverUrl());
  if (!['127.0.0.1', 'localhost'].includes(primaryUrl.hostname))
    throw new Error(
      `a streaming replica is made only of a server on this machine, not ${primaryUrl.hostname}`,
    );
  const settings = await withClient(primaryUrl.toString(), preparePrimary);
  const major = Math.floor(Number(settings.server_version_num) / 10000);
  const bindir = `/usr/lib/postgresql/${major}/bin`;
  if (!existsSync(join(bindir, 'pg_basebackup')))
    throw new Error(`no PostgreSQL ${major} binaries in ${bindir} (Debian's postgresql-${major} package)`);
  await removeLeftovers(bindir);

  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), `${DIR_PREFIX}${process.pid}-`));
  const owner = isRoot()
    ? await Promise.all(
        ['-u', '-g'].map(async (f) => Number((await run('id', [f, 'postgres'])).stdout.trim())),
      )
    : null;
  if (owner) chownSync(dataDir, owner[0], owner[1]);
  let started = false;
  const pgCtl = (args: string[]) => pgBinary(join(bindir, 'pg_ctl'), ['-D', dataDir, ...args]);
  const remove = async () => {
    if (started || existsSync(join(dataDir, 'postmaster.pid')))
      await pgCtl(['stop', '-m', 'fast', '-w']).catch(() => undefined);
    started = false;
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    // -R writes standby.signal and primary_conninfo; -X stream copies the WAL made during the copy.
    // Tried three times: on a shared server another run may terminate backends meanwhile (seen
    // once: "terminating connection due to administrator command"), the copy's WAL sender included.
    for (let attempt = 1; ; attempt++) {
      try {
        await pgBinary(join(bindir, 'pg_basebackup'), [
          '-h',
          primaryUrl.hostname,
          '-p',
          settings.port,
          '-U',
          decodeURIComponent(primaryUrl.username || 'postgres'),
          '-D',
          dataDir,
          '-R',
          '-X',
          'stream',
          '-c',
          'fast',
          '--no-sync',
        ]);
        break;
      } catch (e) {
        if (attempt === 3) throw e;
        for (const entry of readdirSync(dataDir))
          rmSync(join(dataDir, entry), { recursive: true, force: true });
      }
    }
    // Debian keeps postgresql.conf and pg_hba.conf in /etc, outside the data directory the backup
    // copied: the replica gets its own. A hot standby needs these limits at least as high as the primary's.
    const conf = [
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${dataDir}'`,
      `hot_standby = on`,
      `shared_buffers = '32MB'`,
      `fsync = off`,
      `ssl = off`,
      ...[
        'max_connections',
        'max_worker_processes',
        'max_prepared_transactions',
        'max_locks_per_transaction',
        'max_wal_senders',
      ].map((name) => `${name} = ${settings[name]}`),
    ];
    for (const [file, text] of [
      ['postgresql.conf', conf.join('\n') + '\n'],
      ['pg_hba.conf', 'local all all trust\nhost all all 127.0.0.1/32 trust\n'],
      ['pg_ident.conf', ''],
    ] as const) {
      writeFileSync(join(dataDir, file), text);
      if (owner) chownSync(join(dataDir, file), owner[0], owner[1]);
    }
    await pgCtl(['-l', join(dataDir, 'server.log'), '-w', '-t', '60', 'start']);
    started = true;
  } catch (e) {
    const log = existsSync(join(dataDir, 'server.log'))
      ? readFileSync(join(dataDir, 'server.log'), 'utf8').slice(-2000)
      : '';
    await remove();
    throw new Error(
      `could not make a streaming replica: ${(e as Error).message}${log ? `\nreplica log:\n${log}` : ''}`,
    );
  }

  const replicaUrl = (db: string) => {
    const u = new URL(primaryUrl.toString());
    u.port = String(port);
    u.pathname = `/${db}`;
    return u.toString();
  };
  const query = <T>(sql: string, params: unknown[] = []) =>
    withClient(replicaUrl('postgres'), async (c) => (await c.query(sql, params)).rows as T[]);

  const replica: StreamingReplica = {
    port,
    dataDir,
    urlOf: (primaryDatabaseUrl) => replicaUrl(new URL(primaryDatabaseUrl).pathname.slice(1)),
    query,
    async caughtUp(timeoutMs = 30_000) {
      const [{ lsn }] = await withClient(
        primaryUrl.toString(),
        async (c) => (await c.query<{ lsn: string }>(`SELECT pg_current_wal_lsn()::text AS lsn`)).rows,
      );
      const until = Date.now() + timeoutMs;
      for (;;) {
        const [{ done }] = await query<{ done: boolean }>(
          `SELECT coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) AS done`,
          [lsn],
        );
        if (done) return;
        if (Date.now() > until)
          throw new Error(`the replica did not replay up to ${lsn} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async pauseReplay() {
      await query(`SELECT pg_wal_replay_pause()`);
      // Paused for real once the startup process has seen the request.
      for (;;) {
        const [{ state }] = await query<{ state: string }>(`SELECT pg_get_wal_replay_pause_state() AS state`);
        if (state === 'paused') return;
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async resumeReplay() {
      await query(`SELECT pg_wal_replay_resume()`);
    },
    async stop() {
      await pgCtl(['stop', '-m', 'fast', '-w']);
      started = false;
    },
    remove,
  };
  // Streaming, not only restored from the backup: the primary sees the replica's WAL receiver.
  const until = Date.now() + 30_000;
  for (;;) {
    const [r] = await query<{ status: string | null }>(`SELECT status FROM pg_stat_wal_receiver`);
    if (r?.status === 'streaming') break;
    if (Date.now() > until) {
      await remove();
      throw new Error(
        `the replica started but is not streaming from the primary (${r?.status ?? 'no WAL receiver'})`,
      );
    }
    await new Promise((res) => setTimeout(res, 100));
  }
  return replica;
}
