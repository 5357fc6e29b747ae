import { redirect, useActionData, useNavigation } from 'react-router';
import { AppError } from '../../domain/app-error.ts';
import { concernsText, FINDING_KIND_LABELS, RELEASE_KIND_LABELS } from '../../domain/describe-evidence.ts';
import { SIDES, type Side } from '../../domain/model.ts';
import {
  type EvidenceReference,
  FINDING_CONCERNS,
  FINDING_KINDS,
  type Finding,
  type FindingInput,
} from '../../domain/share-and-act.ts';
import { possessive } from '../../domain/words.ts';
import { createFinding } from '../../services/create-finding.ts';
import { type FindingsView, listFindings } from '../../services/list-findings.ts';
import { releaseFindings } from '../../services/release-findings.ts';
import { deleteFinding, reorderFindings, updateFinding } from '../../services/update-finding.ts';
import { type ActionFailure, runFormAction } from '../action-result.server.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { CommentsWaveNav } from '../components/comments-wave-nav.tsx';
import { EvidencePicker } from '../components/evidence-picker.tsx';
import { FindingCard } from '../components/finding-card.tsx';
import { CsrfField, ErrorSummary } from '../components/form-parts.tsx';
import { OpenWaveNotice } from '../components/open-wave-notice.tsx';
import { RelationshipNav } from '../components/relationship-nav.tsx';
import { SetupBreadcrumbs } from '../components/setup-breadcrumbs.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import { orNotFound } from '../not-found.server.ts';
import type { Route } from './+types/findings';

// Findings (issue 9, items 1–2): a closed wave's findings with their evidence, the suggestions
// from its analysis to accept, and the releases — a pre-brief to one side's sponsors, then the
// joint release to both. Private to facilitators until released; every form works without
// JavaScript.

export function headers() {
  return { 'Cache-Control': 'no-store' };
}

export function meta({ data }: Route.MetaArgs) {
  const wave = data?.view.wave;
  return [
    {
      title: `Findings${wave ? `, ${wave}` : ''} — ${data?.view.relationship.name ?? 'Relationship'} — Trustloop`,
    },
  ];
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const wave = new URL(request.url).searchParams.get('wave');
  const view = await orNotFound(listFindings(context.db, user.workspaceId, params.id, { wave }));
  return { userName: user.name || user.email, csrfToken: csrfTokenOf(context), view };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireWebUser(context, request);
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? '');
  const db = context.db;
  const ws = user.workspaceId;
  const author = { id: user.id, name: user.name || user.email };
  const wave = text('wave');
  const page = `/relationships/${encodeURIComponent(params.id)}/findings?wave=${encodeURIComponent(wave)}`;
  const intent = text('intent');
  const result = await runFormAction(form, async (): Promise<string> => {
    switch (intent) {
      case 'accept': {
        const view = await listFindings(db, ws, params.id, { wave });
        const suggestion = view.suggestions.find((s) => s.key === text('suggestion'));
        if (!suggestion)
          throw new AppError('not-found', 'this suggestion is no longer offered for this wave');
        const created = await createFinding(
          db,
          ws,
          params.id,
          {
            wave,
            kind: suggestion.kind,
            concerns: suggestion.concerns,
            title: suggestion.title,
            body: suggestion.because,
            evidence: suggestion.evidence,
            suggestionKey: suggestion.key,
          },
          author,
        );
        return `#finding-${created.ref}`;
      }
      case 'create':
        return `#finding-${(await createFinding(db, ws, params.id, findingFrom(form), author)).ref}`;
      case 'update':
        return `#finding-${(await updateFinding(db, ws, params.id, text('ref'), findingFrom(form))).ref}`;
      case 'delete':
        await deleteFinding(db, ws, params.id, text('ref'));
        return '#findings';
      case 'move-up':
      case 'move-down': {
        const refs = text('order').split(',').filter(Boolean);
        const at = refs.indexOf(text('ref'));
        const to = intent === 'move-up' ? at - 1 : at + 1;
        if (at >= 0 && to >= 0 && to < refs.length) [refs[at], refs[to]] = [refs[to]!, refs[at]!];
        await reorderFindings(db, ws, params.id, wave, refs);
        return `#finding-${text('ref')}`;
      }
      case 'release': {
        if (text('confirm') !== 'yes') {
          throw new AppError(
            'invalid-input',
            'confirm: tick the box to say you have read what will be released',
            [
              {
                field: 'confirm',
                message: 'tick the box to confirm',
                text: 'confirm: tick the box to confirm',
              },
            ],
          );
        }
        const side = text('side');
        await releaseFindings(
          db,
          ws,
          params.id,
          { wave, kind: text('kind'), side: side === '' ? null : side },
          author,
        );
        return '#releases';
      }
      default:
        throw new AppError('invalid-input', 'this form does not know what to do');
    }
  });
  if (typeof result !== 'string') return result;
  return redirect(`${page}${result}`);
}

