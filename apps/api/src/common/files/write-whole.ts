import { randomUUID } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `data` to `path` so that a reader never sees half of it: first to a hidden file beside it
 * (`.<name>.<random>.part`), then renamed over `path` in one step. Someone (or a test) watching the
 * folder of texts, mails or images sees each file whole or not at all.
 */
export async function writeWholeFile(path: string, data: string | Buffer): Promise<void> {
  const partial = join(dirname(path), `.${basename(path)}.${randomUUID()}.part`);
  try {
    await writeFile(partial, data);
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
