import { expect, test } from 'vitest';
import { parseCsv } from './csv.ts';
import { formatInterviewsCsv, formatQuotesCsv } from './interviews-csv.ts';

test('the interviews CSV has no names, notes or transcripts: only ref, side, level, date, status and counts', () => {
  const csv = formatInterviewsCsv([
    {
      ref: 'INT-001',
      side: 'A',
      level: 'staff',
      heldOn: '2024-01-19',
      status: 'held',
      quotes: 2,
      incidents: 1,
    },
  ]);
  expect(csv).toBe(
    'interview,side,level,date,status,quotes,incidents\nINT-001,A,staff,2024-01-19,held,2,1\n',
  );
});

test('quotes keep their words, commas and quotes intact, and cannot become spreadsheet formulas', () => {
  const csv = formatQuotesCsv([
    {
      text: 'We feel like "visitors", not part of the team.',
      side: 'B',
      level: 'staff',
      interviewRef: 'INT-010',
    },
    { text: '=HYPERLINK("http://evil.example")', side: 'A', level: 'leadership', interviewRef: null },
  ]);
  // The file guards the formula; reading it back gives the quote's own words.
  expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
  const rows = parseCsv(csv).rows.map((r) => r.values);
  expect(rows).toEqual([
    ['interview', 'side', 'level', 'quote'],
    ['INT-010', 'B', 'staff', 'We feel like "visitors", not part of the team.'],
    ['', 'A', 'leadership', '=HYPERLINK("http://evil.example")'],
  ]);
});
