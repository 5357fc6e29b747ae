import { verify } from '@node-rs/argon2';
import { and, desc, eq, gt, lte } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { sessions, signInAttempts, users } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import {
  type AccountUser,
  accountUserColumns,
  hashPassword,
  normalizeEmail,
  toAccountUser,
} from './create-user.ts';
import { createToken, hashSecret } from './secrets.ts';

// Email and password in, a server-side session out (decision 009). The cookie carries a random
// token; the sessions table keeps only its SHA-256, so a copy of the table opens no session.

/** What the sessions table holds of a session, and what a form must echo (csrfToken). */
export type AccountSession = { idHash: string; csrfToken: string; expiresAt: Date };

export type SignedIn = { sessionToken: string; session: AccountSession; user: AccountUser };

export const SESSION_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;

/** Failed attempts counted within this window; at the limit, sign-in is refused until they age out. */
export const RATE_LIMIT = { windowMs: 15 * 60 * 1000, perEmail: 5, perAddress: 20 } as const;

const WRONG_CREDENTIALS = 'email or password is wrong';

export async function signIn(
  db: Db,
  input: { email: string; password: string; address: string },
  now: Date = new Date(),
): Promise<SignedIn> {
  const email = normalizeEmail(input.email);
  const address = input.address || 'unknown';

  const waitMs = await timeUntilAllowed(db, email, address, now);
  if (waitMs > 0) {
    // Refused before any password is checked, and not recorded: a refusal is not a guess, so
    // asking again while locked does not push the lock further out (decision 009).
    const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
    throw new AppError(
      'unauthorized',
      `too many sign-in attempts; try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`,
      [{ retryAfterSeconds: Math.ceil(waitMs / 1000) }],
    );
  }

  const [row] = await db
    .select({ ...accountUserColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  // Unknown emails are verified against a dummy hash so that the answer takes as long either way.
  const isValid = await verifyPassword(row?.passwordHash ?? (await dummyHash()), input.password);
  const succeeded = row !== undefined && isValid;
  await db.insert(signInAttempts).values({ email, address, succeeded, at: now });
  if (!succeeded) throw new AppError('unauthorized', WRONG_CREDENTIALS);

  const user = toAccountUser(row);
  const sessionToken = createToken(32);
  const session: AccountSession = {
    idHash: hashSecret(sessionToken),
    csrfToken: createToken(32),
    expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
  };
  // Tidy this user's expired sessions while we are here.
  await db.delete(sessions).where(and(eq(sessions.userId, user.id), lte(sessions.expiresAt, now)));
  await db.insert(sessions).values({ ...session, userId: user.id, createdAt: now });
  return { sessionToken, session, user };
}

/**
 * Milliseconds until another attempt is allowed (0 = now). Per email, failures count since the
 * email's last success; per address, every failure counts, whichever email it was for, so one
 * good account cannot reset an address that guesses at others.
 */
async function timeUntilAllowed(db: Db, email: string, address: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - RATE_LIMIT.windowMs);
  const emailAttempts = await db
    .select({ at: signInAttempts.at, succeeded: signInAttempts.succeeded })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.email, email), gt(signInAttempts.at, since), lte(signInAttempts.at, now)))
    .orderBy(desc(signInAttempts.at))
    .limit(RATE_LIMIT.perEmail);
  const lastSuccess = emailAttempts.findIndex((a) => a.succeeded);
  const emailFailures = lastSuccess === -1 ? emailAttempts : emailAttempts.slice(0, lastSuccess);

  const addressFailures = await db
    .select({ at: signInAttempts.at })
    .from(signInAttempts)
    .where(
      and(
        eq(signInAttempts.address, address),
        eq(signInAttempts.succeeded, false),
        gt(signInAttempts.at, since),
        lte(signInAttempts.at, now),
      ),
    )
    .orderBy(desc(signInAttempts.at))
    .limit(RATE_LIMIT.perAddress);

  return Math.max(
    waitFor(emailFailures, RATE_LIMIT.perEmail, now),
    waitFor(addressFailures, RATE_LIMIT.perAddress, now),
  );
}

/** With `limit` failures in the window (newest first), the oldest of them must age out first. */
function waitFor(failuresNewestFirst: Array<{ at: Date }>, limit: number, now: Date): number {
  const oldestCounted = failuresNewestFirst[limit - 1];
  if (!oldestCounted) return 0;
  return Math.max(0, oldestCounted.at.getTime() + RATE_LIMIT.windowMs - now.getTime());
}

async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash is a wrong password, not a crash that tells the caller something.
    return false;
  }
}

let dummy: Promise<string> | undefined;

/** A real hash with the same parameters, made once per process, for unknown emails. */
function dummyHash(): Promise<string> {
  dummy ??= hashPassword(createToken(16));
  return dummy;
}
