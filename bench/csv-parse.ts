import { parseCsv } from '../src/domain/csv.ts';

// How fast the bundle's CSV parser reads a 10 MB responses file, against the floor of splitting
// the same text into lines and fields with no quoting and no positions, in the same run.
// Run: npx tsx bench/csv-parse.ts   (prints a Markdown row for bench/RESULTS.md)

const line = 'r12345,A,operational,Baseline,1,2,3,4,5,6,7,"a, ""quoted"" note"\n';
const text = line.repeat(Math.ceil(10_000_000 / line.length));
const rounds = 7;

function median(run: () => unknown): number {
  run();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(rounds / 2)]!;
}

const parsing = median(() => parseCsv(text));
const splitting = median(() => text.split('\n').map((l) => l.split(',')));
console.log('| measurement | median ms | baseline | baseline median ms | ratio |');
console.log('|---|--:|---|--:|--:|');
console.log(
  `| parseCsv, 10 MB (${text.split('\n').length - 1} rows) | ${parsing.toFixed(0)} | split lines and commas | ${splitting.toFixed(0)} | ${(parsing / splitting).toFixed(2)}× |`,
);
