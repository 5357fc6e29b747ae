import { Link } from 'react-router';
import { SIDES } from '../../domain/model.ts';
import { getRelationshipSetup } from '../../services/get-relationship-setup.ts';
import { getResponseTracking } from '../../services/get-response-tracking.ts';
import { listParticipants } from '../../services/list-participants.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { RelationshipNav } from '../components/relationship-nav.tsx';
import { SetupBreadcrumbs } from '../components/setup-breadcrumbs.tsx';
import { WAVE_STATUS_LABELS } from '../components/setup-labels.tsx';
import { SetupParticipantCounts } from '../components/setup-participant-counts.tsx';
import { SetupTableScroll } from '../components/setup-table-scroll.tsx';
import { SetupTrackingTable } from '../components/setup-tracking-table.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import { orNotFound } from '../not-found.server.ts';
import type { Route } from './+types/relationship';

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data?.setup.name ?? 'Relationship'} — Trustloop` }];
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const setup = await orNotFound(getRelationshipSetup(context.db, user.workspaceId, params.id));
  const [participants, tracking] = await Promise.all([
    listParticipants(context.db, user.workspaceId, setup.id),
    getResponseTracking(context.db, user.workspaceId, setup.id),
  ]);
  return {
    userName: user.name || user.email,
    csrfToken: csrfTokenOf(context),
    setup,
    participants: participants.map((p) => ({ side: p.side, level: p.level })),
    tracking: tracking.waves,
  };
}

export default function Relationship({ loaderData }: Route.ComponentProps) {
  const { setup, participants, tracking } = loaderData;
  const base = `/relationships/${setup.id}`;
  return (
    <>
      <SiteHeader userName={loaderData.userName} csrfToken={loaderData.csrfToken} current="relationships" />
      <main className="page wide" id="main">
        <SetupBreadcrumbs trail={[{ label: 'Relationships', to: '/' }, { label: setup.name }]} />
        <h1>{setup.name}</h1>
        <RelationshipNav id={setup.id} current="overview" />

        <section aria-labelledby="sides-title">
          <h2 id="sides-title">The two sides</h2>
          <dl className="facts">
            {SIDES.map((side) => (
              <div key={side}>
                <dt>Side {side}</dt>
                <dd>
                  {setup.sides[side].name}
                  {setup.sides[side].role && <span className="muted"> — {setup.sides[side].role}</span>}
                </dd>
              </div>
            ))}
            <div>
              <dt>Anonymity threshold</dt>
              <dd>
                k = {setup.anonymityThreshold}{' '}
                <span className="muted">
                  {setup.isThresholdFixed
                    ? '(fixed: a wave has opened)'
                    : '(can change until the first wave opens)'}
                </span>
              </dd>
            </div>
          </dl>
          <p>
            <Link to={`${base}/edit`}>Edit the relationship</Link>
          </p>
        </section>

        <section aria-labelledby="participants-title">
          <h2 id="participants-title">Participants</h2>
          {setup.participantCount === 0 ? (
            <p>No participants yet.</p>
          ) : (
            <SetupParticipantCounts sides={setup.sides} participants={participants} />
          )}
          <ul className="link-row">
            <li>
              <Link to={`${base}/participants`}>Manage participants ({setup.participantCount})</Link>
            </li>
            <li>
              <Link to={`${base}/participants/import`}>Import participants from CSV</Link>
            </li>
          </ul>
        </section>

        <section aria-labelledby="waves-title">
          <h2 id="waves-title">Waves</h2>
          {setup.waves.length === 0 ? (
            <p>No waves yet. A wave is one round of the survey: a baseline first, then pulses.</p>
          ) : (
            <SetupTableScroll label="Waves of this relationship">
              <table>
                <caption className="visually-hidden">Waves of this relationship</caption>
                <thead>
                  <tr>
                    <th scope="col">Wave</th>
                    <th scope="col">Opens</th>
                    <th scope="col">Closes</th>
                    <th scope="col">Status</th>
                    <th scope="col">Instrument</th>
                  </tr>
                </thead>
                <tbody>
                  {setup.waves.map((wave) => (
                    <tr key={wave.id}>
                      <th scope="row">
                        <Link to={`${base}/waves/${encodeURIComponent(wave.label)}`}>{wave.label}</Link>
                      </th>
                      <td>{wave.opens}</td>
                      <td>{wave.closes}</td>
                      <td>
                        <span className={`status status-${wave.status}`}>
                          {WAVE_STATUS_LABELS[wave.status]}
                        </span>
                      </td>
                      <td>
                        {wave.instrument.name} <span className="muted">v{wave.instrument.version}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </SetupTableScroll>
          )}
          <p>
            <Link to={`${base}/waves/new`} className="button">
              New wave
            </Link>
          </p>
        </section>

        {tracking.length > 0 && (
          <section aria-labelledby="tracking-title">
            <h2 id="tracking-title">Response tracking</h2>
            <p className="muted">Counts only: nobody's answers, and not who gave them.</p>
            {tracking.map((wave) => (
              <section key={wave.label} aria-label={`Responses to ${wave.label}`}>
                <h3>
                  {wave.label}{' '}
                  <span className={`status status-${wave.status}`}>{WAVE_STATUS_LABELS[wave.status]}</span>
                </h3>
                <SetupTrackingTable
                  caption={`Responses to ${wave.label}, ${wave.opens} to ${wave.closes}`}
                  sides={setup.sides}
                  cells={wave.cells}
                  total={wave.total}
                />
              </section>
            ))}
          </section>
        )}
      </main>
    </>
  );
}
