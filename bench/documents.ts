import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/client.ts';
import { loadDemo } from '../src/demo/load-demo.ts';
import { type DocumentFormat, renderDocument } from '../src/documents/render-document.ts';
import { ensureDefaultWorkspace } from '../src/services/ensure-default-workspace.ts';
import { getRelationshipAnalysis } from '../src/services/get-relationship-analysis.ts';
import { describeMachine, machineLines, sectionHeading } from './describe-machine.ts';
import { wholeNumberOption } from './options.ts';
import { percentile, recordSection } from './record-section.ts';

// `npm run bench:documents` (issue 11): the workshop deck, the report and the workbook of the
// demo's 24-month wave on the embedded store (target ≤ 3 s each), beside a baseline in the same
// run: `trustloop analyze --json`'s work (getRelationshipAnalysis and its JSON), which every file
// starts from. Each timing is the whole file: load, build, bytes. Options:
//   --rounds R      timed rounds (default 10), after one warm-up, formats in alternating order
//   --print-only    print the table without writing bench/RESULTS.md

const TARGET_MS = 3000;
const WAVE = '24 months';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { rounds: { type: 'string', default: '10' }, 'print-only': { type: 'boolean', default: false } },
  });
  const rounds = wholeNumberOption('--rounds', values.rounds);
  const database = await openDatabase({ kind: 'pglite' });
  try {
    const { db } = database;
    const workspaceId = (await ensureDefaultWorkspace(db)).id;
    const { relationshipId } = await loadDemo(db, workspaceId);
    const sizes: Partial<Record<DocumentFormat, number>> = {};
    const file = async (format: DocumentFormat) => {
      const started = performance.now();
      const document = await renderDocument(db, workspaceId, relationshipId, WAVE, format);
      sizes[format] = document.body.length;
      return performance.now() - started;
    };
    const baseline = async () => {
      const started = performance.now();
      JSON.stringify(await getRelationshipAnalysis(db, workspaceId, relationshipId));
      return performance.now() - started;
    };
    const times = {
      pptx: [] as number[],
      pdf: [] as number[],
      xlsx: [] as number[],
      baseline: [] as number[],
    };
    await baseline();
    for (const format of ['pptx', 'pdf', 'xlsx'] as const) await file(format);
    for (let round = 0; round < rounds; round++) {
      const steps = [
        async () => times.pptx.push(await file('pptx')),
        async () => times.pdf.push(await file('pdf')),
        async () => times.xlsx.push(await file('xlsx')),
        async () => times.baseline.push(await baseline()),
      ];
      if (round % 2 === 1) steps.reverse();
      for (const step of steps) await step();
    }
    const base = percentile(times.baseline, 50);
    const row = (name: string, samples: number[], format?: DocumentFormat) => {
      const median = percentile(samples, 50);
      const target = format ? `≤ ${TARGET_MS / 1000} s ${median <= TARGET_MS ? '(met)' : '(MISSED)'}` : '';
      const size = format ? `${Math.round((sizes[format] ?? 0) / 1024)} KiB` : '';
      return `| ${name} | ${median.toFixed(1)} | ${percentile(samples, 95).toFixed(1)} | ${(median / base).toFixed(2)}× | ${size} | ${target} |`;
    };
    const table = [
      '| measurement | median ms | p95 ms | ratio to baseline | file | target |',
      '| --- | ---: | ---: | ---: | ---: | --- |',
      row('workshop deck (.pptx)', times.pptx, 'pptx'),
      row('report (.pdf)', times.pdf, 'pdf'),
      row('results workbook (.xlsx, every wave)', times.xlsx, 'xlsx'),
      row('baseline: getRelationshipAnalysis + JSON (`analyze --json`)', times.baseline),
    ].join('\n');
    console.log(`\n${table}`);
    if (!values['print-only']) {
      const machine = describeMachine();
      const heading = sectionHeading('Deck, report and workbook', machine);
      const section = [
        heading,
        '',
        'Written by `npm run bench:documents` (bench/README.md, "Deck, report and workbook").',
        '',
        ...machineLines(machine, `Node ${machine.node}; the embedded store (PGlite)`),
        `- Workload: the demo relationship (4 waves), files of its ${WAVE} wave; ${rounds} timed rounds after one warm-up, alternating order.`,
        '- Timed: `renderDocument` (what the page link, the API and `trustloop report` call) until the bytes are ready.',
        '',
        table,
        '',
      ].join('\n');
      console.log(`\nRecorded in ${recordSection(heading, section)}`);
    }
  } finally {
    await database.close();
  }
}

await main();
