/**
 * The repository stands on its own: every document a file names exists in it (a comment that
 * names a design file the repository does not have sends a reader nowhere), and nothing points
 * outside it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '../..');
const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.(ts|tsx|mjs|cjs|js|md|json|ya?ml|sh)$|Dockerfile$|^\.ci\//.test(f))
  .filter(
    (f) => !/^(node_modules|dist|tmp|\.nx)\//.test(f) && !f.includes('/dist/') && existsSync(join(ROOT, f)),
  );

describe('documents the repository names', () => {
  it('exist in the repository', () => {
    const missing: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const [, name] of text.matchAll(/(?<![\w/.-])((?:[\w.-]+\/)*[\w-]+\.md)\b/g)) {
        if (/^(CHANGELOG|LICENSE|node_modules)/.test(name)) continue;
        // In code, `screens.md` is Ant Design's breakpoint: there a document is a path or a capitalised name.
        if (/\.(ts|tsx|mjs|cjs|js)$/.test(file) && !/\/|^[A-Z]/.test(name)) continue;
        const candidates = [join(ROOT, dirname(file), name), join(ROOT, name), join(ROOT, 'docs', name)];
        if (!candidates.some((c) => existsSync(c))) missing.push(`${file} names ${name}`);
      }
    }
    expect([...new Set(missing)]).toEqual([]);
  });

  it('point at nothing outside the repository', () => {
    // The brief the project was started from lives beside it, in a shared design folder.
    const outside = files.filter((f) =>
      /\.\.\/shared\/(design|hooks)\b/.test(readFileSync(join(ROOT, f), 'utf8')),
    );
    expect(outside).toEqual([]);
  });
});
