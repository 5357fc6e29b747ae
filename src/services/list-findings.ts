import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { findingEvidence, findings, waves } from '../db/schema.ts';
import { analyzeRelationship } from '../domain/analyze-relationship.ts';
import { AppError } from '../domain/app-error.ts';
import { describeEvidence } from '../domain/describe-evidence.ts';
import { analysisEvidenceOptions, type EvidenceOption } from '../domain/evidence-options.ts';
import type { Side, SideInfo } from '../domain/model.ts';
import type {
  Evidence,
  EvidenceReference,
  EvidenceSnapshot,
  Finding,
  FindingConcerns,
  FindingKind,
  SuggestedFinding,
} from '../domain/share-and-act.ts';
import { suggestFindings } from '../domain/suggest-findings.ts';
import { isAnalysedWave, loadAnalysisInput } from './get-relationship-analysis.ts';
import { loadIncidentViews } from './list-incidents.ts';
import { listOpenAnswers } from './list-open-answers.ts';
import { listQuotes } from './list-quotes.ts';
import { listReleases, type ReleaseSummary } from './list-releases.ts';
import { loadRelationship } from './load-relationship.ts';
import type { Tx } from './lock-relationship.ts';
import { resolveEvidence, sharedCommentsOf } from './resolve-finding-evidence.ts';

/** A suggestion with the finding it was accepted as, if any (by the suggestion's stable key). */
export type SuggestionView = SuggestedFinding & { acceptedAs: string | null };

export type FindingsView = {
  relationship: { id: string; name: string; sides: Record<Side, SideInfo> };
  waves: Array<{ label: string; status: string }>;
  /** The wave shown: the one asked for, else the latest closed one; null without a closed wave. */
  wave: string | null;
  findings: Finding[];
  /** Candidates from the wave's analysis, each explained in one sentence. */
  suggestions: SuggestionView[];
  /** What can be picked as evidence: the wave's figures the anonymity rules show, coded incidents, quotes. */
  options: EvidenceOption[];
  releases: ReleaseSummary[];
};

/**
 * A wave's findings as the facilitator works on them: the findings in their order with their
 * evidence, the suggestions from the analysis (marked once accepted) and the releases so far.
 * Only a closed wave has results (decision 022), so only a closed wave has findings.
 */
export async function listFindings(
  db: Db,
  workspaceId: string,
  relationshipRef: string,
  options: { wave?: string | null } = {},
): Promise<FindingsView> {
  const relationship = await loadRelationship(db, workspaceId, relationshipRef);
  const closed = relationship.waves.filter(isAnalysedWave);
  const wave = options.wave
    ? relationship.waves.find((w) => w.label === options.wave)
    : closed[closed.length - 1];
  const view = {
    relationship: { id: relationship.id, name: relationship.name, sides: relationship.sides },
    waves: relationship.waves.map((w) => ({ label: w.label, status: w.status })),
  };
  if (options.wave && !wave) {
    throw new AppError('not-found', `wave "${options.wave}" not found in this relationship`);
  }
  if (!wave || !isAnalysedWave(wave)) {
    return { ...view, wave: wave?.label ?? null, findings: [], suggestions: [], options: [], releases: [] };
  }
  const row = {
    id: relationship.id,
    name: relationship.name,
    anonymityThreshold: relationship.anonymityThreshold,
  };
  const [input, found, releases, incidents, quotes, comments] = await Promise.all([
    loadAnalysisInput(db, workspaceId, relationship.id),
    loadFindings(db, relationship.id, wave.id),
    listReleases(db, workspaceId, row, { wave: wave.label }),
    loadIncidentViews(db, relationship.id),
    listQuotes(db, workspaceId, row),
    listOpenAnswers(db, workspaceId, relationship.id, { wave: wave.label, audience: 'shared' }),
  ]);
  const analysis = analyzeRelationship(input);
  const sharedComments = sharedCommentsOf([comments]);
  const sources = { analysis, incidents, quotes, sharedComments };
  const picked = (
    group: 'incident' | 'quote' | 'comment',
    reference: EvidenceReference,
  ): EvidenceOption[] => {
    const resolved = resolveEvidence(sources, reference);
    return resolved.ok
      ? [{ group, reference, label: resolved.label, text: describeEvidence(resolved.snapshot) }]
      : [];
  };
  const evidenceOptions = [
    ...analysisEvidenceOptions(analysis, wave.label),
    ...incidents.flatMap((incident) => picked('incident', { kind: 'incident', ref: incident.ref })),
    ...quotes.flatMap((quote) => picked('quote', { kind: 'quote', id: quote.id })),
    ...[...(sharedComments.get(wave.label)?.keys() ?? [])].flatMap((ref) =>
      picked('comment', { kind: 'comment', wave: wave.label, ref }),
    ),
  ];
  const accepted = new Map(found.flatMap((f) => (f.suggestionKey ? [[f.suggestionKey, f.ref]] : [])));
  const suggestions = suggestFindings({ analysis, wave: wave.label, incidents: input.incidents }).map(
    (s) => ({ ...s, acceptedAs: accepted.get(s.key) ?? null }),
  );
  return { ...view, wave: wave.label, findings: found, suggestions, options: evidenceOptions, releases };
}

/** The findings of a relationship (or of one wave), in their order, with their evidence. */
export async function loadFindings(db: Db | Tx, relationshipId: string, waveId?: string): Promise<Finding[]> {
  const rows = await db
    .select({
      id: findings.id,
      ref: findings.ref,
      wave: waves.label,
      kind: findings.kind,
      concerns: findings.concerns,
      title: findings.title,
      body: findings.body,
      position: findings.position,
      version: findings.version,
      suggestionKey: findings.suggestionKey,
      updatedAt: findings.updatedAt,
    })
    .from(findings)
    .innerJoin(waves, eq(waves.id, findings.waveId))
    .where(
      waveId === undefined
        ? eq(findings.relationshipId, relationshipId)
        : and(eq(findings.relationshipId, relationshipId), eq(findings.waveId, waveId)),
    )
    .orderBy(asc(waves.position), asc(findings.position), asc(findings.ref));
  const evidenceRows =
    rows.length === 0
      ? []
      : await db
          .select()
          .from(findingEvidence)
          .where(
            inArray(
              findingEvidence.findingId,
              rows.map((r) => r.id),
            ),
          )
          .orderBy(asc(findingEvidence.findingId), asc(findingEvidence.position));
  const evidenceOf = new Map<string, Evidence[]>();
  for (const row of evidenceRows) {
    const list = evidenceOf.get(row.findingId) ?? [];
    const stored = row.snapshot as { snapshot: EvidenceSnapshot; label: string };
    list.push({
      reference: row.reference as EvidenceReference,
      snapshot: stored.snapshot,
      label: stored.label,
    });
    evidenceOf.set(row.findingId, list);
  }
  return rows.map((row) => ({
    id: row.id,
    ref: row.ref,
    wave: row.wave,
    kind: row.kind as FindingKind,
    concerns: row.concerns as FindingConcerns,
    title: row.title,
    body: row.body,
    position: row.position,
    version: row.version,
    suggestionKey: row.suggestionKey,
    evidence: evidenceOf.get(row.id) ?? [],
    updatedAt: row.updatedAt.toISOString(),
  }));
}
