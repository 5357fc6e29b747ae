import { data, Form, Link } from 'react-router';
import { DIRECTIONS, LEVELS, type Level, SIDES } from '../../domain/model.ts';
import {
  MAX_INCIDENT_NARRATIVE_LENGTH,
  reportSurveyIncident,
} from '../../services/report-survey-incident.ts';
import { type ActionFailure, runFormAction } from '../action-result.server.ts';
import { ErrorSummary, FieldFrame, fieldId } from '../components/form-parts.tsx';
import {
  asSurveyFailure,
  SurveyErrorPage,
  SurveyPage,
  surveyErrorMeta,
  surveyMeta,
  surveyPath,
  surveyTitle,
} from '../components/survey-layout.tsx';
import { loadSurvey, runSurveyChange, SURVEY_HEADERS, surveyRedirect } from '../survey.server.ts';
import type { Route } from './+types/survey-incident';

// "Tell us about a moment that built or weakened trust" (Critical Incident Technique), optional,
// as often as the participant likes. Stored with their side and level for the facilitator to
// code; the form never asks for a name.

const LEVEL_LABELS: Record<Level, string> = {
  leadership: 'Leadership',
  operational: 'Managers and teams (operational)',
  staff: 'Day-to-day contacts (staff)',
};
const DIRECTION_LABELS = { builds: 'It built trust', dilutes: 'It weakened (diluted) trust' } as const;
const STRENGTH_LABELS = { 1: 'A little', 2: 'Clearly', 3: 'Strongly' } as const;

export async function loader({ params, context, request }: Route.LoaderArgs) {
  const { survey } = await loadSurvey(context.db, params.key);
  if (survey.submitted) throw surveyRedirect(surveyPath(params.key, 'thanks'));
  return data(
    {
      key: params.key,
      runBy: survey.runBy,
      relationship: survey.relationship.name,
      sides: SIDES.map((side) => ({
        side,
        name: side === survey.own.side ? survey.own.name : survey.other.name,
      })),
      dimensions: survey.dimensions.map((d) => ({ key: d.key, label: d.label })),
      isAdded: new URL(request.url).searchParams.has('added'),
      maxLength: MAX_INCIDENT_NARRATIVE_LENGTH,
    },
    { headers: SURVEY_HEADERS },
  );
}

export async function action({ params, context, request }: Route.ActionArgs) {
  const { access, survey } = await loadSurvey(context.db, params.key);
  if (survey.submitted) return surveyRedirect(surveyPath(params.key, 'thanks'));
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? '').trim();
  const list = (name: string) => form.getAll(name).map(String);
  const input = {
    narrative: text('narrative'),
    when: text('when'),
    sidesInvolved: list('sidesInvolved'),
    levelsInvolved: list('levelsInvolved'),
    direction: text('direction'),
    strength: Number(text('strength')),
    dimensions: list('dimensions'),
  };
  // The questions a person can miss, in words for people (the service's own checks stay as they are).
  const fieldErrors: Record<string, string> = {};
  if (input.narrative === '') fieldErrors.narrative = 'Say what happened';
  if (!(DIRECTIONS as readonly string[]).includes(input.direction)) {
    fieldErrors.direction = 'Say whether it built or weakened trust';
  }
  if (![1, 2, 3].includes(input.strength)) fieldErrors.strength = 'Say how strongly';
  if (Object.keys(fieldErrors).length > 0) {
    const values: Record<string, string> = {
      narrative: input.narrative,
      when: input.when,
      direction: input.direction,
      strength: text('strength'),
      sidesInvolved: input.sidesInvolved.join(','),
      levelsInvolved: input.levelsInvolved.join(','),
      dimensions: input.dimensions.join(','),
    };
    return data<ActionFailure>(
      { ok: false, message: 'Some answers are missing.', fieldErrors, values },
      { status: 400, headers: SURVEY_HEADERS },
    );
  }
  const result = await runFormAction(form, () =>
    runSurveyChange(params.key, () => reportSurveyIncident(context.db, access, input)),
  );
  if (!('ref' in result)) return result;
  return surveyRedirect(`${surveyPath(params.key, 'incident')}?added`);
}

export function headers() {
  return SURVEY_HEADERS;
}

export function meta({ loaderData, error }: Route.MetaArgs) {
  if (!loaderData) return surveyErrorMeta(error);
  return surveyMeta(
    loaderData.isAdded ? 'Thank you: incident recorded' : 'Tell us about a moment that mattered',
  );
}

export function ErrorBoundary() {
  return <SurveyErrorPage />;
}

