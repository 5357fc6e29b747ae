import { Link, redirect } from 'react-router';
import { getRelationshipSetup } from '../../services/get-relationship-setup.ts';
import { getResponseTracking } from '../../services/get-response-tracking.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { RelationshipNav } from '../components/relationship-nav.tsx';
import { SetupBreadcrumbs } from '../components/setup-breadcrumbs.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import { orNotFound } from '../not-found.server.ts';
import type { Route } from './+types/results-index';

// The Results tab: straight to the latest wave that has responses; before any, what to do first.

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `Results — ${data?.setup.name ?? 'Relationship'} — Trustloop` }];
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const setup = await orNotFound(getRelationshipSetup(context.db, user.workspaceId, params.id));
  const tracking = await getResponseTracking(context.db, user.workspaceId, setup.id);
  const latest = tracking.waves.filter((wave) => wave.total.submitted > 0).at(-1);
  if (latest) throw redirect(`/relationships/${setup.id}/results/${encodeURIComponent(latest.label)}`);
  return {
    userName: user.name || user.email,
    csrfToken: csrfTokenOf(context),
    setup: { id: setup.id, name: setup.name },
    waves: setup.waves.map((wave) => ({ label: wave.label, status: wave.status })),
  };
}

export default function ResultsIndex({ loaderData }: Route.ComponentProps) {
  const { setup, waves } = loaderData;
  const base = `/relationships/${setup.id}`;
  const open = waves.find((wave) => wave.status === 'open');
  return (
    <>
      <SiteHeader userName={loaderData.userName} csrfToken={loaderData.csrfToken} current="relationships" />
      <main className="page wide results" id="main">
        <SetupBreadcrumbs
          trail={[{ label: 'Relationships', to: '/' }, { label: setup.name, to: base }, { label: 'Results' }]}
        />
        <h1>{setup.name}: results</h1>
        <RelationshipNav id={setup.id} current="results" />
        <h2>No results yet</h2>
        <p>Results appear here as soon as a wave has submitted responses.</p>
        {waves.length === 0 ? (
          <p>
            First <Link to={`${base}/participants`}>add participants</Link>, then{' '}
            <Link to={`${base}/waves/new`}>create a wave</Link> and open it.
          </p>
        ) : open ? (
          <p>
            {open.label} is open. Follow who has answered on{' '}
            <Link to={`${base}/waves/${encodeURIComponent(open.label)}`}>its response tracking</Link>.
          </p>
        ) : (
          <p>
            Open a wave and send its personal links from <Link to={base}>the relationship's overview</Link>.
          </p>
        )}
      </main>
    </>
  );
}
