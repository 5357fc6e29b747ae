import { Form, Link, redirect, useActionData, useNavigation } from 'react-router';
import { createWave } from '../../services/create-wave.ts';
import { getRelationshipSetup } from '../../services/get-relationship-setup.ts';
import { listInstruments } from '../../services/list-instruments.ts';
import { runFormAction } from '../action-result.server.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { CsrfField, ErrorSummary, TextField } from '../components/form-parts.tsx';
import { SetupBreadcrumbs } from '../components/setup-breadcrumbs.tsx';
import { SelectField } from '../components/setup-fields.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import { orNotFound } from '../not-found.server.ts';
import type { Route } from './+types/wave-new';

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `New wave — ${data?.setup.name ?? 'Relationship'} — Trustloop` }];
}

/** An instrument travels through the form as one select value: its name and version. */
function instrumentValue(instrument: { name: string; version: string }): string {
  return JSON.stringify([instrument.name, instrument.version]);
}

function parseInstrumentValue(value: string): { name: string; version: string } | undefined {
  try {
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') {
      return { name: parsed[0], version: parsed[1] };
    }
  } catch {
    // Not one of ours: the service answers with its own message for a missing instrument.
  }
  return undefined;
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const setup = await orNotFound(getRelationshipSetup(context.db, user.workspaceId, params.id));
  const instruments = await listInstruments(context.db, user.workspaceId);
  const today = new Date();
  const threeWeeksOn = new Date(today.getTime() + 21 * 24 * 60 * 60 * 1000);
  return {
    userName: user.name || user.email,
    csrfToken: csrfTokenOf(context),
    setup: {
      id: setup.id,
      name: setup.name,
      anonymityThreshold: setup.anonymityThreshold,
      isThresholdFixed: setup.isThresholdFixed,
      waveCount: setup.waves.length,
    },
    instruments: instruments.map((i) => ({
      value: instrumentValue(i),
      label: `${i.name}, version ${i.version}${i.isBuiltIn ? ' (built in)' : ''}`,
    })),
    defaults: { opens: isoDay(today), closes: isoDay(threeWeeksOn) },
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireWebUser(context, request);
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? '');
  const result = await runFormAction(form, () =>
    createWave(context.db, user.workspaceId, params.id, {
      label: text('label'),
      opens: text('opens'),
      closes: text('closes'),
      instrument: parseInstrumentValue(text('instrument')),
    }),
  );
  if (!('id' in result)) return result;
  return redirect(
    `/relationships/${encodeURIComponent(params.id)}/waves/${encodeURIComponent(result.label)}`,
  );
}

export default function WaveNew({ loaderData }: Route.ComponentProps) {
  const { setup, instruments, defaults, csrfToken } = loaderData;
  const failure = useActionData<typeof action>();
  const isBusy = useNavigation().state === 'submitting';
  const values = failure?.values ?? {};
  const errors = failure?.fieldErrors ?? {};
  const base = `/relationships/${setup.id}`;
  return (
    <>
      <SiteHeader userName={loaderData.userName} csrfToken={csrfToken} current="relationships" />
      <main className="page" id="main">
        <SetupBreadcrumbs
          trail={[
            { label: 'Relationships', to: '/' },
            { label: setup.name, to: base },
            { label: 'New wave' },
          ]}
        />
        <h1>New wave</h1>
        <p>
          A wave is one round of the survey. It starts as a draft: you can issue links and check everything
          before you open it.
        </p>
        <ErrorSummary failure={failure} />
        <Form method="post" noValidate>
          <CsrfField token={csrfToken} />
          <TextField
            name="label"
            label="Label"
            hint={
              setup.waveCount === 0
                ? 'For example Baseline.'
                : 'For example Pulse 1. Unique in this relationship.'
            }
            defaultValue={values.label ?? (setup.waveCount === 0 ? 'Baseline' : `Pulse ${setup.waveCount}`)}
            error={errors.label}
            required
          />
          <TextField
            name="opens"
            label="Opens on"
            type="date"
            defaultValue={values.opens ?? defaults.opens}
            error={errors.opens}
            required
          />
          <TextField
            name="closes"
            label="Closes on"
            type="date"
            hint="Personal links work through the whole closing day (UTC)."
            defaultValue={values.closes ?? defaults.closes}
            error={errors.closes}
            required
          />
          <SelectField
            name="instrument"
            label="Instrument version"
            hint="The questionnaire this wave asks. Compare waves that use the same version."
            options={instruments}
            defaultValue={values.instrument ?? instruments[0]?.value}
            error={errors.instrument}
          />
          <div className="notice">
            <p>
              <strong>Anonymity threshold: k = {setup.anonymityThreshold}.</strong> No result is shown for a
              group with fewer than {setup.anonymityThreshold} respondents. The wave takes the relationship's
              threshold, and it is fixed when the wave opens.
            </p>
            {!setup.isThresholdFixed && (
              <p>
                <Link to={`${base}/edit`}>Change the threshold on the relationship</Link> before opening, if
                needed.
              </p>
            )}
          </div>
          <div className="actions">
            <button type="submit" disabled={isBusy}>
              Create wave
            </button>
            <Link to={base}>Cancel</Link>
          </div>
        </Form>
      </main>
    </>
  );
}
