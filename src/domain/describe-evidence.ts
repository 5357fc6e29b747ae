import type { EvidenceSnapshot, FindingConcerns, FindingKind, ReleaseKind } from './share-and-act.ts';

// The words a finding and its evidence are shown in — the same on the facilitator's page, the
// sponsor's page, the CLI and (later) the deck and the report. Numbers are the analysis' own,
// rounded for reading: Trust Index points to one decimal, means on the scale to two.

export const FINDING_KIND_LABELS: Record<FindingKind, string> = {
  working: 'What is working',
  'not-working': 'What is not working',
  'small-big-thing': 'A small big thing',
  'blind-spot': 'A blind spot',
};

export const RELEASE_KIND_LABELS: Record<ReleaseKind, string> = {
  'pre-brief': 'Pre-brief',
  joint: 'Joint release',
};

const one = (value: number) => value.toFixed(1);
const two = (value: number) => value.toFixed(2);
const signed = (value: number, digits: number) =>
  `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value).toFixed(digits)}`;

/** What one piece of evidence showed when it was picked, in one line. */
export function describeEvidence(snapshot: EvidenceSnapshot): string {
  switch (snapshot.kind) {
    case 'cell':
      return `Trust Index ${one(snapshot.index)} (mean ${two(snapshot.mean)}, n = ${snapshot.n}${snapshot.rwg === null ? '' : `, agreement rwg ${two(snapshot.rwg)}`})`;
    case 'side-index':
      return `Trust Index ${one(snapshot.index)}${snapshot.low !== null && snapshot.high !== null ? ` (95% CI ${one(snapshot.low)}–${one(snapshot.high)})` : ''}, n = ${snapshot.n}`;
    case 'gap':
      return `believes it is rated ${two(snapshot.perceived)}, is rated ${two(snapshot.actual)}: a gap of ${signed(snapshot.gapPoints, 1)} Trust Index points`;
    case 'change':
      return `${signed(snapshot.diff, 2)} on the scale (95% CI ${two(snapshot.ciLow)} to ${two(snapshot.ciHigh)}${snapshot.hedgesG === null ? '' : `, Hedges' g ${two(snapshot.hedgesG)}`}; n ${snapshot.nFrom} → ${snapshot.nTo})`;
    case 'incident':
      return `${snapshot.direction === 'builds' ? 'Built' : 'Diluted'} trust (strength ${snapshot.strength} of 3) on ${snapshot.occurredOn}`;
    case 'quote':
      return `“${snapshot.text}”`;
    case 'comment':
      return `“${snapshot.text}”`;
  }
}

/** Whose trust a finding is about, in the relationship's names. */
export function concernsText(concerns: FindingConcerns, sides: Record<'A' | 'B', { name: string }>): string {
  if (concerns === 'both') return 'both sides';
  return `how ${sides[concerns === 'A' ? 'B' : 'A'].name} sees ${sides[concerns].name}`;
}
