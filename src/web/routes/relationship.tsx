import { Form, Link, redirect, useActionData, useNavigation } from 'react-router';
import { SIDES } from '../../domain/model.ts';
import {
  archivedAtOf,
  archiveRelationship,
  restoreRelationship,
} from '../../services/archive-relationship.ts';
import { deleteRelationship } from '../../services/delete-relationship.ts';
import { getRelationshipSetup } from '../../services/get-relationship-setup.ts';
import { getResponseTracking } from '../../services/get-response-tracking.ts';
import { listParticipants } from '../../services/list-participants.ts';
import { runFormAction } from '../action-result.server.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { CsrfField, ErrorSummary, TextField } from '../components/form-parts.tsx';
import { RelationshipNav } from '../components/relationship-nav.tsx';
import { SetupBreadcrumbs } from '../components/setup-breadcrumbs.tsx';
import { WAVE_STATUS_LABELS } from '../components/setup-labels.tsx';
import { SetupParticipantCounts } from '../components/setup-participant-counts.tsx';
import { SetupTableScroll } from '../components/setup-table-scroll.tsx';
import { SetupTrackingTable } from '../components/setup-tracking-table.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import { orNotFound } from '../not-found.server.ts';
import type { Route } from './+types/relationship';

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data?.setup.name ?? 'Relationship'} — Trustloop` }];
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const setup = await orNotFound(getRelationshipSetup(context.db, user.workspaceId, params.id));
  const [participants, tracking, archivedAt] = await Promise.all([
    listParticipants(context.db, user.workspaceId, setup.id),
    getResponseTracking(context.db, user.workspaceId, setup.id),
    archivedAtOf(context.db, setup.id),
  ]);
  const done = new URL(request.url).searchParams.get('done');
  const notices: Record<string, string> = {
    archived: 'The relationship was archived. Its survey links no longer work.',
    restored: 'The relationship was restored. Its survey links work again.',
  };
  return {
    userName: user.name || user.email,
    csrfToken: csrfTokenOf(context),
    setup,
    archivedAt,
    notice: notices[done ?? ''] ?? null,
    participants: participants.map((p) => ({ side: p.side, level: p.level })),
    tracking: tracking.waves,
  };
}

// Archive, restore, or delete with the name typed (decision 043): forms that post, so they work
// without JavaScript.
export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireWebUser(context, request);
  const form = await request.formData();
  const intent = String(form.get('intent') ?? '');
  const result = await runFormAction(form, async () => {
    if (intent === 'archive') await archiveRelationship(context.db, user.workspaceId, params.id);
    else if (intent === 'restore') await restoreRelationship(context.db, user.workspaceId, params.id);
    else if (intent === 'delete') {
      const { name } = await deleteRelationship(context.db, user.workspaceId, params.id, {
        confirm: String(form.get('confirm') ?? ''),
      });
      return { deleted: name };
    } else throw new Response('Unknown action.', { status: 400 });
    return { done: intent === 'archive' ? 'archived' : 'restored' };
  });
  if ('deleted' in result && result.deleted) return redirect('/?deleted=1');
  if ('done' in result)
    return redirect(`/relationships/${encodeURIComponent(params.id)}?done=${result.done}`);
  return result;
}

export default function Relationship({ loaderData }: Route.ComponentProps) {
  const { setup, participants, tracking, archivedAt, csrfToken } = loaderData;
  const base = `/relationships/${setup.id}`;
  const actionData = useActionData<typeof action>();
  const failure = actionData && 'message' in actionData ? actionData : undefined;
  const isBusy = useNavigation().state === 'submitting';
  return (
    <>
      <SiteHeader userName={loaderData.userName} csrfToken={loaderData.csrfToken} current="relationships" />
      <main className="page wide" id="main">
        <SetupBreadcrumbs trail={[{ label: 'Relationships', to: '/' }, { label: setup.name }]} />
        <h1>{setup.name}</h1>
        <RelationshipNav id={setup.id} current="overview" />
        <ErrorSummary failure={failure} />
        {loaderData.notice && !failure && (
          <p className="notice success" role="status">
            {loaderData.notice}
          </p>
        )}
        {archivedAt && (
          <div className="notice" role="note">
            <p>
              Archived on {archivedAt.slice(0, 10)}: it is left out of the relationships list, the portfolio
              and every dropdown, and its survey links no longer work.
            </p>
            <Form method="post">
              <CsrfField token={csrfToken} />
              <button type="submit" name="intent" value="restore" className="secondary" disabled={isBusy}>
                Restore the relationship
              </button>
            </Form>
          </div>
        )}

        <section aria-labelledby="sides-title">
          <h2 id="sides-title">The two sides</h2>
          <dl className="facts">
            {SIDES.map((side) => (
              <div key={side}>
                <dt>Side {side}</dt>
                <dd>
                  {setup.sides[side].name}
                  {setup.sides[side].role && <span className="muted"> — {setup.sides[side].role}</span>}
                </dd>
              </div>
            ))}
            <div>
              <dt>Anonymity threshold</dt>
              <dd>
                k = {setup.anonymityThreshold}{' '}
                <span className="muted">
                  {setup.isThresholdFixed
                    ? '(fixed: a wave has opened)'
                    : '(can change until the first wave opens)'}
                </span>
              </dd>
            </div>
          </dl>
          <p>
            <Link to={`${base}/edit`}>Edit the relationship</Link>
          </p>
        </section>

        <section aria-labelledby="participants-title">
          <h2 id="participants-title">Participants</h2>
          {setup.participantCount === 0 ? (
            <p>No participants yet.</p>
          ) : (
            <SetupParticipantCounts sides={setup.sides} participants={participants} />
          )}
          <ul className="link-row">
            <li>
              <Link to={`${base}/participants`}>Manage participants ({setup.participantCount})</Link>
            </li>
            <li>
              <Link to={`${base}/participants/import`}>Import participants from CSV</Link>
            </li>
          </ul>
        </section>

        <section aria-labelledby="waves-title">
          <h2 id="waves-title">Waves</h2>
          {setup.waves.length === 0 ? (
            <p>No waves yet. A wave is one round of the survey: a baseline first, then pulses.</p>
          ) : (
            <SetupTableScroll label="Waves of this relationship">
              <table>
                <caption className="visually-hidden">Waves of this relationship</caption>
                <thead>
                  <tr>
                    <th scope="col">Wave</th>
                    <th scope="col">Opens</th>
                    <th scope="col">Closes</th>
                    <th scope="col">Status</th>
                    <th scope="col">Instrument</th>
                  </tr>
                </thead>
                <tbody>
                  {setup.waves.map((wave) => (
                    <tr key={wave.id}>
                      <th scope="row">
                        <Link to={`${base}/waves/${encodeURIComponent(wave.label)}`}>{wave.label}</Link>
                      </th>
                      <td>{wave.opens}</td>
                      <td>{wave.closes}</td>
                      <td>
                        <span className={`status status-${wave.status}`}>
                          {WAVE_STATUS_LABELS[wave.status]}
                        </span>
                      </td>
                      <td>
                        {wave.instrument.name} <span className="muted">v{wave.instrument.version}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </SetupTableScroll>
          )}
          <p>
            <Link to={`${base}/waves/new`} className="button">
              New wave
            </Link>
          </p>
        </section>

        {tracking.length > 0 && (
          <section aria-labelledby="tracking-title">
            <h2 id="tracking-title">Response tracking</h2>
            <p className="muted">Counts only: nobody's answers, and not who gave them.</p>
            {tracking.map((wave) => (
              <section key={wave.label} aria-label={`Responses to ${wave.label}`}>
                <h3>
                  {wave.label}{' '}
                  <span className={`status status-${wave.status}`}>{WAVE_STATUS_LABELS[wave.status]}</span>
                </h3>
                <SetupTrackingTable
                  caption={`Responses to ${wave.label}, ${wave.opens} to ${wave.closes}`}
                  sides={setup.sides}
                  cells={wave.cells}
                  total={wave.total}
                  isImported={!wave.hasLinks && wave.status === 'closed'}
                />
              </section>
            ))}
          </section>
        )}

        <section aria-labelledby="archive-title">
          <h2 id="archive-title">Archive or delete</h2>
          {!archivedAt && (
            <Form method="post">
              <CsrfField token={csrfToken} />
              <p>
                Archiving keeps everything but takes the relationship out of the lists, the portfolio and its
                early warnings; its survey links stop working. You can restore it later.
              </p>
              <button type="submit" name="intent" value="archive" className="secondary" disabled={isBusy}>
                Archive the relationship
              </button>
            </Form>
          )}
          <Form method="post" noValidate>
            <CsrfField token={csrfToken} />
            <input type="hidden" name="intent" value="delete" />
            <p>
              Deleting removes the relationship and all its data for good: participants, waves, answers,
              comments, incidents, interviews, findings, workstreams and sponsors’ access. It cannot be
              undone.
            </p>
            <TextField
              name="confirm"
              label={`Type the relationship’s name, ${setup.name}, to delete it`}
              autoComplete="off"
              required
              error={failure?.fieldErrors.confirm}
            />
            <div className="actions">
              <button type="submit" className="danger" disabled={isBusy}>
                Delete for good
              </button>
            </div>
          </Form>
        </section>
      </main>
    </>
  );
}
