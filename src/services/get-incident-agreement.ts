import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { incidentSecondCodings, incidents } from '../db/schema.ts';
import {
  type CodingPair,
  computeIncidentAgreement,
  type IncidentAgreement,
} from '../domain/incident-agreement.ts';
import { findRelationship } from './find-relationship.ts';
import { codingOf, type IncidentRelationship, loadIncidentRelationship } from './list-incidents.ts';
import { loadIncidentDimensions } from './load-incident-dimensions.ts';
import { isSharedIncident } from './shared-incidents.ts';

export type IncidentAgreementReport = IncidentAgreement & {
  relationship: IncidentRelationship;
  /** The incidents coded twice, oldest first, with who coded each time. */
  incidents: Array<{ ref: string; title: string; firstCoder: string; secondCoder: string }>;
};

/** Cohen's kappa per coded field over the relationship's incidents that were coded twice. */
export async function getIncidentAgreement(
  db: Db,
  workspaceId: string,
  relationshipId: string,
): Promise<IncidentAgreementReport> {
  const relationship = await findRelationship(db, workspaceId, relationshipId);
  const rows = await db
    .select({ first: incidents, second: incidentSecondCodings })
    .from(incidents)
    .innerJoin(incidentSecondCodings, eq(incidentSecondCodings.incidentId, incidents.id))
    .where(and(eq(incidents.relationshipId, relationship.id), isSharedIncident()))
    .orderBy(asc(incidents.occurredOn), asc(incidents.ref));
  const pairs: CodingPair[] = rows.map((row) => ({
    ref: row.first.ref,
    first: codingOf(row.first),
    second: codingOf(row.second),
  }));
  const dimensions = await loadIncidentDimensions(db, relationship.id);
  return {
    relationship: await loadIncidentRelationship(db, relationship),
    ...computeIncidentAgreement(pairs, dimensions),
    incidents: rows.map((row) => ({
      ref: row.first.ref,
      title: row.first.title,
      firstCoder: row.first.codedBy,
      secondCoder: row.second.codedBy,
    })),
  };
}
