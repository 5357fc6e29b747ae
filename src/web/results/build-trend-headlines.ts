import { OVERALL, type RelationshipAnalysis } from '../../domain/analyze-relationship.ts';
import { otherSide, SIDES } from '../../domain/model.ts';
import type { Headline } from '../components/results-headlines.tsx';
import type { IncidentPeriod } from './build-trend-tables.ts';
import { stageText } from './build-wave-tables.ts';
import { formatIndex, formatSigned, possessive } from './format-results.ts';

// Sentences at the top of the trend page, from the numbers: where each side's trust went, whether
// the change is beyond chance, the path through the stages, and the periods when incidents diluted
// trust more than they built it.

/** An index fall this large between two waves is called out (the portfolio's early warning). */
const FALL_POINTS = 5;

export function buildTrendHeadlines(
  analysis: RelationshipAnalysis,
  periods: readonly IncidentPeriod[],
): Headline[] {
  const { sides } = analysis.relationship;
  const name = (side: 'A' | 'B') => sides[side].name;
  const headlines: Headline[] = [];
  if (analysis.waves.length === 0) return headlines;

  for (const side of SIDES) {
    const known = analysis.waves.filter((w) => w.index[side] !== null);
    const first = known[0];
    const last = known.at(-1);
    if (!first || !last || first === last) continue;
    const change = analysis.changes.find(
      (c) => c.side === side && c.dimension === OVERALL && c.from === first.label && c.to === last.label,
    );
    const from = first.index[side]!;
    const to = last.index[side]!;
    const verb = to > from ? 'rose' : to < from ? 'fell' : 'stayed';
    const beyondChance =
      change && change.ciLow !== null && change.ciHigh !== null
        ? change.ciLow > 0 || change.ciHigh < 0
          ? ' — a change beyond chance (the 95% interval of the difference excludes zero)'
          : ' — within what chance could explain (the 95% interval of the difference includes zero)'
        : '';
    headlines.push({
      kind: 'index',
      text: `${possessive(name(side))} trust in ${name(otherSide(side))} ${verb} from ${formatIndex(from)} at ${first.label} to ${formatIndex(to)} at ${last.label}${beyondChance}.`,
    });
    for (let i = 1; i < analysis.waves.length; i++) {
      const before = analysis.waves[i - 1]!.index[side];
      const after = analysis.waves[i]!.index[side];
      if (before === null || after === null || before - after < FALL_POINTS) continue;
      headlines.push({
        kind: 'caution',
        text: `${possessive(name(side))} trust fell ${formatIndex(before - after)} points from ${analysis.waves[i - 1]!.label} to ${analysis.waves[i]!.label}.`,
      });
    }
  }

  const path = analysis.waves.map((w) => `${stageText(w.stage)} (${w.label})`);
  headlines.push({ kind: 'stage', text: `Stage path: ${path.join(' → ')}.` });
  const capped = analysis.waves.filter((w) => w.stage.cappedBy.length > 0);
  for (const wave of capped) {
    headlines.push({
      kind: 'caution',
      text: `At ${wave.label} the stage was held back by unresolved incidents ${wave.stage.cappedBy.join(', ')}.`,
    });
  }

  const diluting = periods.filter((p) => p.dilutes > p.builds);
  if (diluting.length > 0) {
    const worst = diluting.reduce((a, b) => (b.dilutes - b.builds > a.dilutes - a.builds ? b : a));
    headlines.push({
      kind: 'caution',
      text: `More incidents diluted trust than built it in ${diluting.length === 1 ? 'one period' : `${diluting.length} periods`}; the most in the period “${worst.label}”: ${worst.dilutes} diluting against ${worst.builds} building (balance ${formatSigned(worst.builds - worst.dilutes, 0)}).`,
    });
  }
  return headlines;
}
