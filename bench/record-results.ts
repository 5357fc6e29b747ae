import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Machine, machineLines } from './describe-machine.ts';
import type { Timing } from './measure-pair.ts';

// bench/RESULTS.md keeps one section per UTC day and machine: a run replaces the section of its own
// day and machine and leaves the others, so the file is a history of real measurements.

export type ResultRow = {
  measurement: string;
  timing: Timing;
  baseline: { label: string; timing: Timing } | null;
  ratio: number | null;
  target: { text: string; isMet: boolean } | null;
};

export type StoreReport = { store: string; serverVersion: string; rows: ResultRow[] };

const RESULTS_PATH = fileURLToPath(new URL('./RESULTS.md', import.meta.url));

const HEADER = `# Benchmark results

Written by \`npm run bench\` (how to read them: [README.md](README.md)). One section per UTC day and
machine; a later run on the same day and machine replaces its section. Times in milliseconds;
ratio = median of the measurement / median of its baseline, both measured in the same run.
`;

export function renderResultTable(reports: readonly StoreReport[]): string {
  const lines = [
    '| store | measurement | median ms | min ms | baseline | baseline median ms | ratio | target | result |',
    '|---|---|--:|--:|---|--:|--:|---|---|',
  ];
  for (const report of reports) {
    for (const row of report.rows) {
      lines.push(
        `| ${report.store} | ${row.measurement} | ${ms(row.timing.median)} | ${ms(row.timing.min)} | ` +
          `${row.baseline?.label ?? ''} | ${row.baseline ? ms(row.baseline.timing.median) : ''} | ` +
          `${row.ratio === null ? '' : `${row.ratio.toFixed(2)}×`} | ${row.target?.text ?? ''} | ` +
          `${row.target ? (row.target.isMet ? 'pass' : '**FAIL**') : ''} |`,
      );
    }
  }
  return lines.join('\n');
}

/** Writes the run's section into bench/RESULTS.md and returns the file's path. */
export function recordResults(run: {
  machine: Machine;
  workload: string;
  reports: readonly StoreReport[];
}): string {
  const { machine, workload, reports } = run;
  const heading = `## ${machine.day} · ${machine.cpuModel} × ${machine.cpuCount}`;
  const versions = reports.map((report) => `${report.store}: PostgreSQL ${report.serverVersion}`).join('; ');
  const section = [
    heading,
    '',
    ...machineLines(machine, `Node ${machine.node}, PGlite ${machine.pglite}; servers — ${versions}`),
    `- Workload: ${workload}`,
    '',
    renderResultTable(reports),
    '',
  ].join('\n');

  const existing = existsSync(RESULTS_PATH) ? readFileSync(RESULTS_PATH, 'utf8') : HEADER;
  writeFileSync(RESULTS_PATH, replaceSection(existing, heading, section));
  return RESULTS_PATH;
}

function replaceSection(text: string, heading: string, section: string): string {
  const lines = text.split('\n');
  const start = lines.indexOf(heading);
  if (start === -1) return `${text.trimEnd()}\n\n${section}`;
  let end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  if (end === -1) end = lines.length;
  const after = lines.slice(end).join('\n');
  return `${lines.slice(0, start).join('\n')}\n${section}${after ? `\n${after}` : ''}`;
}

function ms(value: number): string {
  return value.toFixed(1);
}
