import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { workspaces } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { findForbiddenCharacter } from '../domain/control-characters.ts';
import { parseInput } from '../domain/parse-input.ts';
import type { Workspace } from './ensure-default-workspace.ts';

// The workspace's name: what participants read as "Run by …" on every survey page, named by the
// first admin at setup and renamed by an admin later (decision 042).

export const MAX_WORKSPACE_NAME_LENGTH = 120;

export const WorkspaceNameSchema = z
  .string({ error: 'enter the name of your firm or team' })
  .trim()
  .min(1, { error: 'enter the name of your firm or team' })
  .max(MAX_WORKSPACE_NAME_LENGTH, { error: `use at most ${MAX_WORKSPACE_NAME_LENGTH} characters` })
  .refine((name) => findForbiddenCharacter(name, 'single-line') === null, {
    error: 'contains a control character; remove it and send again',
  });

export const RenameWorkspaceSchema = z.strictObject({ name: WorkspaceNameSchema });
export type RenameWorkspaceInput = z.input<typeof RenameWorkspaceSchema>;

export async function getWorkspace(db: Db, workspaceId: string): Promise<Workspace> {
  const [row] = await db
    .select({ id: workspaces.id, name: workspaces.name })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!row) throw new AppError('not-found', 'workspace not found');
  return row;
}

/** Renames the workspace; the survey shows the new name from the next page a participant opens. */
export async function renameWorkspace(
  db: Db,
  workspaceId: string,
  input: RenameWorkspaceInput,
): Promise<Workspace> {
  const { name } = parseInput(RenameWorkspaceSchema, input, 'workspace');
  const [row] = await db
    .update(workspaces)
    .set({ name })
    .where(eq(workspaces.id, workspaceId))
    .returning({ id: workspaces.id, name: workspaces.name });
  if (!row) throw new AppError('not-found', 'workspace not found');
  return row;
}
