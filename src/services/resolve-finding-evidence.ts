import type { Db } from '../db/client.ts';
import type { RelationshipAnalysis } from '../domain/analyze-relationship.ts';
import { isAppError } from '../domain/app-error.ts';
import type { AttributedComment } from '../domain/attribute-comments.ts';
import type { IncidentView } from '../domain/incident-coding.ts';
import { type FieldProblem, fieldProblem, invalidFields } from '../domain/parse-input.ts';
import { resolveAnalysisEvidence } from '../domain/resolve-evidence.ts';
import type { Evidence, EvidenceReference } from '../domain/share-and-act.ts';
import type { RelationshipRow } from './find-relationship.ts';
import { getRelationshipAnalysis } from './get-relationship-analysis.ts';
import { loadIncidentViews } from './list-incidents.ts';
import { listOpenAnswers, type OpenAnswersView } from './list-open-answers.ts';
import { listQuotes, type QuoteView } from './list-quotes.ts';

/** What the workbench holds besides the analysis, read once for a finding's evidence. */
export type EvidenceSources = {
  analysis: RelationshipAnalysis;
  /** The relationship's incidents as the workbench shows them (shared ones, reporter attributed). */
  incidents: readonly IncidentView[];
  quotes: readonly QuoteView[];
  /** Per closed wave label, its comments as shared: redacted texts, never a hidden one. */
  sharedComments: ReadonlyMap<string, ReadonlyMap<string, { question: string; comment: AttributedComment }>>;
};

/**
 * A finding's evidence, each reference resolved to a snapshot of what it shows now — or every
 * problem at once, each naming its place (`evidence.2: …`), and nothing saved. A hidden cell, gap
 * or change, an uncoded incident, a hidden comment or one from a wave that is still open is
 * refused in words; a comment is kept only as it is shared (redacted where the facilitator struck
 * a name out).
 */
export function resolveFindingEvidence(
  sources: EvidenceSources,
  references: readonly EvidenceReference[],
): Evidence[] {
  const problems: FieldProblem[] = [];
  const evidence: Evidence[] = [];
  const seen = new Set<string>();
  references.forEach((reference, index) => {
    const field = `evidence.${index}`;
    const key = JSON.stringify(reference, Object.keys(reference).sort());
    if (seen.has(key)) {
      problems.push(fieldProblem(field, 'the same evidence is already picked for this finding'));
      return;
    }
    seen.add(key);
    const resolved = resolveEvidence(sources, reference);
    if (resolved.ok) evidence.push({ reference, snapshot: resolved.snapshot, label: resolved.label });
    else problems.push(fieldProblem(field, resolved.message));
  });
  if (problems.length > 0) throw invalidFields(problems);
  return evidence;
}

type Resolved = { ok: true; snapshot: Evidence['snapshot']; label: string } | { ok: false; message: string };

/** One reference resolved against the sources, or why it cannot be evidence. */
export function resolveEvidence(sources: EvidenceSources, reference: EvidenceReference): Resolved {
  switch (reference.kind) {
    case 'cell':
    case 'side-index':
    case 'gap':
    case 'change':
      return resolveAnalysisEvidence(sources.analysis, reference);
    case 'incident': {
      const incident = sources.incidents.find((i) => i.ref.toUpperCase() === reference.ref.toUpperCase());
      if (!incident) return { ok: false, message: `no incident ${reference.ref} in this relationship` };
      if (incident.status === 'reported' || incident.status === 'dismissed') {
        return {
          ok: false,
          message: `incident ${incident.ref} is ${incident.status === 'reported' ? 'not coded yet (a participant\u2019s own words are never quoted until a facilitator codes them)' : 'dismissed'}: it cannot be evidence`,
        };
      }
      return {
        ok: true,
        snapshot: {
          kind: 'incident',
          title: incident.title,
          occurredOn: incident.occurredOn,
          direction: incident.direction,
          strength: incident.strength,
          dimensions: [...incident.dimensions],
          reporterSide: incident.reporterSide,
          reporterLevel: incident.reporterLevel,
        },
        label: `${incident.ref}: ${incident.title}`,
      };
    }
    case 'quote': {
      const quote = sources.quotes.find((q) => q.id === reference.id.toLowerCase());
      if (!quote) return { ok: false, message: 'no interview quote of this relationship has this id' };
      return {
        ok: true,
        snapshot: { kind: 'quote', text: quote.text, side: quote.side, level: quote.level },
        label: `Interview quote (${sources.analysis.relationship.sides[quote.side].name}, ${quote.level} level)`,
      };
    }
    case 'comment': {
      const wave = sources.sharedComments.get(reference.wave);
      if (!wave) {
        return {
          ok: false,
          message: `wave "${reference.wave}" has no comments to share: only a closed wave's comments can be evidence`,
        };
      }
      const found = wave.get(reference.ref);
      if (!found) {
        return {
          ok: false,
          message: `no shared comment ${reference.ref} in wave "${reference.wave}" (a hidden comment cannot be evidence)`,
        };
      }
      const { attribution } = found.comment;
      return {
        ok: true,
        snapshot: {
          kind: 'comment',
          question: found.question,
          text: found.comment.text,
          side: attribution.side,
          level: attribution.kind === 'level' ? attribution.level : null,
        },
        label: `Comment (${sources.analysis.relationship.sides[attribution.side].name}${attribution.kind === 'level' ? `, ${attribution.level} level` : ''}, ${reference.wave})`,
      };
    }
  }
}

/**
 * Reads what these references need, and only that: the analysis always (it names the sides),
 * incidents, quotes and each wave's shared comments when a reference points at them.
 */
export async function loadEvidenceSources(
  db: Db,
  workspaceId: string,
  relationship: RelationshipRow,
  references: readonly EvidenceReference[],
): Promise<EvidenceSources> {
  const wants = (kind: EvidenceReference['kind']) => references.some((r) => r.kind === kind);
  const commentWaves = [...new Set(references.flatMap((r) => (r.kind === 'comment' ? [r.wave] : [])))];
  const [analysis, incidents, quotes, comments] = await Promise.all([
    getRelationshipAnalysis(db, workspaceId, relationship.id),
    wants('incident') ? loadIncidentViews(db, relationship.id) : Promise.resolve([]),
    wants('quote') ? listQuotes(db, workspaceId, relationship) : Promise.resolve([]),
    Promise.all(
      commentWaves.map((wave) =>
        listOpenAnswers(db, workspaceId, relationship.id, { wave, audience: 'shared' }).catch(
          nullWhenNotFound,
        ),
      ),
    ),
  ]);
  const sharedComments = sharedCommentsOf(comments);
  return { analysis, incidents, quotes, sharedComments };
}

type SharedComments = Map<string, Map<string, { question: string; comment: AttributedComment }>>;

/** Per closed wave, its shared comments by ref, from listOpenAnswers views (audience `shared`). */
export function sharedCommentsOf(views: ReadonlyArray<OpenAnswersView | null>): SharedComments {
  const byWave: SharedComments = new Map();
  for (const view of views) {
    if (!view?.wave || !view.comments || view.wave.status !== 'closed') continue;
    const byRef = new Map<string, { question: string; comment: AttributedComment }>();
    for (const question of view.comments.questions) {
      for (const side of question.sides) {
        for (const comment of side.comments) byRef.set(comment.ref, { question: question.text, comment });
      }
    }
    byWave.set(view.wave.label, byRef);
  }
  return byWave;
}

function nullWhenNotFound(error: unknown): null {
  if (isAppError(error) && error.code === 'not-found') return null;
  throw error;
}
