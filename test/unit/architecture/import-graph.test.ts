import { join } from 'node:path';
import { cyclesOf, type ImportEdge, importGraph, importsOf } from './import-graph';

const repoRoot = join(__dirname, '..', '..', '..');
const graph = importGraph(repoRoot, ['cdk', 'functions', 'shared', 'local']);

const layerOf = (file: string) => file.split('/')[0];
const crossing = (from: string[], to: string[]) => (edge: ImportEdge) =>
  from.includes(layerOf(edge.from)!) && to.includes(layerOf(edge.to)!);
const described = (edges: ImportEdge[]) => edges.map((edge) => `${edge.from} → ${edge.to} (${edge.kind})`);

describe('the import graph of cdk/, functions/, shared/ and local/', () => {
  it('is read from the repository (the rules below have something to check)', () => {
    const layers = new Set(graph.map((edge) => layerOf(edge.from)));
    expect([...layers].sort()).toEqual(['cdk', 'functions', 'local', 'shared']);
    expect(graph).toContainEqual({
      from: 'cdk/constructs/manifest-wiring.ts',
      to: 'shared/manifests/types.ts',
      kind: 'type',
    });
  });

  it('has shared/ import nothing from a service, not even a type', () => {
    expect(described(graph.filter(crossing(['shared'], ['functions'])))).toEqual([]);
  });

  it('has no handler or shared code import the local runtime', () => {
    expect(described(graph.filter(crossing(['functions', 'shared'], ['local'])))).toEqual([]);
  });

  it('has the CDK app imported by neither the services nor shared/', () => {
    expect(described(graph.filter(crossing(['functions', 'shared'], ['cdk'])))).toEqual([]);
  });

  it('has the platform manifest read only by the runtimes and the OpenAPI handler, never by a service or shared/', () => {
    // The OpenAPI document describes every route, so its handler reads them all; it is a
    // handler of no service's domain, and builds the document from the routes the runtimes wire.
    const allowed = new Set(['functions/platform/handlers/openapi.ts']);
    const readers = graph.filter((edge) => edge.to === 'functions/manifest.ts').map((edge) => edge.from);
    expect(
      readers.filter((reader) => !['cdk', 'local'].includes(layerOf(reader)!) && !allowed.has(reader)),
    ).toEqual([]);
  });

  it('has no cycle of runtime imports between files', () => {
    expect(cyclesOf(graph.filter((edge) => edge.kind === 'runtime'))).toEqual([]);
  });
});

describe('the import graph of the storefront (web/)', () => {
  const storefront = importGraph(repoRoot, ['web']);

  it('is read from the repository (the rules below have something to check)', () => {
    expect(storefront).toContainEqual({ from: 'web/src/app.tsx', to: 'web/src/router.tsx', kind: 'runtime' });
  });

  it('imports nothing from outside web/: the API is reached only through the client generated from OpenAPI', () => {
    expect(described(storefront.filter((edge) => !edge.to.startsWith('web/')))).toEqual([]);
  });

  it('has no cycle of runtime imports between files', () => {
    expect(cyclesOf(storefront.filter((edge) => edge.kind === 'runtime'))).toEqual([]);
  });
});

describe('reading imports', () => {
  it('tells type-only imports and exports from those that load the module', () => {
    const source = [
      "import type { A } from './type-only';",
      "import { type B, type C } from './all-type-bindings';",
      "import { type D, e } from './one-value-binding';",
      "import f from './default';",
      "import * as g from './namespace';",
      "import './side-effect';",
      "export type { H } from './type-export';",
      "export * from './star-export';",
      "export { type I } from './type-binding-export';",
      "type J = import('./import-type').J;",
      "const lazy = async () => import('./dynamic');",
      "const k = require('./top-level-require');",
      "import { l } from 'a-package';",
    ].join('\n');
    expect(importsOf('example.ts', source)).toEqual([
      { specifier: './type-only', kind: 'type' },
      { specifier: './all-type-bindings', kind: 'type' },
      { specifier: './one-value-binding', kind: 'runtime' },
      { specifier: './default', kind: 'runtime' },
      { specifier: './namespace', kind: 'runtime' },
      { specifier: './side-effect', kind: 'runtime' },
      { specifier: './type-export', kind: 'type' },
      { specifier: './star-export', kind: 'runtime' },
      { specifier: './type-binding-export', kind: 'type' },
      { specifier: 'a-package', kind: 'runtime' },
      { specifier: './import-type', kind: 'type' },
      { specifier: './dynamic', kind: 'lazy' },
      { specifier: './top-level-require', kind: 'runtime' },
    ]);
  });
});

describe('finding cycles', () => {
  const edge = (from: string, to: string): ImportEdge => ({ from, to, kind: 'runtime' });

  it('finds a cycle through three files and a file importing itself, and nothing in a chain', () => {
    const cycles = cyclesOf([
      edge('a.ts', 'b.ts'),
      edge('b.ts', 'c.ts'),
      edge('c.ts', 'a.ts'),
      edge('c.ts', 'd.ts'),
      edge('d.ts', 'e.ts'),
      edge('f.ts', 'f.ts'),
    ]);
    expect(cycles).toEqual(expect.arrayContaining([['a.ts', 'b.ts', 'c.ts'], ['f.ts']]));
    expect(cycles).toHaveLength(2);
  });
});
