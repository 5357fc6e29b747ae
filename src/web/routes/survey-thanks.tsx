import { data } from 'react-router';
import {
  SurveyErrorPage,
  SurveyPage,
  surveyErrorMeta,
  surveyMeta,
  surveyPath,
  surveyTitle,
} from '../components/survey-layout.tsx';
import { loadSurvey, SURVEY_HEADERS, surveyRedirect } from '../survey.server.ts';
import type { Route } from './+types/survey-thanks';

// After submitting: thanks, and what happens next with the answers.

export async function loader({ params, context }: Route.LoaderArgs) {
  const { survey } = await loadSurvey(context.db, params.key);
  if (!survey.submitted) throw surveyRedirect(surveyPath(params.key));
  return data(
    {
      runBy: survey.runBy,
      relationship: survey.relationship.name,
      own: survey.own.name,
      other: survey.other.name,
    },
    { headers: SURVEY_HEADERS },
  );
}

export function headers() {
  return SURVEY_HEADERS;
}

export function meta({ loaderData, error }: Route.MetaArgs) {
  if (!loaderData) return surveyErrorMeta(error);
  return surveyMeta('Thank you');
}

export function ErrorBoundary() {
  return <SurveyErrorPage />;
}

export default function SurveyThanks({ loaderData }: Route.ComponentProps) {
  const { runBy, own, other } = loaderData;
  return (
    <SurveyPage title={surveyTitle(loaderData.relationship)} runBy={runBy}>
      <h1>Thank you</h1>
      <div className="notice success">
        <p>Your answers are submitted. You can close this page.</p>
      </div>
      <h2>What happens next</h2>
      <ol>
        <li>
          When the survey closes, {runBy} combines everyone’s answers into group results, on both sides.
        </li>
        <li>
          People from {own} and {other} look at the findings together in a joint workshop. Nobody sees your
          individual answers.
        </li>
        <li>
          Both organisations agree on what to work on, and the survey is repeated later to see what changed.
        </li>
      </ol>
    </SurveyPage>
  );
}
