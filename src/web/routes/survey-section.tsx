import { useState } from 'react';
import { data, Form, Link } from 'react-router';
import { MAX_OPEN_ANSWER_LENGTH } from '../../domain/validate-survey-answers.ts';
import { saveSurveyAnswers } from '../../services/save-survey-answers.ts';
import { runFormAction } from '../action-result.server.ts';
import { ErrorSummary } from '../components/form-parts.tsx';
import {
  asSurveyFailure,
  formatSurveyDate,
  SurveyErrorPage,
  SurveyPage,
  surveyErrorMeta,
  surveyMeta,
  surveyPath,
  surveyTitle,
} from '../components/survey-layout.tsx';
import {
  type SaveState,
  SurveyOpenQuestion,
  SurveyProgress,
  SurveySaveStatus,
  SurveyScaleQuestion,
} from '../components/survey-question.tsx';
import {
  countSurveySections,
  loadSurvey,
  runSurveyChange,
  SURVEY_HEADERS,
  surveyProblem,
  surveyRedirect,
} from '../survey.server.ts';
import type { Route } from './+types/survey-section';

// One section of the survey: a dimension's statements about the other organisation and how they
// would rate us, or (last) the open questions. The buttons save the whole section (works without
// JavaScript); with JavaScript each answer is saved as it is given.

const TRUST_LABELS = { low: 'Strongly disagree', high: 'Strongly agree' };
const META_LABELS = { low: 'Very poorly', high: 'Very well' };

function parseSection(value: string, sections: number): number {
  const section = /^\d{1,3}$/.test(value) ? Number(value) : 0;
  if (section < 1 || section > sections) {
    throw surveyProblem(404, 'Page not found', 'This part of the survey does not exist.');
  }
  return section;
}

export async function loader({ params, context }: Route.LoaderArgs) {
  const { survey } = await loadSurvey(context.db, params.key);
  if (survey.submitted) throw surveyRedirect(surveyPath(params.key, 'thanks'));
  const sections = countSurveySections(survey);
  const section = parseSection(params.section, sections);
  const dimension = survey.dimensions[section - 1];
  return data(
    {
      key: params.key,
      runBy: survey.runBy,
      relationship: survey.relationship.name,
      own: survey.own.name,
      other: survey.other.name,
      closesOn: survey.wave.closesOn,
      scale: survey.instrument.scale,
      section,
      sections,
      dimension: dimension ?? null,
      open: dimension ? [] : survey.open,
      answers: survey.answers,
      openAnswers: survey.openAnswers,
      progress: survey.progress,
      maxOpenLength: MAX_OPEN_ANSWER_LENGTH,
    },
    { headers: SURVEY_HEADERS },
  );
}

export async function action({ params, context, request }: Route.ActionArgs) {
  const { access, survey } = await loadSurvey(context.db, params.key);
  if (survey.submitted) return surveyRedirect(surveyPath(params.key, 'thanks'));
  const sections = countSurveySections(survey);
  const section = parseSection(params.section, sections);
  const form = await request.formData();
  const intent = String(form.get('intent') ?? 'next');
  const dimension = survey.dimensions[section - 1];
  const itemCodes = dimension ? dimension.items.map((item) => item.code) : [];
  const openCodes = dimension ? [] : survey.open.map((question) => question.code);
  const isAutosave = intent === 'autosave';

  // A whole-section post sends every question of the section: no choice (or "No answer") clears.
  // An autosave sends one question only; the others are left as they are.
  const answers: Record<string, number | null> = {};
  for (const code of itemCodes) {
    const value = form.get(`answers.${code}`);
    if (isAutosave && value === null) continue;
    answers[code] = typeof value === 'string' && value !== '' ? Number(value) : null;
  }
  const open: Record<string, string> = {};
  for (const code of openCodes) {
    const value = form.get(`open.${code}`);
    if (isAutosave && value === null) continue;
    open[code] = typeof value === 'string' ? value : '';
  }
  const result = await runFormAction(form, () =>
    runSurveyChange(params.key, () => saveSurveyAnswers(context.db, access, { answers, open })),
  );
  if (!('progress' in result)) return result;
  if (isAutosave) return data({ ok: true as const }, { headers: SURVEY_HEADERS });
  if (intent === 'later') return surveyRedirect(`${surveyPath(params.key)}?saved`);
  if (intent === 'back') {
    return surveyRedirect(
      section === 1 ? surveyPath(params.key) : surveyPath(params.key, 'questions', section - 1),
    );
  }
  return surveyRedirect(
    section < sections
      ? surveyPath(params.key, 'questions', section + 1)
      : surveyPath(params.key, 'incident'),
  );
}

