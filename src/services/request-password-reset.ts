import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { outbox, passwordResets, users } from '../db/schema.ts';
import { normalizeEmail } from './create-user.ts';
import { createToken, hashSecret } from './secrets.ts';

export const PASSWORD_RESET_LIFETIME_MS = 60 * 60 * 1000;
export const PASSWORD_RESET_SUBJECT = 'Reset your Trustloop password';

/**
 * Mails a one-hour reset link to a known email (through the outbox until Trustloop sends mail).
 * An unknown email gets the same answer and nothing happens, so the form tells nobody which
 * emails have accounts. `baseUrl` must be the server's configured public URL, never a Host
 * header taken from the request, or a forged request could send the link elsewhere.
 */
export async function requestPasswordReset(
  db: Db,
  input: { email: string; baseUrl: string },
  now: Date = new Date(),
): Promise<void> {
  const email = normalizeEmail(input.email);
  const [user] = await db
    .select({ id: users.id, workspaceId: users.workspaceId, name: users.name })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  if (!user) return;

  const base = input.baseUrl.replace(/\/+$/, '');
  await db.transaction(async (tx) => {
    const token = await issueResetToken(tx, user.id, PASSWORD_RESET_LIFETIME_MS, now);
    const link = `${base}/reset-password/${token}`;
    await tx.insert(outbox).values({
      workspaceId: user.workspaceId,
      toAddress: email,
      subject: PASSWORD_RESET_SUBJECT,
      body: [
        `Hello${user.name ? ` ${user.name}` : ''},`,
        '',
        'Someone (we hope you) asked to reset your Trustloop password. Open this link within an hour',
        'to choose a new one:',
        '',
        link,
        '',
        'The link works once. If you did not ask for it, ignore this message: your password stays',
        'as it is.',
      ].join('\n'),
      createdAt: now,
    });
  });
}

/**
 * Stores a new one-time /reset-password token for the user, valid for `lifetimeMs` from `now`, and
 * returns it (only its hash is kept). Password resets and sponsor invitations both use it.
 */
export async function issueResetToken(
  db: Pick<Db, 'insert'>,
  userId: string,
  lifetimeMs: number,
  now: Date,
): Promise<string> {
  const token = createToken(32);
  await db.insert(passwordResets).values({
    tokenHash: hashSecret(token),
    userId,
    expiresAt: new Date(now.getTime() + lifetimeMs),
    createdAt: now,
  });
  return token;
}
