import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { relationships, sponsorGrants, users } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { isUuid } from '../domain/uuid.ts';

/**
 * Takes a sponsor's access to one relationship away. The account stays (it may sponsor others, and
 * a later grant needs no new invitation); every request checks the grants, so an open session of
 * that sponsor loses the relationship at once. Another workspace's ids are 'not-found'.
 */
export async function removeSponsorGrant(
  db: Db,
  workspaceId: string,
  input: { userId: string; relationshipId: string },
): Promise<void> {
  const notFound = new AppError('not-found', 'no such sponsor of this relationship in your workspace');
  if (!isUuid(input.userId) || !isUuid(input.relationshipId)) throw notFound;
  const removed = await db
    .delete(sponsorGrants)
    .where(
      and(
        eq(sponsorGrants.userId, input.userId),
        eq(sponsorGrants.relationshipId, input.relationshipId),
        inArray(
          sponsorGrants.relationshipId,
          db
            .select({ id: relationships.id })
            .from(relationships)
            .where(eq(relationships.workspaceId, workspaceId)),
        ),
        inArray(
          sponsorGrants.userId,
          db.select({ id: users.id }).from(users).where(eq(users.workspaceId, workspaceId)),
        ),
      ),
    )
    .returning({ userId: sponsorGrants.userId });
  if (removed.length === 0) throw notFound;
}
