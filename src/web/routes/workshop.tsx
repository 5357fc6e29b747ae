import { Form, Link, redirect, useActionData, useNavigation } from 'react-router';
import type { AppError } from '../../domain/app-error.ts';
import { SIDES } from '../../domain/model.ts';
import { fieldProblem, invalidFields } from '../../domain/parse-input.ts';
import { type Owner, WORKSTREAM_TYPES } from '../../domain/share-and-act.ts';
import { STEP_KINDS, STEP_LABELS, type StepKind } from '../../domain/workshop.ts';
import { commitWorkshopTheme } from '../../services/commit-workshop-theme.ts';
import { todayIso } from '../../services/find-wave.ts';
import { loadIncidentDimensions } from '../../services/load-incident-dimensions.ts';
import {
  endWorkshop,
  goToStep,
  presentFinding,
  saveWorkshopAgenda,
  setWorkshopTimer,
  startWorkshop,
} from '../../services/manage-workshop.ts';
import { loadOwnerCandidates } from '../../services/resolve-owner.ts';
import { createTheme, deleteTheme, placeNotes, revealStep } from '../../services/workshop-grouping.ts';
import { getWorkshopSchedule, inviteToWorkshop } from '../../services/workshop-invitation.ts';
import { joinWorkshopSignedIn } from '../../services/workshop-room.ts';
import { type FacilitatorWorkshopView, getWorkshopForFacilitator } from '../../services/workshop-view.ts';
import { type ActionFailure, isFormFailure, runFormAction } from '../action-result.server.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { CsrfField, ErrorSummary, TextField } from '../components/form-parts.tsx';
import { RelationshipNav } from '../components/relationship-nav.tsx';
import { SetupBreadcrumbs } from '../components/setup-breadcrumbs.tsx';
import { ownerFromValue, ownerValue, WORKSTREAM_TYPE_LABELS } from '../components/share-and-act-labels.ts';
import { SiteHeader } from '../components/site-header.tsx';
import { orNotFound } from '../not-found.server.ts';
import { GroupingBoard, HiddenFields } from '../workshop/grouping-board.tsx';
import {
  allRevealedNotes,
  CommitmentsList,
  currentStepOf,
  LiveBadge,
  TallyBars,
  TimerBadge,
  WorkshopSummaryView,
} from '../workshop/room-parts.tsx';
import { useWorkshopEvents } from '../workshop/use-workshop-events.ts';
import { workshopCookieFor } from '../workshop/workshop-cookie.server.ts';
import type { Route } from './+types/workshop';

