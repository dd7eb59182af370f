// After `vite build`: a Brotli (.br) and a gzip (.gz) copy beside every text asset of the web app,
// so the API serves them as they are (@fastify/static `preCompressed`) instead of compressing each
// response, or sending 1.2 MB uncompressed to a phone on a slow network.
// Usage: node scripts/compress-web.mjs [dist folder, default dist/apps/web]
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = process.argv[2] ?? 'dist/apps/web';
const TEXT = /\.(?:js|mjs|css|html|svg|json|txt|map|webmanifest)$/;
// Below this a compressed copy saves less than a packet.
const MIN_BYTES = 1024;

const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (TEXT.test(name) && statSync(path).size >= MIN_BYTES) files.push(path);
  }
};
walk(root);

let before = 0;
let brotli = 0;
let gzip = 0;
for (const [i, path] of files.entries()) {
  const data = readFileSync(path);
  const br = brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
  const gz = gzipSync(data, { level: 9 });
  writeFileSync(`${path}.br`, br);
  writeFileSync(`${path}.gz`, gz);
  before += data.length;
  brotli += br.length;
  gzip += gz.length;
  if (process.stdout.isTTY)
    process.stdout.write(`\r  compressing ${i + 1}/${files.length} ${relative(root, path)}`.padEnd(90));
}
if (process.stdout.isTTY) process.stdout.write('\r'.padEnd(91) + '\r');
const kb = (n) => `${(n / 1024).toLocaleString('en', { maximumFractionDigits: 1 })} KB`;
console.log(
  `compressed ${files.length} web files: ${kb(before)} → ${kb(brotli)} brotli, ${kb(gzip)} gzip (${root})`,
);
