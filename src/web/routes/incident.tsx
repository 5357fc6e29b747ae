import { Form, Link, useActionData, useNavigation } from 'react-router';
import { INCIDENT_STATUSES, type IncidentStatus } from '../../domain/model.ts';
import { codeIncident } from '../../services/code-incident.ts';
import { getIncident } from '../../services/get-incident.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { CsrfField, ErrorSummary, FieldFrame, fieldId, TextField } from '../components/form-parts.tsx';
import {
  codingToFormValues,
  IncidentCodingFields,
  postedCodingValues,
} from '../components/incident-coding-fields.tsx';
import { IncidentFacts } from '../components/incident-facts.tsx';
import {
  IncidentDirectionBadge,
  IncidentStatusBadge,
  STATUS_LABELS,
} from '../components/incident-labels.tsx';
import { RelationshipNav } from '../components/relationship-nav.tsx';
import { RelationshipBreadcrumbs } from '../components/setup-breadcrumbs.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import { orNotFound } from '../not-found.server.ts';
import type { Route } from './+types/incident';
import { runIncidentCodingAction } from './incident-coding-action.server.ts';

// One incident: what happened (reporter as side and level only; a survey incident never links to
// the response it came from) and the first coding with the status. The second, independent coding
// has its own page, which does not show this one.

export function meta({ data }: Route.MetaArgs) {
  return [
    {
      title: `${data?.detail.incident.ref ?? 'Incident'} — ${data?.detail.relationship.name ?? ''} — Trustloop`,
    },
  ];
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const detail = await orNotFound(getIncident(context.db, user.workspaceId, params.id, params.ref));
  const search = new URL(request.url).searchParams;
  const notices: Record<string, string> = {
    coded: 'The coding was saved.',
    'second-coded': 'The second coding was saved. It is kept apart from the first.',
    added: 'The incident was added.',
  };
  return {
    userName: user.name || user.email,
    csrfToken: csrfTokenOf(context),
    detail,
    notice: notices[search.get('done') ?? ''] ?? null,
  };
}

export async function action(args: Route.ActionArgs) {
  const { context, params } = args;
  return runIncidentCodingAction(args, 'coded', (user, form, coding) =>
    codeIncident(
      context.db,
      user.workspaceId,
      params.id,
      params.ref,
      {
        ...coding,
        status: String(form.get('status') ?? '') as IncidentStatus,
        resolvedOn: String(form.get('resolvedOn') ?? ''),
      },
      user.name || user.email,
      user.id,
    ),
  );
}

export default function Incident({ loaderData }: Route.ComponentProps) {
  const { detail, csrfToken } = loaderData;
  const { incident, relationship } = detail;
  const failure = useActionData<typeof action>();
  const isBusy = useNavigation().state === 'submitting';
  const base = `/relationships/${relationship.id}`;
  const posted = failure?.values;
  const values = posted
    ? postedCodingValues(posted, (posted.dimensionsPosted ?? '').split(',').filter(Boolean))
    : codingToFormValues(incident);
  const status = posted?.status ?? incident.status;
  return (
    <>
      <SiteHeader userName={loaderData.userName} csrfToken={csrfToken} current="relationships" />
      <main className="page wide" id="main">
        <RelationshipBreadcrumbs
          relationship={relationship}
          trail={[{ label: 'Incidents', to: `${base}/incidents` }, { label: incident.ref }]}
        />
        <h1>
          {incident.ref}: {incident.title} <IncidentStatusBadge status={incident.status} />
        </h1>
        <RelationshipNav id={relationship.id} current="incidents" />
        <ErrorSummary failure={failure} />
        {loaderData.notice && !failure && (
          <p className="notice success" role="status">
            {loaderData.notice}
          </p>
        )}
        <div className="incident-workspace">
          <section aria-labelledby="what-title" className="incident-story">
            <h2 id="what-title">What happened</h2>
            <p className="incident-narrative">{incident.narrative}</p>
            <IncidentFacts incident={incident} sides={relationship.sides} />
            {incident.interview && (
              <p>
                Taken from interview{' '}
                <Link to={`${base}/interviews/${encodeURIComponent(incident.interview.ref)}`}>
                  {incident.interview.ref}
                </Link>
                {incident.sourcePassage && ':'}
              </p>
            )}
            {incident.sourcePassage && (
              <blockquote className="incident-passage">{incident.sourcePassage}</blockquote>
            )}
            <h2>Current coding</h2>
            <p>
              <IncidentDirectionBadge direction={incident.direction} /> strength {incident.strength}
              {incident.codedBy && <span className="muted"> — coded by {incident.codedBy}</span>}
            </p>
            <h2>Second coding</h2>
            <p>
              {detail.secondCoding
                ? `Coded independently by ${detail.secondCoding.codedBy}. The two codings are compared on the agreement page.`
                : 'Not coded a second time yet.'}
            </p>
            <p className="link-row">
              <Link to={`${base}/incidents/${encodeURIComponent(incident.ref)}/second-coding`}>
                {detail.secondCoding ? 'Revise the second coding' : 'Code it a second time (blind)'}
              </Link>
              <Link to={`${base}/incident-agreement`}>Agreement between coders</Link>
            </p>
          </section>
          <section aria-labelledby="coding-title" className="incident-coding">
            <h2 id="coding-title">Coding</h2>
            <Form method="post" noValidate className="form" key={failure ? 'failed' : incident.updatedAt}>
              <CsrfField token={csrfToken} />
              <IncidentCodingFields
                dimensions={detail.dimensions}
                values={values}
                errors={failure?.fieldErrors ?? {}}
              />
              <FieldFrame name="status" label="Status" error={failure?.fieldErrors.status}>
                {({ id, describedBy, isInvalid }) => (
                  <select
                    id={id}
                    name="status"
                    defaultValue={status}
                    aria-describedby={describedBy}
                    aria-invalid={isInvalid}
                  >
                    {INCIDENT_STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {STATUS_LABELS[s]}
                      </option>
                    ))}
                  </select>
                )}
              </FieldFrame>
              <TextField
                name="resolvedOn"
                label="Resolved on"
                hint="Only when the status is Resolved"
                type="date"
                defaultValue={posted?.resolvedOn ?? incident.resolvedOn ?? ''}
                error={failure?.fieldErrors.resolvedOn}
              />
              <div className="actions">
                <button type="submit" disabled={isBusy}>
                  Save coding
                </button>
              </div>
              <p className="muted small" id={fieldId('coding-note')}>
                “Coded” needs at least one dimension, a trigger and a contract scope.
              </p>
            </Form>
          </section>
        </div>
      </main>
    </>
  );
}
