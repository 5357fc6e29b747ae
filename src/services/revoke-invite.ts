import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { teamInvites } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id that is not a UUID names nothing: PostgreSQL would refuse it with an error, not a miss. */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}
