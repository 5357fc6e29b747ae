import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// `npm start` runs this first: build the web app when build/ is missing or older than its sources,
// so a fresh clone needs only `npm install` and `npm start`.
const root = new URL('..', import.meta.url).pathname;
const serverBuild = join(root, 'build/server/index.js');

function newestChange(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

// One build at a time: several test runs (or `npm start` beside a test run) may ask at once, and
// two builds writing build/ together corrupt it. A lock folder older than 10 minutes is stale.
const lock = join(root, '.web-build.lock');
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Builds the web app if it is missing or older than its sources; exits the process if it fails. */
export function ensureWebBuild(): void {
  takeLock();
  try {
    buildIfStale();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function takeLock(): void {
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const age = existsSync(lock)
        ? Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now())
        : 0;
      if (age > 10 * 60_000) rmSync(lock, { recursive: true, force: true });
      Atomics.wait(sleeper, 0, 0, 200);
    }
  }
}

function buildIfStale(): void {
  const sources = ['src', 'react-router.config.ts', 'vite.config.ts', 'package-lock.json'].map((p) =>
    join(root, p),
  );
  const isStale =
    !existsSync(serverBuild) || Math.max(...sources.map(newestChange)) > statSync(serverBuild).mtimeMs;
  if (isStale) {
    process.stdout.write('Building the web app (once after each change)…\n');
    const result = spawnSync(
      process.execPath,
      [join(root, 'node_modules/@react-router/dev/bin.js'), 'build'],
      {
        cwd: root,
        stdio: ['ignore', 'ignore', 'pipe'],
        encoding: 'utf8',
        // Always a production build (React's production runtime), also when a test runner, which sets
        // NODE_ENV=test, asks for it.
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
    // Vite 8 warns about an option React Router's plugin still passes; everything else is shown.
    const stderr = (result.stderr ?? '')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.includes('The `envFile` option is deprecated'));
    if (stderr.length > 0) process.stderr.write(`${stderr.join('\n')}\n`);
    if (result.status !== 0) {
      process.stderr.write('The web app did not build (see above).\n');
      rmSync(lock, { recursive: true, force: true });
      process.exit(result.status ?? 1);
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) ensureWebBuild();
