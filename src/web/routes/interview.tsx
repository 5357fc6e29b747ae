import { Form, Link, redirect, useActionData, useNavigation } from 'react-router';
import type { InterviewStatus } from '../../domain/interview-input.ts';
import { DIRECTIONS } from '../../domain/model.ts';
import { extractInterviewIncident } from '../../services/extract-interview-incident.ts';
import { extractQuote } from '../../services/extract-quote.ts';
import { getInterview } from '../../services/get-interview.ts';
import { getRelationshipSetup } from '../../services/get-relationship-setup.ts';
import { updateInterview } from '../../services/update-interview.ts';
import { runFormAction } from '../action-result.server.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { CsrfField, ErrorSummary, FieldFrame, TextField } from '../components/form-parts.tsx';
import { DIRECTION_LABELS, STRENGTH_LABELS } from '../components/incident-labels.tsx';
import { InterviewGuidePanel } from '../components/interview-guide-panel.tsx';
import { InterviewStatusBadge } from '../components/interview-labels.tsx';
import { InterviewPassagePicker, type PassageTarget } from '../components/interview-passage-picker.tsx';
import { InterviewQuoteList } from '../components/interview-quote-list.tsx';
import { InterviewRadios } from '../components/interview-radios.tsx';
import { RelationshipNav } from '../components/relationship-nav.tsx';
import { RelationshipBreadcrumbs } from '../components/setup-breadcrumbs.tsx';
import { LEVEL_LABELS, sideLabel } from '../components/setup-labels.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import { orNotFound } from '../not-found.server.ts';
import type { Route } from './+types/interview';

// One interview: record the notes and a pasted transcript with the guide for the interviewee's
// level beside them, mark it held, and take passages from the saved texts as quotes or incidents.
// Three forms post here, told apart by `intent`; each passage is checked by the server against
// the saved texts (docs/decisions/018), with or without the JavaScript passage picker.

export function meta({ data }: Route.MetaArgs) {
  return [
    {
      title: `${data?.detail.interview.ref ?? 'Interview'} — ${data?.setup.name ?? 'Relationship'} — Trustloop`,
    },
  ];
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const setup = await orNotFound(getRelationshipSetup(context.db, user.workspaceId, params.id));
  const detail = await orNotFound(getInterview(context.db, user.workspaceId, setup.id, params.ref));
  const search = new URL(request.url).searchParams;
  const done = search.get('done');
  const incidentRef = search.get('incident');
  const notices: Record<string, string> = {
    created: `${detail.interview.ref} was saved. Record the notes or paste the transcript below.`,
    saved: 'The interview was saved.',
    quoted: 'The passage was kept as a quote, attributed to the side and level only.',
  };
  return {
    userName: user.name || user.email,
    csrfToken: csrfTokenOf(context),
    setup: { id: setup.id, name: setup.name, sides: setup.sides },
    detail: {
      ...detail,
      quotes: detail.quotes.map(({ createdAt: _, ...quote }) => quote),
    },
    notice: done ? (notices[done] ?? null) : null,
    newIncident:
      done === 'incident' && incidentRef
        ? (detail.incidents.find((i) => i.ref === incidentRef) ?? null)
        : null,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireWebUser(context, request);
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? '');
  const intent = text('intent');
  const here = `/relationships/${encodeURIComponent(params.id)}/interviews/${encodeURIComponent(params.ref)}`;
  const { db } = context;
  const ws = user.workspaceId;
  if (intent === 'quote') {
    const result = await runFormAction(form, () =>
      extractQuote(db, ws, params.id, params.ref, { passage: text('passage') }),
    );
    if (!('text' in result)) return result;
    return redirect(`${here}?done=quoted#taken-title`);
  }
  if (intent === 'incident') {
    const result = await runFormAction(form, () =>
      extractInterviewIncident(
        db,
        ws,
        params.id,
        params.ref,
        {
          passage: text('passage'),
          title: text('title'),
          occurredOn: text('occurredOn'),
          // The service checks these against their lists; a wrong value comes back as a field error.
          direction: text('direction') as 'builds',
          strength: text('strength'),
          dimensions: form.getAll('dimensions').map(String),
        },
        { codedBy: user.name || user.email },
      ),
    );
    if (!('ref' in result)) {
      // Form values keep one value per name: keep every ticked dimension, space-separated keys.
      if (result.data.values) result.data.values.dimensions = form.getAll('dimensions').map(String).join(' ');
      return result;
    }
    return redirect(`${here}?done=incident&incident=${encodeURIComponent(result.ref)}`);
  }
  const result = await runFormAction(form, () =>
    updateInterview(db, ws, params.id, params.ref, {
      heldOn: text('heldOn'),
      interviewer: text('interviewer'),
      status: (form.get('held') === 'yes' ? 'held' : 'scheduled') as InterviewStatus,
      notes: text('notes'),
      transcript: text('transcript'),
    }),
  );
  if (!('ref' in result)) return result;
  return redirect(`${here}?done=saved`);
}

