import { data, Form, Link } from 'react-router';
import { submitSurvey } from '../../services/submit-survey.ts';
import {
  formatSurveyDate,
  SurveyErrorPage,
  SurveyPage,
  surveyErrorMeta,
  surveyMeta,
  surveyPath,
  surveyTitle,
} from '../components/survey-layout.tsx';
import { loadSurvey, runSurveyChange, SURVEY_HEADERS, surveyRedirect } from '../survey.server.ts';
import type { Route } from './+types/survey-review';

// Check before submitting: each section with how many questions have an answer and a way back to
// it, the open answers as written, the optional incident step, then "Submit my answers".

export async function loader({ params, context }: Route.LoaderArgs) {
  const { survey } = await loadSurvey(context.db, params.key);
  if (survey.submitted) throw surveyRedirect(surveyPath(params.key, 'thanks'));
  return data(
    {
      key: params.key,
      runBy: survey.runBy,
      relationship: survey.relationship.name,
      sections: survey.dimensions.map((d, index) => ({
        section: index + 1,
        label: d.label,
        total: d.items.length,
        answered: d.items.filter((item) => item.code in survey.answers).length,
      })),
      open: survey.open.map((q) => ({ ...q, answer: survey.openAnswers[q.code] ?? '' })),
      openSection: survey.dimensions.length + 1,
      progress: survey.progress,
      incidents: survey.incidents,
    },
    { headers: SURVEY_HEADERS },
  );
}

export async function action({ params, context }: Route.ActionArgs) {
  const { access, survey } = await loadSurvey(context.db, params.key);
  if (!survey.submitted) await runSurveyChange(params.key, () => submitSurvey(context.db, access));
  return surveyRedirect(surveyPath(params.key, 'thanks'));
}

export function headers() {
  return SURVEY_HEADERS;
}

export function meta({ loaderData, error }: Route.MetaArgs) {
  if (!loaderData) return surveyErrorMeta(error);
  return surveyMeta('Check your answers');
}

export function ErrorBoundary() {
  return <SurveyErrorPage />;
}

export default function SurveyReview({ loaderData }: Route.ComponentProps) {
  const { key, sections, open, progress } = loaderData;
  const unanswered = progress.total - progress.answered;
  return (
    <SurveyPage title={surveyTitle(loaderData.relationship)} runBy={loaderData.runBy}>
      <h1>Check your answers</h1>
      <p>
        You have answered {progress.answered} of {progress.total} questions.
        {unanswered > 0 && ' Every question is optional: you can submit as it is, or go back to any section.'}
      </p>

      <h2>Your ratings</h2>
      <ul className="survey-review-list">
        {sections.map((s) => (
          <li key={s.section}>
            <span className="survey-review-name">{s.label}</span>
            <span className={s.answered === s.total ? 'survey-review-count' : 'survey-review-count muted'}>
              {s.answered} of {s.total} answered
              {s.answered < s.total && `, ${s.total - s.answered} unanswered`}
            </span>
            <Link to={surveyPath(key, 'questions', s.section)}>
              Change<span className="visually-hidden"> your {s.label} answers</span>
            </Link>
          </li>
        ))}
      </ul>

      {open.length > 0 && (
        <>
          <h2>Your comments</h2>
          <dl className="survey-review-open">
            {open.map((q) => (
              <div key={q.code}>
                <dt>{q.text}</dt>
                <dd>{q.answer ? q.answer : <span className="muted">Not answered</span>}</dd>
              </div>
            ))}
          </dl>
          <p>
            <Link to={surveyPath(key, 'questions', loaderData.openSection)}>
              Change<span className="visually-hidden"> your comments</span>
            </Link>
          </p>
        </>
      )}

      <h2>A moment that built or weakened trust</h2>
      {loaderData.incidents.length > 0 && (
        <>
          <p>You described {loaderData.incidents.length === 1 ? 'this moment' : 'these moments'}:</p>
          <ul className="review-incidents">
            {loaderData.incidents.map((incident) => (
              <li key={incident.ref}>
                <strong>{incident.title}</strong>{' '}
                <span className="muted">({formatSurveyDate(incident.occurredOn)}, </span>
                <span className="muted">
                  {incident.direction === 'builds' ? 'built trust' : 'weakened trust'})
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        Optional:{' '}
        <Link to={surveyPath(key, 'incident')}>
          {loaderData.incidents.length > 0 ? 'tell us about another event' : 'tell us about a specific event'}
        </Link>
        . You can add more than one.
      </p>

      <h2>Submit</h2>
      <p>Once you submit, your answers can no longer be changed.</p>
      <Form method="post" className="actions">
        <button type="submit">Submit my answers</button>
      </Form>
    </SurveyPage>
  );
}