/** A finding's fields as the forms post them; evidence as one JSON reference per ticked box. */
function findingFrom(form: FormData): FindingInput {
  const evidence = form.getAll('evidence').map((value, index) => {
    try {
      return JSON.parse(String(value)) as EvidenceReference;
    } catch {
      throw new AppError('invalid-input', `evidence.${index}: not a piece of evidence this page offered`);
    }
  });
  return {
    wave: String(form.get('wave') ?? ''),
    kind: String(form.get('kind') ?? '') as FindingInput['kind'],
    concerns: String(form.get('concerns') ?? '') as FindingInput['concerns'],
    title: String(form.get('title') ?? ''),
    body: String(form.get('body') ?? ''),
    evidence,
    suggestionKey: form.get('suggestionKey') ? String(form.get('suggestionKey')) : null,
  };
}

export default function Findings({ loaderData }: Route.ComponentProps) {
  const { view, csrfToken } = loaderData;
  const failure = useActionData<typeof action>() as ActionFailure | undefined;
  const isBusy = useNavigation().state === 'submitting';
  const base = `/relationships/${view.relationship.id}`;
  const current = view.waves.find((w) => w.label === view.wave);
  return (
    <>
      <SiteHeader userName={loaderData.userName} csrfToken={csrfToken} current="relationships" />
      <main className="page wide findings-page" id="main">
        <SetupBreadcrumbs
          trail={[
            { label: 'Relationships', to: '/' },
            { label: view.relationship.name, to: base },
            { label: 'Findings' },
          ]}
        />
        <h1>Findings{view.wave && <span className="muted">: {view.wave}</span>}</h1>
        <RelationshipNav id={view.relationship.id} current="findings" />
        <ErrorSummary failure={failure} />
        {!current ? (
          <p>No wave has closed yet: findings are written from a closed wave's results.</p>
        ) : (
          <>
            <CommentsWaveNav base={base} section="findings" waves={view.waves} current={current.label} />
            {current.status !== 'closed' ? (
              <OpenWaveNotice
                wave={current.label}
                status={current.status}
                submitted={0}
                what="Its findings"
              />
            ) : (
              <WaveFindings view={view} csrfToken={csrfToken} isBusy={isBusy} failure={failure} />
            )}
          </>
        )}
      </main>
    </>
  );
}

