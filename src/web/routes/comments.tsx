import { Link, redirect, useActionData, useNavigation } from 'react-router';
import type { LevelVisibility } from '../../domain/attribute-comments.ts';
import { type Level, SIDES } from '../../domain/model.ts';
import { wordingForSide } from '../../domain/word-for-side.ts';
import { hideOpenAnswer, redactOpenAnswer } from '../../services/redact-open-answer.ts';
import { renameCommentTheme } from '../../services/rename-comment-theme.ts';
import { tagOpenAnswer } from '../../services/tag-open-answer.ts';
import { untagOpenAnswer } from '../../services/untag-open-answer.ts';
import { runFormAction } from '../action-result.server.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { type CommentFormState, CommentsList } from '../components/comments-list.tsx';
import { CommentsThemeEdit } from '../components/comments-theme-edit.tsx';
import { CommentsThemeFilter } from '../components/comments-theme-filter.tsx';
import { CommentsThemeTable } from '../components/comments-theme-table.tsx';
import { CommentsWaveNav } from '../components/comments-wave-nav.tsx';
import { ErrorSummary } from '../components/form-parts.tsx';
import { OpenWaveNotice } from '../components/open-wave-notice.tsx';
import { RelationshipNav } from '../components/relationship-nav.tsx';
import { SetupBreadcrumbs } from '../components/setup-breadcrumbs.tsx';
import { LEVEL_LABELS } from '../components/setup-labels.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import type { Route } from './+types/comments';
import { loadCommentsView } from './comments-view.server.ts';

// What is working / what is not (issue 4, item 2): one wave's open-text answers by question and
// side, for facilitators only (each side's raw comments stay with them until released; sponsors
// are refused by requireWebUser). Attribution, order and counts come from the domain through
// listOpenAnswers (decision 015), exactly as the CSV export and the API give them.

export function headers() {
  // Raw comments: never kept by a shared cache or the browser's back-forward cache.
  return { 'Cache-Control': 'no-store' };
}

export function meta({ data }: Route.MetaArgs) {
  const wave = data?.view.wave?.label;
  return [
    {
      title: `Comments${wave ? `, ${wave}` : ''} — ${data?.view.relationship.name ?? 'Relationship'} — Trustloop`,
    },
  ];
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { user, view } = await loadCommentsView(context, request, params.id);
  return { userName: user.name || user.email, csrfToken: csrfTokenOf(context), view };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireWebUser(context, request);
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? '');
  const intent = text('intent');
  const where = [context.db, user.workspaceId, params.id, text('wave')] as const;
  const query = new URLSearchParams({ wave: text('wave') });
  if (text('filter')) query.set('theme', text('filter'));
  const page = `/relationships/${encodeURIComponent(params.id)}/comments`;
  if (intent === 'rename-theme' || intent === 'drop-theme') {
    const renamed = await runFormAction(form, () =>
      renameCommentTheme(...where, text('from'), intent === 'drop-theme' ? null : text('to')),
    );
    if (!('comments' in renamed)) return renamed;
    // A filter on the old name would now show nothing: follow the rename, or drop the filter.
    query.delete('theme');
    if (renamed.theme && text('filter')) query.set('theme', renamed.theme.toLowerCase());
    return redirect(`${page}?${query}#themes`);
  }
  const ref = text('ref');
  const result = await runFormAction(form, (): Promise<{ ref: string }> => {
    switch (intent) {
      case 'remove':
        return untagOpenAnswer(...where, ref, text('theme'));
      case 'redact':
        return redactOpenAnswer(...where, ref, text('text'));
      case 'unredact':
        return redactOpenAnswer(...where, ref, '');
      case 'hide':
      case 'show':
        return hideOpenAnswer(...where, ref, intent === 'hide');
      default:
        return tagOpenAnswer(...where, ref, text('theme'));
    }
  });
  if (!('ref' in result)) return result;
  // Back at the same comment, with or without JavaScript; the keyed order has not moved it.
  return redirect(`${page}?${query}#comment-${result.ref}`);
}

