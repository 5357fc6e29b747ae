import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { relationships, sides, sponsorGrants, users } from '../db/schema.ts';
import type { Side } from '../domain/model.ts';
import { type AccountUser, toAccountUser } from './create-user.ts';

export type PersonGrant = { relationshipId: string; relationshipName: string; side: Side; sideName: string };

/** An account of the workspace and, for a sponsor, the relationships (and sides) they sponsor. */
export type Person = AccountUser & { grants: PersonGrant[] };

const ROLE_ORDER = { admin: 0, facilitator: 1, sponsor: 2 } as const;

/** Every account of the workspace: admins, then facilitators, then sponsors, each by name. */
export async function listPeople(db: Db, workspaceId: string): Promise<Person[]> {
  const accounts = await db
    .select({
      id: users.id,
      workspaceId: users.workspaceId,
      email: users.email,
      name: users.name,
      role: users.role,
    })
    .from(users)
    .where(eq(users.workspaceId, workspaceId))
    .orderBy(asc(users.name), asc(users.email));
  const grants = await db
    .select({
      userId: sponsorGrants.userId,
      relationshipId: relationships.id,
      relationshipName: relationships.name,
      side: sponsorGrants.side,
      sideName: sides.name,
    })
    .from(sponsorGrants)
    .innerJoin(relationships, eq(relationships.id, sponsorGrants.relationshipId))
    .innerJoin(
      sides,
      and(eq(sides.relationshipId, sponsorGrants.relationshipId), eq(sides.side, sponsorGrants.side)),
    )
    .where(eq(relationships.workspaceId, workspaceId))
    .orderBy(asc(relationships.name), asc(sponsorGrants.side));
  return accounts
    .map((row) => toAccountUser(row))
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role])
    .map((person) => ({
      ...person,
      grants: grants
        .filter((g) => g.userId === person.id)
        .map((g) => ({
          relationshipId: g.relationshipId,
          relationshipName: g.relationshipName,
          side: g.side as Side,
          sideName: g.sideName,
        })),
    }));
}
