import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeWholeFile } from './write-whole';

describe('writeWholeFile', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'wutong-write-whole-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('never shows a reader of the folder half a file, and leaves nothing else behind', async () => {
    // Large enough to be written in many chunks, each one a turn of the event loop for the reader.
    const data = Buffer.alloc(32 * 1024 * 1024, 7);
    const path = join(dir, 'text.json');
    const sizesSeen = new Set<number>();
    let writing = true;
    const reader = (async () => {
      while (writing) {
        if (readdirSync(dir).includes('text.json')) sizesSeen.add(statSync(path).size);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await writeWholeFile(path, data);
    writing = false;
    await reader;
    sizesSeen.add(statSync(path).size);
    expect([...sizesSeen]).toEqual([data.length]);
    expect(readdirSync(dir)).toEqual(['text.json']);
  });

  it('replaces an older file of the same name whole', async () => {
    const path = join(dir, 'mail.eml');
    await writeWholeFile(path, 'first');
    await writeWholeFile(path, 'second, longer');
    expect(statSync(path).size).toBe('second, longer'.length);
    expect(readdirSync(dir)).toEqual(['mail.eml']);
  });

  it('fails without leaving a partial file when the target cannot be written', async () => {
    // A folder of that name: the partial file is written, the rename over the folder is refused.
    const path = join(dir, 'taken');
    mkdirSync(join(path, 'inside'), { recursive: true });
    await expect(writeWholeFile(path, 'x')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
  });
});
