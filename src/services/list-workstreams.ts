import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  actions,
  findings,
  incidents,
  smallBigThings,
  workstreamFindings,
  workstreamIncidents,
  workstreams,
  workstreamUpdates,
} from '../db/schema.ts';
import type { RelationshipAnalysis } from '../domain/analyze-relationship.ts';
import type { Dimension, Side, SideInfo } from '../domain/model.ts';
import {
  type Action,
  type ActionStatus,
  isOverdue,
  type Owner,
  type RagStatus,
  type SmallBigThing,
  type WorkstreamStatus,
  type WorkstreamType,
  type WorkstreamUpdate,
} from '../domain/share-and-act.ts';
import {
  incidentBalance as balanceOf,
  type ImpactRow,
  type IncidentBalance,
  workstreamImpact,
} from '../domain/workstream-impact.ts';
import { todayIso } from './find-wave.ts';
import { getRelationshipAnalysis } from './get-relationship-analysis.ts';
import { loadIncidentViews } from './list-incidents.ts';
import { loadIncidentDimensions } from './load-incident-dimensions.ts';
import { loadRelationship } from './load-relationship.ts';
import { loadOwnerCandidates } from './resolve-owner.ts';

export type WorkstreamView = {
  key: string;
  title: string;
  type: WorkstreamType;
  description: string;
  status: WorkstreamStatus;
  owners: Record<Side, Owner | null>;
  targetDimensions: string[];
  started: string;
  findings: string[];
  incidents: string[];
  actions: Action[];
  /** Newest first. */
  updates: WorkstreamUpdate[];
  /** The latest update's status; null before the first update. */
  rag: RagStatus | null;
  /** Open actions past their due date today. */
  overdue: number;
  /** The analysis' changes on the target dimensions at every wave after the start. */
  impact: ImpactRow[];
  /** Building against diluting incidents on the target dimensions since the start. */
  incidentBalance: IncidentBalance;
};

export type WorkstreamsView = {
  relationship: { id: string; name: string; sides: Record<Side, SideInfo> };
  today: string;
  dimensions: Dimension[];
  workstreams: WorkstreamView[];
  smallBigThings: SmallBigThing[];
  /** Who may own something: the relationship's sponsors and participants, by side. */
  owners: Owner[];
  /** The relationship's findings, to link. */
  findings: Array<{ ref: string; title: string; wave: string }>;
};

/**
 * The relationship's workstreams with their owners, actions, updates and evidence of impact (the
 * analysis' own change rows, never recomputed), and its quick list of small big things.
 */
