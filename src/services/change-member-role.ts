import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { users, workspaces } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { isUuid } from '../domain/uuid.ts';
import { parseInput } from './create-user.ts';
import { TEAM_ROLES, type TeamRole, TeamRoleSchema } from './invite-member.ts';
import type { TeamMember } from './list-team.ts';
import type { Tx } from './lock-relationship.ts';

export const ChangeRoleSchema = z.strictObject({ role: TeamRoleSchema });
export type ChangeRoleInput = z.input<typeof ChangeRoleSchema>;

/**
 * Makes a member of the workspace an admin or a facilitator. The last admin cannot be made a
 * facilitator: a workspace always keeps someone who can manage its team (a 409).
 */
export async function changeMemberRole(
  db: Db,
  workspaceId: string,
  userId: string,
  input: ChangeRoleInput,
): Promise<TeamMember> {
  const { role } = parseInput(ChangeRoleSchema, input);
  return db.transaction(async (tx) => {
    const member = await lockMember(tx, workspaceId, userId);
    if (member.role === 'admin' && role !== 'admin')
      await requireAnotherAdmin(tx, workspaceId, member.id, 'demote');
    const [updated] = await tx
      .update(users)
      .set({ role })
      .where(eq(users.id, member.id))
      .returning({ id: users.id, email: users.email, name: users.name, role: users.role });
    if (!updated) throw new Error('updating a role returned no row');
    return { ...updated, role: updated.role as TeamRole };
  });
}

/**
 * The member (admin or facilitator) of the workspace, with the workspace row locked so that two
 * admins demoting or removing each other at once cannot leave it without one.
 */
export async function lockMember(tx: Tx, workspaceId: string, userId: string): Promise<TeamMember> {
  await tx.execute(sql`select 1 from ${workspaces} where ${workspaces.id} = ${workspaceId} for update`);
  const [member] = isUuid(userId)
    ? await tx
        .select({ id: users.id, email: users.email, name: users.name, role: users.role })
        .from(users)
        .where(
          and(eq(users.workspaceId, workspaceId), eq(users.id, userId), inArray(users.role, [...TEAM_ROLES])),
        )
    : [];
  if (!member) throw new AppError('not-found', 'member not found in this workspace');
  return { ...member, role: member.role as TeamRole };
}

export async function requireAnotherAdmin(
  tx: Tx,
  workspaceId: string,
  userId: string,
  what: 'demote' | 'remove',
): Promise<void> {
  const admins = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.role, 'admin')));
  if (admins.every((a) => a.id === userId)) {
    throw new AppError(
      'conflict',
      `this is the workspace's last admin: make another member an admin before you ${what === 'demote' ? 'change this role' : 'remove them'}`,
    );
  }
}
