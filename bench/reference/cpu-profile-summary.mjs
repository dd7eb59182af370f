/**
 * Sums a V8 .cpuprofile (node --cpu-prof) by function and by package: where the CPU time of a
 * benchmarked process goes. Usage: node bench/reference/cpu-profile-summary.mjs FILE.cpuprofile [TOP]
 */
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const fn = new Map();
const pkg = new Map();
for (const [id, us] of self) {
  const { callFrame: f } = byId.get(id);
  const where = f.url.replace(/^file:\/\//, '').replace(/.*node_modules\//, 'node_modules/');
  const key = `${f.functionName || '(anonymous)'} ${where.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
  fn.set(key, (fn.get(key) ?? 0) + us);
  const group = f.url.includes('node_modules/')
    ? f.url.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1')
    : f.url.includes('/dist/apps/api/')
      ? 'wutong api'
      : f.url.startsWith('node:')
        ? 'node core'
        : f.functionName.startsWith('(')
          ? f.functionName
          : 'other';
  pkg.set(group, (pkg.get(group) ?? 0) + us);
}
const show = (title, map, n) => {
  console.log(`\n${title}`);
  for (const [k, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n))
    console.log(`${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}`);
};
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
show('by package', pkg, 15);
show('by function (self time)', fn, top);
