// Sizes of the built web app (dist/apps/web): what index.html loads before any route chunk (its entry
// script, modulepreloads and stylesheets) and the lazy chunks, raw and gzip (zlib level 9).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const GZIP_LEVEL = 9;

function sizeOf(dir, file) {
  const body = readFileSync(join(dir, file));
  return { file, raw: body.length, gzip: gzipSync(body, { level: GZIP_LEVEL }).length };
}

/** { initialJs, initialCss, lazyJs, lazyCss }: lists of { file, raw, gzip }, largest first. */
export function measureBuild(dir) {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const refs = (re) => [...html.matchAll(re)].map((m) => m[1].replace(/^\//, ''));
  const js = [
    ...refs(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...refs(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ];
  const css = refs(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g);
  const initial = new Set([...js, ...css]);
  const assets = readdirSync(join(dir, 'assets'))
    .map((f) => `assets/${f}`)
    .filter((f) => statSync(join(dir, f)).isFile());
  const bySize = (a, b) => b.gzip - a.gzip;
  const list = (files) => files.map((f) => sizeOf(dir, f)).sort(bySize);
  return {
    initialJs: list([...new Set(js)]),
    initialCss: list([...new Set(css)]),
    lazyJs: list(assets.filter((f) => f.endsWith('.js') && !initial.has(f))),
    lazyCss: list(assets.filter((f) => f.endsWith('.css') && !initial.has(f))),
  };
}

export const total = (list) =>
  list.reduce((s, x) => ({ raw: s.raw + x.raw, gzip: s.gzip + x.gzip }), { raw: 0, gzip: 0 });
export const kb = (n) => (n / 1024).toFixed(1);

if (import.meta.url === `file://${process.argv[1]}`) {
  const m = measureBuild(process.argv[2] ?? 'dist/apps/web');
  for (const [k, v] of Object.entries(m)) {
    const t = total(v);
    console.log(k, v.length, 'files', kb(t.raw), 'KB raw', kb(t.gzip), 'KB gzip');
    for (const x of v.slice(0, k.startsWith('initial') ? 40 : 8))
      console.log('   ', x.file, kb(x.raw), kb(x.gzip));
  }
}
