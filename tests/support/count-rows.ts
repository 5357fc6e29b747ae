import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { queryRows } from '../../src/db/query-rows.ts';

export const DATA_TABLES = [
  'relationships',
  'sides',
  'participants',
  'instruments',
  'waves',
  'responses',
  'open_answers',
  'incidents',
  'interviews',
] as const;

/** Rows per table, to prove that a refused import wrote nothing. */
export async function countRows(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of DATA_TABLES) {
    const [row] = await queryRows<{ n: number }>(db, sql.raw(`select count(*)::int as n from ${table}`));
    counts[table] = Number(row?.n);
  }
  return counts;
}

export const EMPTY_COUNTS = Object.fromEntries(DATA_TABLES.map((t) => [t, 0]));
