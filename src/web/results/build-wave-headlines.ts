import type { WaveAnalysis } from '../../domain/analyze-relationship.ts';
import { otherSide, SIDES, type Side, type SideInfo } from '../../domain/model.ts';
import type { Headline } from '../components/results-headlines.tsx';
import { LEVEL_LABELS } from '../components/setup-labels.tsx';
import { dimensionLabel, findLevelSpread, readGap, stageText } from './build-wave-tables.ts';
import {
  BLIND_SPOT_POINTS,
  formatIndex,
  formatPoints,
  LEVEL_SPREAD_POINTS,
  LOW_AGREEMENT,
  LOW_RELIABILITY,
  possessive,
} from './format-results.ts';

// Short sentences at the top of a wave's dashboard, written from the numbers (never from what we
// know the demo says): the indices, the stage, diverging levels, blind spots, and the cautions.

export function buildWaveHeadlines(wave: WaveAnalysis, sides: Record<Side, SideInfo>): Headline[] {
  const name = (side: Side) => sides[side].name;
  const headlines: Headline[] = [];

  const indexParts = SIDES.map((side) => {
    const index = wave.index[side];
    return index === null
      ? `${possessive(name(side))} trust in ${name(otherSide(side))} is hidden (too few responses)`
      : `${possessive(name(side))} trust in ${name(otherSide(side))} is ${formatIndex(index)}`;
  });
  headlines.push({ kind: 'index', text: `${indexParts.join('; ')} (Trust Index, 0–100).` });

  headlines.push({
    kind: 'stage',
    text:
      wave.stage.level === null
        ? 'No trust stage can be given: too few responses on a dimension that decides it.'
        : `The relationship is at stage ${stageText(wave.stage)}${
            wave.stage.cappedBy.length > 0 ? `, held there by ${wave.stage.cappedBy.join(', ')}` : ''
          }.`,
  });

  for (const side of SIDES) {
    const spread = findLevelSpread(wave, side);
    if (spread === null || spread.spread < LEVEL_SPREAD_POINTS) continue;
    headlines.push({
      kind: 'levels',
      text: `${possessive(name(side))} ${LEVEL_LABELS[spread.low.level].toLowerCase()} trust ${name(otherSide(side))} ${formatIndex(spread.spread)} points less than its ${LEVEL_LABELS[spread.high.level].toLowerCase()}.`,
    });
  }

  for (const side of SIDES) {
    const spots = wave.gaps.filter(
      (g) => g.side === side && readGap(g.gapPoints) !== 'close' && g.gapPoints !== null,
    );
    if (spots.length === 0) continue;
    const largest = spots.reduce((a, b) => (Math.abs(b.gapPoints!) > Math.abs(a.gapPoints!) ? b : a));
    const other = name(otherSide(side));
    const direction = largest.gapPoints! > 0 ? 'higher' : 'lower';
    headlines.push({
      kind: 'blind-spot',
      text: `${name(side)} has ${spots.length === 1 ? 'a blind spot' : `blind spots on ${spots.length} of ${wave.dimensions.length} dimensions`} (gap of ${BLIND_SPOT_POINTS} points or more): it believes ${other} rates its ${dimensionLabel(wave, largest.dimension).toLowerCase()} ${formatPoints(largest.gapPoints!)} points ${direction === 'higher' ? 'above' : 'below'} what ${other} reports.`,
    });
  }

  const lowAgreement = [...wave.cells, ...wave.overallCells].filter(
    (c) => !c.suppressed && c.rwg !== null && c.rwg < LOW_AGREEMENT,
  );
  if (lowAgreement.length > 0) {
    const where = lowAgreement
      .slice(0, 4)
      .map(
        (c) =>
          `${name(c.side)} ${LEVEL_LABELS[c.level].toLowerCase()} on ${dimensionLabel(wave, c.dimension).toLowerCase()}`,
      );
    headlines.push({
      kind: 'caution',
      text: `Low agreement (rwg(j) below ${LOW_AGREEMENT.toFixed(2)}) in ${lowAgreement.length} ${lowAgreement.length === 1 ? 'cell' : 'cells'}: ${where.join('; ')}${lowAgreement.length > 4 ? '; …' : ''}. Their means hide disagreement.`,
    });
  }
  const unreliable = wave.reliability.filter((r) => r.alpha !== null && r.alpha < LOW_RELIABILITY);
  if (unreliable.length > 0) {
    headlines.push({
      kind: 'caution',
      text: `Low reliability (α below ${LOW_RELIABILITY.toFixed(2)}) for ${unreliable.map((r) => dimensionLabel(wave, r.dimension).toLowerCase()).join(', ')}: read those scores with care.`,
    });
  }
  const hidden = [...wave.cells, ...wave.overallCells].filter((c) => c.suppressed).length;
  if (hidden > 0) {
    headlines.push({
      kind: 'caution',
      text: `${hidden} ${hidden === 1 ? 'cell is' : 'cells are'} hidden to keep small groups anonymous (k = ${wave.anonymityThreshold}).`,
    });
  }
  return headlines;
}
