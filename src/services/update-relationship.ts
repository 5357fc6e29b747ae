import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { relationships, sides, waves } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { SIDES } from '../domain/model.ts';
import { parseInput } from '../domain/parse-input.ts';
import { type UpdateRelationshipInput, UpdateRelationshipSchema } from '../domain/setup-input.ts';
import { findRelationship } from './find-relationship.ts';
import { getRelationshipSetup, type RelationshipSetup } from './get-relationship-setup.ts';
import { lockRelationship } from './lock-relationship.ts';

/**
 * Changes a relationship's name, its sides' names and roles, or its anonymity threshold. The
 * threshold may change only while no wave has opened (PRODUCT.md: fixed once a wave opens); draft
 * waves take the new threshold with it.
 */
export async function updateRelationship(
  db: Db,
  workspaceId: string,
  relationship: string,
  input: UpdateRelationshipInput,
): Promise<RelationshipSetup> {
  const data = parseInput(UpdateRelationshipSchema, input);
  const found = await findRelationship(db, workspaceId, relationship);
  return db.transaction(async (tx) => {
    await lockRelationship(tx, found.id);
    const [current] = await tx
      .select({ threshold: relationships.anonymityThreshold })
      .from(relationships)
      .where(eq(relationships.id, found.id));
    if (!current) throw new AppError('not-found', `relationship "${relationship}" not found`);
    const threshold = data.anonymityThreshold;
    if (threshold !== undefined && threshold !== current.threshold) {
      const opened = await tx
        .select({ label: waves.label, status: waves.status })
        .from(waves)
        .where(and(eq(waves.relationshipId, found.id), ne(waves.status, 'draft')));
      if (opened.length > 0) {
        throw new AppError(
          'conflict',
          `anonymityThreshold: it stays ${current.threshold} because wave ${opened.map((w) => `"${w.label}" (${w.status})`).join(', ')} has already opened; the threshold is fixed once a wave opens`,
          [{ field: 'anonymityThreshold', message: 'fixed once a wave has opened' }],
        );
      }
      await tx.update(waves).set({ anonymityThreshold: threshold }).where(eq(waves.relationshipId, found.id));
    }
    if (data.name !== undefined || threshold !== undefined) {
      await tx
        .update(relationships)
        .set({
          ...(data.name !== undefined ? { name: data.name } : {}),
          ...(threshold !== undefined ? { anonymityThreshold: threshold } : {}),
        })
        .where(eq(relationships.id, found.id));
    }
    for (const side of SIDES) {
      const patch = data.sides?.[side];
      if (!patch || (patch.name === undefined && patch.role === undefined)) continue;
      await tx
        .update(sides)
        .set({
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.role !== undefined ? { role: patch.role } : {}),
        })
        .where(and(eq(sides.relationshipId, found.id), eq(sides.side, side)));
    }
    return getRelationshipSetup(tx, workspaceId, found.id);
  });
}
