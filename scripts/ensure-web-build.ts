import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// `npm start` runs this first: build the web app when build/ is missing or older than its sources,
// so a fresh clone needs only `npm install` and `npm start`.
const root = new URL('..', import.meta.url).pathname;
const serverBuild = join(root, 'build/server/index.js');

function newestChange(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

const sources = ['src', 'react-router.config.ts', 'vite.config.ts', 'package-lock.json'].map((p) =>
  join(root, p),
);
const isStale =
  !existsSync(serverBuild) || Math.max(...sources.map(newestChange)) > statSync(serverBuild).mtimeMs;
if (isStale) {
  process.stdout.write('Building the web app (once after each change)…\n');
  execFileSync(process.execPath, [join(root, 'node_modules/@react-router/dev/bin.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    // Always a production build (React's production runtime), also when a test runner, which sets
    // NODE_ENV=test, asks for it.
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
