import { redirect, useActionData, useNavigation } from 'react-router';
import { OVERALL } from '../../domain/analyze-relationship.ts';
import { AppError } from '../../domain/app-error.ts';
import { SIDES, type Side } from '../../domain/model.ts';
import { type Owner, RAG_STATUSES, WORKSTREAM_TYPES } from '../../domain/share-and-act.ts';
import { issueActionLink } from '../../services/action-links.ts';
import { addWorkstreamUpdate } from '../../services/add-workstream-update.ts';
import {
  listWorkstreams,
  type WorkstreamsView,
  type WorkstreamView,
} from '../../services/list-workstreams.ts';
import { saveAction } from '../../services/save-action.ts';
import { saveSmallBigThing } from '../../services/save-small-big-thing.ts';
import { createWorkstream, updateWorkstream } from '../../services/save-workstream.ts';
import { type ActionFailure, runFormAction } from '../action-result.server.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { CsrfField, ErrorSummary } from '../components/form-parts.tsx';
import { RelationshipNav } from '../components/relationship-nav.tsx';
import { SetupBreadcrumbs } from '../components/setup-breadcrumbs.tsx';
import {
  ACTION_STATUS_LABELS,
  ownerFromValue,
  ownerText,
  ownerValue,
  RAG_LABELS,
  WORKSTREAM_TYPE_LABELS,
} from '../components/share-and-act-labels.ts';
import { SiteHeader } from '../components/site-header.tsx';
import { orNotFound } from '../not-found.server.ts';
import type { Route } from './+types/workstreams';

// Workstreams (issue 9, items 3 and 5): the joint work, co-owned by one person of each side, with
// actions, dated red/amber/green updates and what moved on its target dimensions at every wave
// after it started (the analysis' own figures); and the quick list of small big things. Every
// form works without JavaScript.

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `Workstreams — ${data?.view.relationship.name ?? 'Relationship'} — Trustloop` }];
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const view = await orNotFound(listWorkstreams(context.db, user.workspaceId, params.id));
  const query = new URL(request.url).searchParams;
  const isLinkSent = query.get('sent') === '1';
  return {
    userName: user.name || user.email,
    csrfToken: csrfTokenOf(context),
    view,
    isLinkSent,
    /** The workstream an "Add an action" link chose. */
    chosen: query.get('ws'),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireWebUser(context, request);
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? '').trim();
  const orNull = (name: string) => text(name) || null;
  const db = context.db;
  const ws = user.workspaceId;
  const page = `/relationships/${encodeURIComponent(params.id)}/workstreams`;
  const workstreamFields = () => ({
    title: text('title'),
    type: text('type'),
    description: text('description'),
    owners: {
      A: ownerFromValue(text('ownerA')) ?? undefined,
      B: ownerFromValue(text('ownerB')) ?? undefined,
    },
    targetDimensions: form.getAll('targetDimensions').map(String),
    startedOn: text('startedOn'),
    findings: form.getAll('findings').map(String),
  });
  const result = await runFormAction(form, async (): Promise<string> => {
    switch (text('intent')) {
      case 'create-workstream':
        return `#${(await createWorkstream(db, ws, params.id, workstreamFields())).ref}`;
      case 'set-status': {
        const current = (await listWorkstreams(db, ws, params.id)).workstreams.find(
          (w) => w.key === text('ref'),
        );
        if (!current) throw new AppError('not-found', `workstream ${text('ref')} not found`);
        await updateWorkstream(db, ws, params.id, current.key, {
          title: current.title,
          type: current.type,
          description: current.description,
          owners: {
            A: current.owners.A && { kind: current.owners.A.kind, id: current.owners.A.id },
            B: current.owners.B && { kind: current.owners.B.kind, id: current.owners.B.id },
          },
          targetDimensions: current.targetDimensions,
          startedOn: current.started,
          findings: current.findings,
          incidents: current.incidents,
          status: text('status'),
        });
        return `#${current.key}`;
      }
      case 'add-action':
        await saveAction(db, ws, params.id, text('ref'), {
          what: text('what'),
          owner: ownerFromValue(text('owner')) ?? undefined,
          dueOn: text('dueOn'),
        });
        return `#${text('ref')}-actions`;
      case 'action-done':
        await saveAction(
          db,
          ws,
          params.id,
          text('ref'),
          {
            what: text('what'),
            owner: ownerFromValue(text('owner')),
            dueOn: text('dueOn'),
            status: 'done',
            doneOn: text('doneOn'),
          },
          text('actionId'),
        );
        return `#${text('ref')}-actions`;
      case 'send-link':
        await issueActionLink(db, ws, params.id, text('participantId'), context.baseUrl);
        return `?sent=1#${text('ref')}-actions`;
      case 'add-update':
        await addWorkstreamUpdate(
          db,
          ws,
          params.id,
          text('ref'),
          { on: text('on'), rag: text('rag'), note: text('note') },
          { name: user.name || user.email },
        );
        return `#${text('ref')}`;
      case 'add-thing':
        await saveSmallBigThing(db, ws, params.id, {
          text: text('text'),
          raisedOn: text('raisedOn'),
          raisedBySide: orNull('raisedBySide'),
          owner: ownerFromValue(text('owner')),
          workstream: orNull('workstream'),
        });
        return '#small-big-things';
      case 'thing-fixed':
        await saveSmallBigThing(
          db,
          ws,
          params.id,
          {
            text: text('text'),
            raisedOn: text('raisedOn'),
            raisedBySide: orNull('raisedBySide'),
            owner: ownerFromValue(text('owner')),
            workstream: orNull('workstream'),
            fixedOn: text('fixedOn'),
          },
          text('thingId'),
        );
        return '#small-big-things';
      default:
        throw new AppError('invalid-input', 'this form does not know what to do');
    }
  });
  if (typeof result !== 'string') return result;
  return redirect(`${page}${result}`);
}

