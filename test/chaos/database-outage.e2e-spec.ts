/**
 * Issue #8, 5(b): PostgreSQL goes away under load, five times (a real stop and start of a private
 * server, never the shared one), then five rounds of pg_terminate_backend on the API's connections.
 * The API process must stay up, answer 503 DATABASE_UNAVAILABLE (with Retry-After) within a
 * bounded time while the database is gone, recover by itself within 10 s, and lose nothing it
 * confirmed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import {
  call,
  makeUsers,
  percentile,
  publishedEvent,
  sleep,
  startApi,
  type Answer,
  type ApiProcess,
} from '../support/api-process';

jest.setTimeout(170_000);

const CYCLES = 5;
const WORKERS = 6;
/** How long each outage lasts once the server is down. */
const OUTAGE_MS = 2500;
/** The longest a request may wait for its 503: a stopped server refuses at once; slack for a busy CI machine. */
const BOUNDED_MS = 8000;

/** The private server, driven through test/chaos/private-postgres.mjs. */
class PrivatePostgres {
  private proc!: ChildProcess;
  private lines!: AsyncIterator<string>;
  url = '';

  async start(dir: string): Promise<this> {
    this.proc = spawn(process.execPath, ['test/chaos/private-postgres.mjs', dir], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    this.lines = createInterface({ input: this.proc.stdout! })[Symbol.asyncIterator]();
    this.url = (await this.next()).url as string;
    return this;
  }

  private async next(): Promise<Record<string, unknown>> {
    const { value, done } = await this.lines.next();
    if (done) throw new Error('the private PostgreSQL process ended');
    const answer = JSON.parse(value) as Record<string, unknown>;
    if (answer.error) throw new Error(`private PostgreSQL: ${String(answer.error)}`);
    return answer;
  }

  async command(what: 'stop' | 'start'): Promise<void> {
    this.proc.stdin!.write(`${what}\n`);
    await this.next();
  }

  async close(): Promise<void> {
    if (!this.proc || this.proc.exitCode !== null) return;
    const exited = new Promise((r) => this.proc.once('exit', r));
    this.proc.stdin!.end('exit\n');
    await exited;
  }
}

/** CHAOS_TRACE=1 shows where a slow run spends its time. */
const trace = (what: string) => {
  if (process.env.CHAOS_TRACE) process.stderr.write(`${new Date().toISOString()} ${what}\n`);
};

function databaseOf(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

interface Sample {
  sentAt: number;
  answer: Answer;
}

describe('PostgreSQL restarts under load', () => {
  const pg = new PrivatePostgres();
  let api: ApiProcess | null = null;

  afterAll(async () => {
    await api?.stop();
    await pg.close();
  });

  it('answers 503 DATABASE_UNAVAILABLE during each outage, recovers by itself and loses nothing', async () => {
    await pg.start(`tmp/chaos-pg-${process.pid}`);
    const admin = new Client({ connectionString: pg.url });
    await admin.connect();
    await admin.query('CREATE DATABASE wutong_chaos');
    await admin.end();
    const url = databaseOf(pg.url, 'wutong_chaos');
    // The real process, migrating its database at start as in production.
    api = await startApi({
      DATABASE_URL: url,
      OUTBOX_POLL_MS: '200',
      MAIL_DIR: `tmp/mail/chaos-pg-${process.pid}`,
    });
    const pid = api.child.pid;
    const { eventId } = await publishedEvent(api.base, url, { capacity: 100_000, waitlistEnabled: false });
    const founders = await makeUsers(url, 6000, [], 'outage');
    trace('seeded');

    // Load: WORKERS clients registering founders one after another until told to stop.
    const samples: Sample[] = [];
    let running = true;
    let next = 0;
    const base = api.base;
    const load = Promise.all(
      Array.from({ length: WORKERS }, async () => {
        while (running) {
          const f = founders[next++ % founders.length];
          const sentAt = Date.now();
          const answer = await call(base, 'POST', `/events/${eventId}/registrations`, f.token, {}, 30_000);
          samples.push({ sentAt, answer });
          if (answer.status === 503) await sleep(50); // a client backing off a little
        }
      }),
    );

    /** Time from `since` to the first success of a request sent after it. */
    const recovery = async (since: number): Promise<number> => {
      const until = since + 15_000;
      for (;;) {
        const ok = samples.find((s) => s.sentAt >= since && s.answer.status < 300);
        if (ok) return ok.sentAt + ok.answer.ms - since;
        if (Date.now() > until) return Infinity;
        await sleep(20);
      }
    };

    const restarts: { outage503: number; recoveryMs: number }[] = [];
    const stopLoad = async () => {
      running = false;
      await load;
    };
    for (let i = 0; i < CYCLES; i++) {
      await sleep(1000);
      trace(`cycle ${i}: stop`);
      await pg.command('stop');
      const downAt = Date.now();
      await sleep(OUTAGE_MS);
      trace(`cycle ${i}: start`);
      await pg.command('start');
      trace(`cycle ${i}: started`);
      const upAt = Date.now();
      restarts.push({
        outage503: samples.filter((s) => s.sentAt >= downAt && s.sentAt < upAt && s.answer.status === 503)
          .length,
        recoveryMs: await recovery(upAt),
      });
    }

    // Killing the API's connections from the server side (failover, an admin's pg_terminate_backend).
    const terminations: { killed: number; recoveryMs: number }[] = [];
    const killer = new Client({ connectionString: pg.url });
    await killer.connect();
    for (let i = 0; i < CYCLES; i++) {
      await sleep(700);
      const { rows } = await killer.query(
        `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity
          WHERE datname = 'wutong_chaos' AND application_name = 'wutong' AND pid <> pg_backend_pid()`,
      );
      const at = Date.now();
      trace(`termination ${i}: ${rows.length}`);
      terminations.push({ killed: rows.length, recoveryMs: await recovery(at) });
    }
    await killer.end();
    await sleep(500);
    await stopLoad();

    // The same process, still serving.
    if (api.child.exitCode !== null) console.error(`the API exited:\n${api.output().slice(-6000)}`);
    const healthAfter = (await call(api.base, 'GET', '/health')).status;

    const byStatus = new Map<number, number>();
    for (const s of samples) byStatus.set(s.answer.status, (byStatus.get(s.answer.status) ?? 0) + 1);
    const unavailable = samples.filter((s) => s.answer.status === 503);
    const unexpected = samples.filter((s) => ![200, 201, 503].includes(s.answer.status));
    const badBodies = unavailable.filter(
      (s) => s.answer.body.code !== 'DATABASE_UNAVAILABLE' || !s.answer.headers.get('retry-after'),
    );
    const slowest503 = Math.max(0, ...unavailable.map((s) => s.answer.ms));

    // Nothing confirmed is lost; the seat counter agrees with the rows.
    const db = new Client({ connectionString: url });
    await db.connect();
    const confirmedRows = new Set(
      (
        await db.query<{ id: string }>(
          `SELECT id FROM registrations WHERE event_id = $1 AND status = 'confirmed'`,
          [eventId],
        )
      ).rows.map((r) => r.id),
    );
    const seats = Number(
      (await db.query(`SELECT seats_taken FROM events WHERE id = $1`, [eventId])).rows[0].seats_taken,
    );
    await db.end();
    const seen = new Set(
      samples
        .filter((s) => s.answer.status < 300 && s.answer.body.status === 'confirmed')
        .map((s) => String(s.answer.body.id)),
    );
    const lost = [...seen].filter((id) => !confirmedRows.has(id)).length;

    console.log(
      [
        'chaos (b) PostgreSQL outages under load',
        `  requests ${samples.length}: ${[...byStatus].map(([s, n]) => `${s}×${n}`).join(', ')}`,
        `  registrations confirmed (seen by clients) ${seen.size}, rows ${confirmedRows.size}, seats_taken ${seats}, lost ${lost}`,
        `  ${CYCLES} stop/start: 503s during outage ${restarts.map((r) => r.outage503).join('/')}, recovery ms ${restarts.map((r) => Math.round(r.recoveryMs)).join('/')}`,
        `  ${CYCLES} pg_terminate_backend: connections killed ${terminations.map((t) => t.killed).join('/')}, recovery ms ${terminations.map((t) => Math.round(t.recoveryMs)).join('/')}`,
        `  503 answers ${unavailable.length}, slowest ${Math.round(slowest503)} ms, p95 ${Math.round(
          percentile(
            unavailable.map((s) => s.answer.ms),
            95,
          ),
        )} ms; process restarts 0`,
      ].join('\n'),
    );
    // What the process logged for an unexpected answer (the stack of a 500), to see why.
    for (const s of unexpected.slice(0, 3)) {
      const line = api
        .output()
        .split('\n')
        .find((l) => s.answer.body.requestId && l.includes(String(s.answer.body.requestId)));
      console.error(`${s.answer.status}: ${line?.slice(0, 1500) ?? JSON.stringify(s.answer.body)}`);
    }
    expect(api.child.exitCode).toBeNull();
    expect(api.child.pid).toBe(pid);
    expect(healthAfter).toBe(200);
    for (const r of restarts) expect(r.outage503).toBeGreaterThan(0);
    expect(unexpected.map((s) => `${s.answer.status} ${JSON.stringify(s.answer.body)}`)).toEqual([]);
    expect(badBodies.map((s) => JSON.stringify(s.answer.body))).toEqual([]);
    expect(slowest503).toBeLessThan(BOUNDED_MS);
    for (const r of [...restarts, ...terminations]) expect(r.recoveryMs).toBeLessThan(10_000);
    expect(lost).toBe(0);
    expect(seats).toBe(confirmedRows.size);
  });
});
