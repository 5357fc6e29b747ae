import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type pg from 'pg';
import type { Database, Db } from '../../src/db/client.ts';
import * as schema from '../../src/db/schema.ts';

export type RecordedStatement = { sql: string; params: unknown[] };

/**
 * A second Drizzle handle on the same store that records every statement it sends (transactions
 * included), for tests that prove what a service does rather than how long it takes.
 */
export function recordingDb(database: Database): { db: Db; statements: RecordedStatement[] } {
  const statements: RecordedStatement[] = [];
  const logger = { logQuery: (query: string, params: unknown[]) => statements.push({ sql: query, params }) };
  const client = (database.db as unknown as { $client: unknown }).$client;
  const db =
    database.kind === 'pglite'
      ? drizzlePglite(client as PGlite, { schema, logger })
      : drizzleNodePg(client as pg.Pool, { schema, logger });
  return { db: db as unknown as Db, statements };
}