export default function Workstreams({ loaderData }: Route.ComponentProps) {
  const { view, csrfToken } = loaderData;
  const failure = useActionData<typeof action>() as ActionFailure | undefined;
  const isBusy = useNavigation().state === 'submitting';
  const base = `/relationships/${view.relationship.id}`;
  const active = view.workstreams.filter((w) => w.status === 'active');
  const closed = view.workstreams.filter((w) => w.status !== 'active');
  const form = { view, csrfToken, isBusy, failure };
  return (
    <>
      <SiteHeader userName={loaderData.userName} csrfToken={csrfToken} current="relationships" />
      <main className="page wide workstreams-page" id="main">
        <SetupBreadcrumbs
          trail={[
            { label: 'Relationships', to: '/' },
            { label: view.relationship.name, to: base },
            { label: 'Workstreams' },
          ]}
        />
        <h1>Workstreams</h1>
        <RelationshipNav id={view.relationship.id} current="workstreams" />
        <ErrorSummary failure={failure} />
        {loaderData.isLinkSent && (
          <p className="notice success" role="status">
            The owner's personal link to their actions is in the <a href="/outbox">outbox</a>. Any earlier
            link of theirs no longer works.
          </p>
        )}
        <p>
          The joint work that turns findings into a better relationship: each workstream is owned by one
          person on each side. At every wave after a workstream started, its target dimensions show what
          moved, with the analysis' 95% intervals: a change whose interval leaves out zero is beyond chance.
        </p>
        {view.workstreams.length === 0 && <p>No workstreams yet: start the first one below.</p>}
        {active.map((w) => (
          <WorkstreamCard key={w.key} workstream={w} {...form} />
        ))}
        {closed.length > 0 && (
          <section aria-labelledby="closed-title">
            <h2 id="closed-title">Closed workstreams</h2>
            {closed.map((w) => (
              <WorkstreamCard key={w.key} workstream={w} {...form} />
            ))}
          </section>
        )}
        <AddAction {...form} chosen={loaderData.chosen} />
        <NewWorkstream {...form} />
        <SmallBigThings {...form} />
      </main>
    </>
  );
}

type FormProps = {
  view: WorkstreamsView;
  csrfToken: string;
  isBusy: boolean;
  failure: ActionFailure | undefined;
};

function dimensionLabel(view: WorkstreamsView, key: string): string {
  if (key === OVERALL) return 'Overall trust';
  return view.dimensions.find((d) => d.key === key)?.label ?? key;
}

function signed(value: number): string {
  return `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value).toFixed(2)}`;
}

/** Two decimals with a true minus sign. */
function number(value: number): string {
  return value < 0 ? `−${Math.abs(value).toFixed(2)}` : value.toFixed(2);
}

