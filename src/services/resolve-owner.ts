import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { participants, sponsorGrants, users } from '../db/schema.ts';
import type { Side } from '../domain/model.ts';
import { fieldProblem, invalidFields } from '../domain/parse-input.ts';
import type { Owner, OwnerInput } from '../domain/share-and-act.ts';
import { possessive } from '../domain/words.ts';
import type { Tx } from './lock-relationship.ts';

// Who can own a workstream, an action or a small big thing: a participant of the relationship (no
// account: reached through a personal link) or a sponsor with a grant for it, each on their side.

/** Everyone who may own something in this relationship, by side then name. */
export async function loadOwnerCandidates(db: Db | Tx, relationshipId: string): Promise<Owner[]> {
  const [people, sponsors] = await Promise.all([
    db
      .select({ id: participants.id, name: participants.name, side: participants.side })
      .from(participants)
      .where(eq(participants.relationshipId, relationshipId))
      .orderBy(asc(participants.side), asc(participants.name)),
    db
      .select({ id: users.id, name: users.name, email: users.email, side: sponsorGrants.side })
      .from(sponsorGrants)
      .innerJoin(users, eq(users.id, sponsorGrants.userId))
      .where(eq(sponsorGrants.relationshipId, relationshipId))
      .orderBy(asc(sponsorGrants.side), asc(users.name)),
  ]);
  return [
    ...sponsors.map(
      (s): Owner => ({ kind: 'sponsor', id: s.id, name: s.name || s.email, side: s.side as Side }),
    ),
    ...people.map(
      (p): Owner => ({ kind: 'participant', id: p.id, name: p.name || 'Participant', side: p.side as Side }),
    ),
  ];
}

/**
 * The owner an input names, checked against the relationship (and the side, when one is asked
 * for): a participant of another relationship, a sponsor without a grant for this one, or someone
 * from the wrong side is refused by the field's name.
 */
export async function resolveOwner(
  db: Db | Tx,
  relationshipId: string,
  input: OwnerInput,
  field: string,
  sideNames: Record<Side, string>,
  side?: Side,
): Promise<Owner> {
  let found: Owner | undefined;
  if (input.kind === 'participant') {
    const [row] = await db
      .select({ id: participants.id, name: participants.name, side: participants.side })
      .from(participants)
      .where(and(eq(participants.id, input.id), eq(participants.relationshipId, relationshipId)));
    if (row)
      found = { kind: 'participant', id: row.id, name: row.name || 'Participant', side: row.side as Side };
  } else {
    const [row] = await db
      .select({ id: users.id, name: users.name, email: users.email, side: sponsorGrants.side })
      .from(sponsorGrants)
      .innerJoin(users, eq(users.id, sponsorGrants.userId))
      .where(and(eq(sponsorGrants.userId, input.id), eq(sponsorGrants.relationshipId, relationshipId)));
    if (row) found = { kind: 'sponsor', id: row.id, name: row.name || row.email, side: row.side as Side };
  }
  if (!found) {
    throw invalidFields([
      fieldProblem(
        field,
        input.kind === 'participant'
          ? 'no participant of this relationship has this id'
          : 'no sponsor of this relationship has this id',
      ),
    ]);
  }
  if (side !== undefined && found.side !== side) {
    throw invalidFields([
      fieldProblem(
        field,
        `${found.name} is on ${possessive(sideNames[found.side])} side, not ${possessive(sideNames[side])}`,
      ),
    ]);
  }
  return found;
}

/** The columns an owner is stored in. */
export function ownerColumns(owner: Owner | null): { participantId: string | null; userId: string | null } {
  if (!owner) return { participantId: null, userId: null };
  return owner.kind === 'participant'
    ? { participantId: owner.id, userId: null }
    : { participantId: null, userId: owner.id };
}
