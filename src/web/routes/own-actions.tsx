import { data, redirect, useActionData, useNavigation } from 'react-router';
import { isAppError } from '../../domain/app-error.ts';
import { getOwnActions, markOwnActionDone } from '../../services/action-links.ts';
import { todayIso } from '../../services/find-wave.ts';
import { type ActionFailure, runFormAction } from '../action-result.server.ts';
import { FindingCard } from '../components/finding-card.tsx';
import { SurveyErrorPage, SurveyPage } from '../components/survey-layout.tsx';
import { SURVEY_HEADERS } from '../survey.server.ts';
import type { Route } from './+types/own-actions';

// An action owner's page (issue 9, item 6), reached by a personal link and no account: the actions
// they own in the joint work and the findings both sides were given. Opening it changes nothing
// (mail scanners open links); marking an action done is a form post. The same headers as the
// survey: no referrer, no cache.

export function headers() {
  return SURVEY_HEADERS;
}

export function meta() {
  return [{ title: 'Your actions — Trustloop' }, { name: 'robots', content: 'noindex' }];
}

export async function loader({ params, context }: Route.LoaderArgs) {
  try {
    return data(
      { view: await getOwnActions(context.db, params.token), today: todayIso() },
      { headers: SURVEY_HEADERS },
    );
  } catch (error) {
    if (isAppError(error) && error.code === 'not-found') {
      throw data(
        {
          title: 'This link does not work',
          message: 'It may have been replaced by a newer one. Ask the facilitator for a new link.',
        },
        { status: 404 },
      );
    }
    throw error;
  }
}

export async function action({ params, context, request }: Route.ActionArgs) {
  const form = await request.formData();
  const result = await runFormAction(form, async () => {
    await markOwnActionDone(
      context.db,
      params.token,
      String(form.get('action') ?? ''),
      String(form.get('doneOn') ?? ''),
    );
    return 'done' as const;
  });
  if (result !== 'done') return result;
  return redirect(`/a/${params.token}#actions`, { headers: SURVEY_HEADERS });
}

export function ErrorBoundary() {
  return <SurveyErrorPage />;
}

export default function OwnActions({ loaderData }: Route.ComponentProps) {
  const { view, today } = loaderData;
  const failure = useActionData<typeof action>() as ActionFailure | undefined;
  const isBusy = useNavigation().state === 'submitting';
  const sides = view.relationship.sides;
  const open = view.actions.filter((a) => a.status === 'open');
  return (
    <SurveyPage title={view.relationship.name}>
      <h1>Your actions{view.name ? `, ${view.name}` : ''}</h1>
      <p>
        What you agreed to do in the joint work between {sides.A.name} and {sides.B.name}. When one is done,
        say so here: both sides see it.
      </p>
      {failure && (
        <p className="field-error" role="alert">
          {failure.message}
        </p>
      )}
      <section aria-labelledby="actions-title" id="actions">
        <h2 id="actions-title">{open.length === 0 ? 'Nothing open' : `${open.length} open`}</h2>
        <ul className="own-actions">
          {view.actions.map((a) => (
            <li key={a.id}>
              <strong>{a.what}</strong>
              <br />
              <span className="muted">
                {a.workstream} · due {a.dueOn}
              </span>{' '}
              {a.status === 'done' ? (
                <span className="status status-active">done {a.doneOn}</span>
              ) : a.status === 'dropped' ? (
                <span className="status status-draft">dropped</span>
              ) : (
                <>
                  {a.overdue && <span className="rag rag-red">overdue</span>}
                  <form method="post">
                    <input type="hidden" name="action" value={a.id} />
                    <input type="hidden" name="doneOn" value={today} />
                    <button type="submit" disabled={isBusy}>
                      Done today<span className="visually-hidden">: {a.what}</span>
                    </button>
                  </form>
                </>
              )}
            </li>
          ))}
        </ul>
      </section>
      {view.findings && (
        <section aria-labelledby="findings-title">
          <h2 id="findings-title">What both sides were told ({view.findings.wave})</h2>
          {view.findings.findings.map((finding) => (
            <FindingCard key={finding.ref} finding={finding} sides={sides} />
          ))}
        </section>
      )}
    </SurveyPage>
  );
}
