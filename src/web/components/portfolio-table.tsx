import { Link } from 'react-router';
import { EARLY_WARNING_LABELS, type IndexChange } from '../../domain/early-warnings.ts';
import type { Side } from '../../domain/model.ts';
import type {
  PortfolioQuery,
  PortfolioSort,
  PortfolioSummary,
  ResponseRate,
} from '../../domain/portfolio-summary.ts';
import { SetupTableScroll } from './setup-table-scroll.tsx';

// The portfolio table: one row per relationship, sortable by links in the column headers (plain
// GET links with the filters kept, so sorting works without JavaScript; aria-sort on the sorted
// column). Changes carry a sign, an arrow and a word; warnings are text badges with their reason:
// nothing is told by colour alone. Numbers are the analysis' own, printed with one decimal.

const COLUMNS: ReadonlyArray<{ sort: PortfolioSort; label: string; side?: Side }> = [
  { sort: 'name', label: 'Relationship' },
  { sort: 'index-a', label: 'Side A index', side: 'A' },
  { sort: 'index-b', label: 'Side B index', side: 'B' },
  { sort: 'stage', label: 'Stage' },
  { sort: 'change-a', label: 'Side A change', side: 'A' },
  { sort: 'change-b', label: 'Side B change', side: 'B' },
  { sort: 'response-rate', label: 'Response rate' },
  { sort: 'flags', label: 'Early warnings' },
];

const SORT_WORDS: Record<PortfolioSort, { asc: string; desc: string }> = {
  name: { asc: 'A to Z', desc: 'Z to A' },
  'index-a': { asc: 'lowest first', desc: 'highest first' },
  'index-b': { asc: 'lowest first', desc: 'highest first' },
  stage: { asc: 'lowest first', desc: 'highest first' },
  'change-a': { asc: 'largest fall first', desc: 'largest rise first' },
  'change-b': { asc: 'largest fall first', desc: 'largest rise first' },
  'response-rate': { asc: 'lowest first', desc: 'highest first' },
  flags: { asc: 'fewest first', desc: 'most first' },
};

/** "Side A index, highest first": what the caption says about the order. */
export function describePortfolioSort(query: PortfolioQuery): string {
  const column = COLUMNS.find((c) => c.sort === query.sort)!;
  return `${column.label.toLowerCase()}, ${SORT_WORDS[query.sort][query.dir]}`;
}

