import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { outbox, teamInvites, users, workspaces } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { EmailSchema, PersonNameSchema, parseInput } from './create-user.ts';
import { createToken, hashSecret } from './secrets.ts';

// An admin invites a facilitator or another admin (decision 041). The invitation is a pending
// row (team_invites) and a mail in the outbox with a link to /invite/<token>; the account exists
// only once the invitee opens it and chooses a password (acceptInvite).

/** A colleague may not read mail today: a week, as a sponsor's invitation. */
export const TEAM_INVITE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
export const TEAM_INVITE_SUBJECT = 'You are invited to join a team on Trustloop';
export const TEAM_ROLES = ['admin', 'facilitator'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export const TeamRoleSchema = z.enum(TEAM_ROLES, { error: 'choose facilitator or admin' });

export const InviteMemberSchema = z.strictObject({
  name: PersonNameSchema,
  email: EmailSchema,
  role: TeamRoleSchema,
});
export type InviteMemberInput = z.input<typeof InviteMemberSchema>;

export type InvitedMember = { id: string; email: string; name: string; role: TeamRole; expiresAt: Date };

/**
 * Writes the invitation and its mail in one transaction. An email with an account in this
 * workspace is a 409 naming the field; one of another workspace gets the same words as any taken
 * email (not which workspace). Inviting an email again replaces its pending invitation: the old
 * link stops working, so one link is live per email. `baseUrl` is the server's configured address.
 */
export async function inviteMember(
  db: Db,
  workspaceId: string,
  input: InviteMemberInput & { baseUrl: string; invitedByUserId: string | null },
  now: Date = new Date(),
): Promise<InvitedMember> {
  const invite = parseInput(InviteMemberSchema, {
    name: input.name,
    email: input.email,
    role: input.role,
  });
  const token = createToken(32);
  const expiresAt = new Date(now.getTime() + TEAM_INVITE_LIFETIME_MS);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ workspaceId: users.workspaceId, role: users.role })
      .from(users)
      .where(eq(users.email, invite.email))
      .limit(1);
    if (existing) {
      const message =
        existing.workspaceId === workspaceId
          ? `already has an account in this workspace (${existing.role})`
          : 'an account with this email already exists';
      throw new AppError('conflict', `email: ${message}`, [{ field: 'email', message }]);
    }
    await tx
      .delete(teamInvites)
      .where(and(eq(teamInvites.workspaceId, workspaceId), eq(teamInvites.email, invite.email)));
    const [row] = await tx
      .insert(teamInvites)
      .values({
        workspaceId,
        email: invite.email,
        name: invite.name,
        role: invite.role,
        tokenHash: hashSecret(token),
        invitedByUserId: input.invitedByUserId,
        expiresAt,
        createdAt: now,
      })
      .returning({ id: teamInvites.id });
    if (!row) throw new Error('inserting an invitation returned no row');
    const [workspace] = await tx
      .select({ name: workspaces.name })
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId));
    const base = input.baseUrl.replace(/\/+$/, '');
    const as = invite.role === 'admin' ? 'an admin' : 'a facilitator';
    await tx.insert(outbox).values({
      workspaceId,
      toAddress: invite.email,
      subject: TEAM_INVITE_SUBJECT,
      body: [
        `Hello ${invite.name},`,
        '',
        `You are invited to join ${workspace?.name ?? 'a team'} on Trustloop as ${as}. Open this link`,
        'within seven days to choose your password:',
        '',
        `${base}/invite/${token}`,
        '',
        'The link works once. Then sign in with your email address and that password. If it has',
        'expired, ask the admin who invited you to invite you again.',
      ].join('\n'),
      createdAt: now,
    });
    return { id: row.id, email: invite.email, name: invite.name, role: invite.role, expiresAt };
  });
}