// The facilitator's control view of a live workshop (issue 10, items 1, 3–6): the agenda (reorder,
// add, remove, move the room to a step), reveal a step's notes or a vote's tally, group revealed notes
// into themes (a select per note: keyboard and screen reader first), run a timer, commit a theme as
// a workstream, a small big thing or a charter principle, and end the workshop. Every control is a
// plain form; with JavaScript the page follows the room. The projector view is a separate page.

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data?.workshop.title ?? 'Workshop'} — Trustloop` }];
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const workshop = await orNotFound(getWorkshopForFacilitator(context.db, user.workspaceId, params.wid));
  const [owners, dimensions] = await Promise.all([
    loadOwnerCandidates(context.db, workshop.relationshipId),
    loadIncidentDimensions(context.db, workshop.relationshipId),
  ]);
  return {
    userName: user.name || user.email,
    csrfToken: csrfTokenOf(context),
    relationshipId: params.id,
    workshop: workshop as FacilitatorWorkshopView,
    owners,
    dimensions,
    today: todayIso(),
    schedule: await getWorkshopSchedule(context.db, params.wid),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireWebUser(context, request);
  const form = await request.formData();
  const field = (name: string) => String(form.get(name) ?? '');
  const db = context.db;
  const ws = user.workspaceId;
  const id = params.wid;
  const author = { name: user.name || user.email };
  const intent = field('intent');
  if (intent === 'join-here') {
    const joined = await runFormAction(form, () =>
      joinWorkshopSignedIn(db, user, id, { side: field('side'), level: field('level') || null }),
    );
    if (!('token' in joined)) return joined;
    return redirect('/w/room', { headers: { 'Set-Cookie': workshopCookieFor(joined.token, request) } });
  }
  const agendaNow = async () =>
    (await getWorkshopForFacilitator(db, ws, id)).steps.map((s) => ({
      id: s.id,
      kind: s.kind,
      prompt: s.prompt,
    }));
  const result = await runFormAction(form, async () => {
    switch (intent) {
      case 'invite':
        return inviteToWorkshop(
          db,
          ws,
          id,
          {
            date: field('date'),
            time: field('time'),
            timeZone: field('timeZone') || 'UTC',
            minutes: field('minutes'),
            location: field('location'),
          },
          { baseUrl: context.baseUrl, organizer: { name: author.name, email: user.email } },
        );
      case 'start':
        return startWorkshop(db, ws, id);
      case 'end':
        if (field('confirm') !== 'yes') throw refusal('confirm', 'tick the box to end the workshop');
        return endWorkshop(db, ws, id);
      case 'step':
        return goToStep(db, ws, id, field('stepId'));
      case 'reveal':
        return revealStep(db, ws, id, field('stepId'), { showSmallSides: field('showSmallSides') === 'yes' });
      case 'present':
        return presentFinding(db, ws, id, Number(field('index')));
      case 'timer':
        return setWorkshopTimer(
          db,
          ws,
          id,
          field('minutes') === 'stop' ? null : Math.round(Number(field('minutes')) * 60),
        );
      case 'theme':
        return createTheme(db, { workspaceId: ws }, id, {
          title: field('title'),
          noteIds: form.getAll('noteIds').map(String),
        });
      case 'theme-delete':
        return deleteTheme(db, { workspaceId: ws }, id, field('themeId'));
      case 'place':
        return placeNotes(db, { workspaceId: ws }, id, [field('noteId')], field('themeId') || null);
      case 'agenda-move': {
        const steps = await agendaNow();
        const at = steps.findIndex((s) => s.id === field('stepId'));
        const to = at + (field('direction') === 'up' ? -1 : 1);
        if (at < 0 || to < 0 || to >= steps.length) return undefined;
        [steps[at], steps[to]] = [steps[to]!, steps[at]!];
        return saveWorkshopAgenda(db, ws, id, steps);
      }
      case 'agenda-add':
        return saveWorkshopAgenda(db, ws, id, [
          ...(await agendaNow()),
          { kind: field('kind'), prompt: field('prompt') || null },
        ]);
      case 'agenda-remove':
        return saveWorkshopAgenda(
          db,
          ws,
          id,
          (await agendaNow()).filter((s) => s.id !== field('stepId')),
        );
      case 'commit': {
        const kind = field('kind');
        const themeId = field('themeId') || null;
        if (kind === 'workstream') {
          return commitWorkshopTheme(
            db,
            ws,
            id,
            themeId,
            {
              kind,
              workstream: {
                title: field('title'),
                type: field('type'),
                owners: { A: ownerFromValue(field('ownerA')), B: ownerFromValue(field('ownerB')) },
                targetDimensions: form.getAll('targetDimensions').map(String),
                startedOn: field('startedOn'),
              },
            },
            author,
          );
        }
        return commitWorkshopTheme(
          db,
          ws,
          id,
          themeId,
          {
            kind,
            text: field('text'),
            ...(kind === 'small-big-thing' ? { raisedBySide: field('raisedBySide') || null } : {}),
          },
          author,
        );
      }
      default:
        throw refusal('intent', 'nothing to do');
    }
  });
  if (isFormFailure(result)) return result;
  return redirect(`/relationships/${encodeURIComponent(params.id)}/workshops/${id}${anchorOf(intent)}`);
}

function refusal(field: string, message: string): AppError {
  return invalidFields([fieldProblem(field, message)]);
}

function anchorOf(intent: string): string {
  if (intent.startsWith('agenda') || intent === 'step') return '#agenda';
  if (intent === 'theme' || intent === 'place' || intent === 'theme-delete') return '#group';
  if (intent === 'commit') return '#commit';
  if (intent === 'invite') return '#invite';
  return '';
}

export default function Workshop({ loaderData }: Route.ComponentProps) {
  const { workshop, relationshipId, csrfToken } = loaderData;
  const failure = useActionData<typeof action>() as ActionFailure | undefined;
  const live = useWorkshopEvents(workshop.status === 'live' ? `/api/workshops/${workshop.id}/events` : null);
  const base = `/relationships/${relationshipId}`;
  const current = currentStepOf(workshop.steps, workshop.currentStepId);
  return (
    <>
      <SiteHeader userName={loaderData.userName} csrfToken={csrfToken} current="relationships" />
      <main className="page wide workshop-control" id="main">
        <SetupBreadcrumbs
          trail={[
            { label: 'Relationships', to: '/' },
            { label: workshop.relationship, to: base },
            { label: 'Workshops', to: `${base}/workshops` },
            { label: workshop.title },
          ]}
        />
        <h1>{workshop.title}</h1>
        <RelationshipNav id={relationshipId} current="workshops" />
        <ErrorSummary failure={failure} />
        <Overview workshop={workshop} base={base} live={live} csrfToken={csrfToken} />
        {workshop.summary ? (
          <WorkshopSummaryView summary={workshop.summary} workstreams={`${base}/workstreams`} />
        ) : (
          <Running {...{ loaderData, current }} />
        )}
      </main>
    </>
  );
}

function Running({
  loaderData,
  current,
}: {
  loaderData: Route.ComponentProps['loaderData'];
  current: ReturnType<typeof currentStepOf>;
}) {
  const { workshop, csrfToken } = loaderData;
  const failure = useActionData<typeof action>() as ActionFailure | undefined;
  return (
    <>
      {workshop.status === 'draft' && (
        <Invite schedule={loaderData.schedule} csrfToken={csrfToken} failure={failure} />
      )}
      <Agenda workshop={workshop} csrfToken={csrfToken} currentNumber={current?.number ?? null} />
      {current?.step.kind === 'present' && <PresentControls workshop={workshop} csrfToken={csrfToken} />}
      {workshop.status !== 'draft' && <Group workshop={workshop} csrfToken={csrfToken} />}
      {workshop.steps.some((s) => s.kind === 'vote' && s.tally) && (
        <section aria-labelledby="vote-result">
          <h2 id="vote-result">The vote</h2>
          {workshop.steps
            .filter((s) => s.tally)
            .map((s) => (
              <TallyBars key={s.id} tally={s.tally!} themes={workshop.themes} sides={workshop.sides} />
            ))}
        </section>
      )}
      {workshop.status !== 'draft' && (
        <Commit
          workshop={workshop}
          csrfToken={csrfToken}
          owners={loaderData.owners}
          dimensions={loaderData.dimensions}
          today={loaderData.today}
        />
      )}
      {workshop.status === 'live' && <EndForm csrfToken={csrfToken} />}
    </>
  );
}

function Hidden({
  intent,
  csrfToken,
  ...rest
}: { intent: string; csrfToken: string } & Record<string, string>) {
  return (
    <>
      <CsrfField token={csrfToken} />
      <HiddenFields fields={{ intent, ...rest }} />
    </>
  );
}

function Overview(props: {
  workshop: FacilitatorWorkshopView;
  base: string;
  live: ReturnType<typeof useWorkshopEvents>;
  csrfToken: string;
}) {
  const { workshop } = props;
  const busy = useNavigation().state === 'submitting';
  return (
    <section aria-labelledby="room" className="workshop-overview">
      <h2 id="room">The room</h2>
      {workshop.status === 'draft' && (
        <>
          <p>
            Not started. When you start, people can join at <strong>/w</strong> with the code{' '}
            <strong>{workshop.code}</strong>, and the room is on the first step.
          </p>
          <Form method="post">
            <Hidden intent="start" csrfToken={props.csrfToken} />
            <button type="submit" disabled={busy}>
              Start the workshop
            </button>
          </Form>
        </>
      )}
      {workshop.status === 'live' && (
        <>
          <div className="workshop-phone-bar">
            <p>
              Code <strong className="workshop-code-inline">{workshop.code}</strong> · joined:{' '}
              {SIDES.map((side) => `${workshop.sides[side]} ${workshop.joined[side]}`).join(', ')}
            </p>
            <LiveBadge state={props.live} />
          </div>
          {workshop.smallSides.length > 0 && (
            <p className="notice" id="small-sides" role="note">
              Only{' '}
              {workshop.smallSides
                .map((side) => `${workshop.joined[side]} from ${workshop.sides[side]}`)
                .join(' and ')}{' '}
              {workshop.smallSides.length === 1 && workshop.joined[workshop.smallSides[0]!] === 1
                ? 'has'
                : 'have'}{' '}
              joined: once a step's notes or the vote's result are shown, the room may tell whose they are.
              Showing them needs <strong>Show anyway</strong> ticked.
            </p>
          )}
          <p>
            <Link to={`${props.base}/workshops/${workshop.id}/present`} target="_blank" rel="noopener">
              Open the projector view
            </Link>{' '}
            (in a new window, for the big screen)
          </p>
          <JoinHere workshop={workshop} csrfToken={props.csrfToken} />
          <TimerBadge endsAt={workshop.timerEndsAt} />
          <Form method="post" className="workshop-controls">
            <Hidden intent="timer" csrfToken={props.csrfToken} />
            <div className="field">
              <label htmlFor="field-minutes">Timer</label>
              <select id="field-minutes" name="minutes" defaultValue="5">
                {['1', '2', '3', '5', '10', '15', '20'].map((m) => (
                  <option key={m} value={m}>
                    {m} minutes
                  </option>
                ))}
                <option value="stop">Stop the timer</option>
              </select>
            </div>
            <button type="submit" className="secondary" disabled={busy}>
              Set the timer
            </button>
          </Form>
        </>
      )}
      {workshop.status === 'ended' && (
        <p>
          The workshop has ended. This is its summary, saved then; the people who joined see it on their
          phones, and it goes with the relationship in an export.
        </p>
      )}
    </section>
  );
}

/** When and where it meets, and the invitation with its calendar file to everyone of the relationship. */
function Invite(props: {
  schedule: Route.ComponentProps['loaderData']['schedule'];
  csrfToken: string;
  failure: ActionFailure | undefined;
}) {
  const { schedule, failure } = props;
  const busy = useNavigation().state === 'submitting';
  const mine = failure?.values?.intent === 'invite' ? failure : undefined;
  const value = (name: string, fallback: string) => mine?.values?.[name] ?? fallback;
  return (
    <section aria-labelledby="invite" id="invite">
      <h2 id="invite">When and where: the invitation</h2>
      {schedule ? (
        <p className="notice success">
          Set for {schedule.startsAt.slice(0, 10)} {schedule.startsAt.slice(11, 16)} UTC, {schedule.minutes}{' '}
          minutes
          {schedule.location ? `, ${schedule.location}` : ''}. The invitation went out{' '}
          {schedule.sequence === 1 ? 'once' : `${schedule.sequence} times (each replaces the one before)`}.
        </p>
      ) : (
        <p>
          Every participant of the relationship with an email address and every sponsor of it gets a mail with
          a calendar file. Change the time later and send again: calendars move the event.
        </p>
      )}
      <Form method="post" noValidate className="compact-form">
        <Hidden intent="invite" csrfToken={props.csrfToken} />
        <div className="workshop-schedule-fields">
          <TextField
            name="date"
            label="Day"
            type="date"
            defaultValue={value('date', schedule?.startsAt.slice(0, 10) ?? '')}
            error={mine?.fieldErrors.date}
          />
          <TextField
            name="time"
            label="Starts at"
            type="time"
            defaultValue={value('time', '')}
            error={mine?.fieldErrors.time}
          />
          <TextField
            name="timeZone"
            label="Time zone"
            hint="Such as Europe/London, Europe/Berlin or UTC"
            defaultValue={value('timeZone', 'UTC')}
            error={mine?.fieldErrors.timeZone}
          />
          <TextField
            name="minutes"
            label="Length in minutes"
            type="number"
            min={15}
            max={480}
            defaultValue={value('minutes', String(schedule?.minutes ?? 90))}
            error={mine?.fieldErrors.minutes}
          />
        </div>
        <TextField
          name="location"
          label="Where (a room, or a video link)"
          defaultValue={value('location', schedule?.location ?? '')}
          error={mine?.fieldErrors.location}
        />
        <button type="submit" disabled={busy}>
          {schedule ? 'Send the changed invitation' : 'Email the invitation'}
        </button>
      </Form>
    </section>
  );
}

/** A facilitator who is also one of the room (a key-account manager, say) joins signed in, here. */
function JoinHere({ workshop, csrfToken }: { workshop: FacilitatorWorkshopView; csrfToken: string }) {
  const busy = useNavigation().state === 'submitting';
  return (
    <details className="workshop-join-here">
      <summary>Take part yourself on this device</summary>
      <p className="muted">
        You join signed in, without the code; this browser becomes a phone in the room (come back here with
        the back button). Your notes are anonymous like everyone's.
      </p>
      <Form method="post" className="compact-form">
        <Hidden intent="join-here" csrfToken={csrfToken} />
        <fieldset className="field">
          <legend>Your organisation</legend>
          {SIDES.map((side) => (
            <label key={side} className="choice">
              <input type="radio" name="side" value={side} required /> {workshop.sides[side]}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="field-join-level">Your level (optional)</label>
          <select id="field-join-level" name="level" defaultValue="">
            <option value="">Rather not say</option>
            <option value="leadership">Leadership</option>
            <option value="operational">Operational</option>
            <option value="staff">Staff</option>
          </select>
        </div>
        <button type="submit" className="secondary" disabled={busy}>
          Join the room
        </button>
      </Form>
    </details>
  );
}

function Agenda(props: {
  workshop: FacilitatorWorkshopView;
  csrfToken: string;
  currentNumber: number | null;
}) {
  const { workshop, csrfToken } = props;
  const busy = useNavigation().state === 'submitting';
  const ended = workshop.status === 'ended';
  return (
    <section aria-labelledby="agenda">
      <h2 id="agenda">Agenda</h2>
      <ol className="workshop-agenda">
        {workshop.steps.map((step, index) => {
          const isCurrent = step.id === workshop.currentStepId;
          return (
            <li key={step.id} aria-current={isCurrent ? 'step' : undefined}>
              <span className="grow">
                <strong>
                  {index + 1}. {step.label}
                </strong>
                {step.prompt && <>: {step.prompt}</>}
                {step.kind === 'reflect' && (
                  <span className="muted">
                    {' '}
                    · {step.noteCount} note{step.noteCount === 1 ? '' : 's'}
                    {step.revealed ? ', shown' : ', private'}
                  </span>
                )}
                {step.kind === 'vote' && step.voters && (
                  <span className="muted">
                    {' '}
                    · voted: {SIDES.map((s) => `${workshop.sides[s]} ${step.voters![s]}`).join(', ')}
                    {step.revealed ? ', result shown' : ''}
                  </span>
                )}
                {isCurrent && <span className="status status-active"> The room is here</span>}
              </span>
              {!ended && workshop.status === 'live' && !isCurrent && (
                <Form method="post">
                  <Hidden intent="step" csrfToken={csrfToken} stepId={step.id} />
                  <button type="submit" className="secondary small" disabled={busy}>
                    Go to step {index + 1}
                  </button>
                </Form>
              )}
              {!ended &&
                (step.kind === 'reflect' || step.kind === 'vote') &&
                !step.revealed &&
                workshop.status === 'live' && (
                  <Form method="post" className="workshop-reveal">
                    <Hidden intent="reveal" csrfToken={csrfToken} stepId={step.id} />
                    {workshop.smallSides.length > 0 && (
                      <label className="choice small">
                        <input
                          type="checkbox"
                          name="showSmallSides"
                          value="yes"
                          id={isCurrent ? 'field-showSmallSides' : `show-small-${step.id}`}
                          aria-describedby="small-sides"
                        />{' '}
                        Show anyway
                      </label>
                    )}
                    <button type="submit" className="small" disabled={busy}>
                      {step.kind === 'reflect' ? 'Show the notes' : 'Show the result'}
                    </button>
                  </Form>
                )}
              {!ended && (
                <>
                  <Form method="post">
                    <Hidden intent="agenda-move" csrfToken={csrfToken} stepId={step.id} direction="up" />
                    <button
                      type="submit"
                      className="secondary small"
                      disabled={busy || index === 0}
                      aria-label={`Move step ${index + 1} up`}
                    >
                      ↑
                    </button>
                  </Form>
                  <Form method="post">
                    <Hidden intent="agenda-move" csrfToken={csrfToken} stepId={step.id} direction="down" />
                    <button
                      type="submit"
                      className="secondary small"
                      disabled={busy || index === workshop.steps.length - 1}
                      aria-label={`Move step ${index + 1} down`}
                    >
                      ↓
                    </button>
                  </Form>
                  {step.noteCount === 0 && !isCurrent && (
                    <Form method="post">
                      <Hidden intent="agenda-remove" csrfToken={csrfToken} stepId={step.id} />
                      <button
                        type="submit"
                        className="secondary small"
                        disabled={busy}
                        aria-label={`Remove step ${index + 1}`}
                      >
                        Remove
                      </button>
                    </Form>
                  )}
                </>
              )}
            </li>
          );
        })}
      </ol>
      {!ended && (
        <details>
          <summary>Add a step</summary>
          <Form method="post" className="compact-form">
            <Hidden intent="agenda-add" csrfToken={csrfToken} />
            <div className="field">
              <label htmlFor="field-kind">Kind of step</label>
              <select id="field-kind" name="kind" defaultValue="reflect">
                {STEP_KINDS.map((kind: StepKind) => (
                  <option key={kind} value={kind}>
                    {STEP_LABELS[kind]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="field-prompt">Prompt (for reflect and vote steps)</label>
              <input id="field-prompt" name="prompt" maxLength={200} />
            </div>
            <button type="submit" disabled={busy}>
              Add at the end
            </button>
          </Form>
        </details>
      )}
    </section>
  );
}

function PresentControls({ workshop, csrfToken }: { workshop: FacilitatorWorkshopView; csrfToken: string }) {
  const busy = useNavigation().state === 'submitting';
  const count = workshop.findings.length;
  const finding = workshop.findings[workshop.presentIndex];
  return (
    <section aria-labelledby="present">
      <h2 id="present">Presenting the findings</h2>
      <p>
        On the screen: finding {workshop.presentIndex + 1} of {count}
        {finding && <>, “{finding.title}”</>}.
      </p>
      <div className="workshop-controls">
        {workshop.presentIndex > 0 && (
          <Form method="post">
            <Hidden intent="present" csrfToken={csrfToken} index={String(workshop.presentIndex - 1)} />
            <button type="submit" className="secondary" disabled={busy}>
              Previous finding
            </button>
          </Form>
        )}
        {workshop.presentIndex < count - 1 && (
          <Form method="post">
            <Hidden intent="present" csrfToken={csrfToken} index={String(workshop.presentIndex + 1)} />
            <button type="submit" disabled={busy}>
              Next finding
            </button>
          </Form>
        )}
      </div>
    </section>
  );
}

function Group({ workshop, csrfToken }: { workshop: FacilitatorWorkshopView; csrfToken: string }) {
  const notes = allRevealedNotes(workshop.steps);
  return (
    <section aria-labelledby="group">
      <h2 id="group">Notes and themes</h2>
      {notes.length === 0 ? (
        <p className="muted">No notes shown yet: show a reflect step's notes to group them.</p>
      ) : (
        <GroupingBoard
          notes={notes}
          themes={workshop.themes}
          sides={workshop.sides}
          hidden={{ _csrf: csrfToken }}
          editable={workshop.status === 'live'}
          canRemove
          headingLevel={3}
        />
      )}
    </section>
  );
}

function Commit(props: {
  workshop: FacilitatorWorkshopView;
  csrfToken: string;
  owners: Owner[];
  dimensions: { key: string; label: string }[];
  today: string;
}) {
  const { workshop, csrfToken } = props;
  const busy = useNavigation().state === 'submitting';
  const live = workshop.status === 'live';
  // Keyed by the themes, so a theme made since the page first rendered is offered (and chosen first).
  const themesKey = workshop.themes.map((theme) => theme.id).join();
  const themeSelect = (id: string) => (
    <div className="field">
      <label htmlFor={id}>From the theme</label>
      <select id={id} name="themeId" key={themesKey}>
        {workshop.themes.map((theme) => (
          <option key={theme.id} value={theme.id}>
            {theme.title}
          </option>
        ))}
        <option value="">No theme</option>
      </select>
    </div>
  );
  return (
    <section aria-labelledby="commit">
      <h2 id="commit">Committed in the room</h2>
      <CommitmentsList
        commitments={workshop.commitments}
        workstreams={`/relationships/${workshop.relationshipId}/workstreams`}
      />
      {live && (
        <>
          <details>
            <summary>Make a theme a workstream</summary>
            <Form method="post" className="compact-form" key={`ws-${workshop.commitments.length}`}>
              <Hidden intent="commit" csrfToken={csrfToken} kind="workstream" />
              {themeSelect('commit-ws-theme')}
              <div className="field">
                <label htmlFor="commit-ws-title">Workstream</label>
                <input id="commit-ws-title" name="title" maxLength={160} />
              </div>
              <div className="field">
                <label htmlFor="commit-ws-type">Type</label>
                <select id="commit-ws-type" name="type" defaultValue="ways-of-working">
                  {WORKSTREAM_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {WORKSTREAM_TYPE_LABELS[type]}
                    </option>
                  ))}
                </select>
              </div>
              {SIDES.map((side) => (
                <div className="field" key={side}>
                  <label htmlFor={`commit-ws-owner-${side}`}>Owner at {workshop.sides[side]}</label>
                  <select id={`commit-ws-owner-${side}`} name={`owner${side}`} defaultValue="">
                    <option value="">Choose someone</option>
                    {props.owners
                      .filter((o) => o.side === side)
                      .map((o) => (
                        <option key={ownerValue(o)} value={ownerValue(o)}>
                          {o.kind === 'sponsor' ? `${o.name} (sponsor)` : o.name}
                        </option>
                      ))}
                  </select>
                </div>
              ))}
              <fieldset>
                <legend>Dimensions it should move</legend>
                {props.dimensions.map((d) => (
                  <label key={d.key} className="choice">
                    <input type="checkbox" name="targetDimensions" value={d.key} /> {d.label}
                  </label>
                ))}
              </fieldset>
              <input type="hidden" name="startedOn" value={props.today} />
              <button type="submit" disabled={busy}>
                Start the workstream
              </button>
            </Form>
          </details>
          <details>
            <summary>Add a small big thing</summary>
            <Form method="post" className="compact-form" key={`sbt-${workshop.commitments.length}`}>
              <Hidden intent="commit" csrfToken={csrfToken} kind="small-big-thing" />
              {themeSelect('commit-sbt-theme')}
              <div className="field">
                <label htmlFor="commit-sbt-text">The small thing</label>
                <input id="commit-sbt-text" name="text" maxLength={500} />
              </div>
              <div className="field">
                <label htmlFor="commit-sbt-side">Raised by</label>
                <select id="commit-sbt-side" name="raisedBySide" defaultValue="">
                  <option value="">Both, or not known</option>
                  {SIDES.map((side) => (
                    <option key={side} value={side}>
                      {workshop.sides[side]}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" disabled={busy}>
                Add the small big thing
              </button>
            </Form>
          </details>
          <details>
            <summary>Add a charter principle</summary>
            <Form method="post" className="compact-form" key={`cp-${workshop.commitments.length}`}>
              <Hidden intent="commit" csrfToken={csrfToken} kind="charter-principle" />
              {themeSelect('commit-cp-theme')}
              <div className="field">
                <label htmlFor="commit-cp-text">The principle</label>
                <input id="commit-cp-text" name="text" maxLength={300} />
              </div>
              <p className="hint">Saves a new version of the charter, which both sponsors sign again.</p>
              <button type="submit" disabled={busy}>
                Add to the charter
              </button>
            </Form>
          </details>
        </>
      )}
    </section>
  );
}

function EndForm({ csrfToken }: { csrfToken: string }) {
  const busy = useNavigation().state === 'submitting';
  return (
    <section aria-labelledby="end">
      <h2 id="end">End the workshop</h2>
      <Form method="post" className="compact-form">
        <Hidden intent="end" csrfToken={csrfToken} />
        <label className="choice">
          <input type="checkbox" name="confirm" value="yes" /> The room is done: save the summary and stop the
          code
        </label>
        <button type="submit" className="danger" disabled={busy}>
          End the workshop
        </button>
      </Form>
    </section>
  );
}
