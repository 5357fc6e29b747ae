import { formatCsv } from '../../domain/csv.ts';
import type { ResultsTableView } from '../components/results-table.tsx';

// A results table as CSV: the screen's own rows and texts (see build-wave-tables.ts), one column
// per part of a screen column, and the warnings last. A suppressed cell says so in words, exactly
// as on screen, so a download can never show a number the page hides. The workbook (results-
// workbook.ts) writes the same rows.

export function toResultsCsvRows(table: ResultsTableView): string[][] {
  const header = [
    ...table.rowHeaders,
    ...table.columns.flatMap((column) =>
      column.parts.length === 1 ? [column.label] : column.parts.map((part) => `${column.label} (${part})`),
    ),
    'Warnings',
  ];
  const rows = table.rows.map((row) => [
    ...row.headers,
    ...row.cells.flatMap((cell, c) => {
      const parts = table.columns[c]?.parts.length ?? 1;
      return Array.from({ length: parts }, (_, i) => cell.texts[i] ?? '');
    }),
    row.cells
      .flatMap((cell, c) => cell.warnings.map((warning) => `${table.columns[c]?.label ?? ''}: ${warning}`))
      .join('; '),
  ]);
  return [header, ...rows];
}

export function formatResultsCsv(table: ResultsTableView): string {
  return formatCsv(toResultsCsvRows(table));
}
