import { Fragment } from 'react';
import { SetupTableScroll } from './setup-table-scroll.tsx';

// One table of the results pages, as built by src/web/results/ for both the screen and the CSV
// download: the same rows, the same texts, the same suppression. A column can have several parts
// (a mean with its n and rwg(j)); the screen shows them in one cell, the CSV in one column each.

export type ResultsColumnView = {
  key: string;
  label: string;
  /** Names of the figures in each cell of this column, the main one first: ['mean', 'n', 'rwg(j)']. */
  parts: readonly string[];
  /** A short line under the label, e.g. the dimension's α. */
  note?: string;
  /** Words rather than numbers (reasons, readings): aligned left. */
  isText?: boolean;
};

export type ResultsCellView = {
  /** One text per part of the column. A suppressed cell says why in its first part. */
  texts: string[];
  state: 'shown' | 'too-few' | 'complementary' | 'none';
  /** Plain-language warnings shown beside the number (never colour alone). */
  warnings: string[];
  /** The full-precision number behind the first part, for tests and data attributes. */
  value?: number | null;
  /** A link for the first part (e.g. to the incidents of a period). */
  href?: string;
};

export type ResultsRowView = {
  key: string;
  /** Texts of the row's header cells, one per `rowHeaders`. */
  headers: string[];
  cells: ResultsCellView[];
};

export type ResultsTableView = {
  key: string;
  caption: string;
  rowHeaders: readonly string[];
  columns: readonly ResultsColumnView[];
  rows: readonly ResultsRowView[];
};

export function ResultsTable({ table, exportHref }: { table: ResultsTableView; exportHref?: string }) {
  return (
    <>
      <SetupTableScroll label={table.caption}>
        <table className="numbers results-table" data-table={table.key}>
          <caption>{table.caption}</caption>
          <thead>
            <tr>
              {table.rowHeaders.map((header) => (
                <th scope="col" key={header} className="results-row-head">
                  {header}
                </th>
              ))}
              {table.columns.map((column) => (
                <th scope="col" key={column.key}>
                  {column.label}
                  {column.note && (
                    <>
                      <br />
                      <span className="muted small">{column.note}</span>
                    </>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={row.key} data-row={row.key}>
                {row.headers.map((header, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: header positions are fixed per table
                  <th scope="row" key={i}>
                    {header}
                  </th>
                ))}
                {row.cells.map((cell, c) => {
                  const column = table.columns[c];
                  return column ? (
                    <ResultsCell
                      key={column.key}
                      cell={cell}
                      column={column}
                      cellKey={`${row.key}/${column.key}`}
                    />
                  ) : null;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </SetupTableScroll>
      {exportHref && (
        <p className="results-export">
          <a href={exportHref} download>
            Download “{table.caption}” as CSV
          </a>
        </p>
      )}
    </>
  );
}

function ResultsCell({
  cell,
  column,
  cellKey,
}: {
  cell: ResultsCellView;
  column: ResultsColumnView;
  cellKey: string;
}) {
  const [main = '', ...rest] = cell.texts;
  const isSuppressed = cell.state === 'too-few' || cell.state === 'complementary';
  const details = rest
    .map((text, i) => ({ label: column.parts[i + 1] ?? '', text }))
    .filter((part) => part.text !== '');
  const lines = main.split('\n');
  return (
    <td
      data-cell={cellKey}
      data-state={cell.state}
      className={
        [isSuppressed ? 'results-suppressed' : '', column.isText ? 'results-text' : ''].join(' ').trim() ||
        undefined
      }
    >
      <span className="results-main">
        {cell.href ? (
          <a href={cell.href}>{main}</a>
        ) : lines.length > 1 ? (
          lines.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines of one fixed text
            <Fragment key={i}>
              {i > 0 && <br />}
              {line}
            </Fragment>
          ))
        ) : (
          main
        )}
      </span>
      {details.length > 0 && (
        <span className="results-parts">
          {details.map((part) => (
            <span key={part.label} data-part={part.label}>
              {part.label} {part.text}
            </span>
          ))}
        </span>
      )}
      {cell.warnings.map((warning) => (
        <span className="results-warning" key={warning}>
          <span aria-hidden="true">⚠ </span>
          {warning}
        </span>
      ))}
    </td>
  );
}
