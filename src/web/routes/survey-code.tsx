import { data, Form } from 'react-router';
import { formatSurveyCode, normalizeSurveyCode } from '../../domain/survey-code.ts';
import { resolveSurveyCode, surveyToday } from '../../services/resolve-survey-access.ts';
import { CODE_ALPHABET, CODE_LENGTH } from '../../services/secrets.ts';
import type { ActionFailure } from '../action-result.server.ts';
import { ErrorSummary, fieldId } from '../components/form-parts.tsx';
import { asSurveyFailure, SurveyPage, surveyMeta, surveyPath } from '../components/survey-layout.tsx';
import { SURVEY_HEADERS, surveyRedirect } from '../survey.server.ts';
import type { Route } from './+types/survey-code';

// The public page for a typed survey code: for people who read their invitation on one device
// and answer on another. The code goes in a POST body; the redirect puts it, formatted, in the
// survey's address. Wrong and unknown codes get the same answer.

const NOT_FOUND = 'We could not find that code. Check it and try again.';

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const typed = String(form.get('code') ?? '');
  const code = normalizeSurveyCode(typed, CODE_ALPHABET, CODE_LENGTH);
  const access = code ? await resolveSurveyCode(context.db, code, surveyToday(new Date())) : null;
  if (!code || !access) {
    return data<ActionFailure>(
      { ok: false, message: NOT_FOUND, fieldErrors: { code: NOT_FOUND }, values: { code: typed } },
      { status: 400, headers: SURVEY_HEADERS },
    );
  }
  return surveyRedirect(surveyPath(formatSurveyCode(code)));
}

export function headers() {
  return SURVEY_HEADERS;
}

export function meta() {
  return surveyMeta('Enter your survey code');
}

export default function SurveyCode({ actionData }: Route.ComponentProps) {
  const failure = asSurveyFailure(actionData);
  const id = fieldId('code');
  const error = failure?.fieldErrors.code;
  return (
    <SurveyPage title="Trust survey">
      <ErrorSummary failure={failure ? { ...failure, fieldErrors: {} } : undefined} />
      <h1>Enter your survey code</h1>
      <p>Your invitation has a personal link and a short code. The code takes you to the same survey.</p>
      <Form method="post" noValidate>
        <div className="field">
          <label htmlFor={id}>Survey code</label>
          <span className="hint" id={`${id}-hint`}>
            8 characters, like ABCD-EFGH
          </span>
          {error && (
            <span className="field-error" id={`${id}-error`}>
              {error}
            </span>
          )}
          <input
            type="text"
            id={id}
            name="code"
            className="survey-code-input"
            defaultValue={failure?.values?.code}
            autoComplete="off"
            autoCapitalize="characters"
            autoCorrect="off"
            spellCheck={false}
            inputMode="text"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
          />
        </div>
        <div className="actions">
          <button type="submit">Continue</button>
        </div>
      </Form>
    </SurveyPage>
  );
}
