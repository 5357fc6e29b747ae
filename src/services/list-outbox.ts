import { and, desc, eq, isNull, ne, notExists, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { outbox, users } from '../db/schema.ts';
import type { UserRole } from './create-user.ts';

export type OutboxMail = {
  id: string;
  to: string;
  subject: string;
  body: string;
  createdAt: Date;
  sentAt: Date | null;
  /** queued, sending, sent or failed (decision 053). */
  status: string;
  /** The mail server's last answer when it refused or could not be reached. */
  lastError: string | null;
};

/**
 * Mail Trustloop sends, newest first, with its delivery: without a mail server (SMTP_URL) the
 * outbox page is where it waits to be passed on. `workspaceId` null lists mail that belongs to no
 * workspace.
 *
 * Pass the viewer: only an admin sees mail addressed to *other* accounts of the workspace. A
 * password-reset link in another person's mail would otherwise let a facilitator take over an
 * admin's account.
 */
export async function listOutbox(
  db: Db,
  workspaceId: string | null,
  viewer?: { email: string; role: UserRole },
  limit = 200,
): Promise<OutboxMail[]> {
  const inWorkspace = workspaceId === null ? isNull(outbox.workspaceId) : eq(outbox.workspaceId, workspaceId);
  const visible =
    viewer && viewer.role !== 'admin'
      ? and(
          inWorkspace,
          notExists(
            db
              .select({ one: sql`1` })
              .from(users)
              .where(and(eq(users.email, outbox.toAddress), ne(users.email, viewer.email.toLowerCase()))),
          ),
        )
      : inWorkspace;
  return db
    .select({
      id: outbox.id,
      to: outbox.toAddress,
      subject: outbox.subject,
      body: outbox.body,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
      status: outbox.status,
      lastError: outbox.lastError,
    })
    .from(outbox)
    .where(visible)
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(limit);
}
