import { execFileSync } from 'node:child_process';

// Vitest global setup: the web app's server build must exist (and be fresh) before any test
// mounts it. The same script `npm start` uses.
export default function buildWebApp(): void {
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/ensure-web-build.ts'], { stdio: 'inherit' });
}
