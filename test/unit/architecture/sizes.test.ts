import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * Rooms of a livable size: no source file over 400 lines, no function over 80. A function is
 * measured by its own lines: a named function inside it (a method of the object a repository
 * factory returns, a helper `const`) is measured on its own, as a class's methods would be, while
 * inline callbacks count towards the function that holds them.
 */
const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 80;
const ROOT = join(__dirname, '..', '..', '..');
const SOURCE_FOLDERS = ['cdk', 'functions', 'shared', 'local', 'scripts', 'web/src'];

/** Files allowed past the file limit, each with why: typed data, not code. */
const DATA_FILES: Record<string, string> = {
  'local/seed/catalog-vocabulary.ts': 'typed data: the demo catalog vocabulary, one entry a line, no logic',
};

/**
 * Oversized code not split yet. Each entry is debt with an owner, not an exemption: the test fails
 * once an entry fits the limits, so the list only shrinks.
 */
const NOT_YET_SPLIT: Record<string, string> = {};

interface Offender {
  where: string;
  lines: number;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const files = SOURCE_FOLDERS.flatMap((folder) => sourceFiles(join(ROOT, folder))).map((path) => ({
  path: relative(ROOT, path).split('\\').join('/'),
  text: readFileSync(path, 'utf8'),
}));

function lineCount(text: string): number {
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

function isNamedFunction(node: ts.Node): boolean {
  if (
    ts.isFunctionDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isAccessor(node)
  ) {
    return true;
  }
  return (
    (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) &&
    (ts.isVariableDeclaration(node.parent) ||
      ts.isPropertyAssignment(node.parent) ||
      ts.isPropertyDeclaration(node.parent))
  );
}

function functionName(node: ts.FunctionLikeDeclaration, source: ts.SourceFile): string {
  if (node.name) return node.name.getText(source);
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent as { name?: ts.Node };
  return parent.name ? parent.name.getText(source) : '(anonymous)';
}

function longFunctions(path: string, text: string): Offender[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const line = (position: number) => source.getLineAndCharacterOfPosition(position).line;
  const span = (node: ts.Node) => line(node.getEnd()) - line(node.getStart(source)) + 1;
  const nestedNamedLines = (fn: ts.Node) => {
    let total = 0;
    const visit = (node: ts.Node) => {
      if (ts.isFunctionLike(node) && isNamedFunction(node) && (node as ts.FunctionLikeDeclaration).body) {
        total += span(node);
        return;
      }
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(fn, visit);
    return total;
  };
  const offenders: Offender[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && (node as ts.FunctionLikeDeclaration).body) {
      const fn = node as ts.FunctionLikeDeclaration;
      const own = span(fn) - nestedNamedLines(fn);
      if (own > MAX_FUNCTION_LINES) {
        offenders.push({
          where: `${path}:${line(fn.getStart(source)) + 1} ${functionName(fn, source)}`,
          lines: own,
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return offenders;
}

const longFiles = files
  .filter(({ path, text }) => !(path in DATA_FILES) && lineCount(text) > MAX_FILE_LINES)
  .map(({ path, text }) => ({ where: path, lines: lineCount(text) }));
const overlongFunctions = files.flatMap(({ path, text }) => longFunctions(path, text));
const fileOf = (offender: Offender) => offender.where.split(/[: ]/)[0] ?? offender.where;
const owed = (offender: Offender) => fileOf(offender) in NOT_YET_SPLIT;

describe('source sizes', () => {
  it(`keeps every source file within ${MAX_FILE_LINES} lines`, () => {
    expect(longFiles.filter((offender) => !owed(offender))).toEqual([]);
  });

  it(`keeps every function within ${MAX_FUNCTION_LINES} lines of its own`, () => {
    expect(overlongFunctions.filter((offender) => !owed(offender))).toEqual([]);
  });

  it('lists as not yet split only files that still break a limit', () => {
    const stillLong = new Set([...longFiles, ...overlongFunctions].map(fileOf));
    expect(Object.keys(NOT_YET_SPLIT).filter((path) => !stillLong.has(path))).toEqual([]);
  });

  it('allows only data files that exist and are long', () => {
    const byPath = new Map(files.map((file) => [file.path, file.text]));
    for (const path of Object.keys(DATA_FILES)) {
      expect(lineCount(byPath.get(path) ?? '')).toBeGreaterThan(MAX_FILE_LINES);
    }
  });

  it('measures a function by its own lines, its named helpers apart', () => {
    const body = (lines: number) =>
      Array.from({ length: lines }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const nested = `export function outer() {\n${body(10)}\n  const inner = () => {\n${body(90)}\n  };\n  return inner;\n}\n`;
    expect(longFunctions('nested.ts', nested).map((offender) => offender.where)).toEqual([
      'nested.ts:12 inner',
    ]);
    const flat = `export function flat() {\n${body(81)}\n}\n`;
    expect(longFunctions('flat.ts', flat)).toEqual([{ where: 'flat.ts:1 flat', lines: 83 }]);
  });
});
