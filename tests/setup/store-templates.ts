import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { dumpPglite, openDatabase } from '../../src/db/client.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { ensureDefaultWorkspace } from '../../src/services/ensure-default-workspace.ts';
import { adminQuery } from '../support/postgres-admin.ts';

// Vitest global setup of the integration and e2e projects (decision 054): the stores every test
// file starts from, made once per run instead of once per file. Migrating a new PGlite takes 2–3 s
// on this machine and loading a dump of one under 1 s; a PostgreSQL database copied from a
// migrated template needs no migration at all. The e2e journeys also share one load of the demo.

export type StoreTemplates = {
  /** Dumps (uncompressed tarballs) of an in-memory PGlite: migrated; migrated with the demo. */
  pglite: { migrated: string; demo: string };
  /** A migrated database on DATABASE_URL's server to create test databases from, if set. */
  postgres: string | null;
};

declare module 'vitest' {
  export interface ProvidedContext {
    storeTemplates: StoreTemplates;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const folder = mkdtempSync(join(tmpdir(), 'trustloop-templates-'));
  const pglite = { migrated: join(folder, 'migrated.tar'), demo: join(folder, 'demo.tar') };
  const database = await openDatabase({ kind: 'pglite' });
  try {
    writeFileSync(pglite.migrated, new Uint8Array(await (await dumpPglite(database)).arrayBuffer()));
    const workspace = await ensureDefaultWorkspace(database.db);
    await loadDemo(database.db, workspace.id);
    writeFileSync(pglite.demo, new Uint8Array(await (await dumpPglite(database)).arrayBuffer()));
  } finally {
    await database.close();
  }
  const url = process.env.DATABASE_URL;
  const postgres = url ? await createPostgresTemplate(url) : null;
  project.provide('storeTemplates', { pglite, postgres });
  return async () => {
    rmSync(folder, { recursive: true, force: true });
    if (url && postgres) await adminQuery(url, `drop database if exists ${postgres} with (force)`);
  };
}

async function createPostgresTemplate(url: string): Promise<string> {
  const name = `trustloop_template_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, `create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  // Migrated, then closed: a database is only copied while nobody is connected to it.
  const database = await openDatabase({ kind: 'postgres', url: target.toString(), maxConnections: 1 });
  await database.close();
  return name;
}
