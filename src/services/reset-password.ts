import { and, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { passwordResets, sessions, users } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { hashPassword, NewPasswordSchema, parseInput } from './create-user.ts';
import { hashSecret } from './secrets.ts';

/**
 * Sets a new password from a reset link's token: the token is used up (with every other open
 * reset link of the same user) and all of the user's sessions end, a stolen one included.
 */
export async function resetPassword(
  db: Db,
  input: { token: string; password: string },
  now: Date = new Date(),
): Promise<{ userId: string }> {
  const { password } = parseInput(z.object({ password: NewPasswordSchema }), { password: input.password });
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    // One conditional update claims the token, so two uses at once cannot both succeed.
    const [claimed] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordResets.tokenHash, hashSecret(input.token)),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, now),
        ),
      )
      .returning({ userId: passwordResets.userId });
    if (!claimed) throw new AppError('invalid-input', 'this reset link has expired or was already used');
    await tx.update(users).set({ passwordHash }).where(eq(users.id, claimed.userId));
    await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.userId, claimed.userId), isNull(passwordResets.usedAt)));
    await tx.delete(sessions).where(eq(sessions.userId, claimed.userId));
    return { userId: claimed.userId };
  });
}
