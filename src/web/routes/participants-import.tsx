import { data, Form, Link, redirect, useActionData, useNavigation } from 'react-router';
import { isAppError } from '../../domain/app-error.ts';
import { getRelationshipSetup } from '../../services/get-relationship-setup.ts';
import { importParticipantsCsv } from '../../services/import-participants-csv.ts';
import {
  type ParticipantsCsvPreviewResult,
  previewParticipantsCsv,
} from '../../services/preview-participants-csv.ts';
import type { ActionFailure } from '../action-result.server.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { CsrfField, ErrorSummary, fieldId } from '../components/form-parts.tsx';
import { SetupBreadcrumbs } from '../components/setup-breadcrumbs.tsx';
import { SetupCsvProblems, SetupCsvRows } from '../components/setup-csv-preview.tsx';
import { TextAreaField } from '../components/setup-fields.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import { orNotFound, toNotFoundPage } from '../not-found.server.ts';
import type { Route } from './+types/participants-import';

// Two steps, both plain form posts: "Preview" reads the CSV (pasted or uploaded) and saves
// nothing; "Import" posts the same text again from a hidden field and saves all rows or none.

const MAX_CSV_BYTES = 2_000_000;

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `Import participants — ${data?.setup.name ?? 'Relationship'} — Trustloop` }];
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const setup = await orNotFound(getRelationshipSetup(context.db, user.workspaceId, params.id));
  return {
    userName: user.name || user.email,
    csrfToken: csrfTokenOf(context),
    setup: { id: setup.id, name: setup.name, participantCount: setup.participantCount },
  };
}

type Previewed = { kind: 'preview'; csv: string; preview: ParticipantsCsvPreviewResult };
type Refused = ActionFailure & { csv: string; preview?: ParticipantsCsvPreviewResult };

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireWebUser(context, request);
  const form = await request.formData();
  const file = form.get('file');
  const isUpload = typeof file === 'object' && file !== null && file.size > 0;
  if (isUpload && file.size > MAX_CSV_BYTES) {
    return refuse('', 'The file is larger than 2 MB; a participant list should be far smaller.', {
      file: 'the file is larger than 2 MB',
    });
  }
  const csv = isUpload ? await file.text() : String(form.get('csv') ?? '');
  if (csv.trim() === '') {
    return refuse('', 'Paste the CSV text or choose a file, then preview it.', {
      csv: 'paste the CSV text or choose a file',
    });
  }
  const preview = () => orNotFound(previewParticipantsCsv(context.db, user.workspaceId, params.id, csv));
  if (form.get('intent') !== 'import') return { kind: 'preview', csv, preview: await preview() } as Previewed;
  try {
    const imported = await importParticipantsCsv(context.db, user.workspaceId, params.id, csv);
    return redirect(
      `/relationships/${encodeURIComponent(params.id)}/participants?imported=${imported.imported}`,
    );
  } catch (error) {
    if (!isAppError(error) || error.code === 'not-found') throw toNotFoundPage(error);
    // Refused whole (a problem in a row, or an email added meanwhile): show why, row by row.
    return refuse(csv, `Nothing was imported: ${error.message.replace(/^csv: /, '')}.`, {}, await preview());
  }
}

function refuse(
  csv: string,
  message: string,
  fieldErrors: Record<string, string>,
  preview?: ParticipantsCsvPreviewResult,
) {
  return data<Refused>({ ok: false, message, fieldErrors, csv, preview }, { status: 400 });
}

