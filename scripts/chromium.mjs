// Browser tests drive Debian's Chromium through playwright-core (Playwright's own download cannot
// work on machines that reach only the package registries).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

export function findChromium() {
  return CANDIDATES.find((p) => p && existsSync(p)) ?? null;
}

/** Installs Debian's chromium when running as root on a Debian-like machine; otherwise says how. */
export function ensureChromium() {
  if (findChromium()) return;
  const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canApt) {
    console.log(
      'Chromium was not found: install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH; the browser tests will fail without it.',
    );
    return;
  }
  console.log("Chromium was not found: installing Debian's chromium package for the browser tests…");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  spawnSync('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-noto-cjk'], { stdio: 'inherit', env });
}