function WaveFindings(props: {
  view: FindingsView;
  csrfToken: string;
  isBusy: boolean;
  failure: ActionFailure | undefined;
}) {
  const { view, csrfToken, isBusy, failure } = props;
  const wave = view.wave ?? '';
  const sides = view.relationship.sides;
  const order = view.findings.map((f) => f.ref).join(',');
  const failed = (intent: string, ref?: string) =>
    failure?.values?.intent === intent && (ref === undefined || failure.values.ref === ref)
      ? failure
      : undefined;
  const open = view.suggestions.filter((s) => s.acceptedAs === null);
  return (
    <>
      <p className="findings-about">
        What you write here stays with the facilitators until you release it: first, if you wish, a pre-brief
        to each side's sponsors with the findings about how the other side sees them, then the joint release
        to both sides. A release keeps the findings exactly as they were; an edit afterwards makes a new
        version for the next release. Evidence keeps its numbers as they were when you picked it, and a figure
        the anonymity rules hide is never offered.
      </p>

      <section aria-labelledby="suggestions-title">
        <h2 id="suggestions-title">Suggested by Trustloop</h2>
        {view.suggestions.length === 0 ? (
          <p>Nothing stands out enough in this wave to suggest.</p>
        ) : (
          <>
            <p className="muted">
              Candidates from the analysis: accept one to turn it into a finding you can then edit, or leave
              it.
            </p>
            <ul className="suggestions">
              {view.suggestions.map((s) => (
                <li key={s.key} className="suggestion">
                  <p className="finding-kind">
                    {FINDING_KIND_LABELS[s.kind]}{' '}
                    <span className="muted">· about {concernsText(s.concerns, sides)}</span>
                  </p>
                  <p className="suggestion-title">
                    <strong>{s.title}</strong>
                  </p>
                  <p>{s.because}</p>
                  {s.acceptedAs ? (
                    <p className="muted">
                      Accepted as <a href={`#finding-${s.acceptedAs}`}>{s.acceptedAs}</a>.
                    </p>
                  ) : (
                    <form method="post">
                      <CsrfField token={csrfToken} />
                      <input type="hidden" name="wave" value={wave} />
                      <input type="hidden" name="suggestion" value={s.key} />
                      <button type="submit" name="intent" value="accept" disabled={isBusy}>
                        Accept as a finding<span className="visually-hidden">: {s.title}</span>
                      </button>
                    </form>
                  )}
                </li>
              ))}
            </ul>
            {open.length === 0 && <p className="muted">Every suggestion has been accepted.</p>}
          </>
        )}
      </section>

      <section aria-labelledby="findings" className="findings-list">
        <h2 id="findings">
          Findings of {wave} <span className="muted">({view.findings.length})</span>
        </h2>
        {view.findings.length === 0 && <p>No findings yet: accept a suggestion or write one below.</p>}
        {view.findings.map((finding, index) => (
          <FindingCard key={finding.ref} finding={finding} sides={sides}>
            <div className="finding-tools">
              <form method="post" className="inline-form">
                <CsrfField token={csrfToken} />
                <input type="hidden" name="wave" value={wave} />
                <input type="hidden" name="ref" value={finding.ref} />
                <input type="hidden" name="order" value={order} />
                <button type="submit" name="intent" value="move-up" disabled={isBusy || index === 0}>
                  Move up<span className="visually-hidden">: {finding.ref}</span>
                </button>{' '}
                <button
                  type="submit"
                  name="intent"
                  value="move-down"
                  disabled={isBusy || index === view.findings.length - 1}
                >
                  Move down<span className="visually-hidden">: {finding.ref}</span>
                </button>
              </form>
              <details open={Boolean(failed('update', finding.ref))}>
                <summary>
                  Edit<span className="visually-hidden"> {finding.ref}</span>
                </summary>
                <FindingForm
                  idPrefix={`edit-${finding.ref}`}
                  intent="update"
                  view={view}
                  finding={finding}
                  csrfToken={csrfToken}
                  isBusy={isBusy}
                  failure={failed('update', finding.ref)}
                />
              </details>
              <details>
                <summary>
                  Delete<span className="visually-hidden"> {finding.ref}</span>
                </summary>
                <form method="post">
                  <CsrfField token={csrfToken} />
                  <input type="hidden" name="wave" value={wave} />
                  <input type="hidden" name="ref" value={finding.ref} />
                  <p>What was released of it stays in its release.</p>
                  <button type="submit" name="intent" value="delete" className="danger" disabled={isBusy}>
                    Delete {finding.ref}
                  </button>
                </form>
              </details>
            </div>
          </FindingCard>
        ))}
      </section>

      <section aria-labelledby="write-title">
        <h2 id="write-title">Write a finding</h2>
        <details open={view.findings.length === 0 || Boolean(failed('create'))}>
          <summary>A finding of your own, with its evidence</summary>
          <FindingForm
            idPrefix="new"
            intent="create"
            view={view}
            csrfToken={csrfToken}
            isBusy={isBusy}
            failure={failed('create')}
          />
        </details>
      </section>

      <ReleaseSection view={view} csrfToken={csrfToken} isBusy={isBusy} failure={failed('release')} />
    </>
  );
}

