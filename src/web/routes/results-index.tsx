import { Link, redirect } from 'react-router';
import { getRelationshipSetup } from '../../services/get-relationship-setup.ts';
import { getResponseTracking } from '../../services/get-response-tracking.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { OpenWaveNotice } from '../components/open-wave-notice.tsx';
import { RelationshipNav } from '../components/relationship-nav.tsx';
import { SetupBreadcrumbs } from '../components/setup-breadcrumbs.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import { orNotFound } from '../not-found.server.ts';
import type { Route } from './+types/results-index';

// The Results tab: straight to the latest closed wave that has responses. A wave still open shows
// its response count and nothing else (decision 022: its results appear when it closes); before
// any wave, what to do first.

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `Results — ${data?.setup.name ?? 'Relationship'} — Trustloop` }];
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const setup = await orNotFound(getRelationshipSetup(context.db, user.workspaceId, params.id));
  const tracking = await getResponseTracking(context.db, user.workspaceId, setup.id);
  const asked = new URL(request.url).searchParams.get('wave');
  const latest = tracking.waves.filter((wave) => wave.status === 'closed' && wave.total.submitted > 0).at(-1);
  if (latest && asked === null) {
    throw redirect(`/relationships/${setup.id}/results/${encodeURIComponent(latest.label)}`);
  }
  // The wave asked for (an open one, sent here from its results address), else the open one.
  const pending =
    tracking.waves.find((wave) => wave.label === asked && wave.status !== 'closed') ??
    tracking.waves.find((wave) => wave.status === 'open') ??
    null;
  return {
    userName: user.name || user.email,
    csrfToken: csrfTokenOf(context),
    setup: { id: setup.id, name: setup.name },
    waves: setup.waves.map((wave) => ({ label: wave.label, status: wave.status })),
    pending: pending && { label: pending.label, status: pending.status, submitted: pending.total.submitted },
    latestClosed: latest?.label ?? null,
  };
}

export default function ResultsIndex({ loaderData }: Route.ComponentProps) {
  const { setup, waves, pending, latestClosed } = loaderData;
  const base = `/relationships/${setup.id}`;
  return (
    <>
      <SiteHeader userName={loaderData.userName} csrfToken={loaderData.csrfToken} current="relationships" />
      <main className="page wide results" id="main">
        <SetupBreadcrumbs
          trail={[{ label: 'Relationships', to: '/' }, { label: setup.name, to: base }, { label: 'Results' }]}
        />
        <h1>{setup.name}: results</h1>
        <RelationshipNav id={setup.id} current="results" />
        {pending ? (
          <>
            <h2>{pending.label}</h2>
            <OpenWaveNotice
              wave={pending.label}
              status={pending.status}
              submitted={pending.submitted}
              what="Its results"
              trackingHref={`${base}/waves/${encodeURIComponent(pending.label)}`}
            />
          </>
        ) : (
          <h2>No results yet</h2>
        )}
        {latestClosed ? (
          <p>
            <Link to={`${base}/results/${encodeURIComponent(latestClosed)}`}>Results of {latestClosed}</Link>,
            the latest closed wave.
          </p>
        ) : waves.length === 0 ? (
          <p>
            Results appear here once a wave has closed. First{' '}
            <Link to={`${base}/participants`}>add participants</Link>, then{' '}
            <Link to={`${base}/waves/new`}>create a wave</Link> and open it.
          </p>
        ) : pending ? null : (
          <p>
            Results appear here once a wave has closed. Open a wave and send its personal links from{' '}
            <Link to={base}>the relationship's overview</Link>.
          </p>
        )}
      </main>
    </>
  );
}
