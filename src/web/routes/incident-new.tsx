import { Form, Link, redirect, useActionData, useNavigation } from 'react-router';
import { INCIDENT_SOURCES, LEVELS, SIDES } from '../../domain/model.ts';
import { createIncident, type NewIncidentInput } from '../../services/create-incident.ts';
import { getIncidentForm } from '../../services/get-incident-form.ts';
import { runFormAction } from '../action-result.server.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { CsrfField, ErrorSummary, FieldFrame, TextField } from '../components/form-parts.tsx';
import {
  ChoiceGroup,
  choiceError,
  EMPTY_CODING,
  IncidentCodingFields,
  postedCodingValues,
  readCodingForm,
} from '../components/incident-coding-fields.tsx';
import { SOURCE_LABELS } from '../components/incident-labels.tsx';
import { RelationshipNav } from '../components/relationship-nav.tsx';
import { RelationshipBreadcrumbs } from '../components/setup-breadcrumbs.tsx';
import { LEVEL_LABELS, sideLabel } from '../components/setup-labels.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import { orNotFound } from '../not-found.server.ts';
import type { Route } from './+types/incident-new';

// The facilitator adds an incident (from a workshop, their notes, or an interview they did not
// record here). Survey participants report theirs inside the survey. The reporter is recorded as
// a side and a level, never a name.

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `Add an incident — ${data?.relationship.name ?? 'Relationship'} — Trustloop` }];
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const form = await orNotFound(getIncidentForm(context.db, user.workspaceId, params.id));
  return {
    userName: user.name || user.email,
    csrfToken: csrfTokenOf(context),
    relationship: form.relationship,
    dimensions: form.dimensions,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireWebUser(context, request);
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? '').trim();
  const coding = readCodingForm(form);
  form.set('sidesPosted', form.getAll('sidesInvolved').join(','));
  form.set('levelsPosted', form.getAll('levelsInvolved').join(','));
  const input = {
    ...coding,
    occurredOn: text('occurredOn'),
    title: text('title'),
    narrative: text('narrative'),
    reporterSide: text('reporterSide') || undefined,
    reporterLevel: text('reporterLevel') || undefined,
    sidesInvolved: form.getAll('sidesInvolved').map(String),
    levelsInvolved: form.getAll('levelsInvolved').map(String),
    source: text('source') || undefined,
  } as NewIncidentInput;
  const result = await runFormAction(form, () =>
    createIncident(context.db, user.workspaceId, params.id, input, {
      codedBy: user.name || user.email,
      coderUserId: user.id,
    }),
  );
  if (!('ref' in result)) return result;
  return redirect(
    `/relationships/${encodeURIComponent(params.id)}/incidents/${encodeURIComponent(result.ref)}?done=added`,
  );
}

export default function IncidentNew({ loaderData }: Route.ComponentProps) {
  const { relationship, csrfToken } = loaderData;
  const failure = useActionData<typeof action>();
  const isBusy = useNavigation().state === 'submitting';
  const base = `/relationships/${relationship.id}`;
  const posted = failure?.values ?? {};
  const errors = failure?.fieldErrors ?? {};
  const list = (name: string) => (posted[name] ?? '').split(',').filter(Boolean);
  const values = failure ? postedCodingValues(posted, list('dimensionsPosted')) : EMPTY_CODING;
  const choice = (
    name: string,
    legend: string,
    options: ReadonlyArray<{ value: string; label: string }>,
    kind: 'radio' | 'checkbox',
    chosen: readonly string[],
  ) => (
    <ChoiceGroup
      name={name}
      legend={legend}
      kind={kind}
      options={options}
      chosen={chosen}
      error={choiceError(errors, name)}
    />
  );
  return (
    <>
      <SiteHeader userName={loaderData.userName} csrfToken={csrfToken} current="relationships" />
      <main className="page" id="main">
        <RelationshipBreadcrumbs
          relationship={relationship}
          trail={[{ label: 'Incidents', to: `${base}/incidents` }, { label: 'Add' }]}
        />
        <h1>Add an incident</h1>
        <RelationshipNav id={relationship.id} current="incidents" />
        <ErrorSummary failure={failure} />
        <Form method="post" noValidate className="form">
          <CsrfField token={csrfToken} />
          <h2>What happened</h2>
          <TextField
            name="title"
            label="Title"
            hint="One line"
            defaultValue={posted.title}
            error={errors.title}
          />
          <FieldFrame
            name="narrative"
            label="What happened"
            hint="Who did what, and what it led to"
            error={errors.narrative}
          >
            {({ id, describedBy, isInvalid }) => (
              <textarea
                id={id}
                name="narrative"
                rows={6}
                defaultValue={posted.narrative}
                aria-describedby={describedBy}
                aria-invalid={isInvalid}
              />
            )}
          </FieldFrame>
          <TextField
            name="occurredOn"
            label="Occurred on"
            type="date"
            defaultValue={posted.occurredOn}
            error={errors.occurredOn}
          />
          {choice(
            'source',
            'Source',
            INCIDENT_SOURCES.filter((s) => s !== 'survey').map((s) => ({
              value: s,
              label: SOURCE_LABELS[s],
            })),
            'radio',
            [posted.source ?? 'facilitator'],
          )}
          {choice(
            'reporterSide',
            'Reported by: side',
            SIDES.map((s) => ({ value: s, label: sideLabel(relationship.sides, s) })),
            'radio',
            [posted.reporterSide ?? ''],
          )}
          {choice(
            'reporterLevel',
            'Reported by: level',
            LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] })),
            'radio',
            [posted.reporterLevel ?? ''],
          )}
          {choice(
            'sidesInvolved',
            'Sides involved',
            SIDES.map((s) => ({ value: s, label: sideLabel(relationship.sides, s) })),
            'checkbox',
            list('sidesPosted'),
          )}
          {choice(
            'levelsInvolved',
            'Levels involved',
            LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] })),
            'checkbox',
            list('levelsPosted'),
          )}
          <h2>Coding</h2>
          <p className="muted small">
            Direction and strength are needed now; the rest can be coded later. With a dimension, a trigger
            and a contract scope it is saved as coded.
          </p>
          <IncidentCodingFields dimensions={loaderData.dimensions} values={values} errors={errors} />
          <div className="actions">
            <button type="submit" disabled={isBusy}>
              Add incident
            </button>
            <Link to={`${base}/incidents`}>Cancel</Link>
          </div>
        </Form>
      </main>
    </>
  );
}
