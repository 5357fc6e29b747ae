import type { Db } from '../db/client.ts';
import { unknownDimensions } from '../domain/incident-coding.ts';
import { type FieldProblem, fieldProblem } from '../domain/parse-input.ts';
import { findRelationship } from './find-relationship.ts';
import { findIncidentRow } from './get-incident.ts';
import { loadIncidentDimensions } from './load-incident-dimensions.ts';
import { lockRelationship, type Tx } from './lock-relationship.ts';

export type IncidentToCode = {
  row: Awaited<ReturnType<typeof findIncidentRow>>;
  /** The coding's dimensions, each once. */
  dimensions: string[];
  /** One problem per dimension that is not a dimension of the relationship's instrument. */
  problems: FieldProblem[];
};

/**
 * Runs `work` on the incident `ref` of the workspace's relationship in one transaction that holds
 * the relationship's lock, with the dimensions of its new coding checked against the instrument's.
 */
export async function withIncidentToCode<T>(
  db: Db,
  workspaceId: string,
  relationshipId: string,
  ref: string,
  dimensions: readonly string[],
  work: (tx: Tx, incident: IncidentToCode) => Promise<T>,
): Promise<T> {
  const relationship = await findRelationship(db, workspaceId, relationshipId);
  return db.transaction(async (tx) => {
    await lockRelationship(tx, relationship.id);
    const row = await findIncidentRow(tx, relationship.id, ref);
    const known = (await loadIncidentDimensions(tx, relationship.id)).map((d) => d.key);
    const unique = [...new Set(dimensions)];
    const problems = unknownDimensions(unique, known).map(({ index, key }) =>
      fieldProblem(`dimensions.${index}`, `"${key}" is not a dimension of this relationship's instrument`),
    );
    return work(tx, { row, dimensions: unique, problems });
  });
}
