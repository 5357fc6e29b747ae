import type { Side } from '../../domain/model.ts';
import type { ThemeTally } from '../../domain/workshop.ts';
import type { WorkshopCommitment } from '../../services/commit-workshop-theme.ts';
import type { RevealedNote, ThemeView } from '../../services/workshop-grouping.ts';
import type { WorkshopStepView } from '../../services/workshop-view.ts';
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

export function NotesList(props: { notes: RevealedNote[]; sides: Record<Side, string>; label: string }) {
  if (props.notes.length === 0) return <p className="muted">No notes were written in this step.</p>;
  return (
    <ul className="workshop-notes" aria-label={props.label}>
      {props.notes.map((note) => (
        <li key={note.id} className={`workshop-note side-${note.side.toLowerCase()}`}>
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

export function CommitmentsList({ commitments }: { commitments: WorkshopCommitment[] }) {
  if (commitments.length === 0) return <p className="muted">Nothing committed yet.</p>;
  return (
    <ul className="workshop-commitments">
      {commitments.map((c) => (
        <li key={c.id}>
          <strong>{COMMITMENT_WORDS[c.kind]}:</strong> {c.text}
          {c.kind === 'workstream' && <span className="muted"> ({c.reference})</span>}
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

export function LiveBadge({ state }: { state: LiveState }) {
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
