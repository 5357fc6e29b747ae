import { data, Form, Link, redirect, useNavigation } from 'react-router';
import { isAppError } from '../../domain/app-error.ts';
import { NOTE_MAX, SIGNATURE_MAX } from '../../domain/workshop.ts';
import { createTheme, placeNotes } from '../../services/workshop-grouping.ts';
import { castBallot, editNote, writeNote } from '../../services/workshop-room.ts';
import { attendeeByToken } from '../../services/workshop-rows.ts';
import { type AttendeeWorkshopView, getWorkshopForAttendee } from '../../services/workshop-view.ts';
import { type ActionFailure, isFormFailure, runFormAction } from '../action-result.server.ts';
import { FindingCard } from '../components/finding-card.tsx';
import { ErrorSummary } from '../components/form-parts.tsx';
import { GroupingBoard } from '../workshop/grouping-board.tsx';
import {
  allRevealedNotes,
  CommitmentsList,
  currentStepOf,
  LiveBadge,
  NotesList,
  TallyBars,
  ThemesList,
  TimerBadge,
  WorkshopSummaryView,
} from '../workshop/room-parts.tsx';
import { useWorkshopEvents } from '../workshop/use-workshop-events.ts';
import { clearedWorkshopCookie, workshopTokenOf } from '../workshop/workshop-cookie.server.ts';
import type { Route } from './+types/workshop-room';

// The workshop on a phone (issue 10, items 3–5), once joined (/w): the finding on screen, a note
// box while reflecting (private until the facilitator reveals the step), your dots while voting, and what was agreed. Works on a 360-pixel screen and without
// JavaScript; with it, the page follows the room and catches up by itself after a sleep.

export function meta({ data: loaderData }: Route.MetaArgs) {
  const title = loaderData?.room.title ?? 'Workshop';
  return [{ title: `${title} — Trustloop` }, { name: 'referrer', content: 'same-origin' }];
}

export async function loader({ context, request }: Route.LoaderArgs) {
  try {
    return { room: await getWorkshopForAttendee(context.db, workshopTokenOf(request)) };
  } catch (error) {
    // Not joined (or joined a workshop that is gone): the join page.
    if (isAppError(error) && (error.code === 'unauthorized' || error.code === 'not-found'))
      throw redirect('/w');
    throw error;
  }
}

export async function action({ context, request }: Route.ActionArgs) {
  const form = await request.formData();
  const intent = String(form.get('intent') ?? '');
  const token = workshopTokenOf(request);
  const db = context.db;
  if (intent === 'leave') {
    return redirect('/w', {
      headers: {
        'Set-Cookie': clearedWorkshopCookie(request),
      },
    });
  }
  if (intent === 'note') {
    const written = await runFormAction(form, () =>
      writeNote(db, token, {
        text: String(form.get('text') ?? ''),
        signedAs: String(form.get('signedAs') ?? ''),
      }),
    );
    if (!('id' in written)) return written;
    return redirect('/w/room#your-notes');
  }
  if (intent === 'note-delete') {
    const removed = await runFormAction(form, () =>
      editNote(db, token, String(form.get('noteId') ?? ''), null),
    );
    if (removed !== undefined) return removed;
    return redirect('/w/room#your-notes');
  }
  if (intent === 'theme' || intent === 'place') {
    const grouped = await runFormAction(form, async () => {
      const attendee = await attendeeByToken(db, token);
      if (intent === 'theme') {
        return createTheme(db, { token }, attendee.workshopId, {
          title: String(form.get('title') ?? ''),
          noteIds: form.getAll('noteIds').map(String),
        });
      }
      const themeId = String(form.get('themeId') ?? '');
      return placeNotes(
        db,
        { token },
        attendee.workshopId,
        [String(form.get('noteId') ?? '')],
        themeId || null,
      );
    });
    if (isFormFailure(grouped)) return grouped;
    return redirect('/w/room#main');
  }
  if (intent === 'ballot') {
    const ballot: Record<string, number> = {};
    for (const [key, value] of form.entries()) {
      if (!key.startsWith('dots.') || typeof value !== 'string' || value === '' || value === '0') continue;
      ballot[key.slice('dots.'.length)] = Number(value);
    }
    const cast = await runFormAction(form, () => castBallot(db, token, ballot));
    if (!('used' in cast)) return cast;
    return redirect('/w/room#vote');
  }
  return data({ ok: false, message: 'Nothing to do.', fieldErrors: {} } satisfies ActionFailure, {
    status: 400,
  });
}

