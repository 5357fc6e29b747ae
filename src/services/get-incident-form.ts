import type { Db } from '../db/client.ts';
import type { Dimension } from '../domain/model.ts';
import { findRelationship } from './find-relationship.ts';
import { type IncidentRelationship, loadIncidentRelationship } from './list-incidents.ts';
import { loadIncidentDimensions } from './load-incident-dimensions.ts';

export type IncidentForm = { relationship: IncidentRelationship; dimensions: Dimension[] };

/**
 * What the form for a new incident needs: the relationship (with its sides' names) and the
 * dimensions an incident can be coded on — without reading the relationship's incidents.
 */
export async function getIncidentForm(
  db: Db,
  workspaceId: string,
  relationshipRef: string,
): Promise<IncidentForm> {
  const relationship = await findRelationship(db, workspaceId, relationshipRef);
  const [shown, dimensions] = await Promise.all([
    loadIncidentRelationship(db, relationship),
    loadIncidentDimensions(db, relationship.id),
  ]);
  return { relationship: shown, dimensions };
}
