import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { passwordResets } from '../db/schema.ts';
import { normalizeEmail } from './create-user.ts';
import { hitRateLimit, tooManyRequests } from './hit-rate-limit.ts';
import { RATE_LIMITS } from './rate-limit-rules.ts';
import { createToken, hashSecret } from './secrets.ts';

export const PASSWORD_RESET_LIFETIME_MS = 60 * 60 * 1000;
export const PASSWORD_RESET_SUBJECT = 'Reset your Trustloop password';

/**
 * Mails a one-hour reset link to a known email (through the outbox until Trustloop sends mail);
 * the new link supersedes every unused one of the account, so only one works at a time.
 *
 * The answer must not tell anyone which emails have accounts, by its words or by its time: a known
 * and an unknown email run the very same steps — both budgets counted (per email and per client
 * address, 429 past either), a token made and hashed, and ONE statement that looks the account up
 * and, only where it finds one, supersedes, stores and mails inside the database. `baseUrl` must be
 * the server's PUBLIC_URL or its own address, never a Host header taken from the request, or a
 * forged request could send the link elsewhere.
 */
export async function requestPasswordReset(
  db: Db,
  input: { email: string; baseUrl: string; address: string },
  now: Date = new Date(),
): Promise<void> {
  const email = normalizeEmail(input.email);
  const byAddress = await hitRateLimit(db, RATE_LIMITS.passwordResetAddress, input.address || 'unknown', now);
  if (!byAddress.isAllowed)
    throw tooManyRequests(byAddress, 'too many reset links were asked for from this address');
  const byEmail = await hitRateLimit(db, RATE_LIMITS.passwordResetEmail, email, now);
  if (!byEmail.isAllowed) throw tooManyRequests(byEmail, 'too many reset links were asked for this email');

  const token = createToken(32);
  const link = `${input.baseUrl.replace(/\/+$/, '')}/reset-password/${token}`;
  const body = [
    '',
    '',
    'Someone (we hope you) asked to reset your Trustloop password. Open this link within an hour',
    'to choose a new one:',
    '',
    link,
    '',
    'The link works once, and only the newest link you asked for works. If you did not ask for it,',
    'ignore this message: your password stays as it is.',
  ].join('\n');
  const expiresAt = new Date(now.getTime() + PASSWORD_RESET_LIFETIME_MS).toISOString();
  const at = now.toISOString();
  await db.execute(sql`
    with account as (
      select id, workspace_id, name from users where email = ${email} limit 1
    ), superseded as (
      update password_resets set used_at = ${at}::timestamptz
      where user_id in (select id from account) and used_at is null
    ), issued as (
      insert into password_resets (token_hash, user_id, expires_at, created_at)
      select ${hashSecret(token)}, id, ${expiresAt}::timestamptz, ${at}::timestamptz from account
    )
    insert into outbox (workspace_id, to_address, subject, body, created_at)
    select workspace_id, ${email}, ${PASSWORD_RESET_SUBJECT},
           'Hello' || coalesce(' ' || nullif(name, ''), '') || ',' || ${body}, ${at}::timestamptz
    from account`);
}

/**
 * Stores a new one-time /reset-password token for the user, valid for `lifetimeMs` from `now`, and
 * returns it (only its hash is kept). Sponsor invitations use it.
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
