import { AppError, httpStatusOf } from '../../domain/app-error.ts';
import { formatCsv } from '../../domain/csv.ts';
import type { IndexChange } from '../../domain/early-warnings.ts';
import { parseInput } from '../../domain/parse-input.ts';
import {
  type PortfolioQuery,
  PortfolioQuerySchema,
  type PortfolioSummary,
} from '../../domain/portfolio-summary.ts';
import { getPortfolio } from '../../services/get-portfolio.ts';
import { requireWebUser } from '../auth.server.ts';
import { formatIndex } from '../components/portfolio-table.tsx';
import { csvDownload } from '../csv-download.server.ts';
import type { Route } from './+types/portfolio-export';

// The portfolio as CSV (issue 4, item 7): the rows /portfolio lists for the same query parameters,
// in the same order, all pages at once, with the same numbers (one decimal) and the same
// suppression: an index from fewer than k responses reads "fewer than k responses", never 0.

const HEADER = [
  'relationship',
  'relationship_id',
  'side_a',
  'side_b',
  'results_wave',
  'side_a_index',
  'side_b_index',
  'stage_level',
  'stage',
  'side_a_change',
  'side_a_change_since',
  'side_b_change',
  'side_b_change_since',
  'response_rate_percent',
  'responses_submitted',
  'participants_invited',
  'response_wave',
  'response_wave_status',
  'diluting_incidents_this_quarter',
  'building_incidents_this_quarter',
  'quarter',
  'early_warnings',
  'early_warning_reasons',
];

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const search = new URL(request.url).searchParams;
  // The page's links always send known values; anything else is a 400 naming the parameter.
  let query: PortfolioQuery;
  try {
    query = parseInput(PortfolioQuerySchema, Object.fromEntries(search), 'query');
  } catch (error) {
    if (error instanceof AppError) return new Response(`${error.message}\n`, { status: httpStatusOf(error) });
    throw error;
  }
  const portfolio = await getPortfolio(context.db, user.workspaceId, query);
  return csvDownload(
    'portfolio',
    formatCsv([HEADER, ...portfolio.rows.map((row) => toCsvRow(row, portfolio.quarter))]),
  );
}

function toCsvRow(row: PortfolioSummary, quarter: string): string[] {
  const index = (value: number | null) =>
    value !== null
      ? formatIndex(value)
      : row.wave
        ? `fewer than ${row.wave.anonymityThreshold} responses`
        : '';
  const change = (value: IndexChange | null) =>
    value === null ? ['', ''] : [value.points.toFixed(1), value.from];
  const rate = row.responseRate;
  return [
    row.name,
    row.relationshipId,
    row.sides.A.name,
    row.sides.B.name,
    row.wave?.label ?? '',
    index(row.index.A),
    index(row.index.B),
    row.stage?.level === null || row.stage === null ? '' : String(row.stage.level),
    row.stage?.name ?? '',
    ...change(row.changes.A),
    ...change(row.changes.B),
    rate?.rate === null || rate === null ? '' : String(Math.round(rate.rate * 100)),
    rate === null ? '' : String(rate.submitted),
    rate === null ? '' : String(rate.invited),
    rate?.wave ?? '',
    rate?.status ?? '',
    String(row.incidents.diluting),
    String(row.incidents.building),
    quarter,
    row.flags.map((f) => f.kind).join(' '),
    row.flags.map((f) => f.reason).join(' '),
  ];
}
