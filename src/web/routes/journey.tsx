import { SIDES } from '../../domain/model.ts';
import { getJourney } from '../../services/get-journey.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { ChartFigure } from '../components/chart-figure.tsx';
import { RelationshipNav } from '../components/relationship-nav.tsx';
import { SetupBreadcrumbs } from '../components/setup-breadcrumbs.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import { renderJourney } from '../journey-chart.server.ts';
import { orNotFound } from '../not-found.server.ts';
import { formatIndex } from '../results/format-results.ts';
import type { Route } from './+types/journey';

// The journey (issue 9, item 5): the relationship's stage at every closed wave, and on the same
// time line the releases, the charter and its signatures, the workstreams started and the small
// big things fixed — to see what was done between two measurements and what moved.

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `Journey — ${data?.journey.relationship.name ?? 'Relationship'} — Trustloop` }];
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const journey = await orNotFound(getJourney(context.db, user.workspaceId, params.id));
  return {
    userName: user.name || user.email,
    csrfToken: csrfTokenOf(context),
    journey,
    chart: renderJourney(journey),
  };
}

export default function Journey({ loaderData }: Route.ComponentProps) {
  const { journey, chart } = loaderData;
  const { relationship } = journey;
  const base = `/relationships/${relationship.id}`;
  return (
    <>
      <SiteHeader userName={loaderData.userName} csrfToken={loaderData.csrfToken} current="relationships" />
      <main className="page wide journey-page" id="main">
        <SetupBreadcrumbs
          trail={[
            { label: 'Relationships', to: '/' },
            { label: relationship.name, to: base },
            { label: 'Journey' },
          ]}
        />
        <h1>Journey</h1>
        <RelationshipNav id={relationship.id} current="journey" />
        {journey.stages.length === 0 ? (
          <p>No wave has closed yet: the journey starts with the first closed wave.</p>
        ) : (
          <>
            <ChartFigure
              title="Stage over time, with what was done between the waves"
              summary={chart.summary}
              svg={chart.svg}
            >
              <table>
                <caption className="visually-hidden">Stage and Trust Index per wave</caption>
                <thead>
                  <tr>
                    <th scope="col">Wave</th>
                    <th scope="col">Closed</th>
                    <th scope="col">Stage</th>
                    {SIDES.map((side) => (
                      <th key={side} scope="col">
                        {relationship.sides[side].name}'s trust
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {journey.stages.map((s) => (
                    <tr key={s.wave}>
                      <td>{s.wave}</td>
                      <td>{s.on}</td>
                      <td>{s.level === null ? s.name : `${s.level} ${s.name}`}</td>
                      {SIDES.map((side) => (
                        <td key={side}>{s.index[side] === null ? 'hidden' : formatIndex(s.index[side]!)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </ChartFigure>
            <h2>What happened, in order</h2>
            <ol className="journey-events">
              {journey.events.map((e) => (
                <li key={`${e.on}-${e.text}`}>
                  <span className="muted">{e.on}</span> {e.text}
                </li>
              ))}
            </ol>
            {journey.events.length === 0 && <p>Nothing released, signed or started yet.</p>}
          </>
        )}
      </main>
    </>
  );
}
