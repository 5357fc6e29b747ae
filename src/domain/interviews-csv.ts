import { formatCsv } from './csv.ts';
import type { InterviewStatus } from './interview-input.ts';
import type { Level, Side } from './model.ts';

// The interviews tables as CSV (issue 4, item 7). A CSV leaves the facilitator's hands, so it
// carries what the shared views may show: the interviews table has no names, no interviewer, no
// notes and no transcript (ref, side, level, date, status and what was taken from it); quotes are
// attributed to side and level only (docs/guides/interviews.md).

export type InterviewCsvRow = {
  ref: string;
  side: Side;
  level: Level;
  heldOn: string;
  status: InterviewStatus;
  quotes: number;
  incidents: number;
};

export type QuoteCsvRow = { text: string; side: Side; level: Level; interviewRef: string | null };

export function formatInterviewsCsv(rows: readonly InterviewCsvRow[]): string {
  return formatCsv([
    ['interview', 'side', 'level', 'date', 'status', 'quotes', 'incidents'],
    ...rows.map((r) => [r.ref, r.side, r.level, r.heldOn, r.status, String(r.quotes), String(r.incidents)]),
  ]);
}

export function formatQuotesCsv(rows: readonly QuoteCsvRow[]): string {
  return formatCsv([
    ['interview', 'side', 'level', 'quote'],
    ...rows.map((r) => [r.interviewRef ?? '', r.side, r.level, r.text]),
  ]);
}