export default function SurveyIncident({ loaderData, actionData }: Route.ComponentProps) {
  const { key } = loaderData;
  const failure = asSurveyFailure(actionData);
  const values = failure?.values ?? {};
  const chosen = (name: string) => (values[name] ?? '').split(',').filter(Boolean);
  const errorOf = (name: string) => failure?.fieldErrors[name];
  return (
    <SurveyPage title={surveyTitle(loaderData.relationship)} runBy={loaderData.runBy}>
      <ErrorSummary failure={failure} />
      {loaderData.isAdded && (
        <div className="notice success" role="status">
          <p>Thank you: we have recorded it. You can tell us about another moment, or go on.</p>
        </div>
      )}
      <h1>
        {loaderData.isAdded ? 'Another moment that mattered?' : 'A moment that built or weakened trust'}
      </h1>
      <p>
        This step is optional. Think of one specific event between the two organisations that changed how much
        you trust them, for better or worse. Please do not name anyone: describe roles instead (“their project
        lead”).
      </p>
      <p>
        <Link to={surveyPath(key, 'review')} className="button secondary">
          {loaderData.isAdded ? 'Go on: check your answers' : 'Skip this step'}
        </Link>
      </p>

      <Form method="post" noValidate key={loaderData.isAdded ? 'again' : 'first'}>
        <TextArea
          name="narrative"
          label="What happened?"
          hint="Required for this step. What was done or said, and what came of it."
          defaultValue={values.narrative}
          maxLength={loaderData.maxLength}
          error={errorOf('narrative')}
        />
        <FieldFrame
          name="when"
          label="When did it happen? (optional)"
          hint="Month and year, like 2024-05"
          error={errorOf('when')}
        >
          {({ id, describedBy, isInvalid }) => (
            <input
              type="month"
              id={id}
              name="when"
              defaultValue={values.when}
              placeholder="YYYY-MM"
              className="survey-month"
              aria-invalid={isInvalid}
              aria-describedby={describedBy}
            />
          )}
        </FieldFrame>

        <Choices
          type="checkbox"
          name="sidesInvolved"
          legend="Who was involved? (optional)"
          hint="Tick all that apply."
          options={loaderData.sides.map((s) => ({ value: s.side, label: s.name }))}
          chosen={chosen('sidesInvolved')}
        />
        <Choices
          type="checkbox"
          name="levelsInvolved"
          legend="At which levels? (optional)"
          options={LEVELS.map((level) => ({ value: level, label: LEVEL_LABELS[level] }))}
          chosen={chosen('levelsInvolved')}
        />
        <Choices
          type="radio"
          name="direction"
          legend="Did it build or weaken trust?"
          options={DIRECTIONS.map((direction) => ({ value: direction, label: DIRECTION_LABELS[direction] }))}
          chosen={chosen('direction')}
          error={errorOf('direction')}
        />
        <Choices
          type="radio"
          name="strength"
          legend="How strongly?"
          options={([1, 2, 3] as const).map((n) => ({ value: String(n), label: STRENGTH_LABELS[n] }))}
          chosen={chosen('strength')}
          error={errorOf('strength')}
        />
        <Choices
          type="checkbox"
          name="dimensions"
          legend="Which aspects of trust did it touch? (optional)"
          options={loaderData.dimensions.map((d) => ({ value: d.key, label: d.label }))}
          chosen={chosen('dimensions')}
        />
        <div className="actions">
          <button type="submit">Add this moment</button>
        </div>
      </Form>
    </SurveyPage>
  );
}

function TextArea(props: {
  name: string;
  label: string;
  hint: string;
  maxLength: number;
  defaultValue?: string;
  error?: string;
}) {
  return (
    <FieldFrame name={props.name} label={props.label} hint={props.hint} error={props.error}>
      {({ id, describedBy, isInvalid }) => (
        <textarea
          id={id}
          name={props.name}
          rows={5}
          maxLength={props.maxLength}
          defaultValue={props.defaultValue}
          aria-invalid={isInvalid}
          aria-describedby={describedBy}
        />
      )}
    </FieldFrame>
  );
}

function Choices(props: {
  type: 'radio' | 'checkbox';
  name: string;
  legend: string;
  hint?: string;
  options: Array<{ value: string; label: string }>;
  chosen: string[];
  error?: string;
}) {
  const id = fieldId(props.name);
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <fieldset className="survey-choices" id={id} aria-describedby={describedBy || undefined}>
      <legend>{props.legend}</legend>
      {props.hint && (
        <p className="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p className="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      )}
      {props.options.map((option) => (
        <label key={option.value} className="survey-choice">
          <input
            type={props.type}
            name={props.name}
            value={option.value}
            defaultChecked={props.chosen.includes(option.value)}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
