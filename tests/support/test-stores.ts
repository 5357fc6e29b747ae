import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { type Database, openDatabase, type StoreKind } from '../../src/db/client.ts';
import type { StoreTemplates } from '../setup/store-templates.ts';
import { adminQuery } from './postgres-admin.ts';

// The stores a contract suite runs against: always an in-memory PGlite; PostgreSQL too when
// DATABASE_URL is set (as .ci/run does). Each store is a fresh one of its own, so test files
// never see each other's rows: a PGlite loaded from the migrated dump, a PostgreSQL database
// copied from the migrated template database (both made once per run by
// tests/setup/store-templates.ts), dropped afterwards.

export type TestStore = { kind: StoreKind; open(): Promise<Database> };

const serverUrl = process.env.DATABASE_URL;

export const testStores: TestStore[] = [
  { kind: 'pglite', open: () => openTestPglite() },
  ...(serverUrl ? [{ kind: 'postgres' as const, open: () => openFreshPostgresDatabase(serverUrl) }] : []),
];

function templates(): StoreTemplates {
  const provided = inject('storeTemplates');
  if (!provided) {
    throw new Error(
      'no store templates: run this file in the integration or e2e project (vitest.config.ts), whose global setup makes them',
    );
  }
  return provided;
}

/**
 * A fresh in-memory PGlite with every migration applied (`migrated`), or also the default
 * workspace and the demo loaded (`demo`, what `npm start` shows): copied from a dump made once
 * per run, in a fraction of the time migrating takes.
 */
export function openTestPglite(template: 'migrated' | 'demo' = 'migrated'): Promise<Database> {
  const dump = readFileSync(templates().pglite[template]);
  return openDatabase({ kind: 'pglite', loadDataDir: new Blob([dump]) });
}

async function openFreshPostgresDatabase(url: string): Promise<Database> {
  const name = `trustloop_t_${randomBytes(6).toString('hex')}`;
  const template = templates().postgres;
  await adminQuery(url, `create database ${name}${template ? ` template ${template}` : ''}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: target.toString(), maxConnections: 4 });
  return {
    ...database,
    close: async () => {
      await database.close();
      await adminQuery(url, `drop database if exists ${name} with (force)`);
    },
  };
}
