import type { ResultsTableView } from '../components/results-table.tsx';

// What the screen leaves out of a results table that the CSV keeps whole: a row or a column the
// page already says in words above it (the stage's reasons are shown once, as short lines).

export function withoutRows(
  table: ResultsTableView,
  keys: readonly string[],
  caption = table.caption,
): ResultsTableView {
  return { ...table, caption, rows: table.rows.filter((row) => !keys.includes(row.key)) };
}

export function withoutColumn(
  table: ResultsTableView,
  key: string,
  caption = table.caption,
): ResultsTableView {
  const at = table.columns.findIndex((column) => column.key === key);
  if (at === -1) return table;
  return {
    ...table,
    caption,
    columns: table.columns.filter((_, i) => i !== at),
    rows: table.rows.map((row) => ({ ...row, cells: row.cells.filter((_, i) => i !== at) })),
  };
}
