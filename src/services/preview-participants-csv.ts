import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { participants, sides } from '../db/schema.ts';
import { type ParticipantsCsvPreview, previewParticipantsCsvText } from '../domain/participants-csv.ts';
import { findRelationship } from './find-relationship.ts';
import type { Tx } from './lock-relationship.ts';

export type ParticipantsCsvPreviewResult = ParticipantsCsvPreview & {
  counts: { rows: number; valid: number; withProblems: number };
};

/**
 * Reads a participants CSV (name, email, side, level, optional role) against the relationship
 * and lists every row with its values and problems. Writes nothing.
 */
export async function previewParticipantsCsv(
  db: Db,
  workspaceId: string,
  relationship: string,
  csv: string,
): Promise<ParticipantsCsvPreviewResult> {
  const found = await findRelationship(db, workspaceId, relationship);
  return previewForRelationship(db, found.id, csv);
}

export async function previewForRelationship(
  db: Db | Tx,
  relationshipId: string,
  csv: string,
): Promise<ParticipantsCsvPreviewResult> {
  const rows = await db
    .select({ email: participants.email, name: participants.name })
    .from(participants)
    .where(eq(participants.relationshipId, relationshipId));
  const existing = new Map<string, string>();
  for (const row of rows) if (row.email !== '') existing.set(row.email.toLowerCase(), row.name);
  const sideRows = await db
    .select({ side: sides.side, name: sides.name })
    .from(sides)
    .where(eq(sides.relationshipId, relationshipId));
  const nameOf = (side: string) => sideRows.find((r) => r.side === side)?.name ?? side;
  const preview = previewParticipantsCsvText(csv, existing, { A: nameOf('A'), B: nameOf('B') });
  const valid = preview.rows.filter((r) => r.participant !== null).length;
  return {
    ...preview,
    counts: { rows: preview.rows.length, valid, withProblems: preview.rows.length - valid },
  };
}
