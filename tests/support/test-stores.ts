import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase, type StoreKind } from '../../src/db/client.ts';

// The stores a contract suite runs against: always an in-memory PGlite; PostgreSQL too when
// DATABASE_URL is set (as .ci/run does). Each PostgreSQL store is a fresh database of its own on
// that server, dropped afterwards, so test files never see each other's rows.

export type TestStore = { kind: StoreKind; open(): Promise<Database> };

const serverUrl = process.env.DATABASE_URL;

export const testStores: TestStore[] = [
  { kind: 'pglite', open: () => openDatabase({ kind: 'pglite' }) },
  ...(serverUrl ? [{ kind: 'postgres' as const, open: () => openFreshPostgresDatabase(serverUrl) }] : []),
];

async function openFreshPostgresDatabase(url: string): Promise<Database> {
  const name = `trustloop_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: target.toString(), maxConnections: 4 });
  return {
    ...database,
    close: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      try {
        await dropper.query(`drop database if exists ${name} with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
