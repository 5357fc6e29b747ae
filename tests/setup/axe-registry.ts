import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

// Vitest global setup of the e2e project: an empty folder where the journeys record which pages
// axe has scanned in this run (one file per page key, created exclusively), so each distinct page
// is scanned once even when several journeys, in several workers, reach it.

declare module 'vitest' {
  export interface ProvidedContext {
    axeScanned: string;
  }
}

export default function setup(project: TestProject): () => void {
  const folder = mkdtempSync(join(tmpdir(), 'trustloop-axe-'));
  project.provide('axeScanned', folder);
  return () => rmSync(folder, { recursive: true, force: true });
}
