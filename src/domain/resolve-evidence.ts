import { OVERALL, type RelationshipAnalysis } from './analyze-relationship.ts';
import type { Side } from './model.ts';
import { toIndex } from './score-respondent.ts';
import type { EvidenceReference, EvidenceSnapshot } from './share-and-act.ts';
import { possessive } from './words.ts';

// A finding's evidence from the analysis (issue 9, item 1): a reference to a result cell, a side's
// index, a perception gap or a change becomes a snapshot of the analysis' own numbers as they are
// now — or a refusal that says why. A value the anonymity rules hide is never evidence: a
// suppressed cell, a hidden gap or change is refused in words, as the pages explain it. Incidents,
// quotes and comments are resolved by the services, which hold them.

export type ResolvedEvidence =
  | { ok: true; snapshot: EvidenceSnapshot; label: string }
  | { ok: false; message: string };

type AnalysisKind = Extract<EvidenceReference, { kind: 'cell' | 'side-index' | 'gap' | 'change' }>;

export function resolveAnalysisEvidence(
  analysis: RelationshipAnalysis,
  reference: AnalysisKind,
): ResolvedEvidence {
  const sideName = (side: Side) => analysis.relationship.sides[side].name;
  if (reference.kind === 'change') {
    const change = analysis.changes.find(
      (c) =>
        c.from === reference.from &&
        c.to === reference.to &&
        c.side === reference.side &&
        c.dimension === reference.dimension,
    );
    if (!change) {
      return refuse(
        `there is no change of ${reference.dimension} from "${reference.from}" to "${reference.to}" for ${sideName(reference.side)} in the analysis (only closed waves are compared)`,
      );
    }
    if (change.suppressed || change.diff === null || change.ciLow === null || change.ciHigh === null) {
      return refuse(
        `the change of ${reference.dimension} from "${reference.from}" to "${reference.to}" for ${sideName(reference.side)} is hidden by the anonymity rules (too few responses in one of the waves)`,
      );
    }
    return {
      ok: true,
      snapshot: {
        kind: 'change',
        diff: change.diff,
        ciLow: change.ciLow,
        ciHigh: change.ciHigh,
        hedgesG: change.hedgesG,
        nFrom: change.nFrom,
        nTo: change.nTo,
      },
      label: `${sideName(reference.side)}: change in ${dimensionLabel(analysis, reference.to, reference.dimension)}, ${reference.from} → ${reference.to}`,
    };
  }

  const wave = analysis.waves.find((w) => w.label === reference.wave);
  if (!wave) {
    return refuse(
      `wave "${reference.wave}" has no results: only a closed wave of this relationship can be evidence`,
    );
  }
  const k = wave.anonymityThreshold;
  const isDimension =
    reference.dimension === OVERALL || wave.dimensions.some((d) => d.key === reference.dimension);
  if (!isDimension) {
    return refuse(
      `"${reference.dimension}" is not a dimension of wave "${wave.label}" (expected ${[...wave.dimensions.map((d) => d.key), OVERALL].join(', ')})`,
    );
  }
  const dimension = dimensionLabel(analysis, wave.label, reference.dimension);

  if (reference.kind === 'cell') {
    const list = reference.dimension === OVERALL ? wave.overallCells : wave.cells;
    const cell = list.find(
      (c) => c.side === reference.side && c.level === reference.level && c.dimension === reference.dimension,
    );
    const where = `${sideName(reference.side)}, ${reference.level} level, ${dimension}`;
    if (!cell || cell.n === 0)
      return refuse(`${where}: nobody answered in this cell in wave "${wave.label}"`);
    if (cell.suppressed || cell.mean === null) return refuse(hidden(where, cell.suppression, k));
    return {
      ok: true,
      snapshot: {
        kind: 'cell',
        n: cell.n,
        mean: cell.mean,
        sd: cell.sd,
        rwg: cell.rwg,
        index: toIndex(cell.mean, wave.scale),
      },
      label: `${where} (${wave.label})`,
    };
  }

  if (reference.kind === 'side-index') {
    const cell = wave.sideCells.find((c) => c.side === reference.side && c.dimension === reference.dimension);
    const where = `${sideName(reference.side)}, all levels, ${dimension}`;
    if (!cell || cell.n === 0) return refuse(`${where}: nobody answered in wave "${wave.label}"`);
    if (cell.suppressed || cell.mean === null || cell.index === null)
      return refuse(hidden(where, 'too-few', k));
    const interval = reference.dimension === OVERALL ? wave.indexInterval[reference.side] : null;
    return {
      ok: true,
      snapshot: {
        kind: 'side-index',
        n: cell.n,
        mean: cell.mean,
        index: cell.index,
        low: interval?.low ?? null,
        high: interval?.high ?? null,
      },
      label: `${possessive(sideName(reference.side))} trust, ${dimension} (${wave.label})`,
    };
  }

  const gap = wave.gaps.find((g) => g.side === reference.side && g.dimension === reference.dimension);
  const where = `perception gap of ${sideName(reference.side)}, ${dimension}`;
  if (!gap) return refuse(`${where}: not measured in wave "${wave.label}"`);
  if (gap.gap === null || gap.perceived === null || gap.actual === null || gap.gapPoints === null) {
    return refuse(`${where} is hidden by the anonymity rules (fewer than ${k} responses on one side)`);
  }
  return {
    ok: true,
    snapshot: {
      kind: 'gap',
      perceived: gap.perceived,
      actual: gap.actual,
      gap: gap.gap,
      gapPoints: gap.gapPoints,
    },
    label: `${capitalise(where)} (${wave.label})`,
  };
}

function hidden(where: string, reason: 'too-few' | 'complementary' | null, k: number): string {
  return reason === 'complementary'
    ? `${where} is hidden by the anonymity rules (to protect a group of fewer than ${k}): it cannot be evidence`
    : `${where} is hidden by the anonymity rules (fewer than ${k} responses): it cannot be evidence`;
}

function refuse(message: string): ResolvedEvidence {
  return { ok: false, message };
}

function dimensionLabel(analysis: RelationshipAnalysis, wave: string, key: string): string {
  if (key === OVERALL) return 'overall trust';
  const found = analysis.waves.find((w) => w.label === wave)?.dimensions.find((d) => d.key === key);
  return found?.label.toLowerCase() ?? key;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