export default function WorkshopRoom({ loaderData, actionData }: Route.ComponentProps) {
  const failure =
    actionData && 'ok' in actionData && actionData.ok === false ? (actionData as ActionFailure) : undefined;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to the main content
      </a>
      <header className="site survey-header">
        <span className="brand">{loaderData.room.title}</span>
      </header>
      <main className="page survey workshop-phone" id="main">
        <ErrorSummary failure={failure} />
        <Room room={loaderData.room} />
      </main>
    </>
  );
}

function Room({ room }: { room: AttendeeWorkshopView }) {
  const live = useWorkshopEvents(room.status === 'live' ? '/api/w/events' : null);
  const current = currentStepOf(room.steps, room.currentStepId);
  const you = `${room.sides[room.you.side]}${room.you.level ? `, ${room.you.level}` : ''}`;
  if (room.status === 'ended') return <Ended room={room} />;
  const step = current?.step;
  return (
    <>
      <div className="workshop-phone-bar">
        <p className="muted">You are in as {you}.</p>
        <LiveBadge state={live} />
      </div>
      {step ? (
        <>
          <p className="workshop-step-number">
            Step {current.number} of {room.steps.length}: {step.label}
          </p>
          <TimerBadge endsAt={room.timerEndsAt} />
          {step.kind === 'present' && <Present room={room} />}
          {step.kind === 'reflect' && <ReflectStep room={room} stepId={step.id} />}
          {step.kind === 'group' &&
            (room.attendeesGroup ? (
              <>
                <h1>Group the notes</h1>
                <p>Put the notes that belong together into themes, with everyone else in the room.</p>
                <GroupingBoard
                  notes={allRevealedNotes(room.steps)}
                  themes={room.themes}
                  sides={room.sides}
                  hidden={{}}
                  editable
                  canRemove={false}
                  headingLevel={2}
                />
              </>
            ) : (
              <>
                <h1>Grouping the notes</h1>
                <p>The facilitator is putting the notes into themes. Look at the big screen.</p>
                <ThemesList themes={room.themes} notes={allRevealedNotes(room.steps)} sides={room.sides} />
              </>
            ))}
          {step.kind === 'vote' && <Vote room={room} stepId={step.id} />}
          {step.kind === 'discuss' && (
            <>
              <h1>Discuss</h1>
              {step.prompt && <p>{step.prompt}</p>}
              <ThemesList themes={room.themes} notes={allRevealedNotes(room.steps)} sides={room.sides} />
            </>
          )}
          {step.kind === 'commit' && (
            <>
              <h1>What we commit to</h1>
              <CommitmentsList commitments={room.commitments} />
            </>
          )}
        </>
      ) : (
        <h1>Waiting for the first step</h1>
      )}
      <p className="workshop-refresh">
        <Link to="/w/room" reloadDocument>
          Look again
        </Link>{' '}
        <span className="muted">(the page follows the room by itself when it can)</span>
      </p>
    </>
  );
}

function Present({ room }: { room: AttendeeWorkshopView }) {
  const finding = room.findings[room.presentIndex];
  const sides = { A: { name: room.sides.A, role: '' }, B: { name: room.sides.B, role: '' } };
  return (
    <>
      <h1>The findings</h1>
      {finding ? (
        <>
          <p className="muted">
            Finding {room.presentIndex + 1} of {room.findings.length}
          </p>
          <FindingCard finding={finding} sides={sides} headingLevel={2} />
        </>
      ) : (
        <p>No findings were released for this workshop.</p>
      )}
    </>
  );
}

