import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { sessions, users } from '../db/schema.ts';
import { type AccountUser, accountUserColumns, toAccountUser } from './create-user.ts';
import { hashSecret } from './secrets.ts';
import type { AccountSession } from './sign-in.ts';

/**
 * The session a cookie's token opens, with its user; null for an unknown or expired token (an
 * expired session is deleted on the way). Sessions do not slide: they end 14 days after sign-in.
 */
export async function getSession(
  db: Db,
  sessionToken: string,
  now: Date = new Date(),
): Promise<{ user: AccountUser; session: AccountSession } | null> {
  if (!sessionToken) return null;
  const idHash = hashSecret(sessionToken);
  const [row] = await db
    .select({
      user: accountUserColumns,
      idHash: sessions.idHash,
      csrfToken: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.idHash, idHash))
    .limit(1);
  if (!row) return null;
  if (row.expiresAt.getTime() <= now.getTime()) {
    await db.delete(sessions).where(eq(sessions.idHash, idHash));
    return null;
  }
  return {
    user: toAccountUser(row.user),
    session: { idHash: row.idHash, csrfToken: row.csrfToken, expiresAt: row.expiresAt },
  };
}
