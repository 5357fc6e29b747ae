import { type FormEvent, type MouseEvent, useRef, useState } from 'react';
import { data, Form, Link, type ShouldRevalidateFunctionArgs, useNavigate } from 'react-router';
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
import { useSurveySaves } from '../components/survey-saves.ts';
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
// JavaScript); with JavaScript each answer is saved as it is given, and a button or the review link
// waits until those saves have landed (decision 047).

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

/**
 * An answer saved as it is given changes nothing this page shows that it does not know already, so
 * the page is not reloaded after it. Only while the address stays put, though: React Router lets a
 * save that lands during a navigation finish that navigation with the data it reloads, so then
 * (the browser's back button while a save is in flight) it must reload what the new address needs.
 */
export function shouldRevalidate({
  formData,
  currentUrl,
  nextUrl,
  defaultShouldRevalidate,
}: ShouldRevalidateFunctionArgs) {
  const stays = currentUrl.pathname === nextUrl.pathname;
  if (formData?.get('intent') === 'autosave' && stays) return false;
  return defaultShouldRevalidate;
}

/** How many of the section's statements have an answer in the form as it is now. */
function answeredInForm(form: HTMLFormElement, codes: string[]): number {
  let answered = 0;
  for (const code of codes) {
    const field = form.elements.namedItem(`answers.${code}`);
    if (field && 'value' in field && field.value !== '') answered++;
  }
  return answered;
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
  const saves = useSurveySaves();
  const navigate = useNavigate();
  const trustItems = dimension?.items.filter((item) => item.kind === 'trust') ?? [];
  const metaItems = dimension?.items.filter((item) => item.kind === 'meta') ?? [];
  const errorOf = (field: string) => failure?.fieldErrors[field];

  // The count of answered questions follows the form as it is filled in (the page is not reloaded
  // after each answer's save).
  const codes = dimension?.items.map((item) => item.code) ?? [];
  const [liveAnswered, setLiveAnswered] = useState<{ section: number; answered: number } | null>(null);
  const answeredAtLoad = codes.filter((code) => loaderData.answers[code] !== undefined).length;
  const answered =
    liveAnswered?.section === section
      ? progress.answered - answeredAtLoad + liveAnswered.answered
      : progress.answered;

  // A button pressed while answers are still being saved waits for them, then submits as pressed.
  const held = useRef<{ submitter: HTMLElement | null } | null>(null);
  const holdUntilSaved = (event: FormEvent<HTMLFormElement>) => {
    if (held.current) {
      held.current.submitter = (event.nativeEvent as SubmitEvent).submitter;
      event.preventDefault();
      return;
    }
    if (!saves.busy()) return;
    event.preventDefault();
    const form = event.currentTarget;
    const hold = { submitter: (event.nativeEvent as SubmitEvent).submitter };
    held.current = hold;
    void saves.settled().then(() => {
      held.current = null;
      if (form.isConnected) form.requestSubmit(hold.submitter);
    });
  };
  const reviewPath = surveyPath(key, 'review');
  const reviewWhenSaved = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!saves.busy() || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    void saves.settled().then(() => navigate(reviewPath));
  };
  return (
    <SurveyPage title={surveyTitle(loaderData.relationship)} runBy={loaderData.runBy}>
      <SurveyProgress section={section} sections={sections} answered={answered} total={progress.total} />
      <ErrorSummary failure={failure} />
      <h1>{dimension ? dimension.label : 'Open questions'}</h1>
      <Form
        method="post"
        noValidate
        key={section}
        onSubmit={holdUntilSaved}
        onChange={(event) =>
          setLiveAnswered({ section, answered: answeredInForm(event.currentTarget, codes) })
        }
      >
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
                saves={saves}
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
                    saves={saves}
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
                saves={saves}
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
            <Link to={reviewPath} onClick={reviewWhenSaved}>
              check your answers and submit
            </Link>
            .
          </p>
        </div>
      </Form>
    </SurveyPage>
  );
}
