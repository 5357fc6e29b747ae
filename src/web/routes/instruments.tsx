import { data, Form } from 'react-router';
import { httpStatusOf, isAppError } from '../../domain/app-error.ts';
import { listInstruments } from '../../services/list-instruments.ts';
import { uploadInstrument } from '../../services/upload-instrument.ts';
import type { ActionFailure } from '../action-result.server.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { InstrumentDetails } from '../components/account-instrument-details.tsx';
import { failureOf } from '../components/account-parts.tsx';
import { CsrfField, ErrorSummary, fieldId } from '../components/form-parts.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import type { Route } from './+types/instruments';

// The questionnaires a wave can use: the built-in one and the workspace's own, each with its items,
// and an upload form for an instrument.json (pasted, or a file read as text on the server).

export function meta() {
  return [{ title: 'Instruments — Trustloop' }];
}

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  return {
    csrfToken: csrfTokenOf(context),
    userName: user.name,
    instruments: await listInstruments(context.db, user.workspaceId),
  };
}

/** A failed upload: the summary's message plus every problem, each with its JSON path. */
type UploadFailure = ActionFailure & { problems: string[] };

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireWebUser(context, request);
  const form = await request.formData();
  const file = form.get('instrumentFile');
  const pasted = String(form.get('instrumentJson') ?? '');
  const hasFile = typeof file === 'object' && file !== null && file.size > 0;
  const text = hasFile ? await file.text() : pasted;
  const fail = (status: number, message: string, problems: string[]) =>
    data<UploadFailure>(
      {
        ok: false,
        message,
        fieldErrors:
          problems.length > 0
            ? {
                instrumentJson: `${problems.length} problem${problems.length === 1 ? '' : 's'}, listed under “Problems found”`,
              }
            : { instrumentJson: message.replace(/^\w/, (c) => c.toLowerCase()) },
        problems,
        values: { instrumentJson: text },
      },
      { status },
    );
  if (!text.trim()) {
    return data<UploadFailure>(
      {
        ok: false,
        message: 'Paste the text of an instrument.json or choose the file.',
        fieldErrors: { instrumentJson: 'paste the text of an instrument.json, or choose a file below' },
        problems: [],
      },
      { status: 400 },
    );
  }
  try {
    const uploaded = await uploadInstrument(context.db, user.workspaceId, text);
    return {
      ok: true as const,
      name: uploaded.instrument.name,
      version: uploaded.instrument.version,
      isNew: uploaded.isNew,
    };
  } catch (error) {
    if (!isAppError(error)) throw error;
    const problems = error.details
      .map((d) => (d as { text?: unknown }).text)
      .filter((t): t is string => typeof t === 'string');
    if (problems.length > 0) {
      const count = problems.length;
      // The file's text goes into the text box, so the problems are fixed there.
      return fail(
        httpStatusOf(error),
        `The instrument has ${count} problem${count === 1 ? '' : 's'}; nothing was stored.`,
        problems,
      );
    }
    return fail(
      httpStatusOf(error),
      error.message.replace(/^\w/, (c) => c.toUpperCase()),
      [],
    );
  }
}

export default function Instruments({ loaderData, actionData }: Route.ComponentProps) {
  const failure = failureOf(actionData) as UploadFailure | undefined;
  const uploaded =
    actionData && !failure ? (actionData as { name: string; version: string; isNew: boolean }) : null;
  const jsonId = fieldId('instrumentJson');
  const fileId = fieldId('instrumentFile');
  const jsonError = failure?.fieldErrors.instrumentJson;
  return (
    <>
      <SiteHeader csrfToken={loaderData.csrfToken} userName={loaderData.userName} current="instruments" />
      <main className="page" id="main">
        <h1>Instruments</h1>
        <p>
          An instrument is a versioned questionnaire: Likert items grouped into trust dimensions, meta items
          on how each side believes the other sees it, and open questions. A wave uses one instrument version.
        </p>
        <ul className="card-list">
          {loaderData.instruments.map((instrument) => (
            <li key={`${instrument.name}@${instrument.version}`} className="card">
              <InstrumentDetails instrument={instrument.definition} isBuiltIn={instrument.isBuiltIn} />
            </li>
          ))}
        </ul>

        <h2 id="upload">Upload your own instrument</h2>
        <p>
          Paste the text of an <code>instrument.json</code> (the bundle format in the user guide) or choose
          the file. It is checked with the same rules as a bundle's, and nothing is stored while it has a
          problem.
        </p>
        {uploaded && (
          <p className="notice success" role="status">
            {uploaded.isNew
              ? `Stored ${uploaded.name} version ${uploaded.version}. Waves can use it now.`
              : `${uploaded.name} version ${uploaded.version} was stored already, with the same content.`}
          </p>
        )}
        <ErrorSummary failure={failure} />
        {failure && failure.problems.length > 0 && (
          <div className="problems">
            <h3 id="problems-title">Problems found</h3>
            <ul id="instrument-problems">
              {failure.problems.map((problem) => (
                <li key={problem}>
                  <code>{problem}</code>
                </li>
              ))}
            </ul>
          </div>
        )}
        <Form method="post" encType="multipart/form-data" aria-labelledby="upload" noValidate>
          <CsrfField token={loaderData.csrfToken} />
          <div className="field">
            <label htmlFor={jsonId}>Text of instrument.json</label>
            <span className="hint" id={`${jsonId}-hint`}>
              Leave empty if you choose a file.
            </span>
            {jsonError && (
              <span className="field-error" id={`${jsonId}-error`}>
                {jsonError}
              </span>
            )}
            <textarea
              id={jsonId}
              name="instrumentJson"
              rows={10}
              spellCheck={false}
              className="code-input"
              defaultValue={failure?.values?.instrumentJson ?? ''}
              key={failure ? `failed-${failure.message}` : 'empty'}
              aria-invalid={jsonError ? true : undefined}
              aria-describedby={`${jsonId}-hint${jsonError ? ` ${jsonId}-error` : ''} ${failure?.problems.length ? 'instrument-problems' : ''}`.trim()}
            />
          </div>
          <div className="field">
            <label htmlFor={fileId}>Or choose the file</label>
            <span className="hint" id={`${fileId}-hint`}>
              A chosen file is used instead of the text above; if it has problems, its text appears above for
              you to fix.
            </span>
            <input
              id={fileId}
              name="instrumentFile"
              type="file"
              accept=".json,application/json"
              aria-describedby={`${fileId}-hint`}
            />
          </div>
          <div className="actions">
            <button type="submit">Check and upload</button>
          </div>
        </Form>
      </main>
    </>
  );
}
