import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { relationships } from '../db/schema.ts';
import { generateDemoBundle } from '../demo/generate-demo-bundle.ts';
import { importBundle } from './import-bundle.ts';

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
  return { relationshipId: imported.relationshipId, isNew: true };
}
