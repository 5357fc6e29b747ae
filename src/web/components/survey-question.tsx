import { useEffect, useRef } from 'react';
import { useFetcher } from 'react-router';
import { fieldId } from './form-parts.tsx';
import type { SurveySaves } from './survey-saves.ts';

// One survey question. Without JavaScript it is a plain form field posted by the page's buttons;
// with JavaScript each answer is also saved as it is given, by its own fetcher posting to the
// page's own action. A question has at most one save in flight: an answer changed meanwhile is sent
// when that save lands (the newest value only), so the server receives a question's values in the
// order they were given. The page's buttons wait for every save to land (decision 047).

export type SaveState = 'saving' | 'saved' | 'failed';

type SaveResult = { ok: boolean } | undefined;

function useAutosave(name: string, saves: SurveySaves, onState: (state: SaveState) => void) {
  const fetcher = useFetcher<SaveResult>();
  const report = useRef(onState);
  report.current = onState;
  useEffect(() => {
    if (fetcher.state !== 'idle') report.current('saving');
    else if (fetcher.data) report.current(fetcher.data.ok ? 'saved' : 'failed');
  }, [fetcher.state, fetcher.data]);
  const queue = useRef<{ sending: boolean; next: string | null }>({ sending: false, next: null });
  const submit = fetcher.submit;
  return (value: string) => {
    const waiting = queue.current;
    waiting.next = value;
    if (waiting.sending) return;
    waiting.sending = true;
    saves.track(
      (async () => {
        try {
          while (waiting.next !== null) {
            const sent = waiting.next;
            waiting.next = null;
            await submit({ intent: 'autosave', [name]: sent }, { method: 'post' });
          }
        } finally {
          waiting.sending = false;
        }
      })(),
    );
  };
}

export type ScaleLabels = { low: string; high: string };

/** A statement rated on the scale, with a "No answer" choice that clears it. */
export function SurveyScaleQuestion(props: {
  code: string;
  text: string;
  scale: { min: number; max: number };
  labels: ScaleLabels;
  value: number | undefined;
  error?: string;
  saves: SurveySaves;
  onSaveState: (state: SaveState) => void;
}) {
  const name = `answers.${props.code}`;
  const save = useAutosave(name, props.saves, props.onSaveState);
  const id = fieldId(name);
  const points: number[] = [];
  for (let point = props.scale.min; point <= props.scale.max; point++) points.push(point);
  return (
    <fieldset
      className="survey-item"
      id={id}
      aria-describedby={props.error ? `${id}-error` : undefined}
      onChange={(event) => {
        const input = event.target as unknown as HTMLInputElement;
        if (input.name === name) save(input.value);
      }}
    >
      <legend>{props.text}</legend>
      {props.error && (
        <p className="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      )}
      <div className="scale" style={{ gridTemplateColumns: `repeat(${points.length}, minmax(0, 1fr))` }}>
        {points.map((point) => (
          <label key={point}>
            <input type="radio" name={name} value={point} defaultChecked={props.value === point} />
            <span>
              {point}
              {point === props.scale.min && <span className="visually-hidden">, {props.labels.low}</span>}
              {point === props.scale.max && <span className="visually-hidden">, {props.labels.high}</span>}
            </span>
          </label>
        ))}
      </div>
      <div className="scale-ends" aria-hidden="true">
        <span>{props.labels.low}</span>
        <span>{props.labels.high}</span>
      </div>
      <label className="scale-clear">
        <input type="radio" name={name} value="" defaultChecked={props.value === undefined} />
        No answer
      </label>
    </fieldset>
  );
}

/** An open question: saved when the participant leaves the box (with JavaScript). */
export function SurveyOpenQuestion(props: {
  code: string;
  text: string;
  value: string | undefined;
  maxLength: number;
  error?: string;
  saves: SurveySaves;
  onSaveState: (state: SaveState) => void;
}) {
  const name = `open.${props.code}`;
  const save = useAutosave(name, props.saves, props.onSaveState);
  const last = useRef(props.value ?? '');
  const id = fieldId(name);
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{props.text}</label>
      <span className="hint" id={hintId}>
        Optional. Please do not name people.
      </span>
      {props.error && (
        <span className="field-error" id={`${id}-error`}>
          {props.error}
        </span>
      )}
      <textarea
        id={id}
        name={name}
        defaultValue={props.value ?? ''}
        maxLength={props.maxLength}
        rows={4}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${hintId} ${id}-error` : hintId}
        onBlur={(event) => {
          const text = event.currentTarget.value;
          if (text === last.current) return;
          // Leaving the box for one of the form's buttons: that post saves it (a save of our own
          // would only make the button wait for it).
          const next = event.relatedTarget as HTMLElement | null;
          if (next instanceof HTMLButtonElement && next.form === event.currentTarget.form) return;
          last.current = text;
          save(text);
        }}
      />
    </div>
  );
}

/** The discreet save status, read out politely; present (empty) from the start so it is announced. */
export function SurveySaveStatus({ state }: { state: SaveState | null }) {
  const text =
    state === 'saving'
      ? 'Saving…'
      : state === 'saved'
        ? 'Saved'
        : state === 'failed'
          ? 'Not saved. Use “Save and continue” to try again.'
          : '';
  return (
    <p
      className={`survey-save-status${state === 'failed' ? ' failed' : ''}`}
      role="status"
      aria-live="polite"
    >
      {text}
    </p>
  );
}

/** Where the participant is: "Section 2 of 7" and how many questions have an answer. */
export function SurveyProgress(props: {
  section: number;
  sections: number;
  answered: number;
  total: number;
}) {
  return (
    <div className="survey-progress">
      <p id="survey-progress-label">
        <span className="survey-progress-section">
          Section {props.section} of {props.sections}
        </span>{' '}
        <span className="muted">
          ({props.answered} of {props.total} questions answered)
        </span>
      </p>
      <progress max={props.total} value={props.answered} aria-labelledby="survey-progress-label">
        {props.answered} of {props.total}
      </progress>
    </div>
  );
}