/** The query string of the portfolio with some parameters changed (empty values left out). */
export function portfolioSearch(
  query: PortfolioQuery,
  changes: Record<string, string | undefined> = {},
): string {
  const params = new URLSearchParams();
  const merged: Record<string, string | undefined> = {
    q: query.q,
    stage: query.stage,
    flag: query.flag,
    sort: query.sort,
    dir: query.dir,
    ...changes,
  };
  for (const [name, value] of Object.entries(merged)) if (value) params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function formatIndex(value: number): string {
  return value.toFixed(1);
}

/** "+4.2", "−6.1" (a real minus sign) or "0.0". */
export function formatSignedPoints(points: number): string {
  const shown = points.toFixed(1);
  if (Number(shown) === 0) return '0.0';
  return points > 0 ? `+${shown}` : `−${shown.slice(1)}`;
}

export function formatRate(rate: ResponseRate): string {
  if (rate.rate === null) return 'nobody invited';
  return `${Math.round(rate.rate * 100)} % (${rate.submitted} of ${rate.invited})`;
}

function IndexCell({ row, side }: { row: PortfolioSummary; side: Side }) {
  const value = row.index[side];
  return (
    <td className="portfolio-number">
      <span className="portfolio-side">{row.sides[side].name}</span>{' '}
      {value !== null ? (
        <strong>{formatIndex(value)}</strong>
      ) : row.wave ? (
        <span className="muted">fewer than {row.wave.anonymityThreshold} responses</span>
      ) : (
        <span className="muted">no results yet</span>
      )}
    </td>
  );
}

function ChangeCell({ change }: { change: IndexChange | null }) {
  if (change === null) {
    return (
      <td className="portfolio-number">
        <span className="muted">no earlier wave to compare</span>
      </td>
    );
  }
  const shown = formatSignedPoints(change.points);
  const trend = shown === '0.0' ? 'same' : change.points > 0 ? 'up' : 'down';
  const arrow = { up: '▲', down: '▼', same: '▬' }[trend];
  const word = { up: 'rose', down: 'fell', same: 'unchanged' }[trend];
  return (
    <td className={`portfolio-number portfolio-change-${trend}`}>
      <span aria-hidden="true">{arrow}</span> <strong>{shown}</strong>{' '}
      <span className="muted">
        {word} since {change.from}
      </span>
    </td>
  );
}

export function PortfolioTable(props: {
  rows: readonly PortfolioSummary[];
  query: PortfolioQuery;
  caption: string;
}) {
  const { query } = props;
  return (
    <>
      {/* The caption again outside the scroller, so a phone shows all of it (the table is wider). */}
      <p className="portfolio-table-heading" aria-hidden="true">
        {props.caption}
      </p>
      <SetupTableScroll label="Relationships of the portfolio">
        <table className="portfolio-table">
          <caption className="visually-hidden">{props.caption}</caption>
          <thead>
            <tr>
              {COLUMNS.map((column) => {
                const isSorted = query.sort === column.sort;
                // A first click sorts names A to Z and numbers highest first; a second click reverses.
                const first = column.sort === 'name' ? 'asc' : 'desc';
                const next = isSorted ? (query.dir === 'asc' ? 'desc' : 'asc') : first;
                return (
                  <th
                    key={column.sort}
                    scope="col"
                    aria-sort={isSorted ? (query.dir === 'asc' ? 'ascending' : 'descending') : undefined}
                  >
                    <Link
                      to={portfolioSearch(query, { sort: column.sort, dir: next, page: undefined })}
                      className="portfolio-sort"
                    >
                      {column.label}
                      <span className="visually-hidden">
                        {isSorted ? `, sorted ${SORT_WORDS[column.sort][query.dir]}` : ''}, sort{' '}
                        {SORT_WORDS[column.sort][next]}
                      </span>
                      <span aria-hidden="true" className="portfolio-sort-mark">
                        {isSorted ? (query.dir === 'asc' ? ' ▲' : ' ▼') : ' ⇅'}
                      </span>
                    </Link>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr key={row.relationshipId}>
                <th scope="row">
                  <Link to={`/relationships/${row.relationshipId}/results`}>{row.name}</Link>
                  <span className="portfolio-sides muted">
                    {row.wave ? `Latest results: ${row.wave.label}` : 'No results yet'}
                  </span>
                </th>
                <IndexCell row={row} side="A" />
                <IndexCell row={row} side="B" />
                <td>
                  {row.stage ? (
                    <>
                      {row.stage.level !== null && (
                        <span className="portfolio-stage-level">{row.stage.level} </span>
                      )}
                      {row.stage.name}
                    </>
                  ) : (
                    <span className="muted">no results yet</span>
                  )}
                </td>
                <ChangeCell change={row.changes.A} />
                <ChangeCell change={row.changes.B} />
                <td className="portfolio-number">
                  {row.responseRate ? (
                    <>
                      <strong>{formatRate(row.responseRate)}</strong>{' '}
                      <span className="muted">
                        {row.responseRate.wave}, {row.responseRate.status}
                      </span>
                    </>
                  ) : (
                    <span className="muted">no wave opened yet</span>
                  )}
                </td>
                <td>
                  {row.flags.length === 0 ? (
                    <span className="muted">None</span>
                  ) : (
                    <ul className="portfolio-flags">
                      {row.flags.map((flag) => (
                        <li key={flag.reason}>
                          <span className="portfolio-badge">{EARLY_WARNING_LABELS[flag.kind]}</span>{' '}
                          {flag.reason}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </SetupTableScroll>
    </>
  );
}
