import { isRouteErrorResponse, useRouteError } from 'react-router';
import type { Side, SideInfo } from '../../domain/model.ts';
import type { Release } from '../../domain/share-and-act.ts';
import { FindingCard } from './finding-card.tsx';
import type { ActionFailure } from './form-parts.tsx';

// The frame of every participant page: a skip link, a minimal header with the survey's name (no
// facilitator navigation: participants have no account), and the main landmark.

export function SurveyPage(props: { title: string; runBy?: string; children: React.ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to the main content
      </a>
      <header className="site survey-header">
        <span className="brand">{props.title}</span>
        {props.runBy && <span className="survey-run-by">Run by {props.runBy}</span>}
      </header>
      <main className="page survey" id="main">
        {props.children}
      </main>
    </>
  );
}

/** `/s/:key/…` with the key encoded. */
export function surveyPath(key: string, ...rest: Array<string | number>): string {
  return ['/s', encodeURIComponent(key), ...rest.map(String)].join('/');
}

/** The header's name for a survey: the relationship it is about. */
export function surveyTitle(relationshipName: string): string {
  return `Trust survey: ${relationshipName}`;
}

/**
 * Every survey page's `meta`: its title, and a referrer policy that never sends the link to another
 * site (same-origin, as the header: see SURVEY_HEADERS in survey.server.ts for why not no-referrer).
 */
export function surveyMeta(title: string) {
  return [{ title: `${title} — Trustloop` }, { name: 'referrer', content: 'same-origin' }];
}

/** "2024-03-21" → "21 March 2024" (the same on server and browser: UTC). */
export function formatSurveyDate(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${iso}T00:00:00Z`));
}

type SurveyProblem = {
  title: string;
  message: string;
  /** For a survey that has closed: what both sides were told afterwards, once released. */
  findings?: { release: Release; sides: Record<Side, SideInfo> };
};

function isSurveyProblem(value: unknown): value is SurveyProblem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as SurveyProblem).title === 'string' &&
    typeof (value as SurveyProblem).message === 'string'
  );
}

/** What a survey page shows when its link does not work: a plain explanation, never a stack. */
export function SurveyErrorPage() {
  const error = useRouteError();
  const problem: SurveyProblem =
    isRouteErrorResponse(error) && isSurveyProblem(error.data)
      ? error.data
      : {
          title: 'Something went wrong',
          message:
            'Please try again in a moment. If it keeps happening, tell the person who sent you the link.',
        };
  return (
    <SurveyPage title="Trust survey">
      <h1>{problem.title}</h1>
      <p>{problem.message}</p>
      {problem.findings && (
        <section aria-labelledby="released-findings">
          <h2 id="released-findings">What came out of it</h2>
          <p>
            The findings the facilitators shared with both {problem.findings.sides.A.name} and{' '}
            {problem.findings.sides.B.name}:
          </p>
          {problem.findings.release.findings.map((finding) => (
            <FindingCard key={finding.ref} finding={finding} sides={problem.findings!.sides} />
          ))}
        </section>
      )}
      <p>
        If you have a survey code, you can <a href="/code">enter it here</a>.
      </p>
    </SurveyPage>
  );
}

/** The `meta` of an error page: its title. */
export function surveyErrorMeta(error: unknown) {
  const title =
    isRouteErrorResponse(error) && isSurveyProblem(error.data) ? error.data.title : 'Something went wrong';
  return surveyMeta(title);
}

/** An action's expected failure, for the page to show (action-result.server.ts is server-only). */
export function asSurveyFailure(value: unknown): ActionFailure | undefined {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false
    ? (value as ActionFailure)
    : undefined;
}
