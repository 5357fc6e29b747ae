import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  actions,
  charterSignoffs,
  charterVersions,
  findingEvidence,
  findings,
  incidents,
  participants,
  relationships,
  releases,
  sides,
  smallBigThings,
  users,
  workstreamFindings,
  workstreamIncidents,
  workstreams,
  workstreamUpdates,
} from '../db/schema.ts';
import type { BundleOwner, BundleShareAndAct } from '../domain/bundle/share-and-act-file.ts';
import type { Side } from '../domain/model.ts';
import type { EvidenceReference, EvidenceSnapshot, ReleasedFinding } from '../domain/share-and-act.ts';
import type { Tx } from './lock-relationship.ts';
import { loadBundleWorkshops, writeBundleWorkshops } from './workshop-bundle.ts';

// share-and-act.json to and from the store (issue 9, item 7): what exportBundle reads and
// importBundle writes, in the import's transaction. Only what belongs to the waves the bundle
// carries (closed ones) travels; owners go by respondent key or, for a sponsor, by email.

type OwnerColumns = { participantId: string | null; userId: string | null };

/** The share-and-act data of a relationship, limited to these waves (id → label). */
export async function loadShareAndAct(
  db: Db,
  relationshipId: string,
  waveLabels: ReadonlyMap<string, string>,
): Promise<BundleShareAndAct> {
  const [findingRows, releaseRows, workstreamRows, thingRows, charterRows, people, incidentRows] =
    await Promise.all([
      db
        .select()
        .from(findings)
        .where(eq(findings.relationshipId, relationshipId))
        .orderBy(asc(findings.ref)),
      db
        .select()
        .from(releases)
        .where(eq(releases.relationshipId, relationshipId))
        .orderBy(asc(releases.releasedAt), asc(releases.id)),
      db
        .select()
        .from(workstreams)
        .where(eq(workstreams.relationshipId, relationshipId))
        .orderBy(asc(workstreams.createdAt), asc(workstreams.ref)),
      db
        .select()
        .from(smallBigThings)
        .where(eq(smallBigThings.relationshipId, relationshipId))
        .orderBy(asc(smallBigThings.raisedOn), asc(smallBigThings.createdAt), asc(smallBigThings.id)),
      db
        .select()
        .from(charterVersions)
        .where(eq(charterVersions.relationshipId, relationshipId))
        .orderBy(asc(charterVersions.version)),
      db
        .select({ id: participants.id, respondent: participants.respondentKey })
        .from(participants)
        .where(eq(participants.relationshipId, relationshipId)),
      db
        .select({ id: incidents.id, ref: incidents.ref })
        .from(incidents)
        .where(eq(incidents.relationshipId, relationshipId)),
    ]);
  const kept = findingRows.filter((f) => waveLabels.has(f.waveId));
  const findingIds = kept.map((f) => f.id);
  const workstreamIds = workstreamRows.map((w) => w.id);
  const charterIds = charterRows.map((c) => c.id);
  const [evidenceRows, actionRows, updateRows, findingLinks, incidentLinks, signoffRows] = await Promise.all([
    findingIds.length === 0
      ? []
      : db
          .select()
          .from(findingEvidence)
          .where(inArray(findingEvidence.findingId, findingIds))
          .orderBy(asc(findingEvidence.position)),
    workstreamIds.length === 0
      ? []
      : db
          .select()
          .from(actions)
          .where(inArray(actions.workstreamId, workstreamIds))
          .orderBy(asc(actions.position), asc(actions.createdAt)),
    workstreamIds.length === 0
      ? []
      : db
          .select()
          .from(workstreamUpdates)
          .where(inArray(workstreamUpdates.workstreamId, workstreamIds))
          .orderBy(asc(workstreamUpdates.on), asc(workstreamUpdates.createdAt)),
    workstreamIds.length === 0
      ? []
      : db.select().from(workstreamFindings).where(inArray(workstreamFindings.workstreamId, workstreamIds)),
    workstreamIds.length === 0
      ? []
      : db.select().from(workstreamIncidents).where(inArray(workstreamIncidents.workstreamId, workstreamIds)),
    charterIds.length === 0
      ? []
      : db.select().from(charterSignoffs).where(inArray(charterSignoffs.charterVersionId, charterIds)),
  ]);
  const userIds = [
    ...new Set(
      [
        ...workstreamRows.flatMap((w) => [w.ownerAUserId, w.ownerBUserId]),
        ...actionRows.map((a) => a.ownerUserId),
        ...thingRows.map((t) => t.ownerUserId),
      ].filter((id): id is string => id !== null),
    ),
  ];
  const sponsors =
    userIds.length === 0
      ? []
      : await db
          .select({ id: users.id, name: users.name, email: users.email })
          .from(users)
          .where(inArray(users.id, userIds));
  const respondentOf = new Map(people.map((p) => [p.id, p.respondent]));
  const sponsorOf = new Map(sponsors.map((u) => [u.id, u]));
  const owner = (columns: OwnerColumns): BundleOwner | null => {
    if (columns.participantId) {
      const respondent = respondentOf.get(columns.participantId);
      return respondent ? { kind: 'participant', respondent } : null;
    }
    if (columns.userId) {
      const user = sponsorOf.get(columns.userId);
      return user ? { kind: 'sponsor', name: user.name, email: user.email } : null;
    }
    return null;
  };
  const findingRef = new Map(kept.map((f) => [f.id, f.ref]));
  const incidentRef = new Map(incidentRows.map((i) => [i.id, i.ref]));
  const workstreamRef = new Map(workstreamRows.map((w) => [w.id, w.ref]));
  const workshopList = await loadBundleWorkshops(db, relationshipId, waveLabels);
  return {
    findings: kept.map((f) => ({
      ref: f.ref,
      wave: waveLabels.get(f.waveId)!,
      kind: f.kind as BundleShareAndAct['findings'][number]['kind'],
      concerns: f.concerns as BundleShareAndAct['findings'][number]['concerns'],
      title: f.title,
      body: f.body,
      version: f.version,
      suggestionKey: f.suggestionKey,
      evidence: evidenceRows
        .filter((e) => e.findingId === f.id)
        .map((e) => {
          const stored = e.snapshot as { snapshot: EvidenceSnapshot; label: string };
          return {
            reference: e.reference as EvidenceReference,
            snapshot: stored.snapshot,
            label: stored.label,
          };
        }),
      position: f.position,
    })),
    releases: releaseRows
      .filter((r) => waveLabels.has(r.waveId))
      .map((r) => ({
        wave: waveLabels.get(r.waveId)!,
        kind: r.kind as 'pre-brief' | 'joint',
        side: (r.side as Side | null) ?? null,
        releasedBy: r.releasedBy,
        releasedAt: r.releasedAt.toISOString(),
        findings: (r.content as { findings: ReleasedFinding[] }).findings,
      })),
    workstreams: workstreamRows.map((w) => ({
      ref: w.ref,
      title: w.title,
      type: w.type as BundleShareAndAct['workstreams'][number]['type'],
      description: w.description,
      status: w.status as 'active' | 'closed',
      owners: {
        A: owner({ participantId: w.ownerAParticipantId, userId: w.ownerAUserId }),
        B: owner({ participantId: w.ownerBParticipantId, userId: w.ownerBUserId }),
      },
      targetDimensions: w.targetDimensions,
      startedOn: w.startedOn,
      findings: findingLinks
        .filter((l) => l.workstreamId === w.id)
        .flatMap((l) => findingRef.get(l.findingId) ?? [])
        .sort(),
      incidents: incidentLinks
        .filter((l) => l.workstreamId === w.id)
        .flatMap((l) => incidentRef.get(l.incidentId) ?? [])
        .sort(),
      actions: actionRows
        .filter((a) => a.workstreamId === w.id)
        .map((a) => ({
          what: a.what,
          side: a.ownerSide as Side,
          owner: owner({ participantId: a.ownerParticipantId, userId: a.ownerUserId }),
          dueOn: a.dueOn,
          status: a.status as 'open' | 'done' | 'dropped',
          doneOn: a.doneOn,
        })),
      updates: updateRows
        .filter((u) => u.workstreamId === w.id)
        .map((u) => ({ on: u.on, rag: u.rag as 'red' | 'amber' | 'green', note: u.note, by: u.by })),
    })),
    smallBigThings: thingRows.map((t) => ({
      text: t.text,
      raisedOn: t.raisedOn,
      raisedBySide: (t.raisedBySide as Side | null) ?? null,
      ownerSide: (t.ownerSide as Side | null) ?? null,
      owner: owner({ participantId: t.ownerParticipantId, userId: t.ownerUserId }),
      workstream: t.workstreamId ? (workstreamRef.get(t.workstreamId) ?? null) : null,
      fixedOn: t.fixedOn,
    })),
    charter: charterRows.map((c) => ({
      version: c.version,
      vision: c.vision,
      principles: c.principles,
      behaviours: c.behaviours,
      commitments: { A: c.commitmentsA, B: c.commitmentsB },
      governance: c.governance,
      createdBy: c.createdBy,
      createdAt: c.createdAt.toISOString(),
      signOffs: signoffRows
        .filter((s) => s.charterVersionId === c.id)
        .sort((a, b) => a.side.localeCompare(b.side))
        .map((s) => ({ side: s.side as Side, signedBy: s.signedBy, signedAt: s.signedAt.toISOString() })),
    })),
    workshops: workshopList,
  };
}

