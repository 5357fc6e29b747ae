import { Form, Link, redirect } from 'react-router';
import {
  DEFAULT_RELATIONSHIP_PAGE_SIZE,
  listRelationshipPage,
  MAX_RELATIONSHIP_FILTER_LENGTH,
  RelationshipListQuerySchema,
} from '../../services/list-relationships.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { SiteHeader } from '../components/site-header.tsx';
import type { Route } from './+types/home';

// The facilitator's relationships, by name, 100 a page like the portfolio: `?page=` and a text
// filter `?q=` (name or either organisation) in the address, so every page has its own link and
// the pager and the filter work without JavaScript.

const PAGE_SIZE = DEFAULT_RELATIONSHIP_PAGE_SIZE;
/** A hand-typed page number beyond any real list stays a number the store accepts. */
const HIGHEST_PAGE = 1_000_000;

export function meta({ data }: Route.MetaArgs) {
  const isPlain = !data || (data.page === 1 && data.q === '');
  return [
    {
      title: isPlain
        ? 'Relationships — Trustloop'
        : `Relationships${data.q ? ` matching “${data.q}”` : ''}, page ${data.page} of ${data.pages} — Trustloop`,
    },
  ];
}

export async function loader({ context, request }: Route.LoaderArgs) {
  // A sponsor's home is their own list (decision 017); this one is the facilitator's.
  if (context.user?.role === 'sponsor') throw redirect('/sponsor');
  const user = requireWebUser(context, request);
  const search = new URL(request.url).searchParams;
  // A filter too long for the list is dropped, and the page says so, as the portfolio does.
  const parsed = RelationshipListQuerySchema.shape.q.safeParse(search.get('q') ?? undefined);
  const q = parsed.success ? parsed.data : '';
  const requested = Math.min(HIGHEST_PAGE, Math.max(1, Math.trunc(Number(search.get('page'))) || 1));
  const archived = search.get('archived') === '1';
  const deleted = search.get('deleted');
  const listPage = (page: number) =>
    listRelationshipPage(context.db, user.workspaceId, {
      archived,
      q,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
  let list = await listPage(requested);
  const pages = Math.max(1, Math.ceil(list.page.matching / PAGE_SIZE));
  // Past the end (a list that shrank, an edited address): the last page instead.
  const page = Math.min(requested, pages);
  if (page !== requested) list = await listPage(page);
  return {
    csrfToken: csrfTokenOf(context),
    userName: user.name,
    relationships: list.relationships,
    total: list.page.total,
    matching: list.page.matching,
    q,
    isFilterRefused: !parsed.success,
    page,
    pages,
    archived,
    notice: deleted === '1' ? 'The relationship was deleted with all its data.' : null,
  };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { relationships, total, matching, q, page, pages } = loaderData;
  const first = (page - 1) * PAGE_SIZE + 1;
  const shown =
    `Showing ${count(first)}–${count(first + relationships.length - 1)} of ${count(matching)}` +
    (q ? ` matching “${q}” (${count(total)} in all)` : '');
  return (
    <>
      <SiteHeader csrfToken={loaderData.csrfToken} userName={loaderData.userName} current="relationships" />
      <main className="page" id="main">
        <div className="page-heading">
          <h1>{loaderData.archived ? 'Archived relationships' : 'Relationships'}</h1>
          <Link to="/relationships/new" className="button">
            New relationship
          </Link>
        </div>
        {loaderData.notice && (
          <p className="notice success" role="status">
            {loaderData.notice}
          </p>
        )}
        <p>
          {loaderData.archived ? (
            <Link to="/">Back to the current relationships</Link>
          ) : (
            <Link to="/?archived=1">Archived relationships</Link>
          )}
        </p>
        {loaderData.archived && total === 0 ? (
          <div className="notice">
            <p>No relationship is archived.</p>
          </div>
        ) : total === 0 ? (
          <div className="notice">
            <p>
              Your workspace has no relationships yet. Start with <strong>New relationship</strong>: name the
              two organisations, then add participants from both sides and open a first wave of the survey.
            </p>
          </div>
        ) : (
          <>
            <Form method="get" action="/" className="relationships-filter" aria-label="Filter relationships">
              {loaderData.archived && <input type="hidden" name="archived" value="1" />}
              <div className="field">
                <label htmlFor="relationships-q">Relationship or organisation</label>
                <input id="relationships-q" name="q" type="text" defaultValue={q} />
              </div>
              <div className="relationships-filter-actions">
                <button type="submit">Filter</button>
                {q !== '' && <Link to="/">Clear the filter</Link>}
              </div>
            </Form>
            {loaderData.isFilterRefused && (
              <p className="notice" role="status">
                {`The filter was longer than ${MAX_RELATIONSHIP_FILTER_LENGTH} characters; showing every relationship instead.`}
              </p>
            )}
            {matching === 0 ? (
              <div className="notice">
                <p>
                  {`No relationship has “${q}” in its name or in the name of either organisation.`}{' '}
                  <Link to="/">Clear the filter</Link> to see all {count(total)}.
                </p>
              </div>
            ) : (
              <>
                <p className="relationships-shown" id="relationships-shown">
                  {shown}
                </p>
                <ul className="card-list" aria-describedby="relationships-shown">
                  {relationships.map((r) => (
                    <li key={r.id} className="card">
                      <h2 className="card-title">
                        <Link to={`/relationships/${r.id}`}>{r.name}</Link>
                      </h2>
                      <dl className="facts">
                        <div>
                          <dt>Side A</dt>
                          <dd>
                            {r.sides.A.name}
                            {r.sides.A.role && <span className="muted"> ({r.sides.A.role})</span>}
                          </dd>
                        </div>
                        <div>
                          <dt>Side B</dt>
                          <dd>
                            {r.sides.B.name}
                            {r.sides.B.role && <span className="muted"> ({r.sides.B.role})</span>}
                          </dd>
                        </div>
                        <div>
                          <dt>Waves</dt>
                          <dd>
                            {r.waves === 0 ? 'none yet' : r.waves}
                            {r.latestWave && <span className="muted"> · latest: {r.latestWave}</span>}
                          </dd>
                        </div>
                      </dl>
                    </li>
                  ))}
                </ul>
                {pages > 1 && <Pager page={page} pages={pages} q={q} />}
              </>
            )}
          </>
        )}
      </main>
    </>
  );
}

/** Previous, the page numbers around this one (and the first and last), next. */
function Pager(props: { page: number; pages: number; q: string }) {
  const { page, pages } = props;
  const href = (to: number) => {
    const search = new URLSearchParams();
    if (props.q) search.set('q', props.q);
    if (to > 1) search.set('page', String(to));
    const text = search.toString();
    return text ? `/?${text}` : '/';
  };
  return (
    <nav aria-label="Pages of relationships" className="relationships-pages">
      <ul>
        {page > 1 && (
          <li>
            <Link to={href(page - 1)} rel="prev">
              Previous<span className="visually-hidden"> page</span>
            </Link>
          </li>
        )}
        {pageWindow(page, pages).map((entry) =>
          entry.kind === 'gap' ? (
            <li key={`gap-before-${entry.before}`} className="relationships-pages-gap" aria-hidden="true">
              …
            </li>
          ) : (
            <li key={entry.page}>
              <Link
                to={href(entry.page)}
                aria-current={entry.page === page ? 'page' : undefined}
                aria-label={`Page ${entry.page}`}
              >
                {entry.page}
              </Link>
            </li>
          ),
        )}
        {page < pages && (
          <li>
            <Link to={href(page + 1)} rel="next">
              Next<span className="visually-hidden"> page</span>
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}

type PagerEntry = { kind: 'page'; page: number } | { kind: 'gap'; before: number };

/** 1 … 4 5 6 … 20: the first, the last and two either side of the current page, gaps between. */
function pageWindow(page: number, pages: number): PagerEntry[] {
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  return shown.flatMap((n, i): PagerEntry[] => {
    const previous = shown[i - 1];
    if (previous === undefined || n === previous + 1) return [{ kind: 'page', page: n }];
    // A gap of one page shows that page rather than an ellipsis.
    if (n === previous + 2)
      return [
        { kind: 'page', page: previous + 1 },
        { kind: 'page', page: n },
      ];
    return [
      { kind: 'gap', before: n },
      { kind: 'page', page: n },
    ];
  });
}

function count(n: number): string {
  return n.toLocaleString('en');
}
