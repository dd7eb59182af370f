// The cluster and rate-limit suites need a Redis (shared sign-in limits across processes). `npm test`
// uses TEST_REDIS_URL, else the one at 127.0.0.1:6379 when it answers, else starts a private
// redis-server for the run (installing Debian's package when running as root without one).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';

function ping(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const hasServer = () => spawnSync('sh', ['-c', 'command -v redis-server'], { stdio: 'ignore' }).status === 0;

/** A Redis URL for the tests, and how to stop what was started for them. */
export async function ensureRedis() {
  if (process.env.TEST_REDIS_URL) return { url: process.env.TEST_REDIS_URL, stop: async () => {} };
  if (await ping(6379)) return { url: 'redis://127.0.0.1:6379', stop: async () => {} };
  if (!hasServer() && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log("Redis was not found: installing Debian's redis-server package for the cluster tests…");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['install', '-y', '-qq', 'redis-server'], { stdio: 'inherit', env });
  }
  if (!hasServer()) {
    console.log(
      'Redis was not found: install redis-server or set TEST_REDIS_URL; the cluster tests will fail.',
    );
    return { url: 'redis://127.0.0.1:6379', stop: async () => {} };
  }
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  for (let i = 0; i < 50 && !(await ping(port)); i++) await new Promise((r) => setTimeout(r, 100));
  console.log(`Started a private Redis for this run on port ${port}`);
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
    },
  };
}
