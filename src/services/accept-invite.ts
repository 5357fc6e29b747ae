import { and, eq, gt } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { teamInvites, workspaces } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import {
  type AccountUser,
  hashPassword,
  insertUser,
  NewPasswordSchema,
  PersonNameSchema,
  parseInput,
} from './create-user.ts';
import type { TeamRole } from './invite-member.ts';
import { hashSecret } from './secrets.ts';

export type InviteView = { email: string; name: string; role: TeamRole; workspaceName: string };

const GONE =
  'this invitation has expired, was withdrawn or was already used: ask an admin to invite you again';

/** What the invitation page shows before the invitee chooses a password; 404 for a dead link. */
export async function findInvite(db: Db, token: string, now: Date = new Date()): Promise<InviteView> {
  const [row] = await db
    .select({
      email: teamInvites.email,
      name: teamInvites.name,
      role: teamInvites.role,
      workspaceName: workspaces.name,
    })
    .from(teamInvites)
    .innerJoin(workspaces, eq(workspaces.id, teamInvites.workspaceId))
    .where(and(eq(teamInvites.tokenHash, hashSecret(token)), gt(teamInvites.expiresAt, now)));
  if (!row) throw new AppError('not-found', GONE);
  return { ...row, role: row.role as TeamRole };
}

export const AcceptInviteSchema = z.object({ name: PersonNameSchema, password: NewPasswordSchema });
export type AcceptInviteInput = z.input<typeof AcceptInviteSchema>;

/**
 * Opens the account the invitation names, with the password the invitee chose, and uses the
 * invitation up (deleted in the same transaction: the link works once). The invitee may correct
 * their name; email and role are the admin's.
 */
export async function acceptInvite(
  db: Db,
  token: string,
  input: AcceptInviteInput,
  now: Date = new Date(),
): Promise<AccountUser> {
  const data = parseInput(AcceptInviteSchema, input);
  const passwordHash = await hashPassword(data.password);
  return db.transaction(async (tx) => {
    const [invite] = await tx
      .delete(teamInvites)
      .where(and(eq(teamInvites.tokenHash, hashSecret(token)), gt(teamInvites.expiresAt, now)))
      .returning();
    if (!invite) throw new AppError('not-found', GONE);
    return insertUser(tx, {
      workspaceId: invite.workspaceId,
      email: invite.email,
      name: data.name,
      role: invite.role as TeamRole,
      passwordHash,
    });
  });
}
