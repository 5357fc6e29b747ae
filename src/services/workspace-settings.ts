import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { workspaces } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { findForbiddenCharacter } from '../domain/control-characters.ts';
import { parseInput } from '../domain/parse-input.ts';

// The workspace's name — what participants read as "Run by …" on every survey page, named by the
// first admin at setup and renamed by an admin later (decision 042) — and the colour of the
// documents it hands over (the deck's master, the report's headings; issue 11).

export const MAX_WORKSPACE_NAME_LENGTH = 120;
export const DEFAULT_WORKSPACE_COLOUR = '#0b5cad';

export type WorkspaceSettings = { id: string; name: string; colour: string };

export const WorkspaceNameSchema = z
  .string({ error: 'enter the name of your firm or team' })
  .trim()
  .min(1, { error: 'enter the name of your firm or team' })
  .max(MAX_WORKSPACE_NAME_LENGTH, { error: `use at most ${MAX_WORKSPACE_NAME_LENGTH} characters` })
  .refine((name) => findForbiddenCharacter(name, 'single-line') === null, {
    error: 'contains a control character; remove it and send again',
  });

export const WorkspaceColourSchema = z
  .string({ error: 'give the colour as #rrggbb, for example #0b5cad' })
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, { error: 'give the colour as #rrggbb, for example #0b5cad' })
  .transform((colour) => colour.toLowerCase());

export const UpdateWorkspaceSchema = z
  .strictObject({ name: WorkspaceNameSchema.optional(), colour: WorkspaceColourSchema.optional() })
  .refine((input) => input.name !== undefined || input.colour !== undefined, {
    error: 'give a new name, a new colour, or both',
    path: ['name'],
  });
export type UpdateWorkspaceInput = z.input<typeof UpdateWorkspaceSchema>;

const columns = { id: workspaces.id, name: workspaces.name, colour: workspaces.colour };

export async function getWorkspace(db: Db, workspaceId: string): Promise<WorkspaceSettings> {
  const [row] = await db.select(columns).from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!row) throw new AppError('not-found', 'workspace not found');
  return row;
}

/** Renames the workspace or changes its colour; the survey shows a new name from the next page. */
export async function updateWorkspace(
  db: Db,
  workspaceId: string,
  input: UpdateWorkspaceInput,
): Promise<WorkspaceSettings> {
  const { name, colour } = parseInput(UpdateWorkspaceSchema, input, 'workspace');
  const [row] = await db
    .update(workspaces)
    .set({ ...(name === undefined ? {} : { name }), ...(colour === undefined ? {} : { colour }) })
    .where(eq(workspaces.id, workspaceId))
    .returning(columns);
  if (!row) throw new AppError('not-found', 'workspace not found');
  return row;
}
