import { Form, Link, redirect, useActionData, useNavigation } from 'react-router';
import { LEVELS, SIDES } from '../../domain/model.ts';
import { getRelationshipSetup } from '../../services/get-relationship-setup.ts';
import { listParticipants } from '../../services/list-participants.ts';
import { scheduleInterview } from '../../services/schedule-interview.ts';
import { runFormAction } from '../action-result.server.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { CsrfField, ErrorSummary, FieldFrame, TextField } from '../components/form-parts.tsx';
import { INTERVIEW_STATUS_LABELS } from '../components/interview-labels.tsx';
import { InterviewRadios } from '../components/interview-radios.tsx';
import { RelationshipNav } from '../components/relationship-nav.tsx';
import { RelationshipBreadcrumbs } from '../components/setup-breadcrumbs.tsx';
import { LEVEL_LABELS, sideLabel } from '../components/setup-labels.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import { orNotFound } from '../not-found.server.ts';
import type { Route } from './+types/interview-new';

// Schedule an interview with a participant, or record one already held. The participant decides
// the side and level; the notes and transcript are written on the interview's own page.

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `New interview — ${data?.setup.name ?? 'Relationship'} — Trustloop` }];
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const setup = await orNotFound(getRelationshipSetup(context.db, user.workspaceId, params.id));
  const participants = await listParticipants(context.db, user.workspaceId, setup.id);
  return {
    userName: user.name || user.email,
    csrfToken: csrfTokenOf(context),
    interviewer: user.name || user.email,
    setup: { id: setup.id, name: setup.name, sides: setup.sides },
    participants: participants.map((p) => ({
      id: p.id,
      name: p.name,
      side: p.side,
      level: p.level,
      role: p.role,
    })),
    chosen: new URL(request.url).searchParams.get('participant') ?? '',
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireWebUser(context, request);
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? '');
  const result = await runFormAction(form, () =>
    scheduleInterview(context.db, user.workspaceId, params.id, {
      participantId: text('participantId'),
      heldOn: text('heldOn'),
      interviewer: text('interviewer'),
      // The service checks it against the list; a wrong value comes back as a field error.
      status: text('status') as 'scheduled' | 'held',
    }),
  );
  if (!('ref' in result)) return result;
  return redirect(`/relationships/${encodeURIComponent(params.id)}/interviews/${result.ref}?done=created`);
}

export default function InterviewNew({ loaderData }: Route.ComponentProps) {
  const { setup, participants, csrfToken } = loaderData;
  const failure = useActionData<typeof action>();
  const isBusy = useNavigation().state === 'submitting';
  const values = failure?.values ?? {};
  const errors = failure?.fieldErrors ?? {};
  const base = `/relationships/${setup.id}`;
  const chosenStatus = values.status ?? 'scheduled';
  return (
    <>
      <SiteHeader userName={loaderData.userName} csrfToken={csrfToken} current="relationships" />
      <main className="page" id="main">
        <RelationshipBreadcrumbs
          relationship={setup}
          trail={[{ label: 'Interviews', to: `${base}/interviews` }, { label: 'New interview' }]}
        />
        <h1>Schedule or record an interview</h1>
        <RelationshipNav id={setup.id} current="interviews" />
        <ErrorSummary failure={failure} />
        {participants.length === 0 ? (
          <p>
            This relationship has no participants yet.{' '}
            <Link to={`${base}/participants`}>Add participants</Link> first: an interview is always with one
            of them.
          </p>
        ) : (
          <Form method="post" noValidate>
            <CsrfField token={csrfToken} />
            <FieldFrame
              name="participantId"
              label="Participant"
              hint="Their side and level become the interview’s. Quotes are attributed to side and level only."
              error={errors.participantId}
            >
              {({ id, describedBy, isInvalid }) => (
                <select
                  id={id}
                  name="participantId"
                  defaultValue={values.participantId ?? loaderData.chosen}
                  aria-invalid={isInvalid}
                  aria-describedby={describedBy}
                >
                  <option value="">Choose a participant</option>
                  {SIDES.map((side) => (
                    <optgroup key={side} label={sideLabel(setup.sides, side)}>
                      {LEVELS.flatMap((level) =>
                        participants
                          .filter((p) => p.side === side && p.level === level)
                          .map((p) => (
                            <option key={p.id} value={p.id}>
                              {p.name} — {LEVEL_LABELS[level]}
                              {p.role ? `, ${p.role}` : ''}
                            </option>
                          )),
                      )}
                    </optgroup>
                  ))}
                </select>
              )}
            </FieldFrame>
            <TextField
              name="heldOn"
              label="Date"
              type="date"
              hint="The planned date, or the day it was held."
              defaultValue={values.heldOn}
              error={errors.heldOn}
            />
            <TextField
              name="interviewer"
              label="Interviewer"
              defaultValue={values.interviewer ?? loaderData.interviewer}
              error={errors.interviewer}
            />
            <InterviewRadios
              name="status"
              legend="Status"
              className="interview-status-choice"
              options={[
                { value: 'scheduled', label: `${INTERVIEW_STATUS_LABELS.scheduled}: it is still to come` },
                { value: 'held', label: `${INTERVIEW_STATUS_LABELS.held}: record it now` },
              ]}
              chosen={chosenStatus}
              error={errors.status}
            />
            <div className="actions">
              <button type="submit" disabled={isBusy}>
                Save the interview
              </button>
              <Link to={`${base}/interviews`}>Cancel</Link>
            </div>
          </Form>
        )}
      </main>
    </>
  );
}
