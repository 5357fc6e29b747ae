import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import {
  actionLinks,
  actions,
  outbox,
  participants,
  relationships,
  sides,
  workstreams,
} from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import type { Side, SideInfo } from '../domain/model.ts';
import { fieldProblem, invalidFields } from '../domain/parse-input.ts';
import type { ActionStatus, Release } from '../domain/share-and-act.ts';
import { isUuid } from '../domain/uuid.ts';
import { findRelationship } from './find-relationship.ts';
import { todayIso } from './find-wave.ts';
import { loadReleases } from './list-releases.ts';
import { createToken, hashSecret } from './secrets.ts';

// A personal link for an action owner who has no account (issue 9, item 6): it shows the actions
// they own and the findings released to both sides, and lets them mark an action done. Like the
// survey links: the token is 128 bits, stored only as its hash; opening the link (as a mail
// scanner does) changes nothing — only a form post does; a new link replaces the old one.

export const ACTION_LINK_SUBJECT = 'Your actions';

export type OwnActionsView = {
  name: string;
  side: Side;
  relationship: { name: string; sides: Record<Side, SideInfo> };
  actions: Array<{
    id: string;
    what: string;
    workstream: string;
    dueOn: string;
    status: ActionStatus;
    doneOn: string | null;
    overdue: boolean;
  }>;
  /** The latest joint release: the findings both sides were given. */
  findings: Release | null;
};

/**
 * Issues a participant their personal actions link (revoking any earlier one) and puts it in the
 * outbox for them. The participant must own at least one action.
 */
export async function issueActionLink(
  db: Db,
  workspaceId: string,
  relationshipRef: string,
  participantId: string,
  baseUrl: string,
): Promise<{ url: string; email: string }> {
  const relationship = await findRelationship(db, workspaceId, relationshipRef);
  if (!isUuid(participantId))
    throw invalidFields([fieldProblem('participantId', 'not a participant of this relationship')]);
  return db.transaction(async (tx) => {
    const [person] = await tx
      .select({ id: participants.id, name: participants.name, email: participants.email })
      .from(participants)
      .where(and(eq(participants.id, participantId), eq(participants.relationshipId, relationship.id)));
    if (!person)
      throw invalidFields([fieldProblem('participantId', 'not a participant of this relationship')]);
    if (!person.email) {
      throw new AppError(
        'conflict',
        `${person.name || 'This participant'} has no email address to send the link to`,
      );
    }
    const [owned] = await tx
      .select({ id: actions.id })
      .from(actions)
      .where(eq(actions.ownerParticipantId, person.id))
      .limit(1);
    if (!owned) throw new AppError('conflict', `${person.name || 'This participant'} owns no action yet`);
    const url = await replaceActionLink(tx, person.id, baseUrl);
    await tx.insert(outbox).values({
      workspaceId,
      toAddress: person.email,
      subject: ACTION_LINK_SUBJECT,
      body: [
        `Hello ${person.name || ''},`.replace(' ,', ','),
        '',
        `You own actions in the joint work of ${relationship.name}. This personal link shows them, with`,
        'the findings both sides were given, and lets you mark an action done. Keep it to yourself:',
        '',
        url,
      ].join('\n'),
    });
    return { url, email: person.email };
  });
}

/**
 * A new personal actions link for the participant, in the caller's transaction: their earlier
 * link stops working (only its hash is kept, so it cannot be sent again). Returns the link's URL.
 */
export async function replaceActionLink(db: Db, participantId: string, baseUrl: string): Promise<string> {
  await db
    .update(actionLinks)
    .set({ revokedAt: new Date() })
    .where(and(eq(actionLinks.participantId, participantId), isNull(actionLinks.revokedAt)));
  const token = createToken();
  await db.insert(actionLinks).values({ participantId, tokenHash: hashSecret(token) });
  return `${baseUrl.replace(/\/+$/, '')}/a/${token}`;
}

/** What an action link shows; 'not-found' for an unknown or replaced link. */
export async function getOwnActions(db: Db, token: string, today = todayIso()): Promise<OwnActionsView> {
  const owner = await resolveActionLink(db, token);
  const [sideRows, rows, releases] = await Promise.all([
    db.select().from(sides).where(eq(sides.relationshipId, owner.relationshipId)),
    db
      .select({
        id: actions.id,
        what: actions.what,
        workstream: workstreams.title,
        dueOn: actions.dueOn,
        status: actions.status,
        doneOn: actions.doneOn,
      })
      .from(actions)
      .innerJoin(workstreams, eq(workstreams.id, actions.workstreamId))
      .where(eq(actions.ownerParticipantId, owner.participantId))
      .orderBy(asc(actions.dueOn), asc(actions.what)),
    loadReleases(db, owner.relationshipId),
  ]);
  const sideInfo = (side: Side): SideInfo => {
    const row = sideRows.find((s) => s.side === side);
    return { name: row?.name ?? side, role: row?.role ?? '' };
  };
  return {
    name: owner.name,
    side: owner.side,
    relationship: { name: owner.relationshipName, sides: { A: sideInfo('A'), B: sideInfo('B') } },
    actions: rows.map((a) => ({
      ...a,
      status: a.status as ActionStatus,
      overdue: a.status === 'open' && a.dueOn < today,
    })),
    findings: releases.filter((r) => r.kind === 'joint').at(-1) ?? null,
  };
}

/** The link's owner marks one of their own actions done on a day (not in the future). */
export async function markOwnActionDone(
  db: Db,
  token: string,
  actionId: string,
  doneOn: string,
  today = todayIso(),
): Promise<void> {
  const owner = await resolveActionLink(db, token);
  if (!z.iso.date().safeParse(doneOn).success)
    throw invalidFields([fieldProblem('doneOn', 'expected a date written YYYY-MM-DD')]);
  if (doneOn > today) throw invalidFields([fieldProblem('doneOn', 'a day that has not come yet')]);
  const updated = isUuid(actionId)
    ? await db
        .update(actions)
        .set({ status: 'done', doneOn, updatedAt: new Date() })
        .where(and(eq(actions.id, actionId), eq(actions.ownerParticipantId, owner.participantId)))
        .returning({ id: actions.id })
    : [];
  if (updated.length === 0) throw new AppError('not-found', 'this action is not one of yours');
}

async function resolveActionLink(db: Db, token: string) {
  const notFound = new AppError(
    'not-found',
    'this link does not work (any more): ask the facilitator for a new one',
  );
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) throw notFound;
  const [row] = await db
    .select({
      participantId: participants.id,
      name: participants.name,
      side: participants.side,
      relationshipId: relationships.id,
      relationshipName: relationships.name,
    })
    .from(actionLinks)
    .innerJoin(participants, eq(participants.id, actionLinks.participantId))
    .innerJoin(relationships, eq(relationships.id, participants.relationshipId))
    .where(and(eq(actionLinks.tokenHash, hashSecret(token)), isNull(actionLinks.revokedAt)));
  if (!row) throw notFound;
  return { ...row, side: row.side as Side };
}
