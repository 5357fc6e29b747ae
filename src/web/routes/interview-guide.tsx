import { Form, redirect, useActionData, useNavigation } from 'react-router';
import { getInterviewGuide } from '../../services/get-interview-guide.ts';
import { resetInterviewGuide } from '../../services/reset-interview-guide.ts';
import { updateInterviewGuide } from '../../services/update-interview-guide.ts';
import { runFormAction } from '../action-result.server.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { CsrfField, ErrorSummary, FieldFrame } from '../components/form-parts.tsx';
import { InterviewGuidePanel } from '../components/interview-guide-panel.tsx';
import { LEVEL_LABELS } from '../components/setup-labels.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import type { Route } from './+types/interview-guide';

// The workspace's interview guide, one text per level, in the critical-incident style. Each level
// can be edited, or reset to the built-in guide. The text is plain: "## " starts a heading and
// "- " a prompt; nothing else is interpreted.

export function meta() {
  return [{ title: 'Interview guide — Trustloop' }];
}

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const levels = await getInterviewGuide(context.db, user.workspaceId);
  const search = new URL(request.url).searchParams;
  const level = levels.find((l) => l.level === search.get('level'));
  const done = search.get('done');
  const notice = level
    ? done === 'reset'
      ? `The ${LEVEL_LABELS[level.level].toLowerCase()} guide is the built-in guide again.`
      : done === 'saved'
        ? `The ${LEVEL_LABELS[level.level].toLowerCase()} guide was saved.`
        : null
    : null;
  return { userName: user.name || user.email, csrfToken: csrfTokenOf(context), levels, notice };
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireWebUser(context, request);
  const form = await request.formData();
  const level = String(form.get('level') ?? '');
  const isReset = form.get('intent') === 'reset';
  const result = await runFormAction(form, () =>
    isReset
      ? resetInterviewGuide(context.db, user.workspaceId, level)
      : updateInterviewGuide(context.db, user.workspaceId, {
          // The service checks the level against the list; a wrong value comes back as a field error.
          level: level as 'staff',
          body: String(form.get('body') ?? ''),
        }),
  );
  if (!('level' in result)) return result;
  return redirect(
    `/interview-guide?level=${result.level}&done=${isReset ? 'reset' : 'saved'}#guide-${result.level}`,
  );
}

export default function InterviewGuide({ loaderData }: Route.ComponentProps) {
  const { levels, csrfToken } = loaderData;
  const failure = useActionData<typeof action>();
  const isBusy = useNavigation().state === 'submitting';
  const failedLevel = failure?.values?.level;
  return (
    <>
      <SiteHeader userName={loaderData.userName} csrfToken={csrfToken} current="interview-guide" />
      <main className="page wide" id="main">
        <h1>Interview guide</h1>
        <p>
          What to ask at each level, in the critical-incident style: ask for a specific moment, then its{' '}
          <strong>context</strong>, <strong>what happened</strong> and <strong>what it led to</strong>. The
          guide for the interviewee’s level is shown beside the notes of every interview in this workspace.
        </p>
        <p className="hint">
          Plain text: a line starting with “## ” is a heading, a line starting with “- ” is a prompt.
        </p>
        <ErrorSummary failure={failure} />
        {loaderData.notice && !failure && (
          <p className="notice success" role="status">
            {loaderData.notice}
          </p>
        )}
        {levels.map((guide) => {
          const isFailed = failedLevel === guide.level;
          const id = isFailed ? 'field-body' : `field-body-${guide.level}`;
          const error = isFailed ? failure?.fieldErrors.body : undefined;
          return (
            <section
              key={guide.level}
              id={`guide-${guide.level}`}
              aria-labelledby={`guide-${guide.level}-title`}
              className="interview-guide-level"
            >
              <h2 id={`guide-${guide.level}-title`}>{LEVEL_LABELS[guide.level]}</h2>
              <div className="interview-guide-edit">
                <Form method="post" noValidate key={`${guide.level}-${guide.updatedAt ?? 'built-in'}`}>
                  <CsrfField token={csrfToken} />
                  <input type="hidden" name="level" value={guide.level} />
                  <FieldFrame
                    name="body"
                    id={id}
                    label={`${LEVEL_LABELS[guide.level]} guide`}
                    hint={
                      guide.isCustom
                        ? `Your workspace’s own guide, last changed ${guide.updatedAt?.slice(0, 10)}.`
                        : 'The built-in guide. Change it and save to make it your own.'
                    }
                    error={error}
                  >
                    {(wiring) => (
                      <textarea
                        id={wiring.id}
                        name="body"
                        rows={16}
                        defaultValue={isFailed ? (failure?.values?.body ?? guide.body) : guide.body}
                        aria-invalid={wiring.isInvalid}
                        aria-describedby={wiring.describedBy}
                      />
                    )}
                  </FieldFrame>
                  <div className="actions">
                    <button type="submit" name="intent" value="save" disabled={isBusy}>
                      Save the {LEVEL_LABELS[guide.level].toLowerCase()} guide
                    </button>
                    {guide.isCustom && (
                      <button
                        type="submit"
                        name="intent"
                        value="reset"
                        className="secondary"
                        disabled={isBusy}
                      >
                        Reset to the built-in guide
                      </button>
                    )}
                  </div>
                </Form>
                <details className="interview-guide-preview">
                  <summary>Preview as shown beside an interview</summary>
                  <InterviewGuidePanel
                    level={guide.level}
                    body={guide.body}
                    isCustom={guide.isCustom}
                    headingLevel={3}
                  />
                </details>
              </div>
            </section>
          );
        })}
      </main>
    </>
  );
}
