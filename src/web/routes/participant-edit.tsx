import { data, Form, Link, redirect, useActionData, useNavigation } from 'react-router';
import type { Level, Side } from '../../domain/model.ts';
import { getRelationshipSetup } from '../../services/get-relationship-setup.ts';
import { listParticipants } from '../../services/list-participants.ts';
import { updateParticipant } from '../../services/update-participant.ts';
import { runFormAction } from '../action-result.server.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { CsrfField, ErrorSummary } from '../components/form-parts.tsx';
import { SetupBreadcrumbs } from '../components/setup-breadcrumbs.tsx';
import { SetupParticipantFields } from '../components/setup-participant-fields.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import { orNotFound } from '../not-found.server.ts';
import type { Route } from './+types/participant-edit';

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `Edit ${data?.participant.name ?? 'participant'} — Trustloop` }];
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const setup = await orNotFound(getRelationshipSetup(context.db, user.workspaceId, params.id));
  const participants = await listParticipants(context.db, user.workspaceId, setup.id);
  const participant = participants.find((p) => p.id === params.pid);
  if (!participant) throw data('No such participant in this relationship.', { status: 404 });
  return {
    userName: user.name || user.email,
    csrfToken: csrfTokenOf(context),
    setup: { id: setup.id, name: setup.name, sides: setup.sides },
    participant,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireWebUser(context, request);
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? '');
  const result = await runFormAction(form, () =>
    updateParticipant(context.db, user.workspaceId, params.id, params.pid, {
      name: text('name'),
      email: text('email'),
      // The service checks both against the lists; a wrong value comes back as a field error.
      side: text('side') as Side,
      level: text('level') as Level,
      role: text('role'),
    }),
  );
  if (!('id' in result)) return result;
  return redirect(`/relationships/${encodeURIComponent(params.id)}/participants?updated=${result.id}`);
}

export default function ParticipantEdit({ loaderData }: Route.ComponentProps) {
  const { setup, participant, csrfToken } = loaderData;
  const failure = useActionData<typeof action>();
  const isBusy = useNavigation().state === 'submitting';
  const base = `/relationships/${setup.id}`;
  return (
    <>
      <SiteHeader userName={loaderData.userName} csrfToken={csrfToken} current="relationships" />
      <main className="page" id="main">
        <SetupBreadcrumbs
          trail={[
            { label: 'Relationships', to: '/' },
            { label: setup.name, to: base },
            { label: 'Participants', to: `${base}/participants` },
            { label: participant.name },
          ]}
        />
        <h1>Edit {participant.name}</h1>
        <ErrorSummary failure={failure} />
        {participant.hasResponses && (
          <p className="notice">
            {participant.name} has already answered. Answers they gave keep the side and level they had then;
            a change here applies to later waves.
          </p>
        )}
        <Form method="post" noValidate>
          <CsrfField token={csrfToken} />
          <SetupParticipantFields
            sides={setup.sides}
            values={failure?.values ?? participant}
            errors={failure?.fieldErrors ?? {}}
          />
          <p className="muted">Respondent key (used in exports): {participant.respondentKey}</p>
          <div className="actions">
            <button type="submit" disabled={isBusy}>
              Save changes
            </button>
            <Link to={`${base}/participants`}>Cancel</Link>
            <Link to={`${base}/participants?remove=${participant.id}#confirm-remove`} className="danger-link">
              Remove {participant.name}
            </Link>
          </div>
        </Form>
      </main>
    </>
  );
}
