import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { participants } from '../db/schema.ts';
import type { Level, Side } from '../domain/model.ts';
import { findRelationship } from './find-relationship.ts';
import type { Tx } from './lock-relationship.ts';

export type ParticipantView = {
  id: string;
  respondentKey: string;
  name: string;
  email: string;
  side: Side;
  level: Level;
  role: string;
  /** True when they have a response in some wave: they can no longer be removed. */
  hasResponses: boolean;
};

export async function listParticipants(
  db: Db,
  workspaceId: string,
  relationship: string,
): Promise<ParticipantView[]> {
  const found = await findRelationship(db, workspaceId, relationship);
  return selectParticipants(db, found.id);
}

/** The participants of a relationship already found in the workspace, by side, level and name. */
export async function selectParticipants(
  db: Db | Tx,
  relationshipId: string,
  participantId?: string,
): Promise<ParticipantView[]> {
  const rows = await db
    .select({
      id: participants.id,
      respondentKey: participants.respondentKey,
      name: participants.name,
      email: participants.email,
      side: participants.side,
      level: participants.level,
      role: participants.role,
      hasResponses: sql<boolean>`exists (select 1 from responses r where r.participant_id = "participants"."id")`,
    })
    .from(participants)
    .where(
      participantId === undefined
        ? eq(participants.relationshipId, relationshipId)
        : sql`${participants.relationshipId} = ${relationshipId} and ${participants.id} = ${participantId}`,
    )
    .orderBy(
      asc(participants.side),
      asc(participants.level),
      asc(participants.name),
      asc(participants.email),
    );
  return rows.map((row) => ({
    ...row,
    side: row.side as Side,
    level: row.level as Level,
    hasResponses: row.hasResponses === true || String(row.hasResponses) === 'true',
  }));
}