export async function listWorkstreams(
  db: Db,
  workspaceId: string,
  relationshipRef: string,
  options: { today?: string; analysis?: RelationshipAnalysis } = {},
): Promise<WorkstreamsView> {
  const today = options.today ?? todayIso();
  const relationship = await loadRelationship(db, workspaceId, relationshipRef);
  const waveLabel = new Map(relationship.waves.map((w) => [w.id, w.label]));
  const [rows, owners, dimensions, things, findingRows, analysis, incidentViews] = await Promise.all([
    db
      .select()
      .from(workstreams)
      .where(eq(workstreams.relationshipId, relationship.id))
      .orderBy(asc(workstreams.createdAt), asc(workstreams.ref)),
    loadOwnerCandidates(db, relationship.id),
    loadIncidentDimensions(db, relationship.id),
    db
      .select()
      .from(smallBigThings)
      .where(eq(smallBigThings.relationshipId, relationship.id))
      .orderBy(asc(smallBigThings.raisedOn), asc(smallBigThings.createdAt)),
    db
      .select({ id: findings.id, ref: findings.ref, title: findings.title, waveId: findings.waveId })
      .from(findings)
      .where(eq(findings.relationshipId, relationship.id))
      .orderBy(asc(findings.ref)),
    options.analysis ?? getRelationshipAnalysis(db, workspaceId, relationship.id),
    loadIncidentViews(db, relationship.id),
  ]);
  const ids = rows.map((r) => r.id);
  const [actionRows, updateRows, findingLinks, incidentLinks] =
    ids.length === 0
      ? [[], [], [], []]
      : await Promise.all([
          db
            .select()
            .from(actions)
            .where(inArray(actions.workstreamId, ids))
            .orderBy(asc(actions.position), asc(actions.createdAt)),
          db
            .select()
            .from(workstreamUpdates)
            .where(inArray(workstreamUpdates.workstreamId, ids))
            .orderBy(desc(workstreamUpdates.on), desc(workstreamUpdates.createdAt)),
          db
            .select({ workstreamId: workstreamFindings.workstreamId, ref: findings.ref })
            .from(workstreamFindings)
            .innerJoin(findings, eq(findings.id, workstreamFindings.findingId))
            .where(inArray(workstreamFindings.workstreamId, ids))
            .orderBy(asc(findings.ref)),
          db
            .select({ workstreamId: workstreamIncidents.workstreamId, ref: incidents.ref })
            .from(workstreamIncidents)
            .innerJoin(incidents, eq(incidents.id, workstreamIncidents.incidentId))
            .where(inArray(workstreamIncidents.workstreamId, ids))
            .orderBy(asc(incidents.ref)),
        ]);
  const ownerOf = ownerLookup(owners);
  const workstreamRef = new Map(rows.map((r) => [r.id, r.ref]));
  return {
    relationship: { id: relationship.id, name: relationship.name, sides: relationship.sides },
    today,
    dimensions,
    owners,
    findings: findingRows.map((f) => ({ ref: f.ref, title: f.title, wave: waveLabel.get(f.waveId) ?? '' })),
    workstreams: rows.map((row): WorkstreamView => {
      const own = actionRows
        .filter((a) => a.workstreamId === row.id)
        .map(
          (a): Action => ({
            id: a.id,
            what: a.what,
            owner: ownerOf(a.ownerParticipantId, a.ownerUserId),
            dueOn: a.dueOn,
            status: a.status as ActionStatus,
            doneOn: a.doneOn,
          }),
        );
      const updates = updateRows
        .filter((u) => u.workstreamId === row.id)
        .map(
          (u): WorkstreamUpdate => ({ id: u.id, on: u.on, rag: u.rag as RagStatus, note: u.note, by: u.by }),
        );
      const scope = { startedOn: row.startedOn, targetDimensions: row.targetDimensions };
      return {
        key: row.ref,
        title: row.title,
        type: row.type as WorkstreamType,
        description: row.description,
        status: row.status as WorkstreamStatus,
        owners: {
          A: ownerOf(row.ownerAParticipantId, row.ownerAUserId),
          B: ownerOf(row.ownerBParticipantId, row.ownerBUserId),
        },
        targetDimensions: row.targetDimensions,
        started: row.startedOn,
        findings: findingLinks.filter((l) => l.workstreamId === row.id).map((l) => l.ref),
        incidents: incidentLinks.filter((l) => l.workstreamId === row.id).map((l) => l.ref),
        actions: own,
        updates,
        rag: updates[0]?.rag ?? null,
        overdue: own.filter((a) => isOverdue(a, today)).length,
        impact: workstreamImpact(analysis, scope),
        incidentBalance: balanceOf(incidentViews, scope),
      };
    }),
    smallBigThings: things.map(
      (t): SmallBigThing => ({
        id: t.id,
        text: t.text,
        raisedOn: t.raisedOn,
        raisedBySide: (t.raisedBySide as Side | null) ?? null,
        owner: ownerOf(t.ownerParticipantId, t.ownerUserId),
        workstream: t.workstreamId ? (workstreamRef.get(t.workstreamId) ?? null) : null,
        fixedOn: t.fixedOn,
      }),
    ),
  };
}

function ownerLookup(owners: readonly Owner[]) {
  const byId = new Map(owners.map((o) => [`${o.kind}:${o.id}`, o]));
  return (participantId: string | null, userId: string | null): Owner | null => {
    if (participantId) return byId.get(`participant:${participantId}`) ?? null;
    if (userId) return byId.get(`sponsor:${userId}`) ?? null;
    return null;
  };
}

/** Workstreams as `trustloop analyze --json` prints them: what they target and what moved. */
export function workstreamsForJson(view: WorkstreamsView) {
  return view.workstreams.map((w) => ({
    key: w.key,
    title: w.title,
    type: w.type,
    status: w.status,
    owners: {
      A: w.owners.A && { kind: w.owners.A.kind, name: w.owners.A.name },
      B: w.owners.B && { kind: w.owners.B.kind, name: w.owners.B.name },
    },
    targetDimensions: w.targetDimensions,
    started: w.started,
    rag: w.rag,
    overdueActions: w.overdue,
    impact: w.impact.map(({ wave, side, dimension, diff, ciLow, ciHigh, hedgesG }) => ({
      wave,
      side,
      dimension,
      diff,
      ciLow,
      ciHigh,
      hedgesG,
    })),
    incidentBalance: w.incidentBalance,
  }));
}
