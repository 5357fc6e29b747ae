import { Form, Link, redirect, useActionData, useNavigation } from 'react-router';
import { DOTS_DEFAULT, DOTS_MAX, DOTS_MIN } from '../../domain/workshop.ts';
import { loadReleases } from '../../services/list-releases.ts';
import { listWorkshops } from '../../services/list-workshops.ts';
import { loadRelationship } from '../../services/load-relationship.ts';
import { createWorkshop } from '../../services/manage-workshop.ts';
import { type ActionFailure, runFormAction } from '../action-result.server.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { CsrfField, ErrorSummary } from '../components/form-parts.tsx';
import { RelationshipNav } from '../components/relationship-nav.tsx';
import { SetupBreadcrumbs } from '../components/setup-breadcrumbs.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import { orNotFound } from '../not-found.server.ts';
import type { Route } from './+types/workshops';

// A relationship's joint feedback workshops (issue 10, item 1): each on a wave whose findings were
// released to both sides, with the seed's agenda to start from. The facilitator opens one to run it.

const STATUS_WORDS = { draft: 'Not started', live: 'Running', ended: 'Ended' } as const;

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `Workshops — ${data?.relationship.name ?? 'Relationship'} — Trustloop` }];
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const relationship = await orNotFound(loadRelationship(context.db, user.workspaceId, params.id));
  const { workshops } = await listWorkshops(context.db, user.workspaceId, relationship.id);
  const released = new Set(
    (await loadReleases(context.db, relationship.id)).filter((r) => r.kind === 'joint').map((r) => r.wave),
  );
  return {
    userName: user.name || user.email,
    csrfToken: csrfTokenOf(context),
    relationship: { id: relationship.id, name: relationship.name },
    workshops,
    waves: relationship.waves.filter((wave) => released.has(wave.label)).map((wave) => wave.label),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireWebUser(context, request);
  const form = await request.formData();
  const created = await runFormAction(form, () =>
    createWorkshop(
      context.db,
      user.workspaceId,
      params.id,
      {
        wave: String(form.get('wave') ?? ''),
        title: String(form.get('title') ?? ''),
        dots: Number(form.get('dots') ?? DOTS_DEFAULT),
        attendeesGroup: form.get('attendeesGroup') === 'yes',
      },
      { name: user.name || user.email },
    ),
  );
  if (!('code' in created)) return created;
  return redirect(`/relationships/${encodeURIComponent(params.id)}/workshops/${created.id}`);
}

export default function Workshops({ loaderData }: Route.ComponentProps) {
  const { relationship, workshops, waves, csrfToken } = loaderData;
  const failure = useActionData<typeof action>() as ActionFailure | undefined;
  const busy = useNavigation().state === 'submitting';
  const base = `/relationships/${relationship.id}`;
  return (
    <>
      <SiteHeader userName={loaderData.userName} csrfToken={csrfToken} current="relationships" />
      <main className="page wide" id="main">
        <SetupBreadcrumbs
          trail={[
            { label: 'Relationships', to: '/' },
            { label: relationship.name, to: base },
            { label: 'Workshops' },
          ]}
        />
        <h1>Workshops</h1>
        <RelationshipNav id={relationship.id} current="workshops" />
        <ErrorSummary failure={failure} />
        <p>
          The joint feedback workshop: both organisations hear the released findings together, write what they
          think in private, group it, vote by side and commit to workstreams before they leave the room.
          People join from their phones at <strong>/w</strong> with the workshop's code.
        </p>
        {workshops.length > 0 ? (
          <table>
            <caption>The relationship's workshops, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Workshop</th>
                <th scope="col">Findings of</th>
                <th scope="col">Status</th>
                <th scope="col">Code</th>
              </tr>
            </thead>
            <tbody>
              {workshops.map((w) => (
                <tr key={w.id}>
                  <td>
                    <Link to={`${base}/workshops/${w.id}`}>{w.title}</Link>
                  </td>
                  <td>{w.wave}</td>
                  <td>{STATUS_WORDS[w.status]}</td>
                  <td>{w.code ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">No workshops yet.</p>
        )}
        <section aria-labelledby="new-workshop">
          <h2 id="new-workshop">Prepare a workshop</h2>
          {waves.length === 0 ? (
            <p>
              A workshop discusses findings released to both sides.{' '}
              <Link to={`${base}/findings`}>Release the findings</Link> of a closed wave first.
            </p>
          ) : (
            <Form method="post" className="compact-form">
              <CsrfField token={csrfToken} />
              <div className="field">
                <label htmlFor="field-title">Title</label>
                <input
                  id="field-title"
                  name="title"
                  defaultValue={failure?.values?.title ?? 'Joint feedback workshop'}
                  maxLength={200}
                />
              </div>
              <div className="field">
                <label htmlFor="field-wave">The released findings of</label>
                <select id="field-wave" name="wave" defaultValue={failure?.values?.wave ?? waves.at(-1)}>
                  {waves.map((wave) => (
                    <option key={wave}>{wave}</option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="field-dots">Dots each person votes with</label>
                <input
                  id="field-dots"
                  name="dots"
                  type="number"
                  min={DOTS_MIN}
                  max={DOTS_MAX}
                  defaultValue={failure?.values?.dots ?? DOTS_DEFAULT}
                />
              </div>
              <div className="field">
                <label className="choice">
                  <input type="checkbox" name="attendeesGroup" value="yes" /> Let the room group the notes
                  too, on their phones, during a group step
                </label>
              </div>
              <p className="hint">
                The agenda starts as the seed's workshop: present the findings, reflect three times, group,
                vote, discuss, commit. You can change it before and during the workshop.
              </p>
              <button type="submit" disabled={busy}>
                Prepare the workshop
              </button>
            </Form>
          )}
        </section>
      </main>
    </>
  );
}
