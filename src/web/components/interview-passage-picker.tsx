import { useEffect, useRef, useState } from 'react';
import { findPassage, type PassageSource, type PassageTexts } from '../../domain/find-passage.ts';

// With JavaScript: "Make a quote" and "Make an incident" take the passage selected in the notes or
// transcript (by mouse, touch or Shift + arrow keys) and put it into that form's passage field,
// then move the focus there and say so in a live region. Without JavaScript the buttons are not
// shown and the facilitator pastes the passage; the server checks it either way.
// Text areas keep their selection (selectionStart/End) after they lose the focus to a button, so
// the last text area focused is where the selection is read from; a selection of other page text
// (window.getSelection) inside the interview's texts is used when there is one.

export type PassageTarget = 'quote' | 'incident';

const TARGET_LABELS: Record<PassageTarget, string> = { quote: 'quote', incident: 'incident' };

/** The text area a button fills: the form's passage field carries data-passage-target. */
function targetField(target: PassageTarget): HTMLTextAreaElement | null {
  return document.querySelector<HTMLTextAreaElement>(`textarea[data-passage-target="${target}"]`);
}

function selectedText(lastArea: HTMLTextAreaElement | null): string {
  const selection = window.getSelection();
  const text = selection?.toString() ?? '';
  const anchor = selection?.anchorNode;
  const inTexts = anchor
    ? (anchor instanceof Element ? anchor : anchor.parentElement)?.closest('[data-passage-texts]')
    : null;
  if (text.trim() !== '' && inTexts) return text;
  if (!lastArea) return '';
  return lastArea.value.slice(lastArea.selectionStart, lastArea.selectionEnd);
}

export function InterviewPassagePicker({ saved }: { saved: PassageTexts }) {
  const [isEnhanced, setEnhanced] = useState(false);
  const [message, setMessage] = useState('');
  const lastArea = useRef<HTMLTextAreaElement | null>(null);

  useEffect(() => {
    setEnhanced(true);
    const remember = (event: FocusEvent) => {
      const area = event.target;
      if (area instanceof HTMLTextAreaElement && area.dataset.passageSource) lastArea.current = area;
    };
    document.addEventListener('focusin', remember);
    return () => document.removeEventListener('focusin', remember);
  }, []);

  function take(target: PassageTarget) {
    const text = selectedText(lastArea.current).trim();
    const field = targetField(target);
    if (text === '' || !field) {
      setMessage('Select a passage in the notes or the transcript first, then press the button again.');
      return;
    }
    field.value = text;
    field.focus();
    const isSaved = findPassage(saved, text).kind === 'found';
    const source = lastArea.current?.dataset.passageSource as PassageSource | undefined;
    setMessage(
      isSaved
        ? `The selected passage is in the ${TARGET_LABELS[target]} form's passage field (${text.length} characters${source ? ` from the ${source}` : ''}).`
        : `The selected passage is in the ${TARGET_LABELS[target]} form, but it is not in the saved notes or transcript: save the interview first.`,
    );
  }

  return (
    <div className="interview-passage-picker">
      {isEnhanced ? (
        <fieldset className="interview-picker-buttons">
          <legend className="visually-hidden">Take the selected passage</legend>
          <button type="button" className="secondary" onClick={() => take('quote')}>
            Make a quote
          </button>
          <button type="button" className="secondary" onClick={() => take('incident')}>
            Make an incident
          </button>
        </fieldset>
      ) : null}
      <p className="hint">
        {isEnhanced
          ? 'Select a passage in the notes or the transcript, then press a button: the passage goes into that form below.'
          : 'Copy a passage of the saved notes or transcript and paste it into a form below.'}
      </p>
      <p aria-live="polite" role="status" className="interview-picker-status">
        {message}
      </p>
    </div>
  );
}
