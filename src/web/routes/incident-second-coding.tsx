import { Form, Link, useActionData, useNavigation } from 'react-router';
import { getIncident } from '../../services/get-incident.ts';
import { secondCodeIncident } from '../../services/second-code-incident.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { CsrfField, ErrorSummary, TextField } from '../components/form-parts.tsx';
import {
  codingToFormValues,
  EMPTY_CODING,
  IncidentCodingFields,
  postedCodingValues,
} from '../components/incident-coding-fields.tsx';
import { IncidentFacts } from '../components/incident-facts.tsx';
import { RelationshipNav } from '../components/relationship-nav.tsx';
import { RelationshipBreadcrumbs } from '../components/setup-breadcrumbs.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import { orNotFound } from '../not-found.server.ts';
import type { Route } from './+types/incident-second-coding';
import { runIncidentCodingAction } from './incident-coding-action.server.ts';

// The blind second coding: the coder sees what happened (narrative, facts, source passage) and
// codes it from scratch. The loader passes on nothing of the first coding — not even to the
// page's data — so it cannot be seen in the markup either. A coder revising their own second
// coding sees that one.

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `Second coding of ${data?.incident.ref ?? 'an incident'} — Trustloop` }];
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const detail = await orNotFound(getIncident(context.db, user.workspaceId, params.id, params.ref));
  const { incident } = detail;
  return {
    userName: user.name || user.email,
    csrfToken: csrfTokenOf(context),
    relationship: detail.relationship,
    dimensions: detail.dimensions,
    incident: {
      ref: incident.ref,
      title: incident.title,
      narrative: incident.narrative,
      sourcePassage: incident.sourcePassage,
      facts: {
        occurredOn: incident.occurredOn,
        reporterSide: incident.reporterSide,
        reporterLevel: incident.reporterLevel,
        reporterLevelThreshold: incident.reporterLevelThreshold,
        sidesInvolved: incident.sidesInvolved,
        levelsInvolved: incident.levelsInvolved,
        source: incident.source,
        resolvedOn: incident.resolvedOn,
      },
    },
    secondCoding: detail.secondCoding,
    coderName: user.name || user.email,
  };
}

export async function action(args: Route.ActionArgs) {
  const { context, params } = args;
  return runIncidentCodingAction(args, 'second-coded', (user, form, coding) =>
    secondCodeIncident(
      context.db,
      user.workspaceId,
      params.id,
      params.ref,
      { ...coding, codedBy: String(form.get('codedBy') ?? '') },
      user.id,
    ),
  );
}

export default function IncidentSecondCoding({ loaderData }: Route.ComponentProps) {
  const { incident, relationship, csrfToken, secondCoding } = loaderData;
  const failure = useActionData<typeof action>();
  const isBusy = useNavigation().state === 'submitting';
  const base = `/relationships/${relationship.id}`;
  const posted = failure?.values;
  const values = posted
    ? postedCodingValues(posted, (posted.dimensionsPosted ?? '').split(',').filter(Boolean))
    : secondCoding
      ? codingToFormValues(secondCoding.coding)
      : EMPTY_CODING;
  return (
    <>
      <SiteHeader userName={loaderData.userName} csrfToken={csrfToken} current="relationships" />
      <main className="page wide" id="main">
        <RelationshipBreadcrumbs
          relationship={relationship}
          trail={[
            { label: 'Incidents', to: `${base}/incidents` },
            { label: incident.ref, to: `${base}/incidents/${encodeURIComponent(incident.ref)}` },
            { label: 'Second coding' },
          ]}
        />
        <h1>
          Second coding of {incident.ref}: {incident.title}
        </h1>
        <RelationshipNav id={relationship.id} current="incidents" />
        <ErrorSummary failure={failure} />
        <p className="notice">
          Code this incident from what happened alone. The first coding is not shown here, so that the two
          codings stay independent and their agreement means something.
        </p>
        <div className="incident-workspace">
          <section aria-labelledby="what-title" className="incident-story">
            <h2 id="what-title">What happened</h2>
            <p className="incident-narrative">{incident.narrative}</p>
            <IncidentFacts incident={incident.facts} sides={relationship.sides} />
            {incident.sourcePassage && (
              <blockquote className="incident-passage">{incident.sourcePassage}</blockquote>
            )}
          </section>
          <section aria-labelledby="coding-title" className="incident-coding">
            <h2 id="coding-title">Your coding</h2>
            <Form method="post" noValidate className="form">
              <CsrfField token={csrfToken} />
              <TextField
                name="codedBy"
                label="Coder"
                hint="Who codes, as the agreement page will name them"
                defaultValue={posted?.codedBy ?? secondCoding?.codedBy ?? loaderData.coderName}
                error={failure?.fieldErrors.codedBy}
              />
              <IncidentCodingFields
                dimensions={loaderData.dimensions}
                values={values}
                errors={failure?.fieldErrors ?? {}}
              />
              <div className="actions">
                <button type="submit" disabled={isBusy}>
                  Save second coding
                </button>
                <Link to={`${base}/incidents/${encodeURIComponent(incident.ref)}`}>Cancel</Link>
              </div>
            </Form>
          </section>
        </div>
      </main>
    </>
  );
}