export default function ParticipantsImport({ loaderData }: Route.ComponentProps) {
  const { setup, csrfToken } = loaderData;
  const result = useActionData<typeof action>();
  const isBusy = useNavigation().state === 'submitting';
  const failure = result && 'ok' in result ? result : undefined;
  const preview = result?.preview;
  const csv = result?.csv ?? '';
  const base = `/relationships/${setup.id}`;
  const problemCount = preview?.problems.length ?? 0;
  const canImport = preview !== undefined && problemCount === 0 && preview.counts.valid > 0 && !failure;
  return (
    <>
      <SiteHeader userName={loaderData.userName} csrfToken={csrfToken} current="relationships" />
      <main className="page wide" id="main">
        <SetupBreadcrumbs
          trail={[
            { label: 'Relationships', to: '/' },
            { label: setup.name, to: base },
            { label: 'Participants', to: `${base}/participants` },
            { label: 'Import' },
          ]}
        />
        <h1>Import participants from CSV</h1>
        <ErrorSummary failure={failure} />

        {preview && (
          <section aria-labelledby="preview-title">
            <h2 id="preview-title">Preview</h2>
            {canImport ? (
              <div className="notice success" role="status">
                <p>
                  All {preview.counts.valid} row{preview.counts.valid === 1 ? ' is' : 's are'} ready. Nothing
                  has been saved yet.
                </p>
                <Form method="post">
                  <CsrfField token={csrfToken} />
                  <input type="hidden" name="csv" value={csv} />
                  <button type="submit" name="intent" value="import" disabled={isBusy}>
                    Import {preview.counts.valid} participant{preview.counts.valid === 1 ? '' : 's'}
                  </button>
                </Form>
              </div>
            ) : (
              !failure && (
                <div className="warning" role="alert">
                  <p>
                    {problemCount > 0 ? (
                      <>
                        <strong>
                          The file has {problemCount} problem{problemCount === 1 ? '' : 's'}
                          {preview.counts.withProblems > 0 &&
                            ` in ${preview.counts.withProblems} row${preview.counts.withProblems === 1 ? '' : 's'}`}
                          : nothing can be imported yet.
                        </strong>{' '}
                        Trustloop imports all rows or none. Fix them below (or in your spreadsheet) and
                        preview again.
                      </>
                    ) : (
                      <strong>The file has a header but no participants.</strong>
                    )}
                  </p>
                </div>
              )
            )}
            <SetupCsvProblems problems={preview.problems} />
            <SetupCsvRows rows={preview.rows} />
          </section>
        )}

        <section aria-labelledby="file-title">
          <h2 id="file-title">{preview ? 'Change the file' : 'The file'}</h2>
          <p>
            One participant a line. The first line names the columns: <code>name</code>, <code>email</code>,{' '}
            <code>side</code> (A or B), <code>level</code> (leadership, operational or staff) and optionally{' '}
            <code>role</code>, in any order. The relationship has {setup.participantCount} participant
            {setup.participantCount === 1 ? '' : 's'} now; emails already in it are reported.
          </p>
          <Form method="post" encType="multipart/form-data" key={csv}>
            <CsrfField token={csrfToken} />
            <TextAreaField
              name="csv"
              label="CSV text"
              hint="Paste from a spreadsheet saved as CSV."
              defaultValue={csv || 'name,email,side,level,role\n'}
              error={failure?.fieldErrors.csv}
              rows={10}
            />
            <div className="field">
              <label htmlFor={fieldId('file')}>Or choose a CSV file</label>
              <span className="hint" id={`${fieldId('file')}-hint`}>
                A chosen file is read instead of the text above.
              </span>
              {failure?.fieldErrors.file && (
                <span className="field-error" id={`${fieldId('file')}-error`}>
                  {failure.fieldErrors.file}
                </span>
              )}
              <input
                id={fieldId('file')}
                name="file"
                type="file"
                accept=".csv,text/csv,text/plain"
                aria-invalid={failure?.fieldErrors.file ? true : undefined}
                aria-describedby={
                  failure?.fieldErrors.file
                    ? `${fieldId('file')}-hint ${fieldId('file')}-error`
                    : `${fieldId('file')}-hint`
                }
              />
            </div>
            <div className="actions">
              <button
                type="submit"
                name="intent"
                value="preview"
                className={canImport ? 'secondary' : undefined}
                disabled={isBusy}
              >
                Preview
              </button>
              <Link to={`${base}/participants`}>Back to participants</Link>
            </div>
          </Form>
        </section>
      </main>
    </>
  );
}
