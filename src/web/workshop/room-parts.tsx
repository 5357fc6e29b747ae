import { type HTMLAttributes, useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { Side } from '../../domain/model.ts';
import type { ThemeTally } from '../../domain/workshop.ts';
import type { WorkshopCommitment } from '../../services/commit-workshop-theme.ts';
import type { RevealedNote, ThemeView } from '../../services/workshop-grouping.ts';
import type { WorkshopStepView, WorkshopSummary } from '../../services/workshop-view.ts';
import { formatCountdown, type LiveState, useCountdown } from './use-workshop-events.ts';

// The pieces every workshop screen shares (the phone, the projector, the facilitator's view): notes
// as the room sees them, themes, the vote by side, what was committed, the timer, and whether the
// screen is following the room.

const LEVEL_WORDS = { leadership: 'leadership', operational: 'operational', staff: 'staff' } as const;

/** "Contoso IT" or "Contoso IT, staff": the side always, the level only where it may be shown. */
export function noteAttribution(
  note: Pick<RevealedNote, 'side' | 'level'>,
  sides: Record<Side, string>,
): string {
  return note.level ? `${sides[note.side]}, ${LEVEL_WORDS[note.level]}` : sides[note.side];
}

export function NotesList(props: {
  notes: RevealedNote[];
  sides: Record<Side, string>;
  label: string;
  empty?: string;
  /** Extra attributes for each note's item (dragging, on the grouping board). */
  itemProps?: (noteId: string) => HTMLAttributes<HTMLLIElement>;
}) {
  if (props.notes.length === 0)
    return <p className="muted">{props.empty ?? 'No notes were written in this step.'}</p>;
  return (
    <ul className="workshop-notes" aria-label={props.label}>
      {props.notes.map((note) => (
        <li
          key={note.id}
          className={`workshop-note side-${note.side.toLowerCase()}`}
          {...props.itemProps?.(note.id)}
        >
          <p>{note.text}</p>
          <p className="workshop-note-by">
            {noteAttribution(note, props.sides)}
            {note.signedAs && <> · signed {note.signedAs}</>}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** The vote, theme by theme: a bar per side, the count in words too, and where both sides agree. */
export function TallyBars(props: { tally: ThemeTally[]; themes: ThemeView[]; sides: Record<Side, string> }) {
  const most = Math.max(1, ...props.tally.flatMap((row) => [row.bySide.A, row.bySide.B]));
  const titleOf = (id: string) => props.themes.find((theme) => theme.id === id)?.title ?? 'A theme';
  return (
    <table className="workshop-tally">
      <caption>Dots per theme, by organisation</caption>
      <thead>
        <tr>
          <th scope="col">Theme</th>
          <th scope="col">{props.sides.A}</th>
          <th scope="col">{props.sides.B}</th>
        </tr>
      </thead>
      <tbody>
        {props.tally.map((row) => (
          <tr key={row.themeId}>
            <th scope="row">
              {titleOf(row.themeId)}
              {row.bothSides && <span className="workshop-both"> · matters to both</span>}
            </th>
            {(['A', 'B'] as const).map((side) => (
              <td key={side}>
                <span
                  className={`workshop-bar side-${side.toLowerCase()}`}
                  style={{ width: `${(row.bySide[side] / most) * 100}%` }}
                />
                <span className="workshop-bar-count">{row.bySide[side]}</span>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ThemesList(props: {
  themes: ThemeView[];
  notes: RevealedNote[];
  sides: Record<Side, string>;
}) {
  if (props.themes.length === 0) return <p className="muted">No themes yet.</p>;
  return (
    <ul className="workshop-themes">
      {props.themes.map((theme) => (
        <li key={theme.id}>
          <h3>{theme.title}</h3>
          <NotesList
            label={`Notes in ${theme.title}`}
            sides={props.sides}
            notes={props.notes.filter((note) => theme.noteIds.includes(note.id))}
          />
        </li>
      ))}
    </ul>
  );
}

const COMMITMENT_WORDS: Record<WorkshopCommitment['kind'], string> = {
  workstream: 'Workstream',
  'small-big-thing': 'Small big thing',
  'charter-principle': 'Charter principle',
};

/** What was committed; with `workstreams` (the facilitator's page), each workstream links to its own. */
export function CommitmentsList(props: {
  commitments: WorkshopCommitment[];
  workstreams?: string;
  empty?: string;
}) {
  if (props.commitments.length === 0)
    return <p className="muted">{props.empty ?? 'Nothing committed yet.'}</p>;
  return (
    <ul className="workshop-commitments">
      {props.commitments.map((c) => (
        <li key={c.id}>
          <strong>{COMMITMENT_WORDS[c.kind]}:</strong> {c.text}
          {c.kind === 'workstream' &&
            (props.workstreams && /^WS-\d+$/.test(c.reference) ? (
              <>
                {' '}
                (<Link to={`${props.workstreams}#${c.reference}`}>{c.reference}</Link>)
              </>
            ) : (
              <span className="muted"> ({c.reference})</span>
            ))}
        </li>
      ))}
    </ul>
  );
}

export function TimerBadge({ endsAt }: { endsAt: string | null }) {
  const left = useCountdown(endsAt);
  if (left === null) return null;
  return (
    <p className="workshop-timer" role="timer" aria-live="off">
      {left > 0 ? `${formatCountdown(left)} left` : 'Time is up'}
    </p>
  );
}

/** True once React runs in the browser: what needs JavaScript is offered only then. */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

export function LiveBadge({ state }: { state: LiveState }) {
  // Without JavaScript the page never connects: no badge then, the "Look again" link instead.
  if (!useHydrated()) return null;
  return (
    <p className={`workshop-live workshop-live-${state}`} role="status">
      {state === 'live' ? 'Live' : state === 'connecting' ? 'Connecting…' : 'Reconnecting…'}
    </p>
  );
}

/** Every revealed note of the workshop, for grouping and themes. */
export function allRevealedNotes(steps: WorkshopStepView[]): RevealedNote[] {
  return steps.flatMap((step) => step.notes);
}

/** The step the room is on, with its number. */
export function currentStepOf(steps: WorkshopStepView[], currentStepId: string | null) {
  const index = steps.findIndex((step) => step.id === currentStepId);
  return index < 0 ? null : { step: steps[index]!, number: index + 1 };
}

const dateTime = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  });

/**
 * An ended workshop as it was saved (issue 10, item 6): who joined, what was committed, the vote
 * by side, the themes with their notes, and every reflect step's notes in agenda order. What the
 * facilitator, the phones and an imported copy all show.
 */
export function WorkshopSummaryView(props: { summary: WorkshopSummary; workstreams?: string }) {
  const { summary } = props;
  const tally = [...summary.agenda].reverse().find((step) => step.tally)?.tally ?? null;
  const reflect = summary.agenda
    .map((step, position) => ({ ...step, position }))
    .filter((step) => step.kind === 'reflect');
  const notes = reflect.flatMap((step) => step.notes);
  return (
    <div className="workshop-summary">
      <p>
        {summary.startedAt ? `${dateTime(summary.startedAt)} to ` : 'Ended '}
        {dateTime(summary.endedAt)} UTC · joined:{' '}
        {(['A', 'B'] as const).map((side) => `${summary.sides[side]} ${summary.joined[side]}`).join(', ')}
      </p>
      <section aria-labelledby="summary-agreed">
        <h2 id="summary-agreed">What we committed to</h2>
        <CommitmentsList
          commitments={summary.commitments}
          workstreams={props.workstreams}
          empty="Nothing was committed in this workshop."
        />
      </section>
      {tally && (
        <section aria-labelledby="summary-votes">
          <h2 id="summary-votes">The vote</h2>
          <TallyBars tally={tally} themes={summary.themes} sides={summary.sides} />
        </section>
      )}
      {summary.themes.length > 0 && (
        <section aria-labelledby="summary-themes">
          <h2 id="summary-themes">Themes</h2>
          <ThemesList themes={summary.themes} notes={notes} sides={summary.sides} />
        </section>
      )}
      {reflect.length > 0 && (
        <section aria-labelledby="summary-notes">
          <h2 id="summary-notes">Every note, by prompt</h2>
          {reflect.map((step) => (
            <div key={step.position}>
              <h3>{step.prompt ?? step.label}</h3>
              <NotesList
                label={`Notes: ${step.prompt ?? step.label}`}
                sides={summary.sides}
                notes={step.notes}
                empty="No notes of this step were shown to the room."
              />
            </div>
          ))}
        </section>
      )}
    </div>
  );
}
