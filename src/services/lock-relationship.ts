import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';

/** A transaction of a Db, for helpers that must run inside one. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * Locks a relationship's row until the transaction ends. Setup changes that check a rule before
 * writing (email unique in the relationship, threshold fixed once a wave opened) take this lock
 * first, so two requests at once cannot both pass the check.
 */
export async function lockRelationship(tx: Tx, relationshipId: string): Promise<void> {
  await tx.execute(sql`select id from relationships where id = ${relationshipId} for update`);
}
