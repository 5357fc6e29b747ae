import { data, Form } from 'react-router';
import { optOutOfReminders } from '../../services/survey-mail.ts';
import {
  SurveyErrorPage,
  SurveyPage,
  surveyErrorMeta,
  surveyMeta,
  surveyPath,
  surveyTitle,
} from '../components/survey-layout.tsx';
import { loadSurvey, SURVEY_HEADERS } from '../survey.server.ts';
import type { Route } from './+types/survey-no-reminders';

// "No more reminders for this survey", the link at the foot of every reminder (issue 11, item 4).
// Opening it changes nothing (mail scanners open every link); the button does. The survey itself
// still works: only the reminders stop.

export async function loader({ params, context }: Route.LoaderArgs) {
  const { survey } = await loadSurvey(context.db, params.key);
  return data(
    { runBy: survey.runBy, relationship: survey.relationship.name, done: false },
    { headers: SURVEY_HEADERS },
  );
}

export async function action({ params, context }: Route.ActionArgs) {
  const { access, survey } = await loadSurvey(context.db, params.key);
  await optOutOfReminders(context.db, access.participantId);
  return data(
    { runBy: survey.runBy, relationship: survey.relationship.name, done: true },
    { headers: SURVEY_HEADERS },
  );
}

export function headers() {
  return SURVEY_HEADERS;
}

export function meta({ loaderData, error }: Route.MetaArgs) {
  if (!loaderData) return surveyErrorMeta(error);
  return surveyMeta('No more reminders');
}

export function ErrorBoundary() {
  return <SurveyErrorPage />;
}

export default function SurveyNoReminders({ loaderData, actionData, params }: Route.ComponentProps) {
  const { runBy, relationship } = loaderData;
  const done = actionData?.done === true;
  return (
    <SurveyPage title={surveyTitle(relationship)} runBy={runBy}>
      <h1>No more reminders</h1>
      {done ? (
        <div className="notice success" role="status">
          <p>You will get no more reminders about this survey.</p>
        </div>
      ) : (
        <>
          <p>
            {runBy} sends a few reminders while the survey is open to those who have not answered yet. You can
            stop them for this survey.
          </p>
          <Form method="post" className="actions">
            <button type="submit">Stop the reminders</button>
          </Form>
        </>
      )}
      <p>
        The survey still works: <a href={surveyPath(params.key)}>open it</a> whenever you like.
      </p>
    </SurveyPage>
  );
}
