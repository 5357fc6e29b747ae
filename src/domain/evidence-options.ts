import { OVERALL, type RelationshipAnalysis } from './analyze-relationship.ts';
import { describeEvidence } from './describe-evidence.ts';
import { LEVELS, SIDES } from './model.ts';
import { resolveAnalysisEvidence } from './resolve-evidence.ts';
import type { EvidenceReference } from './share-and-act.ts';

// What a facilitator can pick as a finding's evidence from one wave's analysis: each side's Trust
// Index per dimension, the perception gaps, the result cells and the changes since the wave
// before — only what the anonymity rules show, each with the words and the numbers it would keep.

export type EvidenceOptionGroup = 'side-index' | 'gap' | 'cell' | 'change' | 'incident' | 'quote' | 'comment';

export type EvidenceOption = {
  group: EvidenceOptionGroup;
  reference: EvidenceReference;
  label: string;
  /** What it shows now, in one line. */
  text: string;
};

export function analysisEvidenceOptions(analysis: RelationshipAnalysis, waveLabel: string): EvidenceOption[] {
  const index = analysis.waves.findIndex((w) => w.label === waveLabel);
  const wave = analysis.waves[index];
  if (!wave) return [];
  const previous = analysis.waves[index - 1];
  const dimensions = [OVERALL, ...wave.dimensions.map((d) => d.key)];
  const references: EvidenceReference[] = [
    ...SIDES.flatMap((side) =>
      dimensions.map(
        (dimension): EvidenceReference => ({ kind: 'side-index', wave: wave.label, side, dimension }),
      ),
    ),
    ...SIDES.flatMap((side) =>
      wave.dimensions.map(
        (d): EvidenceReference => ({ kind: 'gap', wave: wave.label, side, dimension: d.key }),
      ),
    ),
    ...(previous
      ? SIDES.flatMap((side) =>
          dimensions.map(
            (dimension): EvidenceReference => ({
              kind: 'change',
              from: previous.label,
              to: wave.label,
              side,
              dimension,
            }),
          ),
        )
      : []),
    ...SIDES.flatMap((side) =>
      LEVELS.flatMap((level) =>
        dimensions.map(
          (dimension): EvidenceReference => ({ kind: 'cell', wave: wave.label, side, level, dimension }),
        ),
      ),
    ),
  ];
  return references.flatMap((reference) => {
    if (
      reference.kind !== 'side-index' &&
      reference.kind !== 'gap' &&
      reference.kind !== 'change' &&
      reference.kind !== 'cell'
    )
      return [];
    const resolved = resolveAnalysisEvidence(analysis, reference);
    if (!resolved.ok) return [];
    return [
      { group: reference.kind, reference, label: resolved.label, text: describeEvidence(resolved.snapshot) },
    ];
  });
}

/** The one text a form posts for an evidence reference, and back. */
export function encodeEvidence(reference: EvidenceReference): string {
  return JSON.stringify(reference);
}