function FindingForm(props: {
  idPrefix: string;
  intent: 'create' | 'update';
  view: FindingsView;
  finding?: Finding;
  csrfToken: string;
  isBusy: boolean;
  failure: ActionFailure | undefined;
}) {
  const { idPrefix, finding, failure } = props;
  const values = failure?.values;
  const errors = failure?.fieldErrors ?? {};
  const id = (name: string) => `${idPrefix}-${name}`;
  const sides = props.view.relationship.sides;
  const evidenceError = Object.entries(errors).find(([field]) => field.startsWith('evidence'))?.[1];
  return (
    <form method="post" className="finding-form">
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="wave" value={props.view.wave ?? ''} />
      {finding && <input type="hidden" name="ref" value={finding.ref} />}
      {finding?.suggestionKey && <input type="hidden" name="suggestionKey" value={finding.suggestionKey} />}
      <div className="field">
        <label htmlFor={id('kind')}>Kind</label>
        <select id={id('kind')} name="kind" defaultValue={values?.kind ?? finding?.kind ?? 'not-working'}>
          {FINDING_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {FINDING_KIND_LABELS[kind]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={id('concerns')}>About</label>
        <span className="hint" id={id('concerns-hint')}>
          A finding about one side goes into that side's pre-brief.
        </span>
        <select
          id={id('concerns')}
          name="concerns"
          aria-describedby={id('concerns-hint')}
          defaultValue={values?.concerns ?? finding?.concerns ?? 'both'}
        >
          {FINDING_CONCERNS.map((concerns) => (
            <option key={concerns} value={concerns}>
              {concernsText(concerns, sides)}
            </option>
          ))}
        </select>
      </div>
      <FieldText id={id('title')} name="title" label="Finding, in one line" error={errors.title}>
        <input
          id={id('title')}
          name="title"
          required
          maxLength={200}
          defaultValue={values?.title ?? finding?.title ?? ''}
          aria-invalid={errors.title ? true : undefined}
          aria-describedby={errors.title ? `${id('title')}-error` : undefined}
        />
      </FieldText>
      <FieldText id={id('body')} name="body" label="What it means (optional)" error={errors.body}>
        <textarea
          id={id('body')}
          name="body"
          rows={3}
          maxLength={4000}
          defaultValue={values?.body ?? finding?.body ?? ''}
        />
      </FieldText>
      <EvidencePicker
        idPrefix={idPrefix}
        options={props.view.options}
        chosen={finding?.evidence}
        error={evidenceError}
      />
      <button type="submit" name="intent" value={props.intent} disabled={props.isBusy}>
        {props.intent === 'create' ? 'Save the finding' : `Save ${finding?.ref} as a new version`}
      </button>
    </form>
  );
}

function FieldText(props: {
  id: string;
  name: string;
  label: string;
  error?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.error && (
        <span className="field-error" id={`${props.id}-error`}>
          {props.error}
        </span>
      )}
      {props.children}
    </div>
  );
}

function ReleaseSection(props: {
  view: FindingsView;
  csrfToken: string;
  isBusy: boolean;
  failure: ActionFailure | undefined;
}) {
  const { view } = props;
  const sides = view.relationship.sides;
  const about = (side: Side) => view.findings.filter((f) => f.concerns === side).length;
  const targets: Array<{ kind: 'pre-brief' | 'joint'; side: Side | null; count: number; to: string }> = [
    ...SIDES.map((side) => ({
      kind: 'pre-brief' as const,
      side,
      count: about(side),
      to: `${possessive(sides[side].name)} sponsors only (the ${about(side)} finding${about(side) === 1 ? '' : 's'} about how ${sides[side === 'A' ? 'B' : 'A'].name} sees them)`,
    })),
    {
      kind: 'joint' as const,
      side: null,
      count: view.findings.length,
      to: `both sides (all ${view.findings.length} finding${view.findings.length === 1 ? '' : 's'})`,
    },
  ];
  return (
    <section aria-labelledby="releases" className="releases">
      <h2 id="releases">Release</h2>
      <p>
        Sponsors see what you release on their page. The first joint release also opens this relationship's
        results to its sponsors. Comments are shared only as evidence of a finding, redacted as you redacted
        them.
      </p>
      {props.failure && <p className="field-error">{props.failure.message}</p>}
      <ul className="release-forms">
        {targets.map((target) => {
          const key = `${target.kind}-${target.side ?? 'both'}`;
          return (
            <li key={key}>
              <form method="post">
                <CsrfField token={props.csrfToken} />
                <input type="hidden" name="wave" value={view.wave ?? ''} />
                <input type="hidden" name="kind" value={target.kind} />
                <input type="hidden" name="side" value={target.side ?? ''} />
                <p>
                  <strong>{RELEASE_KIND_LABELS[target.kind]}</strong> to {target.to}.
                  {target.count === 0 && ' Nothing to release yet.'}
                </p>
                <p>
                  <input
                    type="checkbox"
                    id={`confirm-${key}`}
                    name="confirm"
                    value="yes"
                    required
                    disabled={target.count === 0}
                  />{' '}
                  <label htmlFor={`confirm-${key}`}>
                    I have read these findings and want to release them
                  </label>
                </p>
                <button
                  type="submit"
                  name="intent"
                  value="release"
                  disabled={props.isBusy || target.count === 0}
                >
                  {target.kind === 'joint'
                    ? 'Release to both sides'
                    : `Release the pre-brief to ${sides[target.side ?? 'A'].name}`}
                </button>
              </form>
            </li>
          );
        })}
      </ul>
      <h3>Released so far</h3>
      {view.releases.length === 0 ? (
        <p>Nothing has been released from this wave.</p>
      ) : (
        <ul className="release-history">
          {view.releases.map((release) => (
            <li key={release.id}>
              {RELEASE_KIND_LABELS[release.kind]}
              {release.side ? ` to ${sides[release.side].name}` : ' to both sides'} by {release.releasedBy} on{' '}
              {release.releasedAt.slice(0, 10)}: {release.findingRefs.join(', ')}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
