import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { teamInvites } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { isUuid } from '../domain/uuid.ts';

/** Withdraws a pending invitation of the workspace: its link stops working at once. */
export async function revokeInvite(db: Db, workspaceId: string, inviteId: string): Promise<void> {
  const deleted = isUuid(inviteId)
    ? await db
        .delete(teamInvites)
        .where(and(eq(teamInvites.workspaceId, workspaceId), eq(teamInvites.id, inviteId)))
        .returning({ id: teamInvites.id })
    : [];
  if (deleted.length === 0)
    throw new AppError('not-found', 'invitation not found (accepted or withdrawn already?)');
}
