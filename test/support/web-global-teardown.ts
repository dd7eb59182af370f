import type { ChildProcess } from 'node:child_process';
import { dropDatabase } from './databases';

export default async function teardown(): Promise<void> {
  const child = (globalThis as { __wutongWebApp?: ChildProcess }).__wutongWebApp;
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  if (process.env.WUTONG_WEB_DB) await dropDatabase(process.env.WUTONG_WEB_DB);
}
