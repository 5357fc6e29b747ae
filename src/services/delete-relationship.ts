import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { relationships } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { parseInput } from '../domain/parse-input.ts';
import { findRelationship } from './find-relationship.ts';
import { lockRelationship } from './lock-relationship.ts';

export const DeleteRelationshipSchema = z.strictObject({
  confirm: z.string({ error: "type the relationship's name to confirm" }),
});
export type DeleteRelationshipInput = z.input<typeof DeleteRelationshipSchema>;

/**
 * Deletes a relationship and all its data (sides, participants, waves, answers, comments,
 * incidents, interviews, findings, releases, workstreams, sponsor access, links) in one
 * transaction, once `confirm` is its name exactly (spaces around it aside). Anything else is
 * refused naming `confirm`, and nothing is deleted (decision 043).
 */
export async function deleteRelationship(
  db: Db,
  workspaceId: string,
  reference: string,
  input: DeleteRelationshipInput,
): Promise<{ id: string; name: string }> {
  const { confirm } = parseInput(DeleteRelationshipSchema, input, 'body');
  const found = await findRelationship(db, workspaceId, reference);
  if (confirm.trim() !== found.name) {
    const message = `type the relationship's name, ${found.name}, exactly to delete it`;
    throw new AppError('invalid-input', `confirm: ${message}`, [{ field: 'confirm', message }]);
  }
  return db.transaction(async (tx) => {
    await lockRelationship(tx, found.id);
    // Every table that belongs to a relationship references it with on delete cascade.
    const [deleted] = await tx
      .delete(relationships)
      .where(eq(relationships.id, found.id))
      .returning({ id: relationships.id, name: relationships.name });
    if (!deleted) throw new AppError('not-found', `relationship "${reference}" not found`);
    return deleted;
  });
}
