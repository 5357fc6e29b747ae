import { Link } from 'react-router';
import { DEFAULT_PORTFOLIO_QUERY, PortfolioQuerySchema } from '../../domain/portfolio-summary.ts';
import { getPortfolio } from '../../services/get-portfolio.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { PortfolioFilters } from '../components/portfolio-filters.tsx';
import { describePortfolioSort, PortfolioTable, portfolioSearch } from '../components/portfolio-table.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import type { Route } from './+types/portfolio';

// The portfolio lead's page (issue 4, item 5): every relationship of the workspace with its index
// per side, stage, change, response rate and early warnings; sorted and filtered by query
// parameters, 100 rows a page. The rows are the cached summaries of decision 016.

const PAGE_SIZE = 100;

export function meta() {
  return [{ title: 'Portfolio — Trustloop' }];
}

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const search = new URL(request.url).searchParams;
  // A hand-edited address with an unknown value falls back to the defaults, and says so.
  const parsed = PortfolioQuerySchema.safeParse(Object.fromEntries(search));
  const query = parsed.success ? parsed.data : DEFAULT_PORTFOLIO_QUERY;
  const portfolio = await getPortfolio(context.db, user.workspaceId, query);
  const pages = Math.max(1, Math.ceil(portfolio.rows.length / PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Math.trunc(Number(search.get('page'))) || 1));
  return {
    userName: user.name || user.email,
    csrfToken: csrfTokenOf(context),
    query,
    isQueryRefused: !parsed.success,
    rows: portfolio.rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
    matching: portfolio.rows.length,
    total: portfolio.total,
    withWarnings: portfolio.withWarnings,
    quarter: portfolio.quarter,
    stages: portfolio.stages,
    page,
    pages,
  };
}

export default function Portfolio({ loaderData }: Route.ComponentProps) {
  const { query, rows, total, matching, withWarnings, page, pages } = loaderData;
  const isFiltered = query.q !== '' || query.stage !== undefined || query.flag !== undefined;
  const first = (page - 1) * PAGE_SIZE + 1;
  const shown =
    pages > 1 ? `rows ${first} to ${first + rows.length - 1} of ${matching}` : `${matching} of ${total}`;
  return (
    <>
      <SiteHeader userName={loaderData.userName} csrfToken={loaderData.csrfToken} current="portfolio" />
      <main className="page wide portfolio-page" id="main">
        <h1>Portfolio</h1>
        {total === 0 ? (
          <div className="notice">
            <p>
              Your workspace has no relationships yet. <Link to="/relationships/new">Set one up</Link>, or
              import a bundle with <code>trustloop import</code>; each relationship appears here with its
              trust index, stage and early warnings once a wave has results.
            </p>
          </div>
        ) : (
          <>
            <p className="portfolio-summary-line">
              <strong>
                {withWarnings} of {total} {total === 1 ? 'relationship has' : 'relationships have'} early
                warnings.
              </strong>{' '}
              <span className="muted">
                A warning is raised when a side's trust index fell 5 points or more since its previous wave,
                when more diluting than building incidents happened in {loaderData.quarter}, or when a
                perception gap is over 15 points.
              </span>
            </p>
            {loaderData.isQueryRefused && (
              <p className="notice" role="status">
                The address asked for a sort or filter Trustloop does not know; showing every relationship by
                name instead.
              </p>
            )}
            <PortfolioFilters query={query} stages={loaderData.stages} />
            <p className="link-row">
              <a href={`/portfolio-export${portfolioSearch(query)}`} download>
                Download this list as CSV
              </a>
            </p>
            {matching === 0 ? (
              <div className="notice">
                <p>
                  No relationship matches these filters.{' '}
                  <Link to={`?sort=${query.sort}&dir=${query.dir}`}>Clear the filters</Link> to see all{' '}
                  {total}.
                </p>
              </div>
            ) : (
              <>
                <PortfolioTable
                  rows={rows}
                  query={query}
                  caption={`Relationships${isFiltered ? ' matching the filters' : ''}, ${shown}, by ${describePortfolioSort(query)}`}
                />
                {pages > 1 && (
                  <nav aria-label="Pages of the portfolio" className="portfolio-pages">
                    {page > 1 && (
                      <Link to={portfolioSearch(query, { page: String(page - 1) })} rel="prev">
                        Previous {PAGE_SIZE}
                      </Link>
                    )}
                    <span>
                      Page {page} of {pages}
                    </span>
                    {page < pages && (
                      <Link to={portfolioSearch(query, { page: String(page + 1) })} rel="next">
                        Next {PAGE_SIZE}
                      </Link>
                    )}
                  </nav>
                )}
              </>
            )}
          </>
        )}
      </main>
    </>
  );
}
