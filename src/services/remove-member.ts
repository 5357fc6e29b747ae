import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema.ts';
import { lockMember, requireAnotherAdmin } from './change-member-role.ts';

/**
 * Removes an admin's or facilitator's account from the workspace: their sessions end with it
 * (cascade), and what they coded or wrote keeps its text but no longer points to them. The last
 * admin cannot be removed (a 409).
 */
export async function removeMember(db: Db, workspaceId: string, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const member = await lockMember(tx, workspaceId, userId);
    if (member.role === 'admin') await requireAnotherAdmin(tx, workspaceId, member.id, 'remove');
    await tx.delete(users).where(eq(users.id, member.id));
  });
}
