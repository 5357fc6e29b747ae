import { asc } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { workspaces } from '../db/schema.ts';

export type Workspace = { id: string; name: string };

/** The name until the first admin (or the demo) names it. */
export const DEFAULT_WORKSPACE_NAME = 'My workspace';

/**
 * The workspace the CLI and the embedded demo work in: the oldest one, created on first use.
 * Facilitator accounts (the web app) choose their own workspace instead.
 */
export async function ensureDefaultWorkspace(db: Db): Promise<Workspace> {
  const [existing] = await db
    .select({ id: workspaces.id, name: workspaces.name })
    .from(workspaces)
    .orderBy(asc(workspaces.createdAt), asc(workspaces.id))
    .limit(1);
  if (existing) return existing;
  const [created] = await db
    .insert(workspaces)
    .values({ name: DEFAULT_WORKSPACE_NAME })
    .returning({ id: workspaces.id, name: workspaces.name });
  if (!created) throw new Error('inserting the default workspace returned no row');
  return created;
}
