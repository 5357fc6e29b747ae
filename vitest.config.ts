import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { testProjects } from './tests/setup/test-projects.ts';

// Three projects (decision 054): `unit` (no store, no server), `integration` (stores, the HTTP
// app, the command line, real SMTP and Office files) and `e2e` (browser journeys in Chromium).
// `npm test` runs all three; `npm run test:fast` the first two. The integration and e2e projects
// start from stores made once per run (tests/setup/store-templates.ts). Files run in worker
// threads (each still with its own modules), two more at a time than there are cores: most files
// spend much of their time waiting on Chromium, PostgreSQL, LibreOffice or a child process, so a
// 2-core machine runs four.

const root = fileURLToPath(new URL('.', import.meta.url));
const files = testProjects(root);
const STORE_TEMPLATES = './tests/setup/store-templates.ts';

export default defineConfig({
  test: {
    setupFiles: ['./tests/setup/fail-on-console-error.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'threads',
    maxWorkers: availableParallelism() + 2,
    projects: [
      { extends: true, test: { name: 'unit', include: files.unit } },
      {
        extends: true,
        test: { name: 'integration', include: files.integration, globalSetup: [STORE_TEMPLATES] },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: files.e2e,
          globalSetup: [STORE_TEMPLATES, './tests/setup/axe-registry.ts'],
        },
      },
    ],
  },
});
