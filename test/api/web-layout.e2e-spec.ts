/**
 * The web app's layout holds (docs/architecture.md, "Web app layout"): `app/` assembles the shell
 * from the features' routes; features and the `shared/` kit never import the shell; the kit never
 * imports a feature; a feature never loads another feature's routes or pages through its router.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = join(__dirname, '../../apps/web/src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every relative import of the web app, as [importing file, imported file], relative to src/. */
const imports = files(SRC).flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map(
    ([, spec]) => [relative(SRC, file), relative(SRC, resolve(dirname(file), spec))] as const,
  ),
);

describe('web app layout', () => {
  it('has the features, the kit and the shell, and sees their imports', () => {
    expect(readdirSync(SRC).sort()).toEqual(['app', 'features', 'main.tsx', 'shared']);
    expect(imports.length).toBeGreaterThan(300);
  });

  it('never imports the shell from a feature or the kit', () => {
    const wrong = imports.filter(
      ([from, to]) => !from.startsWith('app/') && from !== 'main.tsx' && to.startsWith('app/'),
    );
    expect(wrong).toEqual([]);
  });

  it('never imports a feature from the kit', () => {
    expect(imports.filter(([from, to]) => from.startsWith('shared/') && to.startsWith('features/'))).toEqual(
      [],
    );
  });

  it('gives every feature its own routes, loading only its own pages', () => {
    const feature = (path: string) => path.split('/')[1];
    const wrong = imports.filter(
      ([from, to]) =>
        from.startsWith('features/') &&
        to.startsWith('features/') &&
        feature(from) !== feature(to) &&
        (from.endsWith('/routes.tsx') || to.endsWith('/routes')),
    );
    expect(wrong).toEqual([]);
  });
});
