import { Link } from 'react-router';
import { getRelationshipSetup } from '../../services/get-relationship-setup.ts';
import { listInterviews } from '../../services/list-interviews.ts';
import { listQuotes } from '../../services/list-quotes.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { InterviewStatusBadge } from '../components/interview-labels.tsx';
import { InterviewQuoteList } from '../components/interview-quote-list.tsx';
import { RelationshipNav } from '../components/relationship-nav.tsx';
import { SetupBreadcrumbs } from '../components/setup-breadcrumbs.tsx';
import { LEVEL_LABELS, sideLabel } from '../components/setup-labels.tsx';
import { SetupTableScroll } from '../components/setup-table-scroll.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import { orNotFound } from '../not-found.server.ts';
import type { Route } from './+types/interviews';

// The interviews of one relationship (facilitator only): who was or will be interviewed, when, by
// whom, and what has been taken from them; then the quotes so far, attributed to side and level.

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `Interviews — ${data?.setup.name ?? 'Relationship'} — Trustloop` }];
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const setup = await orNotFound(getRelationshipSetup(context.db, user.workspaceId, params.id));
  const [interviews, quotes] = await Promise.all([
    listInterviews(context.db, user.workspaceId, setup.id),
    listQuotes(context.db, user.workspaceId, setup.id),
  ]);
  return {
    userName: user.name || user.email,
    csrfToken: csrfTokenOf(context),
    setup: { id: setup.id, name: setup.name, sides: setup.sides, participantCount: setup.participantCount },
    interviews,
    quotes: quotes.map(({ createdAt: _, ...quote }) => quote),
  };
}

export default function Interviews({ loaderData }: Route.ComponentProps) {
  const { setup, interviews, quotes } = loaderData;
  const base = `/relationships/${setup.id}`;
  const scheduled = interviews.filter((i) => i.status === 'scheduled').length;
  const count = `${interviews.length} interview${interviews.length === 1 ? '' : 's'}`;
  return (
    <>
      <SiteHeader userName={loaderData.userName} csrfToken={loaderData.csrfToken} current="relationships" />
      <main className="page wide" id="main">
        <SetupBreadcrumbs
          trail={[
            { label: 'Relationships', to: '/' },
            { label: setup.name, to: base },
            { label: 'Interviews' },
          ]}
        />
        <h1>Interviews</h1>
        <RelationshipNav id={setup.id} current="interviews" />
        <p>
          {interviews.length === 0
            ? 'No interviews yet.'
            : `${count}${scheduled > 0 ? `, ${scheduled} of them still to come` : ', all held'}. `}
          Interview people on both sides at every level; ask for specific moments that built or diluted trust,
          then take quotes and incidents from what they said.
        </p>
        <ul className="link-row interviews-actions">
          <li>
            {setup.participantCount > 0 ? (
              <Link to={`${base}/interviews/new`} className="button">
                Schedule or record an interview
              </Link>
            ) : (
              <>
                Add <Link to={`${base}/participants`}>participants</Link> first: an interview is with one of
                them.
              </>
            )}
          </li>
          <li>
            <Link to="/interview-guide">The interview guide</Link>
          </li>
          <li>
            <a href={`${base}/interviews-export/interviews`} download>
              Interviews as CSV
            </a>
          </li>
          <li>
            <a href={`${base}/interviews-export/quotes`} download>
              Quotes as CSV
            </a>
          </li>
        </ul>

        {interviews.length > 0 && (
          <SetupTableScroll label="Interviews">
            <table className="interviews-table">
              <caption>Interviews, latest first</caption>
              <thead>
                <tr>
                  <th scope="col">Interview</th>
                  <th scope="col">Participant</th>
                  <th scope="col">Side</th>
                  <th scope="col">Level</th>
                  <th scope="col">Date</th>
                  <th scope="col">Status</th>
                  <th scope="col">Interviewer</th>
                  <th scope="col">Taken from it</th>
                </tr>
              </thead>
              <tbody>
                {interviews.map((interview) => (
                  <tr key={interview.id}>
                    <th scope="row">
                      <Link to={`${base}/interviews/${interview.ref}`}>{interview.ref}</Link>
                    </th>
                    <td>{interview.participantName ?? <span className="muted">removed</span>}</td>
                    <td>{sideLabel(setup.sides, interview.side)}</td>
                    <td>{LEVEL_LABELS[interview.level]}</td>
                    <td>{interview.heldOn}</td>
                    <td>
                      <InterviewStatusBadge status={interview.status} />
                    </td>
                    <td>{interview.interviewer || <span className="muted">—</span>}</td>
                    <td>
                      {interview.quotes} quote{interview.quotes === 1 ? '' : 's'}, {interview.incidents}{' '}
                      incident
                      {interview.incidents === 1 ? '' : 's'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </SetupTableScroll>
        )}

        <section aria-labelledby="quotes-title">
          <h2 id="quotes-title">Quotes taken so far</h2>
          {quotes.length === 0 ? (
            <p>
              None yet. Open an interview and turn a passage of its notes or transcript into a quote; it is
              attributed to the side and level only.
            </p>
          ) : (
            <InterviewQuoteList quotes={quotes} sides={setup.sides} relationshipId={setup.id} showSource />
          )}
        </section>
      </main>
    </>
  );
}
