import { redirect, useActionData, useNavigation } from 'react-router';
import { AppError } from '../../domain/app-error.ts';
import { SIDES } from '../../domain/model.ts';
import { signCharter } from '../../services/charter.ts';
import { getSponsorRelationshipOverview } from '../../services/get-sponsor-overview.ts';
import { joinWorkshopSignedIn } from '../../services/workshop-room.ts';
import { type ActionFailure, runFormAction } from '../action-result.server.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { SetupBreadcrumbs } from '../components/setup-breadcrumbs.tsx';
import { sideLabel, WAVE_STATUS_LABELS } from '../components/setup-labels.tsx';
import { SponsorFindings } from '../components/sponsor-findings.tsx';
import { SponsorHeader } from '../components/sponsor-header.tsx';
import { SponsorRatesTable } from '../components/sponsor-rates-table.tsx';
import { SponsorResultsTable } from '../components/sponsor-results-table.tsx';
import { SponsorWork } from '../components/sponsor-work.tsx';
import { SponsorWorkshops } from '../components/sponsor-workshops.tsx';
import { orNotFound } from '../not-found.server.ts';
import { workshopCookieFor } from '../workshop/workshop-cookie.server.ts';
import type { Route } from './+types/sponsor-relationship';

// One relationship as its sponsor sees it (decision 017): the waves with their state and dates and
// the response rates; once the results are released, also each closed wave's trust index per side
// and stage. Without a grant for it, the page does not exist (404), even in the same workspace.

export function meta({ data, error }: Route.MetaArgs) {
  if (error) return [{ title: 'Not found — Trustloop' }];
  return [{ title: `${data?.overview.name ?? 'Relationship'} — Trustloop` }];
}

export { SponsorErrorBoundary as ErrorBoundary } from '../components/sponsor-error-boundary.tsx';

export async function loader({ context, request, params }: Route.LoaderArgs) {
  if (context.user && context.user.role !== 'sponsor') throw redirect(`/relationships/${params.id}`);
  const user = requireWebUser(context, request, ['sponsor']);
  const overview = await orNotFound(getSponsorRelationshipOverview(context.db, user, params.id));
  return { csrfToken: csrfTokenOf(context), userName: user.name || user.email, overview };
}

/** "2026-03-02" as "2 March 2026": the server renders it, in no time zone. */
function formatDay(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  const months = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ];
  return `${day} ${months[(month ?? 1) - 1]} ${year}`;
}

const STATE_WORDS = {
  draft: 'Not open yet',
  open: WAVE_STATUS_LABELS.open,
  closed: WAVE_STATUS_LABELS.closed,
} as const;

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireWebUser(context, request, ['sponsor']);
  const form = await request.formData();
  if (form.get('intent') === 'join-workshop') {
    const joined = await runFormAction(form, () =>
      joinWorkshopSignedIn(context.db, user, String(form.get('workshop') ?? ''), {
        level: form.get('level') ? String(form.get('level')) : null,
      }),
    );
    if (!('token' in joined)) return joined;
    return redirect('/w/room', {
      headers: { 'Set-Cookie': workshopCookieFor(joined.token, request) },
    });
  }
  const result = await runFormAction(form, async () => {
    if (form.get('confirm') !== 'yes') {
      throw new AppError('invalid-input', 'confirm: tick the box to say you have read the charter');
    }
    return signCharter(context.db, user, params.id, Number(form.get('version')));
  });
  if (!('versions' in result)) return result;
  return redirect(`/sponsor/${encodeURIComponent(params.id)}#charter`);
}

export default function SponsorRelationship({ loaderData }: Route.ComponentProps) {
  const { overview } = loaderData;
  const failure = useActionData<typeof action>() as ActionFailure | undefined;
  const isBusy = useNavigation().state === 'submitting';
  const otherSide = SIDES.find((side) => side !== overview.side) ?? 'A';
  const kOf = (label: string) => overview.waves.find((w) => w.label === label)?.anonymityThreshold ?? 3;
  return (
    <>
      <SponsorHeader csrfToken={loaderData.csrfToken} userName={loaderData.userName} />
      <main className="page wide" id="main">
        <SetupBreadcrumbs
          trail={[{ label: 'Your relationships', to: '/sponsor' }, { label: overview.name }]}
        />
        <h1>{overview.name}</h1>
        <dl className="facts">
          <div>
            <dt>You sponsor</dt>
            <dd>
              {sideLabel(overview.sides, overview.side)}
              {overview.sides[overview.side].role && (
                <span className="muted"> — {overview.sides[overview.side].role}</span>
              )}
            </dd>
          </div>
          <div>
            <dt>With</dt>
            <dd>
              {sideLabel(overview.sides, otherSide)}
              {overview.sides[otherSide].role && (
                <span className="muted"> — {overview.sides[otherSide].role}</span>
              )}
            </dd>
          </div>
          <div>
            <dt>Results</dt>
            <dd>
              {overview.releasedAt
                ? `released on ${formatDay(overview.releasedAt.slice(0, 10))}`
                : 'not released yet'}
            </dd>
          </div>
        </dl>

        <SponsorWorkshops
          overview={overview}
          csrfToken={loaderData.csrfToken}
          isBusy={isBusy}
          formatDay={formatDay}
        />
        <SponsorFindings overview={overview} formatDay={formatDay} />
        <SponsorWork
          overview={overview}
          csrfToken={loaderData.csrfToken}
          isBusy={isBusy}
          failure={failure}
          formatDay={formatDay}
        />

        {overview.results ? (
          <section aria-labelledby="results-title">
            <h2 id="results-title">Results</h2>
            {overview.results.length === 0 ? (
              <p>No wave has closed yet.</p>
            ) : (
              <SponsorResultsTable
                sides={overview.sides}
                results={overview.results.map((r) => ({ ...r, k: kOf(r.label) }))}
              />
            )}
            <p className="muted small">
              A wave shows results once it has closed. Groups with fewer responses than the anonymity
              threshold of the wave are never shown, so that nobody&apos;s answers can be recognised.
            </p>
          </section>
        ) : (
          <p className="notice" role="note">
            The facilitator has not released the results yet. Until then you can follow how the survey is
            going: each wave&apos;s dates and how many people have answered. Who answered is never shown.
          </p>
        )}

        <section aria-labelledby="waves-title">
          <h2 id="waves-title">Waves and response rates</h2>
          {overview.waves.length === 0 && <p>No wave has been planned yet.</p>}
          {overview.waves.map((wave, position) => (
            <section key={wave.label} className="sponsor-wave" aria-labelledby={`wave-${position}`}>
              <h3 id={`wave-${position}`}>
                {wave.label}{' '}
                <span className={`status status-${wave.status}`}>{STATE_WORDS[wave.status]}</span>
              </h3>
              <p>
                Opens {formatDay(wave.opens)}, closes {formatDay(wave.closes)}.
              </p>
              {wave.responseRates === null ? (
                <p className="muted">Nobody has been asked yet.</p>
              ) : (
                <SponsorRatesTable
                  caption={`Response rates, ${wave.label}`}
                  sides={overview.sides}
                  rates={wave.responseRates}
                  k={wave.anonymityThreshold}
                />
              )}
            </section>
          ))}
          <p className="muted small">
            Counts per level are shown only for groups of at least{' '}
            {overview.waves[0]?.anonymityThreshold ?? 3} invited people (the anonymity threshold), and a group
            may be left out so that a smaller one cannot be worked out from the totals.
          </p>
        </section>
      </main>
    </>
  );
}
