// `npm start`: builds Wutong, then serves the API and the web app on one port (PORT, default 3000).
// Without DATABASE_URL it runs an embedded PostgreSQL (data in .data/pg) and loads the demo base.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres.mjs';

const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' };
const log = (line) => console.log(`[wutong] ${line}`);

if (process.argv.includes('--no-build') === false) {
  log('building (nx run-many -t build)…');
  const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=static'], {
    stdio: 'inherit',
    env,
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

let embedded = null;
if (!env.DATABASE_URL) {
  mkdirSync('.data', { recursive: true });
  log('DATABASE_URL is not set: starting the embedded PostgreSQL (data in .data/pg)…');
  embedded = await startEmbeddedPostgres({ dir: '.data/pg' });
  const client = new pg.Client({ connectionString: embedded.url });
  await client.connect();
  const exists = await client.query(`SELECT 1 FROM pg_database WHERE datname = 'wutong'`);
  if (exists.rowCount === 0) await client.query('CREATE DATABASE wutong');
  await client.end();
  env.DATABASE_URL = embedded.url.replace(/\/postgres$/, '/wutong');
  env.WUTONG_DEMO ??= '1';
  // A quiet console for the quick start: warnings and errors only (set LOG_LEVEL=info for request logs).
  env.LOG_LEVEL ??= 'warn';
  // A secret kept across restarts, so signed-in browsers stay signed in.
  const secretFile = '.data/jwt-secret';
  if (!existsSync(secretFile))
    writeFileSync(secretFile, randomBytes(48).toString('base64url'), { mode: 0o600 });
  env.JWT_SECRET ??= readFileSync(secretFile, 'utf8').trim();
}

const port = env.PORT ?? '3000';
// Node options as in production (docs/operations.md, "Node options").
const api = spawn(process.execPath, ['--max-semi-space-size=64', 'dist/apps/api/main.js'], {
  stdio: 'inherit',
  env,
});

async function waitUntilReady() {
  const until = Date.now() + 60_000;
  while (Date.now() < until && api.exitCode === null) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

if (await waitUntilReady()) {
  log(`Wutong is running at ${env.PUBLIC_URL ?? `http://localhost:${port}`}  (API docs: /api/docs)`);
  if (env.WUTONG_DEMO === '1' && !env.HOST)
    log('with the demo base it listens on 127.0.0.1 only; set HOST=0.0.0.0 to open it to your network');
  if (env.WUTONG_DEMO === '1') {
    // In production the API gives the demo accounts a random password and prints it once (above).
    log(
      env.NODE_ENV === 'production'
        ? 'demo logins (NODE_ENV=production: the password was printed above when the demo base was loaded):'
        : 'demo logins (password wutong-demo-2026):',
    );
    log('  admin      admin@demo.wutong.cn');
    log('  organizer  organizer.innovation@demo.wutong.cn');
    log('  mentor     mentor.1@demo.wutong.cn');
    log('  founder    founder.1@demo.wutong.cn');
  }
  log('press Ctrl+C to stop');
}

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  if (api.exitCode === null) {
    api.kill(signal);
    await new Promise((r) => api.once('exit', r));
  }
  if (embedded) await embedded.stop();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
api.on('exit', (code) => {
  if (stopping) return;
  log(`the API stopped (exit ${code})`);
  void (embedded ? embedded.stop() : Promise.resolve()).then(() => process.exit(code ?? 1));
});
