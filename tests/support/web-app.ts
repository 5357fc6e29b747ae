import { execFileSync } from 'node:child_process';
import type { Hono } from 'hono';
import type { AppEnv } from '../../src/http/app-env.ts';
import { createWebApp } from '../../src/http/web-handler.ts';

// The built web app for a test that mounts it. The build (the script `npm start` uses: it only
// rebuilds when a source changed, one build at a time) runs here, on first use in a test process,
// instead of before every run: a run of domain or service tests never waits for Vite.
let built = false;

export function ensureWebBuild(): void {
  if (built) return;
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/ensure-web-build.ts'], { stdio: 'inherit' });
  built = true;
}

export async function createTestWebApp(): Promise<Hono<AppEnv>> {
  ensureWebBuild();
  return createWebApp();
}
