import { type DragEvent, useState } from 'react';
import { Form, useFetcher, useNavigation } from 'react-router';
import type { Side } from '../../domain/model.ts';
import type { RevealedNote, ThemeView } from '../../services/workshop-grouping.ts';
import { NotesList, noteAttribution, useHydrated } from './room-parts.tsx';

// Grouping revealed notes into themes (issue 10, item 5), for the facilitator's control view and,
// where the facilitator lets the room group, for the phones: make a theme by ticking notes; move a
// note with its list (keyboard and no JavaScript); or drag a note onto a theme (or back to "No
// theme") with a mouse or a finger. Every way posts the same form intents: theme, place,
// theme-delete.

const NOTE_TYPE = 'application/x-trustloop-note';

export function GroupingBoard(props: {
  notes: RevealedNote[];
  themes: ThemeView[];
  sides: Record<Side, string>;
  /** Hidden fields every post carries (the CSRF token on the facilitator's page). */
  hidden: Record<string, string>;
  /** False once the workshop has ended: the board only shows. */
  editable: boolean;
  /** The facilitator may remove a theme; the room may not. */
  canRemove: boolean;
  headingLevel: 2 | 3;
}) {
  const busy = useNavigation().state === 'submitting';
  const hydrated = useHydrated();
  const fetcher = useFetcher();
  const [over, setOver] = useState<string | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const { notes, themes } = props;
  const themeOf = (noteId: string) => themes.find((t) => t.noteIds.includes(noteId))?.id ?? '';
  const H = `h${props.headingLevel}` as const;
  const H2 = `h${props.headingLevel + 1}` as 'h3' | 'h4';

  // While a dragged note is on its way, the board shows it where it was dropped.
  const pending = fetcher.formData
    ? { noteId: String(fetcher.formData.get('noteId')), themeId: String(fetcher.formData.get('themeId')) }
    : null;
  const placedIn = (noteId: string) => (pending?.noteId === noteId ? pending.themeId : themeOf(noteId));

  const dragProps = (noteId: string) =>
    props.editable
      ? {
          draggable: true,
          onDragStart: (event: DragEvent) => {
            event.dataTransfer.setData(NOTE_TYPE, noteId);
            event.dataTransfer.effectAllowed = 'move';
            setDragging(noteId);
          },
          onDragEnd: () => {
            setDragging(null);
            setOver(null);
          },
        }
      : {};
  const dropProps = (themeId: string) =>
    props.editable
      ? {
          onDragOver: (event: DragEvent) => {
            if (!event.dataTransfer.types.includes(NOTE_TYPE)) return;
            event.preventDefault();
            event.dataTransfer.dropEffect = 'move';
            setOver(themeId);
          },
          onDragLeave: () => setOver((current) => (current === themeId ? null : current)),
          onDrop: (event: DragEvent) => {
            event.preventDefault();
            setOver(null);
            const noteId = event.dataTransfer.getData(NOTE_TYPE);
            if (!noteId || themeOf(noteId) === themeId) return;
            fetcher.submit({ ...props.hidden, intent: 'place', noteId, themeId }, { method: 'post' });
          },
        }
      : {};
  const dropClass = (themeId: string) =>
    `workshop-drop${over === themeId ? ' workshop-drop-over' : ''}${dragging ? ' workshop-drop-ready' : ''}`;
  const ungrouped = notes.filter((note) => !placedIn(note.id));

  return (
    <>
      {props.editable && (
        <Form method="post" className="compact-form" key={`theme-${themes.length}`}>
          <HiddenFields fields={{ ...props.hidden, intent: 'theme' }} />
          <fieldset>
            <legend>A new theme</legend>
            <div className="field">
              <label htmlFor="field-theme-title">Theme</label>
              <input id="field-theme-title" name="title" maxLength={80} />
            </div>
            <p className="hint">Tick the notes that belong to it (you can move notes later).</p>
            <ul className="workshop-notes">
              {notes
                .filter((note) => !themeOf(note.id))
                .map((note) => (
                  <li key={note.id} className={`workshop-note side-${note.side.toLowerCase()}`}>
                    <label>
                      <input type="checkbox" name="noteIds" value={note.id} /> {note.text}
                    </label>
                    <p className="workshop-note-by">{noteAttribution(note, props.sides)}</p>
                  </li>
                ))}
            </ul>
            <button type="submit" disabled={busy}>
              Make the theme
            </button>
          </fieldset>
        </Form>
      )}
      <H>Where each note is</H>
      {props.editable && themes.length > 0 && (
        <p className="hint">Choose a note's theme from its list, or drag the note onto a theme below.</p>
      )}
      <ul className="workshop-own-notes">
        {notes.map((note) => (
          <li key={note.id} className="workshop-group-note" {...dragProps(note.id)}>
            <span>
              {note.text} <span className="muted">({noteAttribution(note, props.sides)})</span>
            </span>
            {props.editable && themes.length > 0 && (
              // Keyed by the note's theme: the list shows where the note is now, after any move.
              <Form method="post" className="workshop-controls" key={themeOf(note.id)}>
                <HiddenFields fields={{ ...props.hidden, intent: 'place', noteId: note.id }} />
                <label className="visually-hidden" htmlFor={`place-${note.id}`}>
                  Theme for “{note.text.slice(0, 60)}”
                </label>
                <select id={`place-${note.id}`} name="themeId" defaultValue={themeOf(note.id)}>
                  <option value="">No theme</option>
                  {themes.map((theme) => (
                    <option key={theme.id} value={theme.id}>
                      {theme.title}
                    </option>
                  ))}
                </select>
                <button type="submit" className="secondary small" disabled={busy}>
                  Move
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      <H>Themes</H>
      {themes.length === 0 ? (
        <p className="muted">No themes yet.</p>
      ) : (
        <ul className="workshop-themes">
          {themes.map((theme) => {
            const inTheme = notes.filter((note) => placedIn(note.id) === theme.id);
            return (
              <li
                key={theme.id}
                className={dropClass(theme.id)}
                data-theme={theme.id}
                {...dropProps(theme.id)}
              >
                <H2>
                  {theme.title}{' '}
                  <span className="muted">
                    ({inTheme.length} {inTheme.length === 1 ? 'note' : 'notes'})
                  </span>
                </H2>
                <NotesList
                  label={`Notes in ${theme.title}`}
                  sides={props.sides}
                  notes={inTheme}
                  empty="No notes in this theme yet."
                  itemProps={dragProps}
                />
                {props.editable && props.canRemove && (
                  <Form method="post">
                    <HiddenFields fields={{ ...props.hidden, intent: 'theme-delete', themeId: theme.id }} />
                    <button type="submit" className="secondary small" disabled={busy}>
                      Remove the theme “{theme.title}”
                    </button>
                  </Form>
                )}
              </li>
            );
          })}
          {props.editable && (
            <li className={dropClass('')} data-theme="" {...dropProps('')}>
              <H2>No theme</H2>
              <NotesList
                label="Notes in no theme"
                sides={props.sides}
                notes={ungrouped}
                empty="Every note is in a theme."
                itemProps={dragProps}
              />
            </li>
          )}
        </ul>
      )}
    </>
  );
}

/** Hidden form fields, one per entry: a form's intent and what it acts on. */
export function HiddenFields({ fields }: { fields: Record<string, string> }) {
  return (
    <>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}
