// `npm test`: lint, build and type checks, then every Jest suite (unit, API end-to-end against a real
// PostgreSQL, browser tests in Chromium). Ends with one line `N passed, N failed` (checks + tests).
// Without DATABASE_URL it starts the embedded PostgreSQL for the run and removes it afterwards.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { findChromium, ensureChromium } from './chromium.mjs';
import { startEmbeddedPostgres } from './embedded-postgres.mjs';
import { ensureRedis } from './redis.mjs';

const started = Date.now();
const results = [];
const env = { ...process.env, TZ: 'UTC', NX_NO_CLOUD: 'true', NX_DAEMON: 'false', FORCE_COLOR: '0' };

function step(name, command, args) {
  const t = Date.now();
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { stdio: 'inherit', env });
  const ok = r.status === 0;
  results.push({ name, ok, seconds: (Date.now() - t) / 1000 });
  console.log(`${ok ? '✔' : '✘'} ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  return ok;
}

let embedded = null;
if (!env.DATABASE_URL) {
  console.log('DATABASE_URL is not set: starting the embedded PostgreSQL for this run (.data/test-pg)');
  embedded = await startEmbeddedPostgres({ dir: '.data/test-pg', fresh: true });
  env.DATABASE_URL = embedded.url;
}
const redis = await ensureRedis();
env.TEST_REDIS_URL = redis.url;
if (!findChromium()) ensureChromium();
if (findChromium()) env.CHROMIUM_PATH = findChromium();

let passed = 0;
let failed = 0;
try {
  step('lint', 'npm', ['run', 'lint', '--silent']);
  const built = step('build', 'npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=static']);
  step('typecheck', 'npx', ['nx', 'run-many', '-t', 'typecheck', '--outputStyle=static']);
  mkdirSync('tmp', { recursive: true });
  const jestArgs = ['jest', '--json', '--outputFile=tmp/jest-results.json', ...process.argv.slice(2)];
  if (!built) jestArgs.push('--selectProjects', 'unit', 'api');
  step('jest', 'npx', jestArgs);
  if (existsSync('tmp/jest-results.json')) {
    const jest = JSON.parse(readFileSync('tmp/jest-results.json', 'utf8'));
    passed += jest.numPassedTests;
    failed += jest.numFailedTests + jest.numRuntimeErrorTestSuites;
    if (jest.numPendingTests > 0)
      console.log(`${jest.numPendingTests} test(s) skipped or pending: that is a defect here`);
    failed += jest.numPendingTests + jest.numTodoTests;
  } else {
    failed += 1;
  }
  for (const r of results.filter((r) => r.name !== 'jest')) {
    if (r.ok) passed++;
    else failed++;
  }
} finally {
  await redis.stop();
  if (embedded) {
    await embedded.stop();
    rmSync('.data/test-pg', { recursive: true, force: true });
  }
}

console.log(
  `\nChecks: ${results.map((r) => `${r.name} ${r.ok ? 'ok' : 'FAILED'} ${r.seconds.toFixed(1)} s`).join(', ')}`,
);
console.log(`Total time ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && results.every((r) => r.ok) ? 0 : 1);
