import { Form, Link, redirect, useActionData, useNavigation } from 'react-router';
import { type Level, SIDES, type Side } from '../../domain/model.ts';
import { addParticipant } from '../../services/add-participant.ts';
import { getRelationshipSetup } from '../../services/get-relationship-setup.ts';
import { listParticipants } from '../../services/list-participants.ts';
import { removeParticipant } from '../../services/remove-participant.ts';
import { runFormAction } from '../action-result.server.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { CsrfField, ErrorSummary } from '../components/form-parts.tsx';
import { SetupBreadcrumbs } from '../components/setup-breadcrumbs.tsx';
import { LEVEL_LABELS, sideLabel } from '../components/setup-labels.tsx';
import { SetupParticipantFields } from '../components/setup-participant-fields.tsx';
import { SetupTableScroll } from '../components/setup-table-scroll.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import { orNotFound } from '../not-found.server.ts';
import type { Route } from './+types/participants';

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `Participants — ${data?.setup.name ?? 'Relationship'} — Trustloop` }];
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const setup = await orNotFound(getRelationshipSetup(context.db, user.workspaceId, params.id));
  const participants = await listParticipants(context.db, user.workspaceId, setup.id);
  const search = new URL(request.url).searchParams;
  const nameOf = (id: string | null) => participants.find((p) => p.id === id)?.name ?? null;
  const toRemove = participants.find((p) => p.id === search.get('remove')) ?? null;
  let notice: string | null = null;
  if (search.has('added')) notice = `${nameOf(search.get('added')) ?? 'The participant'} was added.`;
  else if (search.has('updated')) notice = `${nameOf(search.get('updated')) ?? 'The participant'} was saved.`;
  else if (search.has('removed')) notice = 'The participant was removed.';
  else if (search.has('imported')) {
    const n = Number(search.get('imported')) || 0;
    notice = `${n} participant${n === 1 ? ' was' : 's were'} imported.`;
  }
  return {
    userName: user.name || user.email,
    csrfToken: csrfTokenOf(context),
    setup: { id: setup.id, name: setup.name, sides: setup.sides },
    participants,
    toRemove,
    notice,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireWebUser(context, request);
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? '');
  const base = `/relationships/${encodeURIComponent(params.id)}/participants`;
  if (text('intent') === 'remove') {
    const result = await runFormAction(form, () =>
      removeParticipant(context.db, user.workspaceId, params.id, text('participantId')),
    );
    if (result !== undefined) return result;
    return redirect(`${base}?removed=1`);
  }
  const result = await runFormAction(form, () =>
    addParticipant(context.db, user.workspaceId, params.id, {
      name: text('name'),
      email: text('email'),
      // The service checks both against the lists; a wrong value comes back as a field error.
      side: text('side') as Side,
      level: text('level') as Level,
      role: text('role'),
    }),
  );
  if (!('id' in result)) return result;
  return redirect(`${base}?added=${result.id}`);
}

export default function Participants({ loaderData }: Route.ComponentProps) {
  const { setup, participants, toRemove, csrfToken } = loaderData;
  const failure = useActionData<typeof action>();
  const navigation = useNavigation();
  const isBusy = navigation.state === 'submitting';
  const base = `/relationships/${setup.id}`;
  const isRemoveFailure = failure?.values?.intent === 'remove';
  const addFailure = failure && !isRemoveFailure ? failure : undefined;
  return (
    <>
      <SiteHeader userName={loaderData.userName} csrfToken={csrfToken} current="relationships" />
      <main className="page wide" id="main">
        <SetupBreadcrumbs
          trail={[
            { label: 'Relationships', to: '/' },
            { label: setup.name, to: base },
            { label: 'Participants' },
          ]}
        />
        <h1>Participants</h1>
        <ErrorSummary failure={failure} />
        {loaderData.notice && !failure && (
          <p className="notice success" role="status">
            {loaderData.notice}
          </p>
        )}

        {toRemove && !failure && (
          <section className="confirm" aria-labelledby="confirm-remove-title" id="confirm-remove">
            <h2 id="confirm-remove-title">Remove {toRemove.name}?</h2>
            <p>
              {toRemove.name} ({toRemove.email}) will be taken off this relationship, with their personal
              survey links. This cannot be undone.
              {toRemove.hasResponses &&
                ' They have answered in a wave, so Trustloop will refuse: their answers would leave the analysis.'}
            </p>
            <Form method="post" className="actions">
              <CsrfField token={csrfToken} />
              <input type="hidden" name="participantId" value={toRemove.id} />
              <button type="submit" name="intent" value="remove" className="danger" disabled={isBusy}>
                Yes, remove {toRemove.name}
              </button>
              <Link to={`${base}/participants`}>No, keep them</Link>
            </Form>
          </section>
        )}

        <p className="link-row">
          <Link to={`${base}/participants/import`}>Import participants from CSV</Link>
        </p>

        {participants.length === 0 && <p>No participants yet. Add them below or import a CSV file.</p>}
        {SIDES.map((side) => {
          const ofSide = participants.filter((p) => p.side === side);
          if (ofSide.length === 0) return null;
          return (
            <section key={side} aria-labelledby={`side-${side}-title`}>
              <h2 id={`side-${side}-title`}>
                {sideLabel(setup.sides, side)}
                {setup.sides[side].role && <span className="muted"> — {setup.sides[side].role}</span>}
              </h2>
              <SetupTableScroll label={`Participants of ${setup.sides[side].name}`}>
                <table>
                  <caption className="visually-hidden">
                    Participants of {setup.sides[side].name}, by level and name
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Name and email</th>
                      <th scope="col">Level</th>
                      <th scope="col">Role</th>
                      <th scope="col">Actions</th>
                    </tr>
                  </thead>
                  <tbody>
                    {ofSide.map((p) => (
                      <tr key={p.id}>
                        <th scope="row">
                          {p.name}
                          <div className="muted small">{p.email}</div>
                        </th>
                        <td>{LEVEL_LABELS[p.level]}</td>
                        <td>{p.role || <span className="muted">—</span>}</td>
                        <td>
                          <ul className="link-row compact">
                            <li>
                              <Link to={`${base}/participants/${p.id}`}>
                                Edit<span className="visually-hidden"> {p.name}</span>
                              </Link>
                            </li>
                            <li>
                              <Link to={`?remove=${p.id}#confirm-remove`}>
                                Remove<span className="visually-hidden"> {p.name}</span>
                              </Link>
                            </li>
                          </ul>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </SetupTableScroll>
            </section>
          );
        })}

        <section aria-labelledby="add-title">
          <h2 id="add-title">Add a participant</h2>
          <Form method="post" noValidate className="form" key={addFailure ? 'failed' : participants.length}>
            <CsrfField token={csrfToken} />
            <SetupParticipantFields
              sides={setup.sides}
              values={addFailure?.values ?? {}}
              errors={addFailure?.fieldErrors ?? {}}
            />
            <div className="actions">
              <button type="submit" name="intent" value="add" disabled={isBusy}>
                Add participant
              </button>
            </div>
          </Form>
        </section>
      </main>
    </>
  );
}
