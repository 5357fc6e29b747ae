import type { Cell, RelationshipAnalysis, WaveAnalysis } from './analyze-relationship.ts';
import { LEVELS, SIDES } from './model.ts';

// The human-readable `trustloop analyze` report: plain text tables a facilitator can paste into an
// email. Numbers are rounded here only; `--json` gives full precision.

export function formatAnalysisReport(analysis: RelationshipAnalysis): string {
  const { relationship } = analysis;
  const lines: string[] = [];
  lines.push(`${relationship.name}`);
  lines.push(
    `A = ${relationship.sides.A.name} (${relationship.sides.A.role}), B = ${relationship.sides.B.name} (${relationship.sides.B.role})`,
  );
  for (const wave of analysis.waves) lines.push('', ...formatWave(wave));
  if (analysis.changes.length > 0) {
    lines.push('', 'Change between waves (rater side; diff in scale points, Welch 95% CI, Hedges g)');
    const rows = analysis.changes.map((c) => [
      `${c.from} → ${c.to}`,
      c.side,
      c.dimension,
      c.suppressed ? `fewer than k (n ${c.nFrom}/${c.nTo})` : signed(c.diff),
      c.ciLow === null || c.ciHigh === null ? '' : `[${signed(c.ciLow)}, ${signed(c.ciHigh)}]`,
      c.hedgesG === null ? '' : fixed(c.hedgesG, 2),
    ]);
    lines.push(...formatTable(['waves', 'side', 'dimension', 'diff', '95% CI', 'g'], rows));
  }
  return lines.join('\n');
}

function formatWave(wave: WaveAnalysis): string[] {
  const lines: string[] = [];
  const stageLevel = wave.stage.level === null ? '?' : String(wave.stage.level);
  lines.push(`== ${wave.label} (${wave.opens} to ${wave.closes}) ==`);
  lines.push(
    `Respondents: A ${sum(Object.values(wave.respondents.A))}, B ${sum(Object.values(wave.respondents.B))}; anonymity threshold ${wave.anonymityThreshold}`,
  );
  lines.push(
    `Trust Index: A ${index(wave.index.A)}${interval(wave.indexInterval.A)}, B ${index(wave.index.B)}${interval(wave.indexInterval.B)}`,
  );
  lines.push(`Stage ${stageLevel}: ${wave.stage.name}`);
  for (const reason of wave.stage.reasons) lines.push(`  - ${reason}`);
  lines.push(
    `Stage by level: ${LEVELS.map((level) => `${level} ${wave.stageByLevel[level].level ?? '?'}`).join(', ')}`,
  );
  lines.push(
    '',
    'Scores (mean on the scale, n, rwg(j)); — = hidden: fewer than k responses, or hidden with such a cell so it cannot be worked out',
  );
  const header = ['side', 'level', ...wave.dimensions.map((d) => d.key), 'index'];
  const rows: string[][] = [];
  for (const side of SIDES) {
    for (const level of LEVELS) {
      const row: string[] = [side, level];
      for (const dimension of wave.dimensions) {
        row.push(
          formatCell(
            wave.cells.find((c) => c.side === side && c.level === level && c.dimension === dimension.key),
          ),
        );
      }
      row.push(index(wave.indexByLevel[side][level]));
      rows.push(row);
    }
    const sideRow: string[] = [side, 'all'];
    for (const dimension of wave.dimensions) {
      const cell = wave.sideCells.find((c) => c.side === side && c.dimension === dimension.key);
      sideRow.push(cell?.mean == null ? '—' : `${fixed(cell.mean, 2)} n${cell.n}`);
    }
    sideRow.push(index(wave.index[side]));
    rows.push(sideRow);
  }
  lines.push(...formatTable(header, rows));
  lines.push(
    '',
    `Reliability (Cronbach's α): ${wave.reliability.map((r) => `${r.dimension} ${r.alpha === null ? '—' : fixed(r.alpha, 2)}`).join(', ')}`,
  );
  lines.push(
    '',
    'Perception gaps (what a side believes the other thinks of it, minus what the other reports)',
  );
  lines.push(
    ...formatTable(
      ['side', 'dimension', 'perceived', 'actual', 'gap', 'points'],
      wave.gaps.map((g) => [
        g.side,
        g.dimension,
        g.perceived === null ? '—' : fixed(g.perceived, 2),
        g.actual === null ? '—' : fixed(g.actual, 2),
        signed(g.gap),
        g.gapPoints === null ? '—' : signed(g.gapPoints, 1),
      ]),
    ),
  );
  return lines;
}

function formatCell(cell: Cell | undefined): string {
  if (!cell) return '';
  if (cell.suppressed) return `— n${cell.n}`;
  const rwg = cell.rwg === null ? '' : ` r${fixed(cell.rwg, 2)}`;
  return `${cell.mean === null ? '—' : fixed(cell.mean, 2)} n${cell.n}${rwg}`;
}

function formatTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const fixed = (x: number, digits: number) => x.toFixed(digits);
const index = (x: number | null) => (x === null ? '—' : x.toFixed(1));
const interval = (ci: { low: number; high: number } | null) =>
  ci === null ? '' : ` [${ci.low.toFixed(1)}–${ci.high.toFixed(1)}]`;
const signed = (x: number | null, digits = 2) =>
  x === null ? '—' : `${x >= 0 ? '+' : ''}${x.toFixed(digits)}`;
