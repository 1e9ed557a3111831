import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/**
 * How one module depends on another. `type` imports vanish when TypeScript compiles, so they
 * never load a module and cannot close a runtime cycle; `lazy` ones (`import()`, `require`
 * inside a function) load only when called, after every module has finished loading.
 */
export type ImportKind = 'runtime' | 'type' | 'lazy';

export interface ImportEdge {
  from: string;
  to: string;
  kind: ImportKind;
}

export interface ImportSpecifier {
  specifier: string;
  kind: ImportKind;
}

/** The module specifiers a source file names, each with how it is imported. */
export function importsOf(fileName: string, source: string): ImportSpecifier[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false);
  const found: ImportSpecifier[] = [];
  const add = (node: ts.Expression | undefined, kind: ImportKind) => {
    if (node && ts.isStringLiteralLike(node)) found.push({ specifier: node.text, kind });
  };
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) {
      add(statement.moduleSpecifier, isTypeOnlyImport(statement.importClause) ? 'type' : 'runtime');
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier) {
      add(statement.moduleSpecifier, isTypeOnlyExport(statement) ? 'type' : 'runtime');
    } else if (
      ts.isImportEqualsDeclaration(statement) &&
      ts.isExternalModuleReference(statement.moduleReference)
    ) {
      add(statement.moduleReference.expression, statement.isTypeOnly ? 'type' : 'runtime');
    }
  }
  const visit = (node: ts.Node, depth: number): void => {
    if (ts.isCallExpression(node)) {
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      // A require at module level loads at once, like a static import.
      if (isImport) add(node.arguments[0], 'lazy');
      else if (isRequire) add(node.arguments[0], depth === 0 ? 'runtime' : 'lazy');
    }
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal as ts.Expression, 'type');
    }
    const inner = ts.isFunctionLike(node) ? depth + 1 : depth;
    ts.forEachChild(node, (child) => visit(child, inner));
  };
  visit(file, 0);
  return found;
}

function isTypeOnlyImport(clause: ts.ImportClause | undefined): boolean {
  if (!clause) return false; // `import './x'` runs the module
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  if (!bindings || ts.isNamespaceImport(bindings)) return false;
  return bindings.elements.length > 0 && bindings.elements.every((element) => element.isTypeOnly);
}

function isTypeOnlyExport(declaration: ts.ExportDeclaration): boolean {
  if (declaration.isTypeOnly) return true;
  const clause = declaration.exportClause;
  if (!clause || !ts.isNamedExports(clause)) return false;
  return clause.elements.length > 0 && clause.elements.every((element) => element.isTypeOnly);
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json'];

/** The repository file a relative specifier names, or undefined for a package. */
function resolveRelative(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(fromFile), specifier);
  const candidates = [
    base,
    ...SOURCE_EXTENSIONS.map((extension) => base + extension),
    ...SOURCE_EXTENSIONS.map((extension) => join(base, `index${extension}`)),
  ];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

function sourceFilesUnder(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFilesUnder(path);
    return /\.(m|c)?tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every import between the repository's own files under `roots`, as repo-relative posix paths. */
export function importGraph(repoRoot: string, roots: string[]): ImportEdge[] {
  const edges: ImportEdge[] = [];
  const posix = (path: string) => relative(repoRoot, path).split(sep).join('/');
  for (const root of roots) {
    for (const file of sourceFilesUnder(join(repoRoot, root))) {
      for (const { specifier, kind } of importsOf(file, readFileSync(file, 'utf8'))) {
        const target = resolveRelative(file, specifier);
        if (target) edges.push({ from: posix(file), to: posix(target), kind });
      }
    }
  }
  return edges;
}

/** The cycles among the edges: each strongly connected component of two or more files, or a file importing itself. */
export function cyclesOf(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) next.set(from, [...(next.get(from) ?? []), to]);
  // Tarjan's algorithm, iterative so a deep graph cannot overflow the stack.
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;
  for (const start of next.keys()) {
    if (index.has(start)) continue;
    const work: Array<{ node: string; child: number }> = [{ node: start, child: 0 }];
    index.set(start, counter);
    lowLink.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const children = next.get(frame.node) ?? [];
      if (frame.child < children.length) {
        const child = children[frame.child++]!;
        if (!index.has(child)) {
          index.set(child, counter);
          lowLink.set(child, counter++);
          stack.push(child);
          onStack.add(child);
          work.push({ node: child, child: 0 });
        } else if (onStack.has(child)) {
          lowLink.set(frame.node, Math.min(lowLink.get(frame.node)!, index.get(child)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) lowLink.set(parent.node, Math.min(lowLink.get(parent.node)!, lowLink.get(frame.node)!));
      if (lowLink.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      const selfLoop = children.includes(frame.node);
      if (component.length > 1 || selfLoop) cycles.push(component.sort());
    }
  }
  return cycles;
}
