import type { RelationshipAnalysis, WaveAnalysis } from './analyze-relationship.ts';
import { type IncidentRecord, LEVELS, type Level, otherSide, SIDES, type Side } from './model.ts';
import { BLIND_SPOT_POINTS, LEVEL_SPREAD_POINTS } from './result-thresholds.ts';
import type { EvidenceReference, SuggestedFinding } from './share-and-act.ts';
import { possessive } from './words.ts';

// Candidate findings Trustloop proposes from one closed wave's analysis (issue 9, item 1): the
// facilitator accepts, edits or drops each. Every candidate says in one sentence why it is
// proposed and points at evidence the analysis shows — never at a suppressed value — so accepting
// it as it is gives a finding whose evidence resolves. Pure: the same analysis gives the same
// candidates, in the same order, with the same keys.

const TOP_BLIND_SPOTS = 2;
const TOP_THEMES = 2;
const INCIDENT_EVIDENCE = 5;

export function suggestFindings(input: {
  analysis: RelationshipAnalysis;
  wave: string;
  /** The incidents everyone who may see incidents may see (shared), as the analysis got them. */
  incidents: readonly IncidentRecord[];
}): SuggestedFinding[] {
  const wave = input.analysis.waves.find((w) => w.label === input.wave);
  if (!wave) return [];
  const names = input.analysis.relationship.sides;
  const name = (side: Side) => names[side].name;
  const label = (dimension: string) =>
    wave.dimensions.find((d) => d.key === dimension)?.label.toLowerCase() ?? dimension;
  const points = (x: number) => x.toFixed(1);
  const suggestions: SuggestedFinding[] = [];

  // The lowest and the highest dimension in each side's trust of the other.
  for (const rater of SIDES) {
    const rated = otherSide(rater);
    const shown = wave.dimensions
      .map((d) => ({ key: d.key, index: wave.indexByDimension[rater][d.key] ?? null }))
      .filter((d): d is { key: string; index: number } => d.index !== null);
    if (shown.length < 2) continue;
    const sorted = [...shown].sort((a, b) => a.index - b.index || compare(a.key, b.key));
    const lowest = sorted[0]!;
    const highest = sorted.at(-1)!;
    suggestions.push({
      key: `lowest:${wave.label}:${rater}:${lowest.key}`,
      kind: 'not-working',
      concerns: rated,
      title: `${name(rater)} trusts ${possessive(name(rated))} ${label(lowest.key)} least`,
      because: `Of the ${shown.length} dimensions, ${label(lowest.key)} is where ${name(rater)} rates ${name(rated)} lowest: ${points(lowest.index)} on the Trust Index.`,
      evidence: [sideIndex(wave, rater, lowest.key)],
    });
    if (highest.key !== lowest.key) {
      suggestions.push({
        key: `highest:${wave.label}:${rater}:${highest.key}`,
        kind: 'working',
        concerns: rated,
        title: `${name(rater)} trusts ${possessive(name(rated))} ${label(highest.key)} most`,
        because: `Of the ${shown.length} dimensions, ${label(highest.key)} is where ${name(rater)} rates ${name(rated)} highest: ${points(highest.index)} on the Trust Index.`,
        evidence: [sideIndex(wave, rater, highest.key)],
      });
    }
  }

  // The largest blind spots: what a side believes the other thinks of it, against what it reports.
  const spots = wave.gaps
    .filter(
      (g): g is typeof g & { gapPoints: number } =>
        g.gapPoints !== null && Math.abs(g.gapPoints) >= BLIND_SPOT_POINTS && g.dimension !== 'overall',
    )
    .sort(
      (a, b) =>
        Math.abs(b.gapPoints) - Math.abs(a.gapPoints) || compare(a.side + a.dimension, b.side + b.dimension),
    )
    .slice(0, TOP_BLIND_SPOTS);
  for (const gap of spots) {
    const other = otherSide(gap.side);
    const over = gap.gapPoints > 0;
    suggestions.push({
      key: `blind-spot:${wave.label}:${gap.side}:${gap.dimension}`,
      kind: 'blind-spot',
      concerns: gap.side,
      title: `${name(gap.side)} ${over ? 'overestimates' : 'underestimates'} how ${name(other)} sees its ${label(gap.dimension)}`,
      because: `${name(gap.side)} believes ${name(other)} rates its ${label(gap.dimension)} ${points(Math.abs(gap.gapPoints))} points ${over ? 'higher' : 'lower'} than ${name(other)} does: a gap of ${BLIND_SPOT_POINTS} points or more is a blind spot.`,
      evidence: [{ kind: 'gap', wave: wave.label, side: gap.side, dimension: gap.dimension }],
    });
  }

  // The side whose levels disagree most about the other side.
  const spreads = SIDES.map((side) => {
    const levels = LEVELS.map((level) => ({ level, index: wave.indexByLevel[side][level] })).filter(
      (l): l is { level: Level; index: number } => l.index !== null,
    );
    if (levels.length < 2) return null;
    const sorted = [...levels].sort((a, b) => a.index - b.index);
    const low = sorted[0]!;
    const high = sorted.at(-1)!;
    return { side, low, high, spread: high.index - low.index };
  }).filter((s): s is NonNullable<typeof s> => s !== null && s.spread >= LEVEL_SPREAD_POINTS);
  const widest = spreads.sort((a, b) => b.spread - a.spread || compare(a.side, b.side))[0];
  if (widest) {
    const rated = otherSide(widest.side);
    suggestions.push({
      key: `level-spread:${wave.label}:${widest.side}`,
      kind: 'not-working',
      concerns: 'both',
      title: `${possessive(name(widest.side))} ${widest.high.level} and ${widest.low.level} levels see ${name(rated)} differently`,
      because: `Within ${name(widest.side)}, trust in ${name(rated)} is ${points(widest.high.index)} at ${widest.high.level} level and ${points(widest.low.index)} at ${widest.low.level} level: ${points(widest.spread)} points apart, the widest spread between levels in this wave.`,
      evidence: [widest.high, widest.low].map(
        ({ level }): EvidenceReference => ({
          kind: 'cell',
          wave: wave.label,
          side: widest.side,
          level,
          dimension: 'overall',
        }),
      ),
    });
  }

  // The incident themes with the most diluting events up to the wave's close (since the wave before).
  const position = input.analysis.waves.findIndex((w) => w.label === wave.label);
  const since = position > 0 ? input.analysis.waves[position - 1]!.closes : null;
  const diluting = input.incidents.filter(
    (i) =>
      i.direction === 'dilutes' &&
      i.status !== 'dismissed' &&
      i.occurredOn <= wave.closes &&
      (since === null || i.occurredOn > since),
  );
  const byTheme = new Map<string, IncidentRecord[]>();
  for (const incident of diluting) {
    for (const theme of new Set(incident.themes.map((t) => t.trim()).filter((t) => t !== ''))) {
      byTheme.set(theme, [...(byTheme.get(theme) ?? []), incident]);
    }
  }
  const themes = [...byTheme]
    .filter(([, list]) => list.length >= 2)
    .sort(([a, x], [b, y]) => y.length - x.length || compare(a, b))
    .slice(0, TOP_THEMES);
  const mostCount = themes[0]?.[1].length ?? 0;
  const tiedForMost = [...byTheme.values()].filter((list) => list.length === mostCount).length > 1;
  for (const [theme, list] of themes) {
    const rank =
      list.length < mostCount
        ? `the most after “${themes[0]![0]}”`
        : tiedForMost
          ? 'as many as any other theme'
          : 'more than any other theme';
    const involved = new Set(list.flatMap((i) => i.sidesInvolved));
    const concerns = involved.size === 1 ? [...involved][0]! : 'both';
    const period =
      since === null ? `up to the close of ${wave.label}` : `between the last wave and ${wave.label}`;
    suggestions.push({
      key: `incident-theme:${wave.label}:${theme.toLowerCase()}`,
      kind: 'not-working',
      concerns,
      title: `“${theme}” keeps diluting trust`,
      because: `${list.length} diluting incidents ${period} carry the theme “${theme}”: ${rank}.`,
      evidence: [...list]
        .sort(
          (a, b) => b.strength - a.strength || compare(a.occurredOn, b.occurredOn) || compare(a.ref, b.ref),
        )
        .slice(0, INCIDENT_EVIDENCE)
        .map((i): EvidenceReference => ({ kind: 'incident', ref: i.ref })),
    });
  }
  return suggestions;
}

function sideIndex(wave: WaveAnalysis, side: Side, dimension: string): EvidenceReference {
  return { kind: 'side-index', wave: wave.label, side, dimension };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
