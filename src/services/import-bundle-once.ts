import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { relationships, workspaces } from '../db/schema.ts';
import type { BundleInput } from '../domain/bundle/full-bundle.ts';
import { DEFAULT_WORKSPACE_NAME } from './ensure-default-workspace.ts';
import { importBundle } from './import-bundle.ts';

export type ImportOnce = { relationshipId: string; isNew: boolean };

/**
 * Imports a bundle unless the workspace already holds a relationship of its name (then that one is
 * returned), or always with `again`: what loading the demo needs, one import, all or nothing. A
 * workspace still under its default name takes `workspaceName`.
 */
export async function importBundleOnce(
  db: Db,
  workspaceId: string,
  bundle: BundleInput,
  options: { again?: boolean; workspaceName?: string } = {},
): Promise<ImportOnce> {
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
  if (options.workspaceName) {
    // A workspace someone has named keeps its name; an unnamed one takes the one given.
    await db
      .update(workspaces)
      .set({ name: options.workspaceName })
      .where(and(eq(workspaces.id, workspaceId), eq(workspaces.name, DEFAULT_WORKSPACE_NAME)));
  }
  return { relationshipId: imported.relationshipId, isNew: true };
}
