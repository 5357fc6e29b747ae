import { redirect, useActionData, useNavigation } from 'react-router';
import { SIDES } from '../../domain/model.ts';
import type { CharterVersion } from '../../domain/share-and-act.ts';
import { getCharter, saveCharter } from '../../services/charter.ts';
import { loadRelationship } from '../../services/load-relationship.ts';
import { type ActionFailure, runFormAction } from '../action-result.server.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { CharterText } from '../components/charter-text.tsx';
import { CsrfField, ErrorSummary } from '../components/form-parts.tsx';
import { RelationshipNav } from '../components/relationship-nav.tsx';
import { SetupBreadcrumbs } from '../components/setup-breadcrumbs.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import { orNotFound } from '../not-found.server.ts';
import type { Route } from './+types/charter';

// The charter (issue 9, item 4): the relationship's vision, shared principles and behaviours, each
// side's commitments and how often who meets. Each save is a new version that one sponsor of each
// side signs on their own page; the versions before stay readable with their signatures.

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `Charter — ${data?.relationship.name ?? 'Relationship'} — Trustloop` }];
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const relationship = await orNotFound(loadRelationship(context.db, user.workspaceId, params.id));
  const charter = await getCharter(context.db, user.workspaceId, relationship.id);
  return {
    userName: user.name || user.email,
    csrfToken: csrfTokenOf(context),
    relationship: { id: relationship.id, name: relationship.name, sides: relationship.sides },
    charter,
  };
}

/** One line per entry; blank lines left out. */
function lines(value: FormDataEntryValue | null): string[] {
  return String(value ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireWebUser(context, request);
  const form = await request.formData();
  const result = await runFormAction(form, () =>
    saveCharter(
      context.db,
      user.workspaceId,
      params.id,
      {
        vision: String(form.get('vision') ?? ''),
        principles: lines(form.get('principles')),
        behaviours: lines(form.get('behaviours')),
        commitments: { A: lines(form.get('commitmentsA')), B: lines(form.get('commitmentsB')) },
        governance: lines(form.get('governance')),
      },
      { name: user.name || user.email },
    ),
  );
  if (!('version' in result)) return result;
  return redirect(`/relationships/${encodeURIComponent(params.id)}/charter#current`);
}

/** "2026-03-02" as "2 March 2026". */
function formatDay(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  const months = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ];
  return `${day} ${months[(month ?? 1) - 1]} ${year}`;
}

export default function Charter({ loaderData }: Route.ComponentProps) {
  const { relationship, charter, csrfToken } = loaderData;
  const failure = useActionData<typeof action>() as ActionFailure | undefined;
  const isBusy = useNavigation().state === 'submitting';
  const [current, ...older] = charter.versions;
  const base = `/relationships/${relationship.id}`;
  return (
    <>
      <SiteHeader userName={loaderData.userName} csrfToken={csrfToken} current="relationships" />
      <main className="page wide charter-page" id="main">
        <SetupBreadcrumbs
          trail={[
            { label: 'Relationships', to: '/' },
            { label: relationship.name, to: base },
            { label: 'Charter' },
          ]}
        />
        <h1>Charter</h1>
        <RelationshipNav id={relationship.id} current="charter" />
        <ErrorSummary failure={failure} />
        {current ? (
          <section aria-labelledby="current" id="current-section">
            <h2 id="current">
              Version {current.version}{' '}
              <span className={`status ${charter.isSigned ? 'status-active' : 'status-draft'}`}>
                {charter.isSigned ? 'Signed by both sides' : 'Waiting for sign-off'}
              </span>
            </h2>
            <CharterText
              version={current}
              sides={relationship.sides}
              headingLevel={2}
              formatDay={formatDay}
            />
            {!charter.isSigned && (
              <p>
                One sponsor of each side signs this version on their own page. Any change you save makes a new
                version that needs signing again.
              </p>
            )}
          </section>
        ) : (
          <p>
            No charter yet. Write down what both sides agreed in the joint workshop: the shared vision, the
            principles and behaviours, what each side commits to and how often who meets. One sponsor of each
            side then signs it on their own page.
          </p>
        )}
        <CharterForm
          current={current}
          sides={relationship.sides}
          csrfToken={csrfToken}
          isBusy={isBusy}
          failure={failure}
        />
        {older.length > 0 && (
          <section aria-labelledby="history">
            <h2 id="history">Earlier versions</h2>
            {older.map((version) => (
              <details key={version.version}>
                <summary>
                  Version {version.version} ({version.signOffs.length} of 2 signatures)
                </summary>
                <CharterText
                  version={version}
                  sides={relationship.sides}
                  headingLevel={3}
                  formatDay={formatDay}
                />
              </details>
            ))}
          </section>
        )}
      </main>
    </>
  );
}

function CharterForm(props: {
  current: CharterVersion | undefined;
  sides: Record<'A' | 'B', { name: string; role: string }>;
  csrfToken: string;
  isBusy: boolean;
  failure: ActionFailure | undefined;
}) {
  const { current, failure } = props;
  const values = failure?.values;
  const errors = failure?.fieldErrors ?? {};
  const field = (name: string, label: string, value: string, hint?: string, rows = 4) => (
    <div className="field" key={name}>
      <label htmlFor={`charter-${name}`}>{label}</label>
      {hint && (
        <span className="hint" id={`charter-${name}-hint`}>
          {hint}
        </span>
      )}
      {errors[name] && <span className="field-error">{errors[name]}</span>}
      <textarea
        id={`charter-${name}`}
        name={name}
        rows={rows}
        defaultValue={values?.[name] ?? value}
        aria-describedby={hint ? `charter-${name}-hint` : undefined}
      />
    </div>
  );
  const oneLine = 'One per line.';
  return (
    <section aria-labelledby="edit-title">
      <h2 id="edit-title">{current ? 'Change the charter' : 'Write the charter'}</h2>
      <details open={!current || Boolean(failure)}>
        <summary>
          {current ? `Edit (saves version ${current.version + 1})` : 'Write the first version'}
        </summary>
        <form method="post" className="compact-form">
          <CsrfField token={props.csrfToken} />
          {field(
            'vision',
            'Shared vision',
            current?.vision ?? '',
            'What the two organisations want to be for each other.',
            3,
          )}
          {field('principles', 'Principles', current?.principles.join('\n') ?? '', oneLine)}
          {field('behaviours', 'Behaviours', current?.behaviours.join('\n') ?? '', oneLine)}
          {SIDES.map((side) =>
            field(
              `commitments${side}`,
              `${props.sides[side].name} commits to`,
              current?.commitments[side].join('\n') ?? '',
              oneLine,
            ),
          )}
          {field(
            'governance',
            'How we meet',
            current?.governance.join('\n') ?? '',
            'Who meets how often, one per line.',
          )}
          <button type="submit" disabled={props.isBusy}>
            {current ? 'Save as a new version' : 'Save the charter'}
          </button>
        </form>
      </details>
    </section>
  );
}
