import type { Db } from '../db/client.ts';
import { relationships, sides } from '../db/schema.ts';
import { SIDES } from '../domain/model.ts';
import { parseInput } from '../domain/parse-input.ts';
import { type CreateRelationshipInput, CreateRelationshipSchema } from '../domain/setup-input.ts';
import { getRelationshipSetup, type RelationshipSetup } from './get-relationship-setup.ts';

/** A new relationship of the workspace with its two sides; no participants or waves yet. */
export async function createRelationship(
  db: Db,
  workspaceId: string,
  input: CreateRelationshipInput,
): Promise<RelationshipSetup> {
  const data = parseInput(CreateRelationshipSchema, input);
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(relationships)
      .values({ workspaceId, name: data.name, anonymityThreshold: data.anonymityThreshold })
      .returning({ id: relationships.id });
    if (!created) throw new Error('inserting the relationship returned no row');
    await tx.insert(sides).values(
      SIDES.map((side) => ({
        relationshipId: created.id,
        side,
        name: data.sides[side].name,
        role: data.sides[side].role,
      })),
    );
    return getRelationshipSetup(tx, workspaceId, created.id);
  });
}
