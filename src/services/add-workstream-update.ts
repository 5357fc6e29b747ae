import type { Db } from '../db/client.ts';
import { workstreamUpdates } from '../db/schema.ts';
import { fieldProblem, invalidFields, parseInput } from '../domain/parse-input.ts';
import { UpdateInputSchema } from '../domain/share-and-act.ts';
import { findRelationship } from './find-relationship.ts';
import { findWorkstreamRow } from './save-workstream.ts';

/** A dated progress update on a workstream: red, amber or green, with a note and who wrote it. */
export async function addWorkstreamUpdate(
  db: Db,
  workspaceId: string,
  relationshipRef: string,
  workstreamRef: string,
  raw: unknown,
  author: { name: string },
): Promise<{ id: string }> {
  const input = parseInput(UpdateInputSchema, raw, 'update');
  const relationship = await findRelationship(db, workspaceId, relationshipRef);
  const workstream = await findWorkstreamRow(db, relationship.id, workstreamRef);
  if (input.on < workstream.startedOn) {
    throw invalidFields([fieldProblem('on', `before the workstream started (${workstream.startedOn})`)]);
  }
  const [row] = await db
    .insert(workstreamUpdates)
    .values({ workstreamId: workstream.id, on: input.on, rag: input.rag, note: input.note, by: author.name })
    .returning({ id: workstreamUpdates.id });
  return { id: row!.id };
}
