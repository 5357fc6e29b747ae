import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { relationships, workspaces } from '../db/schema.ts';
import { generateDemoBundle } from '../demo/generate-demo-bundle.ts';
import { DEFAULT_WORKSPACE_NAME } from './ensure-default-workspace.ts';
import { importBundle } from './import-bundle.ts';

/** Who runs the demo's survey: the demo workspace's name, given when it still has the default. */
export const DEMO_WORKSPACE_NAME = 'Lakeside Trust Advisory';

export type DemoLoad = { relationshipId: string; isNew: boolean };

/**
 * Loads the demo relationship (the seed article's story) unless the workspace has it already: one
 * import of the demo bundle, which carries the facilitator's coding, a second coder's, the
 * interviews' links and transcripts and the comments' theme tags, so it is all or nothing.
 */
export async function loadDemo(
  db: Db,
  workspaceId: string,
  options: { again?: boolean } = {},
): Promise<DemoLoad> {
  const bundle = generateDemoBundle();
  if (!options.again) {
    const [existing] = await db
      .select({ id: relationships.id })
      .from(relationships)
      .where(
        and(eq(relationships.workspaceId, workspaceId), eq(relationships.name, bundle.relationship.name)),
      )
      .limit(1);
    if (existing) return { relationshipId: existing.id, isNew: false };
  }
  const imported = await importBundle(db, workspaceId, bundle);
  // A workspace someone has named keeps its name; an unnamed one becomes the demo's consultancy.
  await db
    .update(workspaces)
    .set({ name: DEMO_WORKSPACE_NAME })
    .where(and(eq(workspaces.id, workspaceId), eq(workspaces.name, DEFAULT_WORKSPACE_NAME)));
  return { relationshipId: imported.relationshipId, isNew: true };
}