/**
 * Writes a bundle's share-and-act data for a relationship being imported, inside the import's
 * transaction. A sponsor owner is kept where the workspace has an account with that email; a
 * participant owner through the respondent key the import just stored.
 */
export async function writeShareAndAct(
  tx: Tx,
  relationshipId: string,
  data: BundleShareAndAct,
  ids: {
    workspaceId: string;
    waves: ReadonlyMap<string, string>;
    incidents: ReadonlyMap<string, string>;
    participants: ReadonlyMap<string, string>;
  },
): Promise<void> {
  const emails = [
    ...new Set(
      [
        ...data.workstreams.flatMap((w) => [w.owners.A, w.owners.B, ...w.actions.map((a) => a.owner)]),
        ...data.smallBigThings.map((t) => t.owner),
      ].flatMap((o) => (o?.kind === 'sponsor' && o.email ? [o.email.toLowerCase()] : [])),
    ),
  ];
  const accounts =
    emails.length === 0
      ? []
      : await tx
          .select({ id: users.id, email: users.email, workspaceId: users.workspaceId })
          .from(users)
          .where(inArray(users.email, emails));
  const userOf = new Map(
    accounts.filter((a) => a.workspaceId === ids.workspaceId).map((a) => [a.email, a.id]),
  );
  const columns = (o: BundleOwner | null): OwnerColumns => {
    if (o?.kind === 'participant')
      return { participantId: ids.participants.get(o.respondent) ?? null, userId: null };
    if (o?.kind === 'sponsor')
      return { participantId: null, userId: userOf.get(o.email.toLowerCase()) ?? null };
    return { participantId: null, userId: null };
  };

  const findingIds = new Map<string, string>();
  for (const f of data.findings) {
    const [row] = await tx
      .insert(findings)
      .values({
        relationshipId,
        waveId: ids.waves.get(f.wave)!,
        ref: f.ref,
        kind: f.kind,
        concerns: f.concerns,
        title: f.title,
        body: f.body,
        position: f.position,
        version: f.version,
        suggestionKey: f.suggestionKey,
      })
      .returning({ id: findings.id });
    findingIds.set(f.ref, row!.id);
    if (f.evidence.length > 0) {
      await tx.insert(findingEvidence).values(
        f.evidence.map((e, position) => ({
          findingId: row!.id,
          position,
          kind: e.reference.kind,
          reference: e.reference,
          snapshot: { snapshot: e.snapshot, label: e.label },
        })),
      );
    }
  }
  if (data.releases.length > 0) {
    await tx.insert(releases).values(
      data.releases.map((r) => ({
        relationshipId,
        waveId: ids.waves.get(r.wave)!,
        kind: r.kind,
        side: r.side,
        releasedBy: r.releasedBy,
        releasedAt: new Date(r.releasedAt),
        content: { findings: r.findings },
      })),
    );
  }
  const firstJoint = data.releases.find((r) => r.kind === 'joint');
  if (firstJoint) {
    // The first joint release opened the results to the sponsors; so it does again.
    await tx
      .update(relationships)
      .set({ resultsReleasedAt: new Date(firstJoint.releasedAt) })
      .where(eq(relationships.id, relationshipId));
  }
  const workstreamIds = new Map<string, string>();
  for (const [index, w] of data.workstreams.entries()) {
    const a = columns(w.owners.A);
    const b = columns(w.owners.B);
    const [row] = await tx
      .insert(workstreams)
      .values({
        relationshipId,
        ref: w.ref,
        title: w.title,
        type: w.type,
        description: w.description,
        status: w.status,
        ownerAParticipantId: a.participantId,
        ownerAUserId: a.userId,
        ownerBParticipantId: b.participantId,
        ownerBUserId: b.userId,
        targetDimensions: w.targetDimensions,
        startedOn: w.startedOn,
        // The file's order is the order they were started in.
        createdAt: sql`now() + ${index}::int * interval '1 millisecond'`,
      })
      .returning({ id: workstreams.id });
    const id = row!.id;
    workstreamIds.set(w.ref, id);
    const linkedFindings = w.findings.flatMap((ref) => findingIds.get(ref) ?? []);
    if (linkedFindings.length > 0) {
      await tx
        .insert(workstreamFindings)
        .values(linkedFindings.map((findingId) => ({ workstreamId: id, findingId })));
    }
    const linkedIncidents = w.incidents.flatMap((ref) => ids.incidents.get(ref) ?? []);
    if (linkedIncidents.length > 0) {
      await tx
        .insert(workstreamIncidents)
        .values(linkedIncidents.map((incidentId) => ({ workstreamId: id, incidentId })));
    }
    if (w.actions.length > 0) {
      await tx.insert(actions).values(
        w.actions.map((action, position) => {
          const owner = columns(action.owner);
          return {
            workstreamId: id,
            what: action.what,
            ownerSide: action.side,
            ownerParticipantId: owner.participantId,
            ownerUserId: owner.userId,
            dueOn: action.dueOn,
            status: action.status,
            doneOn: action.doneOn,
            position,
          };
        }),
      );
    }
    if (w.updates.length > 0) {
      await tx.insert(workstreamUpdates).values(
        w.updates.map((u, i) => ({
          workstreamId: id,
          on: u.on,
          rag: u.rag,
          note: u.note,
          by: u.by,
          createdAt: sql`now() + ${i}::int * interval '1 millisecond'`,
        })),
      );
    }
  }
  const smallBigThingIds = new Map<string, string>();
  if (data.smallBigThings.length > 0) {
    const thingRows = await tx
      .insert(smallBigThings)
      .values(
        data.smallBigThings.map((t, i) => {
          const owner = columns(t.owner);
          return {
            relationshipId,
            workstreamId: t.workstream ? (workstreamIds.get(t.workstream) ?? null) : null,
            text: t.text,
            raisedOn: t.raisedOn,
            raisedBySide: t.raisedBySide,
            ownerSide: t.ownerSide,
            ownerParticipantId: owner.participantId,
            ownerUserId: owner.userId,
            fixedOn: t.fixedOn,
            createdAt: sql`now() + ${i}::int * interval '1 millisecond'`,
          };
        }),
      )
      .returning({ id: smallBigThings.id, text: smallBigThings.text });
    for (const thing of thingRows) {
      if (!smallBigThingIds.has(thing.text)) smallBigThingIds.set(thing.text, thing.id);
    }
  }
  const charterIds = new Map<number, string>();
  for (const c of data.charter) {
    const [row] = await tx
      .insert(charterVersions)
      .values({
        relationshipId,
        version: c.version,
        vision: c.vision,
        principles: c.principles,
        behaviours: c.behaviours,
        commitmentsA: c.commitments.A,
        commitmentsB: c.commitments.B,
        governance: c.governance,
        createdBy: c.createdBy,
        createdAt: new Date(c.createdAt),
      })
      .returning({ id: charterVersions.id });
    charterIds.set(c.version, row!.id);
    if (c.signOffs.length > 0) {
      await tx.insert(charterSignoffs).values(
        c.signOffs.map((s) => ({
          charterVersionId: row!.id,
          side: s.side,
          signedBy: s.signedBy,
          signedAt: new Date(s.signedAt),
        })),
      );
    }
  }
  if (data.workshops.length > 0) {
    const [relationship] = await tx
      .select({ name: relationships.name })
      .from(relationships)
      .where(eq(relationships.id, relationshipId));
    const sideRows = await tx.select().from(sides).where(eq(sides.relationshipId, relationshipId));
    const sideName = (side: Side) => sideRows.find((row) => row.side === side)?.name ?? side;
    await writeBundleWorkshops(
      tx,
      relationshipId,
      data.workshops,
      {
        waves: ids.waves,
        workstreams: workstreamIds,
        smallBigThings: smallBigThingIds,
        charterVersions: charterIds,
      },
      { relationship: relationship!.name, sides: { A: sideName('A'), B: sideName('B') } },
    );
  }
}
