// `npm run audit`: the production dependency tree (`npm audit --omit=dev`) must have no high or
// critical advisory. Fails when the registry cannot answer, unless `--allow-unavailable` (CI on a
// network whose registry refuses the audit endpoint): then it says so in one line and passes.
import { spawnSync } from 'node:child_process';

const allowUnavailable = process.argv.includes('--allow-unavailable');
const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' });

let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  report = { error: { summary: run.stderr.trim().split('\n').pop() || `npm audit exited ${run.status}` } };
}

if (report.error || !report.metadata) {
  const why = report.message ?? report.error?.summary ?? report.error?.code ?? 'no report';
  console.log(`npm audit --omit=dev: the registry did not answer (${why}); nothing was checked`);
  process.exit(allowUnavailable ? 0 : 2);
}

const counts = report.metadata.vulnerabilities;
const serious = Object.entries(report.vulnerabilities ?? {}).filter(([, v]) =>
  ['high', 'critical'].includes(v.severity),
);
for (const [name, v] of serious)
  console.log(
    `  ${v.severity.padEnd(8)} ${name} ${v.range} (fix: ${v.fixAvailable ? 'available' : 'none yet'})`,
  );
console.log(
  `npm audit --omit=dev: ${report.metadata.dependencies?.prod ?? '?'} packages, ` +
    `critical ${counts.critical}, high ${counts.high}, moderate ${counts.moderate}, low ${counts.low}`,
);
process.exit(serious.length ? 1 : 0);