function levelList(levels: readonly Level[]): string {
  const words = levels.map((l) => LEVEL_LABELS[l].toLowerCase());
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words.at(-1)}` : (words[0] ?? '');
}

function attributionSummary(name: string, visibility: LevelVisibility): string {
  const { named, hidden } = visibility;
  if (named.length === 0 && hidden.length === 0) return `${name}: no submitted responses.`;
  if (hidden.length === 0) return `${name}: the level is shown (${levelList(named)}).`;
  if (named.length === 0) return `${name}: the side only, never the level (${levelList(hidden)}).`;
  return `${name}: the level is shown for ${levelList(named)}; the side only for ${levelList(hidden)}.`;
}

export default function Comments({ loaderData }: Route.ComponentProps) {
  const { view, csrfToken } = loaderData;
  const failure = useActionData<typeof action>();
  const isBusy = useNavigation().state === 'submitting';
  const base = `/relationships/${view.relationship.id}`;
  const { wave, comments } = view;
  const sides = view.relationship.sides;
  const form: CommentFormState | null = wave
    ? {
        wave: wave.label,
        filter: comments?.theme ?? null,
        csrfToken,
        isBusy,
        refused:
          failure && (failure.values?.intent ?? 'add') === 'add'
            ? {
                ref: failure.values?.ref ?? '',
                message: failure.fieldErrors.theme ?? failure.message,
                theme: failure.values?.theme ?? '',
              }
            : null,
        refusedRedaction:
          failure && failure.values?.intent === 'redact'
            ? {
                ref: failure.values?.ref ?? '',
                message: failure.fieldErrors.text ?? failure.message,
                text: failure.values?.text ?? '',
              }
            : null,
      }
    : null;
  const exportQuery = wave
    ? new URLSearchParams({ wave: wave.label, ...(comments?.theme ? { theme: comments.theme } : {}) })
    : null;
  return (
    <>
      <SiteHeader userName={loaderData.userName} csrfToken={csrfToken} current="relationships" />
      <main className="page wide comments-page" id="main">
        <SetupBreadcrumbs
          trail={[
            { label: 'Relationships', to: '/' },
            { label: view.relationship.name, to: base },
            { label: 'Comments' },
          ]}
        />
        <h1>What is working, what is not{wave && <span className="muted">: {wave.label}</span>}</h1>
        <RelationshipNav id={view.relationship.id} current="comments" />
        <ErrorSummary failure={failure} />

        {!wave ? (
          <p>No waves yet: comments appear here once participants have answered a wave and it has closed.</p>
        ) : !comments ? (
          <>
            <CommentsWaveNav base={base} waves={view.waves} current={wave.label} />
            <OpenWaveNotice
              wave={wave.label}
              status={wave.status}
              submitted={view.submittedResponses}
              what="Its comments"
              trackingHref={`${base}/waves/${encodeURIComponent(wave.label)}`}
            />
          </>
        ) : (
          <>
            <CommentsWaveNav base={base} waves={view.waves} current={wave.label} />
            <section aria-labelledby="about-title" className="comments-about">
              <h2 id="about-title" className="visually-hidden">
                How comments are shown
              </h2>
              <p>
                The participants' own words, for facilitators only: each side's comments stay private until
                you release findings, and then only as you redacted them — hidden comments are never shared. A
                comment names its writer's side, and their level only where that level had at least{' '}
                {wave.attributionThreshold} submitted responses in this wave — and not when the level could
                then be worked out from the others. Never the person, never a date. The order is shuffled, the
                same every time you open this page.
              </p>
              <ul className="comments-levels">
                {SIDES.map((side) => (
                  <li key={side}>{attributionSummary(sides[side].name, comments.levels[side])}</li>
                ))}
              </ul>
              <p className="muted">
                Only submitted responses are shown: a participant who never submitted shared nothing.
              </p>
            </section>

            <CommentsThemeFilter
              base={base}
              wave={wave.label}
              themes={comments.themes}
              current={comments.theme}
            />
            <CommentsThemeEdit
              wave={wave.label}
              themes={comments.themes}
              filter={comments.theme}
              csrfToken={csrfToken}
              isBusy={isBusy}
              failure={
                failure?.values?.intent === 'rename-theme' || failure?.values?.intent === 'drop-theme'
                  ? failure
                  : undefined
              }
            />
            <p className="link-row">
              <a href={`${base}/comments-export?${exportQuery}`} download>
                Download these comments as CSV
              </a>
            </p>
            <datalist id="comment-theme-options">
              {comments.themes.map((t) => (
                <option key={t.key} value={t.label} />
              ))}
            </datalist>

            {comments.questions.map((question) => {
              const total = question.totalBySide.A + question.totalBySide.B;
              // Each side was asked in its own words ({own}, {other}): the heading as side A read it,
              // and each side's wording beside its comments where the two differ.
              const worded = {
                A: wordingForSide(question.text, 'A', sides),
                B: wordingForSide(question.text, 'B', sides),
              };
              const wording = worded.A;
              return (
                <section
                  key={question.code}
                  aria-labelledby={`question-${question.code}`}
                  className="comments-question"
                >
                  <h2 id={`question-${question.code}`}>{wording}</h2>
                  <p className="muted">
                    {total === 0
                      ? 'Nobody answered this question.'
                      : SIDES.map(
                          (side) =>
                            `${question.totalBySide[side]} comment${question.totalBySide[side] === 1 ? '' : 's'} from ${sides[side].name}`,
                        ).join(', ')}
                  </p>
                  <CommentsThemeTable
                    question={wording}
                    sides={sides}
                    counts={question.themeCounts}
                    totals={question.totalBySide}
                  />
                  {total > 0 &&
                    question.sides.map(({ side, comments: shown }) => (
                      // A div, not a section: the same side under every question would make landmarks
                      // with the same name; the h3 is what a screen reader user jumps to.
                      <div key={side} className="comments-side">
                        <h3 id={`question-${question.code}-${side}`}>
                          {sides[side].name}{' '}
                          <span className="muted">
                            ({shown.length}
                            {comments.theme ? ` of ${question.totalBySide[side]}` : ''})
                          </span>
                        </h3>
                        {worded.A !== worded.B && <p className="muted">Asked as: “{worded[side]}”</p>}
                        {shown.length === 0 ? (
                          <p className="muted">
                            {comments.theme ? 'No comment from this side carries the theme.' : 'No comments.'}
                          </p>
                        ) : (
                          form && <CommentsList comments={shown} sideName={sides[side].name} form={form} />
                        )}
                      </div>
                    ))}
                </section>
              );
            })}
          </>
        )}
        <p className="link-row">
          <Link to={base}>Back to {view.relationship.name}</Link>
        </p>
      </main>
    </>
  );
}
