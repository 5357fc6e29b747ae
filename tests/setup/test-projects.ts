import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// Which Vitest project a test file belongs to (decision 054), decided from what the file itself
// imports, so a new test lands in the right one without a list to keep:
// - e2e: the browser journeys under tests/e2e;
// - integration: a file that opens a store, starts a server, mounts the app or runs a process;
// - unit: everything else (domain rules, statistics, page models): no store, no I/O but files.

const INTEGRATION_IMPORTS = [
  /from '[^']*support\/(test-stores|run-cli|web-app|route-test-app|smtp-test-server|open-survey|api-client|recording-db)\.ts'/,
  /from '(?:[^']*\/db|\.)\/client\.ts'/,
  /from '[^']*http\/create-app\.ts'/,
  /from 'node:child_process'/,
];

const ROOTS = ['src', 'tests', 'scripts'];

function testFiles(root: string, folder: string): string[] {
  return readdirSync(join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFiles(root, path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

export function isIntegrationTest(source: string): boolean {
  return INTEGRATION_IMPORTS.some((pattern) => pattern.test(source));
}

/** Every test file under src, tests and scripts, relative to root, by project. */
export function testProjects(root: string): { unit: string[]; integration: string[]; e2e: string[] } {
  const projects = { unit: [] as string[], integration: [] as string[], e2e: [] as string[] };
  for (const file of ROOTS.flatMap((folder) => testFiles(root, folder))) {
    const path = relative(root, join(root, file)).split('\\').join('/');
    if (path.startsWith('tests/e2e/')) projects.e2e.push(path);
    else if (isIntegrationTest(readFileSync(join(root, path), 'utf8'))) projects.integration.push(path);
    else projects.unit.push(path);
  }
  return projects;
}
