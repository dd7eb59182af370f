// One run of Jest inside a faked clock (scripts/faked-clock.mjs starts this under `faketime`):
// starts a private embedded PostgreSQL in the faked process tree, so the database's now() is the
// same faked time as Node's, runs Jest with the given arguments against it, and stops it.
// Usage: node scripts/test-at-instant.mjs <name> <jest args…>
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { startEmbeddedPostgres } from './embedded-postgres.mjs';

const [name, ...jestArgs] = process.argv.slice(2);
const dir = `.data/test-pg-${name}`;
console.log(`\n⏱  ${name}: the clock reads ${new Date().toISOString()} (TZ=${process.env.TZ})`);
const pg = await startEmbeddedPostgres({ dir, fresh: true });
let status = 1;
try {
  const env = { ...process.env, DATABASE_URL: pg.url };
  // Not spawnSync: this process must keep reading the embedded server's log pipe meanwhile.
  status = await new Promise((resolve) => {
    const child = spawn('npx', ['jest', ...jestArgs], { stdio: 'inherit', env });
    child.on('error', () => resolve(1));
    child.on('exit', (code) => resolve(code ?? 1));
  });
} finally {
  await pg.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(status);
