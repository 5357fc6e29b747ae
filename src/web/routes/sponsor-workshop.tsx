import { getWorkshopSummaryForSponsor } from '../../services/workshop-view.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { SetupBreadcrumbs } from '../components/setup-breadcrumbs.tsx';
import { SponsorHeader } from '../components/sponsor-header.tsx';
import { orNotFound } from '../not-found.server.ts';
import { WorkshopSummaryView } from '../workshop/room-parts.tsx';
import type { Route } from './+types/sponsor-workshop';

// An ended joint workshop as its sponsors read it afterwards (issue 10, item 6): the summary saved
// when it ended, the same one the phones and the facilitator see. No grant, no page (404).

export { SponsorErrorBoundary as ErrorBoundary } from '../components/sponsor-error-boundary.tsx';

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data?.summary.title ?? 'Workshop'} — Trustloop` }];
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireWebUser(context, request, ['sponsor']);
  const found = await orNotFound(getWorkshopSummaryForSponsor(context.db, user, params.id, params.wid));
  return { csrfToken: csrfTokenOf(context), userName: user.name || user.email, ...found };
}

export default function SponsorWorkshop({ loaderData }: Route.ComponentProps) {
  const { relationship, summary } = loaderData;
  return (
    <>
      <SponsorHeader csrfToken={loaderData.csrfToken} userName={loaderData.userName} />
      <main className="page wide" id="main">
        <SetupBreadcrumbs
          trail={[
            { label: 'Your relationships', to: '/sponsor' },
            { label: relationship.name, to: `/sponsor/${relationship.id}` },
            { label: summary.title },
          ]}
        />
        <h1>{summary.title}</h1>
        <p>What the room said and agreed, as it was saved when the workshop ended.</p>
        <WorkshopSummaryView summary={summary} />
      </main>
    </>
  );
}
