import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { incidentSecondCodings, incidents } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { type SecondCodingInput, SecondCodingInputSchema } from '../domain/incident-coding.ts';
import { invalidFields, parseInput } from '../domain/parse-input.ts';
import { withIncidentToCode } from './with-incident-to-code.ts';

/**
 * Records (or replaces) the independent second coding of an incident, with who coded it. The
 * first coding is not an input here and is left as it is; the incident's updated_at is bumped in
 * the same transaction, since what is known about the incident changed. The second coder must be
 * another account than the first (incidents.coded_by_user_id): the same account is a conflict.
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
  return withIncidentToCode(db, workspaceId, relationshipId, ref, data.dimensions, async (tx, incident) => {
    const { row, dimensions, problems } = incident;
    if (problems.length > 0) throw invalidFields(problems);
    if (coderUserId !== null) {
      const [first] = await tx
        .select({ userId: incidents.codedByUserId })
        .from(incidents)
        .where(eq(incidents.id, row.id));
      if (first?.userId === coderUserId) throw sameCoder();
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

/** The refusal when one account would code an incident both times (API 409, the web form says it). */
export function sameCoder(): AppError {
  return new AppError(
    'conflict',
    'you coded this incident first: the second coding must come from another account, so the two codings are independent',
  );
}
