import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { expect, test } from 'vitest';

// STYLE.md's dependency rule, enforced: src/domain is pure (imports only itself and pure packages);
// nothing but src/env.ts reads process.env. Biome's noRestrictedImports guards package imports of
// the domain; this test also catches relative imports that climb out of a folder.

const root = resolve(import.meta.dirname, '..');
const src = join(root, 'src');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

const PURE_PACKAGES = new Set(['zod']);

test('src/domain imports nothing outside itself but pure packages', () => {
  const offences: string[] = [];
  for (const file of sourceFiles(join(src, 'domain'))) {
    for (const specifier of importsOf(file)) {
      if (specifier.startsWith('.')) {
        const target = resolve(join(file, '..'), specifier);
        if (!target.startsWith(join(src, 'domain'))) offences.push(`${relative(root, file)} → ${specifier}`);
      } else if (!PURE_PACKAGES.has(specifier)) {
        offences.push(`${relative(root, file)} → ${specifier}`);
      }
    }
    const text = readFileSync(file, 'utf8');
    if (/process\.env|Date\.now\(|Math\.random\(/.test(text))
      offences.push(`${relative(root, file)} uses process, clock or randomness`);
  }
  expect(offences).toEqual([]);
});

test('only src/env.ts reads process.env', () => {
  const readers = sourceFiles(src)
    .filter((file) => /process\.env/.test(readFileSync(file, 'utf8')))
    .map((file) => relative(root, file));
  expect(readers).toEqual(['src/env.ts']);
});

test('services do not import the HTTP or CLI layers', () => {
  const offences = sourceFiles(join(src, 'services')).flatMap((file) =>
    importsOf(file)
      .filter((s) => /\/(http|cli)\//.test(s) || s === 'hono' || s === 'commander')
      .map((s) => `${relative(root, file)} → ${s}`),
  );
  expect(offences).toEqual([]);
});

test('web components import only the domain, React and React Router', () => {
  const folder = join(src, 'web', 'components');
  const offences = sourceFiles(folder).flatMap((file) =>
    importsOf(file)
      .filter((s) => {
        if (s.startsWith('.')) {
          const target = resolve(join(file, '..'), s);
          return !target.startsWith(join(src, 'domain')) && !target.startsWith(folder);
        }
        return !['react', 'react-router', 'react-dom'].includes(s);
      })
      .map((s) => `${relative(root, file)} → ${s}`),
  );
  expect(offences).toEqual([]);
});

/** The relative imports of a file that load code at run time (not `import type`), as absolute paths. */
function runtimeImportsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)(?!\s+type\b)[^'"]*?from\s+['"](\.[^'"]+)['"]/g)].map(
    (m) => resolve(join(file, '..'), m[1]!),
  );
}

/** Every run-time import from one folder of src into another, as "file → target". */
function crossings(from: string, into: string): string[] {
  return sourceFiles(join(src, from)).flatMap((file) =>
    runtimeImportsOf(file)
      .filter((target) => target.startsWith(join(src, into) + '/'))
      .map((target) => `${relative(root, file)} → ${relative(root, target)}`),
  );
}

test('the web app does not load the HTTP layer (it gets the request through its load context)', () => {
  expect(crossings('web', 'http')).toEqual([]);
});

test('services do not load the demo, and the demo reaches the store only through services', () => {
  expect(crossings('services', 'demo')).toEqual([]);
  const demoIntoDb = sourceFiles(join(src, 'demo')).flatMap((file) =>
    importsOf(file)
      .filter((s) => s.startsWith('.') && resolve(join(file, '..'), s).startsWith(join(src, 'db') + '/'))
      .map((s) => `${relative(root, file)} → ${s}`),
  );
  expect(demoIntoDb).toEqual([]);
});

test('no import cycles among the source files', () => {
  const files = sourceFiles(src);
  const known = new Set(files);
  const graph = new Map(files.map((file) => [file, runtimeImportsOf(file).filter((t) => known.has(t))]));
  // Tarjan's strongly connected components: any component of two or more files is a cycle.
  let counter = 0;
  const stack: string[] = [];
  const onStack = new Set<string>();
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const cycles: string[] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(relative(root, w));
      } while (w !== v);
      if (component.length > 1) cycles.push(component.sort().join(' ⇄ '));
    }
  };
  for (const file of files) if (!index.has(file)) visit(file);
  expect(cycles).toEqual([]);
});
