import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { waves, workshops } from '../db/schema.ts';
import type { WorkshopStatus } from '../domain/workshop.ts';
import { findRelationship } from './find-relationship.ts';

export type WorkshopListItem = {
  id: string;
  title: string;
  wave: string;
  status: WorkshopStatus;
  /** While the workshop has not ended; an ended workshop's code is free again. */
  code: string | null;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
};

/** A relationship's workshops, newest first. */
export async function listWorkshops(
  db: Db,
  workspaceId: string,
  relationshipRef: string,
): Promise<{ relationship: { id: string; name: string }; workshops: WorkshopListItem[] }> {
  const relationship = await findRelationship(db, workspaceId, relationshipRef);
  const rows = await db
    .select({ workshop: workshops, wave: waves.label })
    .from(workshops)
    .innerJoin(waves, eq(waves.id, workshops.waveId))
    .where(eq(workshops.relationshipId, relationship.id))
    .orderBy(desc(workshops.createdAt));
  return {
    relationship: { id: relationship.id, name: relationship.name },
    workshops: rows.map(({ workshop, wave }) => ({
      id: workshop.id,
      title: workshop.title,
      wave,
      status: workshop.status as WorkshopStatus,
      code: workshop.status === 'ended' ? null : workshop.code,
      createdAt: workshop.createdAt.toISOString(),
      startedAt: workshop.startedAt?.toISOString() ?? null,
      endedAt: workshop.endedAt?.toISOString() ?? null,
    })),
  };
}