export default function Interview({ loaderData }: Route.ComponentProps) {
  const { setup, detail, csrfToken } = loaderData;
  const { interview } = detail;
  const failure = useActionData<typeof action>();
  const isBusy = useNavigation().state === 'submitting';
  const base = `/relationships/${setup.id}`;
  const failedIntent = failure?.values?.intent ?? 'record';
  const valuesFor = (intent: string) => (failure && failedIntent === intent ? (failure.values ?? {}) : {});
  const errorsFor = (intent: string) => (failure && failedIntent === intent ? failure.fieldErrors : {});
  const record = { values: valuesFor('record'), errors: errorsFor('record') };
  const isHeld =
    failure && failedIntent === 'record' ? record.values.held === 'yes' : interview.status === 'held';
  const who = interview.participantName ?? 'a removed participant';
  return (
    <>
      <SiteHeader userName={loaderData.userName} csrfToken={csrfToken} current="relationships" />
      <main className="page wide" id="main">
        <RelationshipBreadcrumbs
          relationship={setup}
          trail={[{ label: 'Interviews', to: `${base}/interviews` }, { label: interview.ref }]}
        />
        <h1>
          {interview.ref}: {who} <InterviewStatusBadge status={interview.status} />
        </h1>
        <RelationshipNav id={setup.id} current="interviews" />
        <ErrorSummary failure={failure} />
        {loaderData.notice && !failure && (
          <p className="notice success" role="status">
            {loaderData.notice}
          </p>
        )}
        {loaderData.newIncident && !failure && (
          <p className="notice success" role="status">
            The passage became incident{' '}
            <Link to={`${base}/incidents/${loaderData.newIncident.ref}`}>
              {loaderData.newIncident.ref}: {loaderData.newIncident.title}
            </Link>
            . Refine its coding (trigger, themes, contract scope) in the incident workbench.
          </p>
        )}
        <dl className="facts">
          <div>
            <dt>Side</dt>
            <dd>{sideLabel(setup.sides, interview.side)}</dd>
          </div>
          <div>
            <dt>Level</dt>
            <dd>{LEVEL_LABELS[interview.level]}</dd>
          </div>
          <div>
            <dt>{interview.status === 'held' ? 'Held on' : 'Planned for'}</dt>
            <dd>{interview.heldOn}</dd>
          </div>
          <div>
            <dt>Interviewer</dt>
            <dd>{interview.interviewer || '—'}</dd>
          </div>
        </dl>
        <p className="muted small">
          The name stays on the facilitator’s interview pages. Quotes and incidents taken from this interview
          are attributed to {sideLabel(setup.sides, interview.side)},{' '}
          {LEVEL_LABELS[interview.level].toLowerCase()} level.
        </p>

        <div className="interview-workspace">
          <section aria-labelledby="record-title" className="interview-record" data-passage-texts>
            <h2 id="record-title">Notes and transcript</h2>
            <Form method="post" noValidate>
              <CsrfField token={csrfToken} />
              <input type="hidden" name="intent" value="record" />
              <div className="interview-record-meta">
                <TextField
                  name="heldOn"
                  label="Date"
                  type="date"
                  defaultValue={record.values.heldOn ?? interview.heldOn}
                  error={record.errors.heldOn}
                />
                <TextField
                  name="interviewer"
                  label="Interviewer"
                  defaultValue={record.values.interviewer ?? interview.interviewer}
                  error={record.errors.interviewer}
                />
              </div>
              <div className="field">
                <label className="interview-choice">
                  <input type="checkbox" name="held" value="yes" defaultChecked={isHeld} /> The interview has
                  been held
                </label>
              </div>
              <InterviewTextArea
                name="notes"
                label="Notes"
                hint="Your notes: context, what happened, what it led to."
                value={record.values.notes ?? interview.notes}
                error={record.errors.notes}
                rows={8}
              />
              <InterviewTextArea
                name="transcript"
                label="Transcript"
                hint="Paste the transcript here, if there is one."
                value={record.values.transcript ?? interview.transcript}
                error={record.errors.transcript}
                rows={12}
              />
              <div className="actions">
                <button type="submit" disabled={isBusy}>
                  Save the interview
                </button>
              </div>
            </Form>
            {/* Right under the texts, so a phone user need not scroll between selecting and pressing. */}
            <InterviewPassagePicker
              // A new key after every post: an old "the passage is in the form" message would mislead.
              key={failure ? `failed-${failedIntent}` : `${detail.quotes.length}-${detail.incidents.length}`}
              saved={{ notes: interview.notes, transcript: interview.transcript }}
            />
          </section>
          <InterviewGuidePanel
            level={interview.level}
            body={detail.guide.body}
            isCustom={detail.guide.isCustom}
          />
        </div>

        <section aria-labelledby="extract-title">
          <h2 id="extract-title">Take a passage</h2>
          <p>
            A quote or an incident is taken from the <strong>saved</strong> notes or transcript, word for word
            (spacing and line breaks do not matter). Its passage is kept with it and linked to this interview.
          </p>
          <div className="interview-extract-forms">
            <Form
              method="post"
              noValidate
              className="interview-extract"
              aria-labelledby="quote-form-title"
              key={`quote-${detail.quotes.length}`}
            >
              <h3 id="quote-form-title">Make a quote</h3>
              <CsrfField token={csrfToken} />
              <PassageField
                target="quote"
                failedIntent={failedIntent}
                value={valuesFor('quote').passage}
                error={errorsFor('quote').passage}
              />
              <div className="actions">
                <button type="submit" name="intent" value="quote" disabled={isBusy}>
                  Keep as a quote
                </button>
              </div>
            </Form>
            <IncidentForm
              key={`incident-${detail.incidents.length}`}
              csrfToken={csrfToken}
              failedIntent={failedIntent}
              values={valuesFor('incident')}
              errors={errorsFor('incident')}
              dimensions={detail.dimensions}
              isBusy={isBusy}
            />
          </div>
        </section>

        <section aria-labelledby="taken-title">
          <h2 id="taken-title">Taken from this interview</h2>
          <h3>Quotes</h3>
          {detail.quotes.length === 0 ? (
            <p>No quotes yet.</p>
          ) : (
            <InterviewQuoteList quotes={detail.quotes} sides={setup.sides} relationshipId={setup.id} />
          )}
          <h3>Incidents</h3>
          {detail.incidents.length === 0 ? (
            <p>No incidents yet.</p>
          ) : (
            <ul className="interview-incidents">
              {detail.incidents.map((incident) => (
                <li key={incident.ref}>
                  <Link to={`${base}/incidents/${incident.ref}`}>
                    {incident.ref}: {incident.title}
                  </Link>{' '}
                  <span className={`tag direction-${incident.direction}`}>
                    {DIRECTION_LABELS[incident.direction]}
                  </span>{' '}
                  <span className="muted small">{incident.occurredOn}</span>
                  {incident.sourcePassage && (
                    <blockquote>
                      <p>{incident.sourcePassage}</p>
                    </blockquote>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      </main>
    </>
  );
}

function InterviewTextArea(props: {
  name: 'notes' | 'transcript';
  label: string;
  hint: string;
  value: string;
  error?: string;
  rows: number;
}) {
  return (
    <FieldFrame name={props.name} label={props.label} hint={props.hint} error={props.error}>
      {({ id, describedBy, isInvalid }) => (
        <textarea
          id={id}
          name={props.name}
          defaultValue={props.value}
          rows={props.rows}
          data-passage-source={props.name}
          aria-invalid={isInvalid}
          aria-describedby={describedBy}
        />
      )}
    </FieldFrame>
  );
}

/**
 * The passage field of the quote or the incident form. Both post `passage`; the one whose form
 * failed takes the id the error summary links to (field-passage), the other keeps its own.
 */
function PassageField(props: {
  target: PassageTarget;
  failedIntent: string;
  value?: string;
  error?: string;
}) {
  const id = props.failedIntent === props.target ? 'field-passage' : `field-${props.target}-passage`;
  return (
    <FieldFrame
      name="passage"
      id={id}
      label="Passage"
      hint="Words of the saved notes or transcript."
      error={props.error}
    >
      {({ id, describedBy, isInvalid }) => (
        <textarea
          id={id}
          name="passage"
          rows={4}
          defaultValue={props.value}
          data-passage-target={props.target}
          aria-invalid={isInvalid}
          aria-describedby={describedBy}
        />
      )}
    </FieldFrame>
  );
}

function IncidentForm(props: {
  csrfToken: string;
  failedIntent: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  dimensions: ReadonlyArray<{ key: string; label: string }>;
  isBusy: boolean;
}) {
  const { values, errors } = props;
  const ticked = (values.dimensions ?? '').split(' ');
  return (
    <Form method="post" noValidate className="interview-extract" aria-labelledby="incident-form-title">
      <h3 id="incident-form-title">Make an incident</h3>
      <CsrfField token={props.csrfToken} />
      <PassageField
        target="incident"
        failedIntent={props.failedIntent}
        value={values.passage}
        error={errors.passage}
      />
      <TextField
        name="title"
        label="Title"
        hint="A few words: what happened."
        defaultValue={values.title}
        error={errors.title}
      />
      <TextField
        name="occurredOn"
        label="When it happened"
        type="date"
        hint="As near as the interviewee could say."
        defaultValue={values.occurredOn}
        error={errors.occurredOn}
      />
      <InterviewRadios
        name="direction"
        legend="Direction"
        options={DIRECTIONS.map((d) => ({ value: d, label: DIRECTION_LABELS[d] }))}
        chosen={values.direction}
        error={errors.direction}
      />
      <InterviewRadios
        name="strength"
        legend="Strength"
        options={([1, 2, 3] as const).map((n) => ({ value: String(n), label: STRENGTH_LABELS[n] }))}
        chosen={values.strength}
        error={errors.strength}
      />
      <fieldset>
        <legend>Dimensions affected</legend>
        <span className="hint">Optional now; the incident workbench completes the coding.</span>
        <div className="interview-dimensions">
          {props.dimensions.map((dimension) => (
            <label key={dimension.key} className="interview-choice">
              <input
                type="checkbox"
                name="dimensions"
                value={dimension.key}
                defaultChecked={ticked.includes(dimension.key)}
              />{' '}
              {dimension.label}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="actions">
        <button type="submit" name="intent" value="incident" disabled={props.isBusy}>
          Make the incident
        </button>
      </div>
    </Form>
  );
}