function ReflectStep({ room, stepId }: { room: AttendeeWorkshopView; stepId: string }) {
  const step = room.steps.find((s) => s.id === stepId)!;
  const mine = room.ownNotes.filter((note) => note.stepId === stepId);
  const busy = useNavigation().state === 'submitting';
  if (step.revealed) {
    return (
      <>
        <h1>{step.prompt ?? 'Reflect'}</h1>
        <p>The notes are on the screen now, without names.</p>
        <NotesList notes={step.notes} sides={room.sides} label="Everyone's notes" />
      </>
    );
  }
  return (
    <>
      <h1>{step.prompt ?? 'Reflect'}</h1>
      <p>
        Only you see your notes until the facilitator shows them to the room, without your name. Write as many
        as you like.
      </p>
      <Form method="post" className="compact-form" key={mine.length}>
        <input type="hidden" name="intent" value="note" />
        <div className="field">
          <label htmlFor="field-text">Your note</label>
          <textarea id="field-text" name="text" rows={3} maxLength={NOTE_MAX} required />
        </div>
        <details>
          <summary>Sign this note with your name (optional)</summary>
          <div className="field">
            <label htmlFor="field-signedAs">Your name, shown with the note</label>
            <input id="field-signedAs" name="signedAs" maxLength={SIGNATURE_MAX} autoComplete="name" />
          </div>
        </details>
        <button type="submit" disabled={busy}>
          Add my note
        </button>
      </Form>
      <section aria-labelledby="your-notes">
        <h2 id="your-notes">Your notes ({mine.length})</h2>
        {mine.length === 0 ? (
          <p className="muted">None yet.</p>
        ) : (
          <ul className="workshop-own-notes">
            {mine.map((note) => (
              <li key={note.id}>
                <p>{note.text}</p>
                <Form method="post">
                  <input type="hidden" name="intent" value="note-delete" />
                  <input type="hidden" name="noteId" value={note.id} />
                  <button
                    type="submit"
                    className="secondary small"
                    aria-label={`Remove the note: ${note.text.slice(0, 40)}`}
                  >
                    Remove
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function Vote({ room, stepId }: { room: AttendeeWorkshopView; stepId: string }) {
  const step = room.steps.find((s) => s.id === stepId)!;
  const busy = useNavigation().state === 'submitting';
  const used = Object.values(room.ownBallot).reduce((sum, n) => sum + n, 0);
  if (step.revealed && step.tally) {
    return (
      <>
        <h1 id="vote">The vote</h1>
        <TallyBars tally={step.tally} themes={room.themes} sides={room.sides} />
      </>
    );
  }
  return (
    <>
      <h1 id="vote">{step.prompt ?? 'Vote'}</h1>
      <p>
        You have {room.dots} dots. Put them on the themes that matter most; several on one theme is fine. You
        can change your dots until the vote closes.
      </p>
      {used > 0 && (
        <p className="workshop-voted" role="status">
          Your dots are in: {used} of {room.dots}.
        </p>
      )}
      <Form method="post" className="compact-form">
        <input type="hidden" name="intent" value="ballot" />
        <ul className="workshop-ballot">
          {room.themes.map((theme) => (
            <li key={theme.id} className="field">
              <label htmlFor={`dots-${theme.id}`}>{theme.title}</label>
              <input
                id={`dots-${theme.id}`}
                name={`dots.${theme.id}`}
                type="number"
                inputMode="numeric"
                min={0}
                max={room.dots}
                defaultValue={room.ownBallot[theme.id] ?? 0}
              />
            </li>
          ))}
        </ul>
        <button type="submit" disabled={busy || room.themes.length === 0}>
          {used > 0 ? 'Change my dots' : 'Cast my dots'}
        </button>
      </Form>
    </>
  );
}

function Ended({ room }: { room: AttendeeWorkshopView }) {
  return (
    <>
      <h1>Thank you for joining</h1>
      <p>The workshop has ended. This is what the room said and agreed.</p>
      {room.summary && <WorkshopSummaryView summary={room.summary} />}
      <Form method="post">
        <input type="hidden" name="intent" value="leave" />
        <button type="submit" className="secondary">
          Leave this workshop
        </button>
      </Form>
    </>
  );
}
