import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const DOCUMENTS = ['README.md', ...readdirSync(join(ROOT, 'docs')).map((name) => `docs/${name}`)].filter(
  (path) => path.endsWith('.md'),
);
/** Where code comments and cdk-nag reasons live; a design kept outside the repository is not here. */
const SOURCE_FOLDERS = ['functions', 'shared', 'cdk', 'local', 'statemachines', 'scripts', 'bench'];
const OUTSIDE_DESIGN = ['DESIGN', 'md'].join('.');

function filesUnder(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|json|md)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('the repository stands alone', () => {
  it.each(DOCUMENTS)('%s links only to files inside the repository that exist', (document) => {
    const text = readFileSync(join(ROOT, document), 'utf8');
    const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)]
      .map((match) => match[1]!.split('#')[0]!)
      .filter((target) => target !== '' && !/^[a-z]+:/.test(target));
    const broken = targets.filter((target) => {
      const path = resolve(dirname(join(ROOT, document)), target);
      return relative(ROOT, path).startsWith('..') || !existsSync(path);
    });
    expect(broken).toEqual([]);
  });

  it('cites no design document kept outside it, in code comments or cdk-nag reasons', () => {
    const citing = SOURCE_FOLDERS.flatMap(filesUnder)
      .filter((file) => readFileSync(file, 'utf8').includes(OUTSIDE_DESIGN))
      .map((file) => relative(ROOT, file));
    expect(citing).toEqual([]);
  });
});
