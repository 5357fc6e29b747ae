import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { instruments, waves } from '../db/schema.ts';
import { BUILT_IN_INSTRUMENT } from '../domain/built-in-instrument.ts';
import type { Dimension } from '../domain/model.ts';
import type { Tx } from './lock-relationship.ts';

/**
 * The dimensions an incident of the relationship may be coded with: those of the instruments of
 * its waves (in wave order, each key once), or the built-in instrument's before any wave exists.
 */
export async function loadIncidentDimensions(db: Db | Tx, relationshipId: string): Promise<Dimension[]> {
  const rows = await db
    .select({ instrument: instruments.definition })
    .from(waves)
    .innerJoin(instruments, eq(instruments.id, waves.instrumentId))
    .where(eq(waves.relationshipId, relationshipId))
    .orderBy(asc(waves.position));
  const byKey = new Map<string, Dimension>();
  for (const row of rows) {
    for (const dimension of row.instrument.dimensions) {
      if (!byKey.has(dimension.key)) byKey.set(dimension.key, { key: dimension.key, label: dimension.label });
    }
  }
  return byKey.size > 0 ? [...byKey.values()] : BUILT_IN_INSTRUMENT.dimensions.map((d) => ({ ...d }));
}