function WorkstreamCard(props: FormProps & { workstream: WorkstreamView }) {
  const { workstream: w, view, csrfToken, isBusy } = props;
  const sides = view.relationship.sides;
  const refused = props.failure?.values?.ref === w.key ? props.failure : undefined;
  return (
    <section id={w.key} aria-labelledby={`${w.key}-title`} className="workstream">
      <h2 id={`${w.key}-title`}>
        {w.title} <span className="muted">({w.key})</span>
      </h2>
      <p>
        <span className="badge">{WORKSTREAM_TYPE_LABELS[w.type]}</span>{' '}
        <span className={`status status-${w.status}`}>{w.status === 'active' ? 'Active' : 'Closed'}</span>{' '}
        {w.rag ? (
          <span className={`rag rag-${w.rag}`}>Status: {RAG_LABELS[w.rag]}</span>
        ) : (
          <span className="muted">No update yet</span>
        )}
        {w.overdue > 0 && (
          <>
            {' '}
            <span className="rag rag-red">
              {w.overdue} action{w.overdue === 1 ? '' : 's'} overdue
            </span>
          </>
        )}
      </p>
      {w.description && <p>{w.description}</p>}
      <dl className="facts">
        {SIDES.map((side) => (
          <div key={side}>
            <dt>Owner at {sides[side].name}</dt>
            <dd>{ownerText(w.owners[side])}</dd>
          </div>
        ))}
        <div>
          <dt>Started</dt>
          <dd>{w.started}</dd>
        </div>
        <div>
          <dt>Moves</dt>
          <dd>{w.targetDimensions.map((d) => dimensionLabel(view, d)).join(', ')}</dd>
        </div>
        {(w.findings.length > 0 || w.incidents.length > 0) && (
          <div>
            <dt>Linked</dt>
            <dd>{[...w.findings, ...w.incidents].join(', ')}</dd>
          </div>
        )}
      </dl>

      <h3>What moved</h3>
      {w.impact.length === 0 ? (
        <p className="muted">No wave has closed since this workstream started.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Change of the target dimensions after {w.title}</caption>
            <thead>
              <tr>
                <th scope="col">Wave</th>
                <th scope="col">Rated by</th>
                <th scope="col">Dimension</th>
                <th scope="col">Change (95% CI)</th>
                <th scope="col">Hedges' g</th>
              </tr>
            </thead>
            <tbody>
              {w.impact.map((row) => (
                <tr key={`${row.wave}-${row.side}-${row.dimension}`}>
                  <td>
                    {row.from} → {row.wave}
                  </td>
                  <td>{sides[row.side].name}</td>
                  <td>{dimensionLabel(view, row.dimension)}</td>
                  <td>
                    {row.diff === null || row.ciLow === null || row.ciHigh === null ? (
                      <span className="muted">hidden (too few responses)</span>
                    ) : (
                      <>
                        {signed(row.diff)} ({number(row.ciLow)} to {number(row.ciHigh)})
                        {row.beyondChance && <strong> beyond chance</strong>}
                      </>
                    )}
                  </td>
                  <td>{row.hedgesG === null ? '—' : number(row.hedgesG)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        Since it started: {w.incidentBalance.builds} incident{w.incidentBalance.builds === 1 ? '' : 's'} built
        trust and {w.incidentBalance.dilutes} diluted it on these dimensions.
      </p>

      <h3 id={`${w.key}-actions`}>Actions</h3>
      {w.actions.length === 0 ? (
        <p className="muted">No actions yet.</p>
      ) : (
        <ul className="actions-list">
          {w.actions.map((a) => {
            const overdue = a.status === 'open' && a.dueOn < view.today;
            return (
              <li key={a.id}>
                <strong>{a.what}</strong> — {ownerText(a.owner)}, due {a.dueOn}:{' '}
                {a.status === 'done' ? `done on ${a.doneOn}` : ACTION_STATUS_LABELS[a.status]}
                {overdue && <span className="rag rag-red"> overdue</span>}
                {a.status === 'open' && a.owner && (
                  <form method="post" className="inline-form">
                    <CsrfField token={csrfToken} />
                    <input type="hidden" name="ref" value={w.key} />
                    <input type="hidden" name="actionId" value={a.id} />
                    <input type="hidden" name="what" value={a.what} />
                    <input type="hidden" name="owner" value={ownerValue(a.owner)} />
                    <input type="hidden" name="dueOn" value={a.dueOn} />
                    <input type="hidden" name="doneOn" value={view.today} />{' '}
                    <button
                      type="submit"
                      name="intent"
                      value="action-done"
                      className="small secondary"
                      disabled={isBusy}
                    >
                      Mark done today<span className="visually-hidden">: {a.what}</span>
                    </button>
                  </form>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <OwnerLinks workstream={w} csrfToken={csrfToken} isBusy={isBusy} />
      {w.status === 'active' && (
        <p>
          <a href={`?ws=${encodeURIComponent(w.key)}#add-action`}>
            Add an action<span className="visually-hidden"> to {w.title}</span>
          </a>
        </p>
      )}

      <h3>Progress</h3>
      {w.updates.length === 0 ? (
        <p className="muted">No update yet.</p>
      ) : (
        <ul className="updates-list">
          {w.updates.map((u) => (
            <li key={u.id}>
              {u.on} <span className={`rag rag-${u.rag}`}>{RAG_LABELS[u.rag]}</span> {u.note}{' '}
              {u.by && <span className="muted">— {u.by}</span>}
            </li>
          ))}
        </ul>
      )}
      <details open={refused?.values?.intent === 'add-update'}>
        <summary>Add a progress update</summary>
        <form method="post" className="compact-form">
          <CsrfField token={csrfToken} />
          <input type="hidden" name="ref" value={w.key} />
          <Field id={`${w.key}-on`} label="On" error={refused?.fieldErrors.on}>
            <input
              id={`${w.key}-on`}
              name="on"
              type="date"
              required
              defaultValue={refused?.values?.on ?? view.today}
            />
          </Field>
          <fieldset>
            <legend>Status</legend>
            {RAG_STATUSES.map((rag) => (
              <label key={rag} className="inline-choice">
                <input
                  type="radio"
                  name="rag"
                  value={rag}
                  required
                  defaultChecked={refused?.values?.rag === rag}
                />{' '}
                {RAG_LABELS[rag]}
              </label>
            ))}
          </fieldset>
          <Field id={`${w.key}-note`} label="Note" error={refused?.fieldErrors.note}>
            <textarea
              id={`${w.key}-note`}
              name="note"
              rows={2}
              maxLength={2000}
              defaultValue={refused?.values?.note}
            />
          </Field>
          <button type="submit" name="intent" value="add-update" disabled={isBusy}>
            Add the update
          </button>
        </form>
      </details>
      <form method="post" className="inline-form">
        <CsrfField token={csrfToken} />
        <input type="hidden" name="ref" value={w.key} />
        <input type="hidden" name="status" value={w.status === 'active' ? 'closed' : 'active'} />
        <button type="submit" name="intent" value="set-status" className="secondary" disabled={isBusy}>
          {w.status === 'active' ? 'Close this workstream' : 'Reopen this workstream'}
        </button>
      </form>
    </section>
  );
}

/** One "send their link" button per participant who owns an action here (they have no account). */
function OwnerLinks(props: { workstream: WorkstreamView; csrfToken: string; isBusy: boolean }) {
  const owners = new Map<string, string>();
  for (const a of props.workstream.actions) {
    if (a.owner?.kind === 'participant') owners.set(a.owner.id, a.owner.name);
  }
  if (owners.size === 0) return null;
  return (
    <div className="owner-links">
      <p className="muted">
        Action owners without an account reach their actions through a personal link, sent by mail:
      </p>
      {[...owners].map(([id, name]) => (
        <form key={id} method="post" className="inline-form">
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name="ref" value={props.workstream.key} />
          <input type="hidden" name="participantId" value={id} />
          <button
            type="submit"
            name="intent"
            value="send-link"
            className="small secondary"
            disabled={props.isBusy}
          >
            Send {name} their link
          </button>{' '}
        </form>
      ))}
    </div>
  );
}

function Field(props: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.hint && <span className="hint">{props.hint}</span>}
      {props.error && <span className="field-error">{props.error}</span>}
      {props.children}
    </div>
  );
}

function OwnerSelect(props: {
  id: string;
  name: string;
  view: WorkstreamsView;
  side?: Side;
  defaultValue?: string;
  optional?: boolean;
}) {
  const sides = props.view.relationship.sides;
  const groups = SIDES.filter((side) => props.side === undefined || side === props.side).map((side) => ({
    side,
    owners: props.view.owners.filter((o: Owner) => o.side === side),
  }));
  return (
    <select
      id={props.id}
      name={props.name}
      required={!props.optional}
      defaultValue={props.defaultValue ?? ''}
    >
      <option value="">{props.optional ? 'Nobody yet' : 'Choose…'}</option>
      {groups.map((group) => (
        <optgroup key={group.side} label={sides[group.side].name}>
          {group.owners.map((o) => (
            <option key={ownerValue(o)} value={ownerValue(o)}>
              {ownerText(o)}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}

/**
 * One form adds an action to any active workstream: the owner list holds every participant and
 * sponsor of the relationship, so it is on the page once, not once per workstream.
 */
function AddAction({ view, csrfToken, isBusy, failure, chosen }: FormProps & { chosen: string | null }) {
  const refused = failure?.values?.intent === 'add-action' ? failure : undefined;
  const errors = refused?.fieldErrors ?? {};
  const active = view.workstreams.filter((w) => w.status === 'active');
  if (active.length === 0) return null;
  const selected =
    refused?.values?.ref ?? (active.some((w) => w.key === chosen) ? chosen : null) ?? active[0]!.key;
  return (
    <section aria-labelledby="add-action" className="add-action">
      <h2 id="add-action">Add an action</h2>
      <form method="post" className="compact-form">
        <CsrfField token={csrfToken} />
        <Field id="action-workstream" label="Workstream" error={errors.ref}>
          <select id="action-workstream" name="ref" defaultValue={selected}>
            {active.map((w) => (
              <option key={w.key} value={w.key}>
                {w.key}: {w.title}
              </option>
            ))}
          </select>
        </Field>
        <Field id="action-what" label="What will be done" error={errors.what}>
          <input id="action-what" name="what" required maxLength={500} defaultValue={refused?.values?.what} />
        </Field>
        <Field id="action-owner" label="Owner" error={errors.owner}>
          <OwnerSelect id="action-owner" name="owner" view={view} defaultValue={refused?.values?.owner} />
        </Field>
        <Field
          id="action-due"
          label="Due on"
          error={errors.dueOn}
          hint="On or after the day the workstream started."
        >
          <input id="action-due" name="dueOn" type="date" required defaultValue={refused?.values?.dueOn} />
        </Field>
        <button type="submit" name="intent" value="add-action" disabled={isBusy}>
          Add the action
        </button>
      </form>
    </section>
  );
}

function NewWorkstream({ view, csrfToken, isBusy, failure }: FormProps) {
  const refused = failure?.values?.intent === 'create-workstream' ? failure : undefined;
  const errors = refused?.fieldErrors ?? {};
  const sides = view.relationship.sides;
  return (
    <section aria-labelledby="new-title">
      <h2 id="new-title">Start a workstream</h2>
      <details open={view.workstreams.length === 0 || Boolean(refused)}>
        <summary>A new workstream with an owner on each side</summary>
        <form method="post" className="compact-form">
          <CsrfField token={csrfToken} />
          <Field id="ws-title" label="Title" error={errors.title}>
            <input
              id="ws-title"
              name="title"
              required
              maxLength={160}
              defaultValue={refused?.values?.title}
            />
          </Field>
          <Field id="ws-type" label="Kind" error={errors.type}>
            <select id="ws-type" name="type" defaultValue={refused?.values?.type ?? 'ways-of-working'}>
              {WORKSTREAM_TYPES.map((type) => (
                <option key={type} value={type}>
                  {WORKSTREAM_TYPE_LABELS[type]}
                </option>
              ))}
            </select>
          </Field>
          <Field id="ws-description" label="What it is for (optional)" error={errors.description}>
            <textarea
              id="ws-description"
              name="description"
              rows={2}
              maxLength={4000}
              defaultValue={refused?.values?.description}
            />
          </Field>
          {SIDES.map((side) => (
            <Field
              key={side}
              id={`ws-owner-${side}`}
              label={`Owner at ${sides[side].name}`}
              error={errors[`owners.${side}`]}
            >
              <OwnerSelect
                id={`ws-owner-${side}`}
                name={`owner${side}`}
                view={view}
                side={side}
                defaultValue={refused?.values?.[`owner${side}`]}
              />
            </Field>
          ))}
          <fieldset>
            <legend>Dimensions it should move</legend>
            {errors.targetDimensions && <span className="field-error">{errors.targetDimensions}</span>}
            {[{ key: OVERALL, label: 'Overall trust' }, ...view.dimensions].map((d) => (
              <label key={d.key} className="inline-choice">
                <input type="checkbox" name="targetDimensions" value={d.key} /> {d.label}
              </label>
            ))}
          </fieldset>
          <Field id="ws-started" label="Started on" error={errors.startedOn}>
            <input
              id="ws-started"
              name="startedOn"
              type="date"
              required
              defaultValue={refused?.values?.startedOn ?? view.today}
            />
          </Field>
          {view.findings.length > 0 && (
            <fieldset>
              <legend>Findings it answers (optional)</legend>
              {view.findings.map((f) => (
                <label key={f.ref} className="block-choice">
                  <input type="checkbox" name="findings" value={f.ref} /> {f.ref} ({f.wave}): {f.title}
                </label>
              ))}
            </fieldset>
          )}
          <button type="submit" name="intent" value="create-workstream" disabled={isBusy}>
            Start the workstream
          </button>
        </form>
      </details>
    </section>
  );
}

function SmallBigThings({ view, csrfToken, isBusy, failure }: FormProps) {
  const refused = failure?.values?.intent === 'add-thing' ? failure : undefined;
  const errors = refused?.fieldErrors ?? {};
  const sides = view.relationship.sides;
  const open = view.smallBigThings.filter((t) => t.fixedOn === null).length;
  return (
    <section aria-labelledby="small-big-things" className="small-big-things">
      <h2 id="small-big-things">Small big things</h2>
      <p>
        Small, quick fixes that matter a lot to the other side: raise them, give each an owner and mark them
        fixed.{' '}
        {view.smallBigThings.length > 0 &&
          `${view.smallBigThings.length - open} of ${view.smallBigThings.length} fixed.`}
      </p>
      {view.smallBigThings.length > 0 && (
        <ul className="things-list">
          {view.smallBigThings.map((t) => (
            <li key={t.id}>
              <strong>{t.text}</strong>{' '}
              <span className="muted">
                raised {t.raisedOn}
                {t.raisedBySide ? ` by ${sides[t.raisedBySide].name}` : ''}; {ownerText(t.owner)}
                {t.workstream ? `; ${t.workstream}` : ''}
              </span>{' '}
              {t.fixedOn ? (
                <span className="status status-active">fixed {t.fixedOn}</span>
              ) : (
                <form method="post" className="inline-form">
                  <CsrfField token={csrfToken} />
                  <input type="hidden" name="thingId" value={t.id} />
                  <input type="hidden" name="text" value={t.text} />
                  <input type="hidden" name="raisedOn" value={t.raisedOn} />
                  <input type="hidden" name="raisedBySide" value={t.raisedBySide ?? ''} />
                  <input type="hidden" name="owner" value={t.owner ? ownerValue(t.owner) : ''} />
                  <input type="hidden" name="workstream" value={t.workstream ?? ''} />
                  <input type="hidden" name="fixedOn" value={view.today} />
                  <button
                    type="submit"
                    name="intent"
                    value="thing-fixed"
                    className="small secondary"
                    disabled={isBusy}
                  >
                    Fixed today<span className="visually-hidden">: {t.text}</span>
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      <details open={Boolean(refused)}>
        <summary>Raise a small big thing</summary>
        <form method="post" className="compact-form">
          <CsrfField token={csrfToken} />
          <Field id="thing-text" label="What" error={errors.text}>
            <input
              id="thing-text"
              name="text"
              required
              maxLength={500}
              defaultValue={refused?.values?.text}
            />
          </Field>
          <Field id="thing-raised" label="Raised on" error={errors.raisedOn}>
            <input
              id="thing-raised"
              name="raisedOn"
              type="date"
              required
              defaultValue={refused?.values?.raisedOn ?? view.today}
            />
          </Field>
          <Field id="thing-side" label="Raised by" error={errors.raisedBySide}>
            <select id="thing-side" name="raisedBySide" defaultValue={refused?.values?.raisedBySide ?? ''}>
              <option value="">Not known</option>
              {SIDES.map((side) => (
                <option key={side} value={side}>
                  {sides[side].name}
                </option>
              ))}
            </select>
          </Field>
          <Field id="thing-owner" label="Owner" error={errors.owner}>
            <OwnerSelect
              id="thing-owner"
              name="owner"
              view={view}
              optional
              defaultValue={refused?.values?.owner}
            />
          </Field>
          {view.workstreams.length > 0 && (
            <Field id="thing-workstream" label="Workstream" error={errors.workstream}>
              <select
                id="thing-workstream"
                name="workstream"
                defaultValue={refused?.values?.workstream ?? ''}
              >
                <option value="">None</option>
                {view.workstreams.map((w) => (
                  <option key={w.key} value={w.key}>
                    {w.key}: {w.title}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <button type="submit" name="intent" value="add-thing" disabled={isBusy}>
            Add to the list
          </button>
        </form>
      </details>
    </section>
  );
}
