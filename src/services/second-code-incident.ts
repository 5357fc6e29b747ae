import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { incidentSecondCodings, incidents } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import {
  type SecondCodingInput,
  SecondCodingInputSchema,
  unknownDimensions,
} from '../domain/incident-coding.ts';
import { parseInput } from '../domain/parse-input.ts';
import { findRelationship } from './find-relationship.ts';
import { findIncidentRow } from './get-incident.ts';
import { loadIncidentDimensions } from './load-incident-dimensions.ts';
import { lockRelationship } from './lock-relationship.ts';

/**
 * Records (or replaces) the independent second coding of an incident, with who coded it. The
 * first coding is not an input here and is left as it is; the incident's updated_at is bumped in
 * the same transaction, since what is known about the incident changed.
 */
export async function secondCodeIncident(
  db: Db,
  workspaceId: string,
  relationshipId: string,
  ref: string,
  input: SecondCodingInput,
  coderUserId: string | null,
): Promise<{ id: string; ref: string }> {
  const data = parseInput(SecondCodingInputSchema, input, 'second coding');
  const relationship = await findRelationship(db, workspaceId, relationshipId);
  return db.transaction(async (tx) => {
    await lockRelationship(tx, relationship.id);
    const row = await findIncidentRow(tx, relationship.id, ref);
    const known = (await loadIncidentDimensions(tx, relationship.id)).map((d) => d.key);
    const dimensions = [...new Set(data.dimensions)];
    const unknown = unknownDimensions(dimensions, known);
    if (unknown.length > 0) {
      const problems = unknown.map(({ index, key }) => {
        const message = `"${key}" is not a dimension of this relationship's instrument`;
        return { field: `dimensions.${index}`, message, text: `dimensions.${index}: ${message}` };
      });
      throw new AppError('invalid-input', problems.map((p) => p.text).join('; '), problems);
    }
    const coding = {
      coderUserId,
      codedBy: data.codedBy,
      direction: data.direction,
      strength: data.strength,
      dimensions,
      themes: data.themes,
      trigger: data.trigger,
      smallBigThing: data.smallBigThing,
      contractScope: data.contractScope,
      codedAt: sql`now()`,
    };
    await tx
      .insert(incidentSecondCodings)
      .values({ incidentId: row.id, ...coding })
      .onConflictDoUpdate({ target: incidentSecondCodings.incidentId, set: coding });
    await tx.update(incidents).set({ updatedAt: sql`now()` }).where(eq(incidents.id, row.id));
    return { id: row.id, ref: row.ref };
  });
}
