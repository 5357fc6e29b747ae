import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { relationships } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { findRelationship } from './find-relationship.ts';

// Archiving (decision 043): an archived relationship keeps all its data but leaves the lists, the
// portfolio (with its summaries and early warnings) and every dropdown, and its survey links stop
// working with a plain message. Restoring brings it back as it was.

export type ArchivedState = { id: string; name: string; archivedAt: string | null };

export async function archiveRelationship(
  db: Db,
  workspaceId: string,
  reference: string,
): Promise<ArchivedState> {
  const found = await findRelationship(db, workspaceId, reference);
  const [row] = await db
    .update(relationships)
    .set({ archivedAt: sql`now()` })
    .where(and(eq(relationships.id, found.id), isNull(relationships.archivedAt)))
    .returning({ id: relationships.id, name: relationships.name, archivedAt: relationships.archivedAt });
  if (!row) throw new AppError('conflict', `${found.name} is archived already`);
  return { ...row, archivedAt: row.archivedAt?.toISOString() ?? null };
}

export async function restoreRelationship(
  db: Db,
  workspaceId: string,
  reference: string,
): Promise<ArchivedState> {
  const found = await findRelationship(db, workspaceId, reference);
  const [row] = await db
    .update(relationships)
    .set({ archivedAt: null })
    .where(and(eq(relationships.id, found.id), isNotNull(relationships.archivedAt)))
    .returning({ id: relationships.id, name: relationships.name });
  if (!row) throw new AppError('conflict', `${found.name} is not archived`);
  return { ...row, archivedAt: null };
}

/** When the relationship was archived, or null: for the pages that show it. */
export async function archivedAtOf(db: Db, relationshipId: string): Promise<string | null> {
  const [row] = await db
    .select({ archivedAt: relationships.archivedAt })
    .from(relationships)
    .where(eq(relationships.id, relationshipId));
  return row?.archivedAt?.toISOString() ?? null;
}
