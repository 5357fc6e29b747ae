import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { incidentSecondCodings, incidents, interviews } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import type { IncidentCoding, IncidentView } from '../domain/incident-coding.ts';
import type { Dimension } from '../domain/model.ts';
import { attributeSurveyReporters } from './attribute-survey-incidents.ts';
import { findRelationship } from './find-relationship.ts';
import {
  codingOf,
  type IncidentRelationship,
  incidentViewColumns,
  loadIncidentRelationship,
  toIncidentView,
} from './list-incidents.ts';
import { loadIncidentDimensions } from './load-incident-dimensions.ts';
import type { Tx } from './lock-relationship.ts';
import { isSharedIncident } from './shared-incidents.ts';

export type SecondCoding = { codedBy: string; codedAt: string; coding: IncidentCoding };

export type IncidentDetail = {
  relationship: IncidentRelationship;
  incident: IncidentView & {
    narrative: string;
    /** The interview it was taken from (its ref) and the passage, when it came from one. */
    interview: { id: string; ref: string } | null;
    sourcePassage: string;
    updatedAt: string;
  };
  /** The independent second coding; a blind second coder's page must not pass on the first. */
  secondCoding: SecondCoding | null;
  dimensions: Dimension[];
};

/**
 * One incident by its ref. A survey incident shows its narrative and the reporter's side, and
 * their level where the attribution rule allows it; the response it was reported in is never loaded.
 */
export async function getIncident(
  db: Db,
  workspaceId: string,
  relationshipId: string,
  ref: string,
): Promise<IncidentDetail> {
  const relationship = await findRelationship(db, workspaceId, relationshipId);
  const [row] = await attributeSurveyReporters(db, [await findIncidentRow(db, relationship.id, ref)]);
  if (!row) throw new Error('attributeSurveyReporters returns one row per row');
  const [second] = await db
    .select()
    .from(incidentSecondCodings)
    .where(eq(incidentSecondCodings.incidentId, row.id));
  const { narrative, sourcePassage, updatedAt, interviewId, interviewRef, ...view } = row;
  return {
    relationship: await loadIncidentRelationship(db, relationship),
    incident: {
      ...toIncidentView({ ...view, hasSecondCoding: second !== undefined }),
      narrative,
      sourcePassage,
      interview: interviewId && interviewRef ? { id: interviewId, ref: interviewRef } : null,
      updatedAt: updatedAt.toISOString(),
    },
    secondCoding: second
      ? {
          codedBy: second.codedBy,
          codedAt: second.codedAt.toISOString(),
          coding: codingOf(second),
        }
      : null,
    dimensions: await loadIncidentDimensions(db, relationship.id),
  };
}

/** The incident row of the relationship with this ref, or `not-found`. */
export async function findIncidentRow(db: Db | Tx, relationshipId: string, ref: string) {
  const [row] = await db
    .select({
      ...incidentViewColumns,
      narrative: incidents.narrative,
      sourcePassage: incidents.sourcePassage,
      updatedAt: incidents.updatedAt,
      interviewId: incidents.interviewId,
      interviewRef: interviews.ref,
    })
    .from(incidents)
    .leftJoin(interviews, eq(interviews.id, incidents.interviewId))
    .where(
      and(eq(incidents.relationshipId, relationshipId), eq(incidents.ref, ref.trim()), isSharedIncident()),
    );
  if (!row) throw new AppError('not-found', `incident "${ref}" not found in this relationship`);
  return row;
}
