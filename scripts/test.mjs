// `npm test`: lint, build and type checks, then every Jest suite (unit, API end-to-end against a real
// PostgreSQL, browser tests in Chromium), then the date-dependent suites again with every clock moved
// to instants chosen to hurt (scripts/faked-clock.mjs, docs/testing.md). Ends with one line
// `N passed, N failed` (checks + tests of every run). Without DATABASE_URL it starts the embedded
// PostgreSQL for the run and removes it afterwards. `WUTONG_CLOCK_RUNS=off` skips the faked-clock
// runs (a quick local run; CI never sets it).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import pg from 'pg';
import { findChromium, ensureChromium } from './chromium.mjs';
import { startEmbeddedPostgres } from './embedded-postgres.mjs';
import { CLOCK_RUNS, ensureFaketime, runAt } from './faked-clock.mjs';
import { ensureRedis } from './redis.mjs';

const started = Date.now();
const results = [];
const env = { ...process.env, TZ: 'UTC', NX_NO_CLOUD: 'true', NX_DAEMON: 'false', FORCE_COLOR: '0' };

function record(name, ok, since) {
  const seconds = (Date.now() - since) / 1000;
  results.push({ name, ok, seconds });
  console.log(`${ok ? '✔' : '✘'} ${name} (${seconds.toFixed(1)} s)`);
  return ok;
}

/**
 * Runs a command to its end without blocking this process: the embedded PostgreSQL started here
 * writes its log through a pipe this process must keep reading, or the server stalls on a full pipe.
 */
function run(command, args, runEnv = env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env: runEnv });
    child.on('error', () => resolve(1));
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function step(name, command, args) {
  const t = Date.now();
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
  return record(name, (await run(command, args)) === 0, t);
}

/** Passed and failed tests of a Jest JSON report; a missing report is one failure. */
function jestCounts(file) {
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const jest = JSON.parse(readFileSync(file, 'utf8'));
  if (jest.numPendingTests > 0)
    console.log(`${jest.numPendingTests} test(s) skipped or pending in ${file}: that is a defect here`);
  return {
    passed: jest.numPassedTests,
    failed: jest.numFailedTests + jest.numRuntimeErrorTestSuites + jest.numPendingTests + jest.numTodoTests,
  };
}

/** Test databases on the server whose creating process has exited: a run that forgot to drop them. */
async function leftoverDatabases(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT datname FROM pg_database WHERE datname LIKE 'wutong\\_test\\_%'`,
    );
    return rows
      .map((r) => r.datname)
      .filter((name) => {
        const pid = Number(/_(\d+)_[a-z0-9]+$/.exec(name)?.[1]);
        if (!pid) return false;
        try {
          process.kill(pid, 0);
          return false;
        } catch {
          return true;
        }
      });
  } finally {
    await client.end();
  }
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
const clockRuns = env.WUTONG_CLOCK_RUNS !== 'off';
if (clockRuns) ensureFaketime();

let passed = 0;
let failed = 0;
try {
  await step('lint', 'npm', ['run', 'lint', '--silent']);
  const built = await step('build', 'npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=static']);
  await step('typecheck', 'npx', ['nx', 'run-many', '-t', 'typecheck', '--outputStyle=static']);
  mkdirSync('tmp', { recursive: true });
  rmSync('tmp/jest-results.json', { force: true });
  const jestArgs = ['jest', '--json', '--outputFile=tmp/jest-results.json', ...process.argv.slice(2)];
  if (!built) jestArgs.push('--selectProjects', 'unit', 'api');
  await step('jest', 'npx', jestArgs);
  const main = jestCounts('tmp/jest-results.json');
  passed += main.passed;
  failed += main.failed;

  // Every test database the run made is gone again (templates included).
  const t = Date.now();
  const left = await leftoverDatabases(env.DATABASE_URL);
  if (left.length > 0) console.log(`Test databases left behind: ${left.join(', ')}`);
  record('databases dropped', left.length === 0, t);

  // The date-dependent suites again, at each chosen instant, every clock moved together.
  if (clockRuns && built) {
    for (const clockRun of CLOCK_RUNS) {
      const t0 = Date.now();
      const report = `tmp/jest-${clockRun.name}.json`;
      rmSync(report, { force: true });
      console.log(`\n▶ at ${clockRun.at} (${clockRun.name}): ${clockRun.why}`);
      const clockEnv = { ...env };
      delete clockEnv.DATABASE_URL; // a PostgreSQL inside the faked run, on the faked clock
      const args = [
        clockRun.name,
        '--json',
        `--outputFile=${report}`,
        '--selectProjects',
        ...clockRun.projects,
      ];
      if (clockRun.files) args.push('--runTestsByPath', ...clockRun.files);
      await runAt(clockRun.at, 'scripts/test-at-instant.mjs', args, clockEnv);
      const counts = jestCounts(report);
      passed += counts.passed;
      failed += counts.failed;
      console.log(
        `${counts.failed === 0 ? '✔' : '✘'} at ${clockRun.name}: ${counts.passed} passed, ${counts.failed} failed (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
      );
      results.push({
        name: `at ${clockRun.name}`,
        ok: counts.failed === 0,
        seconds: (Date.now() - t0) / 1000,
        tests: true,
      });
    }
  }
  for (const r of results.filter((r) => r.name !== 'jest' && !r.tests)) {
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
