import type { Db } from '../db/client.ts';
import { AppError } from '../domain/app-error.ts';
import { quarterOf } from '../domain/early-warnings.ts';
import {
  type CachedPortfolioSummary,
  completePortfolioSummary,
  DEFAULT_PORTFOLIO_QUERY,
  filterPortfolio,
  type PortfolioQuery,
  type PortfolioSummary,
  sortPortfolio,
} from '../domain/portfolio-summary.ts';
import { todayIso } from './find-wave.ts';
import { readSummaryKeys, refreshRelationshipSummary } from './refresh-relationship-summary.ts';

export type Portfolio = {
  /** The relationships that match the filters, in the chosen order. */
  rows: PortfolioSummary[];
  /** Every relationship of the workspace, and how many of them have an early warning. */
  total: number;
  withWarnings: number;
  /** The calendar quarter the incident warning counts. */
  quarter: string;
  /** Stage level → name as the workspace's gates call it, for the stage filter. */
  stages: Array<{ level: number; name: string }>;
  /** Summaries recomputed by this call because their key had changed (never because of the date). */
  refreshed: number;
};

/**
 * Every relationship of the workspace with its summary (decision 016): the keys of all of them in
 * one query, then only the stale summaries recomputed by the real analysis, one at a time so the
 * work per relationship stays bounded and each one is stored as soon as it is done. The same query
 * counts each relationship's incidents in the quarter of `today`; those counts and their warning
 * are added to the cached summaries here, so a new quarter recomputes nothing. Filtering and
 * sorting run in memory over the summaries (bench/RESULTS.md, "Portfolio": a few milliseconds for
 * 2,000 relationships).
 */
export async function getPortfolio(
  db: Db,
  workspaceId: string,
  query: PortfolioQuery = DEFAULT_PORTFOLIO_QUERY,
  options: { today?: string } = {},
): Promise<Portfolio> {
  const today = options.today ?? todayIso();
  const keys = await readSummaryKeys(db, workspaceId, today);
  const summaries: PortfolioSummary[] = [];
  let refreshed = 0;
  for (const row of keys) {
    let cached: CachedPortfolioSummary;
    if (row.cachedSummary !== null && row.cachedKey === row.key) {
      cached = row.cachedSummary;
    } else {
      try {
        cached = await refreshRelationshipSummary(db, workspaceId, row.relationshipId, { key: row.key });
        refreshed += 1;
      } catch (error) {
        // Deleted since the keys were read: it is simply no longer part of the portfolio.
        if (error instanceof AppError && error.code === 'not-found') continue;
        throw error;
      }
    }
    summaries.push(completePortfolioSummary(cached, row.incidents, row.work));
  }
  const stages = new Map<number, string>();
  for (const summary of summaries) {
    const level = summary.stage?.level;
    if (level !== undefined && level !== null && !stages.has(level)) stages.set(level, summary.stage!.name);
  }
  return {
    rows: sortPortfolio(filterPortfolio(summaries, query), query),
    total: summaries.length,
    withWarnings: summaries.filter((s) => s.flags.length > 0).length,
    quarter: quarterOf(today).label,
    stages: [...stages].sort(([a], [b]) => a - b).map(([level, name]) => ({ level, name })),
    refreshed,
  };
}