export function headers() {
  return SURVEY_HEADERS;
}

export function meta({ loaderData, error }: Route.MetaArgs) {
  if (!loaderData) return surveyErrorMeta(error);
  const name = loaderData.dimension?.label ?? 'Open questions';
  return surveyMeta(`${name} (section ${loaderData.section} of ${loaderData.sections})`);
}

export function ErrorBoundary() {
  return <SurveyErrorPage />;
}

export default function SurveySection({ loaderData, actionData }: Route.ComponentProps) {
  const { key, section, sections, dimension, other, own, progress } = loaderData;
  const failure = asSurveyFailure(actionData);
  const [saveState, setSaveState] = useState<SaveState | null>(null);
  const trustItems = dimension?.items.filter((item) => item.kind === 'trust') ?? [];
  const metaItems = dimension?.items.filter((item) => item.kind === 'meta') ?? [];
  const errorOf = (field: string) => failure?.fieldErrors[field];
  return (
    <SurveyPage title={surveyTitle(loaderData.relationship)} runBy={loaderData.runBy}>
      <SurveyProgress
        section={section}
        sections={sections}
        answered={progress.answered}
        total={progress.total}
      />
      <ErrorSummary failure={failure} />
      <h1>{dimension ? dimension.label : 'Open questions'}</h1>
      <Form method="post" noValidate key={section}>
        {dimension ? (
          <>
            <p>
              How far do you agree with each statement about {other}? Choose a number from{' '}
              {loaderData.scale.min} ({TRUST_LABELS.low.toLowerCase()}) to {loaderData.scale.max} (
              {TRUST_LABELS.high.toLowerCase()}). Every question is optional.
            </p>
            {trustItems.map((item) => (
              <SurveyScaleQuestion
                key={item.code}
                code={item.code}
                text={item.text}
                scale={loaderData.scale}
                labels={TRUST_LABELS}
                value={loaderData.answers[item.code]}
                error={errorOf(`answers.${item.code}`)}
                onSaveState={setSaveState}
              />
            ))}
            {metaItems.length > 0 && (
              <>
                <h2>
                  How {other} sees {own}
                </h2>
                <p>Put yourself in their place: how would they answer?</p>
                {metaItems.map((item) => (
                  <SurveyScaleQuestion
                    key={item.code}
                    code={item.code}
                    text={item.text}
                    scale={loaderData.scale}
                    labels={META_LABELS}
                    value={loaderData.answers[item.code]}
                    error={errorOf(`answers.${item.code}`)}
                    onSaveState={setSaveState}
                  />
                ))}
              </>
            )}
          </>
        ) : (
          <>
            <p>In your own words, as briefly as you like. Every question is optional.</p>
            {loaderData.open.map((question) => (
              <SurveyOpenQuestion
                key={question.code}
                code={question.code}
                text={question.text}
                value={loaderData.openAnswers[question.code]}
                maxLength={loaderData.maxOpenLength}
                error={errorOf(`open.${question.code}`)}
                onSaveState={setSaveState}
              />
            ))}
          </>
        )}
        <SurveySaveStatus state={saveState} />
        <div className="actions survey-actions">
          <button type="submit" name="intent" value="next">
            Save and continue
          </button>
          <button type="submit" name="intent" value="back" className="secondary">
            Back
          </button>
        </div>
        <div className="survey-later">
          <button type="submit" name="intent" value="later" className="secondary">
            Save and finish later
          </button>
          <p className="hint">
            Your link or code works until {formatSurveyDate(loaderData.closesOn)}. You can also{' '}
            <Link to={surveyPath(key, 'review')}>check your answers and submit</Link>.
          </p>
        </div>
      </Form>
    </SurveyPage>
  );
}
