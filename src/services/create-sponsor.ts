import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { outbox, sides, sponsorGrants, users } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { SIDES, type Side } from '../domain/model.ts';
import { EmailSchema, hashPassword, insertUser, PersonNameSchema, parseInput } from './create-user.ts';
import { findRelationship } from './find-relationship.ts';
import { issueResetToken } from './request-password-reset.ts';
import { createToken } from './secrets.ts';

// A sponsor is an account of the workspace with role 'sponsor' and one grant per relationship
// (with the side they lead). Adding one either creates the account and mails a set-your-password
// link, or, for someone who already sponsors another relationship here, adds the grant.

/** An invitation waits longer than a reset link (one hour): a leader may not read mail today. */
export const SPONSOR_INVITE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
export const SPONSOR_INVITE_SUBJECT = 'You are invited to Trustloop';
export const SPONSOR_GRANT_SUBJECT = 'A relationship was added to your Trustloop account';

export const CreateSponsorSchema = z.object({
  name: PersonNameSchema,
  email: EmailSchema,
  relationship: z
    .string({ error: 'choose a relationship' })
    .trim()
    .min(1, { error: 'choose a relationship' }),
  side: z.enum(SIDES, { error: 'choose side A or side B' }),
});
export type CreateSponsorInput = z.input<typeof CreateSponsorSchema>;

export type CreatedSponsor = {
  userId: string;
  email: string;
  name: string;
  relationshipId: string;
  side: Side;
  /** True when the account is new and an invitation with a set-your-password link was written. */
  isInvited: boolean;
};

/**
 * Adds a sponsor for one side of a relationship of the workspace. `baseUrl` must be the server's
 * configured public URL (as for password resets), never a Host header taken from the request.
 * Facilitators and admins already see everything, so their emails are refused, as is an email
 * used by an account of another workspace (the message does not say which).
 */
export async function createSponsor(
  db: Db,
  workspaceId: string,
  input: CreateSponsorInput & { baseUrl: string },
  now: Date = new Date(),
): Promise<CreatedSponsor> {
  const sponsor = parseInput(CreateSponsorSchema, input);
  const relationship = await findRelationship(db, workspaceId, sponsor.relationship);
  const [sideRow] = await db
    .select({ name: sides.name })
    .from(sides)
    .where(and(eq(sides.relationshipId, relationship.id), eq(sides.side, sponsor.side)));
  const sideName = sideRow?.name ?? `side ${sponsor.side}`;

  // The invitation's password is never told to anyone: the account opens only through the link.
  const unusablePasswordHash = await hashPassword(createToken(32));
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: users.id, workspaceId: users.workspaceId, role: users.role, name: users.name })
      .from(users)
      .where(eq(users.email, sponsor.email))
      .limit(1);
    if (existing && (existing.workspaceId !== workspaceId || existing.role !== 'sponsor')) {
      throw new AppError(
        'conflict',
        existing.workspaceId === workspaceId
          ? `email: ${sponsor.email} already has a ${existing.role} account, which sees every relationship`
          : 'email: an account with this email already exists',
        [
          {
            field: 'email',
            message:
              existing.workspaceId === workspaceId
                ? `already has a ${existing.role} account, which sees every relationship`
                : 'an account with this email already exists',
          },
        ],
      );
    }
    const user =
      existing ??
      (await insertUser(tx, {
        workspaceId,
        email: sponsor.email,
        name: sponsor.name,
        role: 'sponsor',
        passwordHash: unusablePasswordHash,
      }));
    const [granted] = await tx
      .insert(sponsorGrants)
      .values({ userId: user.id, relationshipId: relationship.id, side: sponsor.side, createdAt: now })
      .onConflictDoNothing()
      .returning({ userId: sponsorGrants.userId });
    if (!granted) {
      throw new AppError('conflict', `email: ${sponsor.email} already sponsors ${relationship.name}`, [
        { field: 'email', message: `already sponsors ${relationship.name}` },
      ]);
    }

    const what = `${relationship.name}, for ${sideName}`;
    const base = input.baseUrl.replace(/\/+$/, '');
    let body: string[];
    if (existing) {
      body = [
        `Hello ${existing.name || sponsor.name},`,
        '',
        `You are now a sponsor of ${what}. Sign in to see it:`,
        '',
        `${base}/sign-in`,
      ];
    } else {
      // The password-reset machinery sets the first password: the same token table, the same page.
      const token = await issueResetToken(tx, user.id, SPONSOR_INVITE_LIFETIME_MS, now);
      body = [
        `Hello ${sponsor.name},`,
        '',
        `You are invited to Trustloop as a sponsor of ${what}. Open this link within seven days`,
        'to choose your password:',
        '',
        `${base}/reset-password/${token}`,
        '',
        'The link works once. Then sign in with your email address and that password. If the link',
        'has expired, use "Forgot your password?" on the sign-in page.',
      ];
    }
    await tx.insert(outbox).values({
      workspaceId,
      toAddress: sponsor.email,
      subject: existing ? SPONSOR_GRANT_SUBJECT : SPONSOR_INVITE_SUBJECT,
      body: body.join('\n'),
      createdAt: now,
    });
    return {
      userId: user.id,
      email: sponsor.email,
      name: existing?.name || sponsor.name,
      relationshipId: relationship.id,
      side: sponsor.side,
      isInvited: !existing,
    };
  });
}
