import { data, Form } from 'react-router';
import { commentAttributionThreshold } from '../../domain/attribute-comments.ts';
import { getSurvey } from '../../services/get-survey.ts';
import { startSurvey } from '../../services/start-survey.ts';
import {
  formatSurveyDate,
  SurveyErrorPage,
  SurveyPage,
  surveyErrorMeta,
  surveyMeta,
  surveyPath,
  surveyTitle,
} from '../components/survey-layout.tsx';
import {
  firstUnansweredSection,
  loadSurvey,
  requireSurveyAccess,
  runSurveyChange,
  SURVEY_HEADERS,
  surveyRedirect,
} from '../survey.server.ts';
import type { Route } from './+types/survey-start';

// The start page of a personal link or typed code: who runs the survey, what is asked, who sees
// what. Opening it changes nothing (mail scanners open every link); only "Start" (a POST) does.

export async function loader({ params, context, request }: Route.LoaderArgs) {
  const { survey } = await loadSurvey(context.db, params.key);
  if (survey.submitted) throw surveyRedirect(surveyPath(params.key, 'thanks'));
  return data(
    {
      runBy: survey.runBy,
      relationship: survey.relationship.name,
      own: survey.own.name,
      other: survey.other.name,
      wave: survey.wave,
      dimensions: survey.dimensions.map((d) => d.label),
      openCount: survey.open.length,
      isStarted: survey.startedAt !== null,
      isSaved: new URL(request.url).searchParams.has('saved'),
      progress: survey.progress,
    },
    { headers: SURVEY_HEADERS },
  );
}

export async function action({ params, context }: Route.ActionArgs) {
  const access = await requireSurveyAccess(context.db, params.key);
  await runSurveyChange(params.key, () => startSurvey(context.db, access));
  const survey = await getSurvey(context.db, access);
  if (survey.submitted) return surveyRedirect(surveyPath(params.key, 'thanks'));
  const section = firstUnansweredSection(survey);
  return surveyRedirect(
    section === null ? surveyPath(params.key, 'review') : surveyPath(params.key, 'questions', section),
  );
}

export function headers() {
  return SURVEY_HEADERS;
}

export function meta({ loaderData, error }: Route.MetaArgs) {
  if (!loaderData) return surveyErrorMeta(error);
  return surveyMeta(loaderData.isSaved ? 'Your answers are saved' : surveyTitle(loaderData.relationship));
}

export function ErrorBoundary() {
  return <SurveyErrorPage />;
}

export default function SurveyStart({ loaderData }: Route.ComponentProps) {
  const { runBy, own, other, wave, progress } = loaderData;
  const closes = formatSurveyDate(wave.closesOn);
  const title = surveyTitle(loaderData.relationship);
  if (loaderData.isSaved) {
    return (
      <SurveyPage title={title} runBy={runBy}>
        <h1>Your answers are saved</h1>
        <p>
          You have answered {progress.answered} of {progress.total} questions. Nothing has been submitted yet.
        </p>
        <div className="notice">
          <p>
            To carry on, open the same link, or enter your code at <a href="/code">the survey code page</a>,
            on any device. They work until the survey closes on <strong>{closes}</strong>.
          </p>
        </div>
        <Form method="post" className="actions">
          <button type="submit">Continue now</button>
        </Form>
      </SurveyPage>
    );
  }
  return (
    <SurveyPage title={title} runBy={runBy}>
      <h1>
        How much do {own} and {other} trust each other?
      </h1>
      <p>
        {runBy} runs this survey for {own} and {other} ({wave.label}). It asks what you see, at your level, in
        the work between the two organisations.
      </p>

      <h2>What we ask</h2>
      <ul>
        <li>
          How far you trust {other} on {loaderData.dimensions.length} aspects:{' '}
          {loaderData.dimensions.join(', ').toLowerCase()}.
        </li>
        <li>
          For each aspect, how you think {other} sees {own}.
        </li>
        {loaderData.openCount > 0 && <li>{loaderData.openCount} short open questions.</li>}
        <li>If you like, a moment that built or weakened trust.</li>
      </ul>
      <p>
        It takes about 10 minutes. <strong>Every question is optional.</strong>
      </p>

      <h2>Who sees your answers</h2>
      <ul>
        <li>
          Nobody sees your individual answers — least of all {other}. Your colleagues at {own} do not see them
          either.
        </li>
        <li>
          Results are only shown for groups large enough that no one can be singled out (never fewer than{' '}
          {wave.anonymityThreshold} people), and only after the survey has closed: until then the only thing
          anyone sees is how many people have answered.
        </li>
        <li>Nothing you type counts until you submit.</li>
        <li>
          Your written comments, and any moment you describe, are read first by {runBy}, who may strike out a
          name or hold a comment back. They are shared only after the survey has closed and the findings are
          released: with your organisation’s name, your level only where at least{' '}
          {commentAttributionThreshold(wave.anonymityThreshold)} people of your level answered, and never your
          name.
        </li>
        <li>We never ask for your name, or anyone else’s.</li>
      </ul>

      <h2>Stop and come back</h2>
      <p>
        Your answers are saved as you go. You can stop at any time and carry on with the same link or code,
        until the survey closes on <strong>{closes}</strong>. Nothing is sent until you choose “Submit”.
      </p>

      <Form method="post" className="actions">
        <button type="submit">{loaderData.isStarted ? 'Continue' : 'Start'}</button>
      </Form>
      {loaderData.isStarted && (
        <p className="muted">
          You have answered {progress.answered} of {progress.total} questions so far.
        </p>
      )}
    </SurveyPage>
  );
}
