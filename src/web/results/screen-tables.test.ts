import { expect, test } from 'vitest';
import type { ResultsTableView } from '../components/results-table.tsx';
import { withoutColumn, withoutRows } from './screen-tables.ts';

// The screen shows a stage's reasons once: it leaves out of a table what the page says above it,
// and the CSV keeps the table whole.

const cell = (text: string) => ({ texts: [text], state: null, warnings: [], value: null });
const table: ResultsTableView = {
  key: 'stages',
  caption: 'Stages',
  rowHeaders: ['Scope'],
  columns: [
    { key: 'stage', label: 'Stage', parts: ['stage'] },
    { key: 'reasons', label: 'Why', parts: ['reasons'], isText: true },
  ],
  rows: [
    { key: 'relationship', headers: ['The relationship'], cells: [cell('2'), cell('because')] },
    { key: 'staff', headers: ['Staff'], cells: [cell('1'), cell('since')] },
  ],
} as unknown as ResultsTableView;

test('a row or a column is left out, the rest kept in place', () => {
  expect(withoutRows(table, ['relationship'], 'Levels').rows.map((r) => r.key)).toEqual(['staff']);
  expect(withoutRows(table, ['relationship'], 'Levels').caption).toBe('Levels');
  const narrowed = withoutColumn(table, 'reasons');
  expect(narrowed.columns.map((c) => c.key)).toEqual(['stage']);
  expect(narrowed.rows.map((r) => r.cells.map((c) => c.texts[0]))).toEqual([['2'], ['1']]);
  expect(withoutColumn(table, 'nothing')).toBe(table);
});
