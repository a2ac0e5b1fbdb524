import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * No import cycle in the product's source (lib/, components/, entrypoints/). Type-only imports
 * count too: a cycle of types still means two files that cannot be understood one without the
 * other. Run alone with `npx vitest run tests/unit/import-cycles.test.ts`.
 */
const ROOT = resolve(import.meta.dirname, '..', '..');
const DIRS = ['lib', 'components', 'entrypoints'];

/** Cycles not broken yet, each with who is breaking it. Remove an entry once it is gone. */
const KNOWN: string[][] = [];

const SOURCE = /\.(ts|tsx)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return SOURCE.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Every module specifier a file names: static imports and re-exports (type-only too), side-effect and dynamic imports. */
function specifiers(src: string): string[] {
  const code = src.replace(/\/\*[\s\S]*?\*\/|(^|[^:\\])\/\/[^\n]*/g, '$1');
  const out: string[] = [];
  for (const re of [
    /\b(?:import|export)\s+(?:type\s+)?(?:[\w*${}\s,]+?)\s+from\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ]) {
    for (const m of code.matchAll(re)) out.push(m[1]!);
  }
  return out;
}

/** The repository file a specifier names, or undefined for a package. */
function resolveSpecifier(from: string, spec: string): string | undefined {
  let base: string;
  if (spec.startsWith('@/') || spec.startsWith('~/')) base = join(ROOT, spec.slice(2));
  else if (spec.startsWith('.')) base = resolve(dirname(from), spec);
  else return undefined;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`${relative(ROOT, from)}: cannot resolve '${spec}'`);
}

type Graph = Map<string, string[]>;

/** The strongly connected components with more than one file, or a file that imports itself (Tarjan). */
function cycles(graph: Graph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

function productGraph(): Graph {
  const graph: Graph = new Map();
  for (const file of DIRS.flatMap((d) => sourceFiles(join(ROOT, d)))) {
    const deps = specifiers(readFileSync(file, 'utf8'))
      .map((s) => resolveSpecifier(file, s))
      .filter((p): p is string => p !== undefined && SOURCE.test(p));
    graph.set(relative(ROOT, file), [...new Set(deps.map((p) => relative(ROOT, p)))]);
  }
  return graph;
}

describe('import cycles', () => {
  it('the finder finds cycles of every length, and only cycles', () => {
    const g: Graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', ['e']],
      ['e', []],
      ['f', ['f']],
      ['g', ['h']],
      ['h', ['g', 'e']],
    ]);
    expect(cycles(g).sort()).toEqual([['a', 'b', 'c'], ['f'], ['g', 'h']]);
    expect(
      cycles(
        new Map([
          ['x', ['y']],
          ['y', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('reads every kind of import, and ignores commented-out ones', () => {
    const src = [
      "import { a } from './a';",
      "import type { B } from '@/lib/b';",
      "import {\n  c,\n  type C,\n} from '../c';",
      "export { d } from './d';",
      "export * from './e';",
      "import './f';",
      "const g = await import('./g');",
      "// import { h } from './h';",
      "/* import { i } from './i'; */",
      "import x, * as y from 'preact';",
    ].join('\n');
    expect(specifiers(src)).toEqual(['./a', '@/lib/b', '../c', './d', './e', 'preact', './f', './g']);
  });

  it('none in lib/, components/ or entrypoints/ but the known ones, and each known one still exists', () => {
    const graph = productGraph();
    // The walk really read the product: every folder, and the imports between them.
    expect(graph.size).toBeGreaterThan(40);
    expect(graph.get('entrypoints/background.ts')).toContain('lib/db/schema.ts');
    const found = cycles(graph).map((c) => c.join(' ↔ '));
    expect(found.sort()).toEqual(KNOWN.map((c) => [...c].sort().join(' ↔ ')).sort());
  });
});
