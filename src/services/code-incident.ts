import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { incidentSecondCodings, incidents } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { type FirstCodingInput, FirstCodingInputSchema, isFullyCoded } from '../domain/incident-coding.ts';
import { fieldProblem, invalidFields, parseInput } from '../domain/parse-input.ts';
import { withIncidentToCode } from './with-incident-to-code.ts';

/**
 * The first coding of an incident, and its status: one transaction that rewrites the coding
 * and bumps updated_at (the portfolio's cache keys on it). Status 'coded' needs a full coding
 * (isFullyCoded), 'resolved' needs the date it was resolved, not before it occurred; any other
 * status clears that date. `codedBy` names the coder; `coderUserId` is their account, kept so a
 * second coder must be another account (the account that gave the second coding cannot recode the
 * first: a conflict).
 */
export async function codeIncident(
  db: Db,
  workspaceId: string,
  relationshipId: string,
  ref: string,
  input: FirstCodingInput,
  codedBy: string,
  coderUserId: string | null = null,
): Promise<{ id: string; ref: string; status: string }> {
  const data = parseInput(FirstCodingInputSchema, input, 'coding');
  return withIncidentToCode(db, workspaceId, relationshipId, ref, data.dimensions, async (tx, incident) => {
    const { row, dimensions, problems } = incident;
    if (data.status === 'coded' && !isFullyCoded({ ...data, dimensions })) {
      if (dimensions.length === 0)
        problems.push(fieldProblem('dimensions', 'choose at least one dimension to mark it coded'));
      if (data.trigger === '') problems.push(fieldProblem('trigger', 'choose a trigger to mark it coded'));
      if (data.contractScope === null)
        problems.push(fieldProblem('contractScope', 'choose a contract scope to mark it coded'));
    }
    if (data.status === 'resolved') {
      if (data.resolvedOn === null)
        problems.push(fieldProblem('resolvedOn', 'give the date it was resolved'));
      else if (data.resolvedOn < row.occurredOn) {
        problems.push(fieldProblem('resolvedOn', `cannot be before it occurred (${row.occurredOn})`));
      }
    }
    if (problems.length > 0) throw invalidFields(problems);
    if (coderUserId !== null) {
      const [second] = await tx
        .select({ userId: incidentSecondCodings.coderUserId })
        .from(incidentSecondCodings)
        .where(eq(incidentSecondCodings.incidentId, row.id));
      if (second?.userId === coderUserId) {
        throw new AppError(
          'conflict',
          'you gave this incident its second coding: the first coding must come from another account, so the two codings are independent',
        );
      }
    }
    await tx
      .update(incidents)
      .set({
        direction: data.direction,
        strength: data.strength,
        dimensions,
        themes: data.themes,
        trigger: data.trigger,
        smallBigThing: data.smallBigThing,
        contractScope: data.contractScope,
        status: data.status,
        resolvedOn: data.status === 'resolved' ? data.resolvedOn : null,
        codedBy,
        ...(coderUserId === null ? {} : { codedByUserId: coderUserId }),
        updatedAt: sql`now()`,
      })
      .where(eq(incidents.id, row.id));
    return { id: row.id, ref: row.ref, status: data.status };
  });
}
