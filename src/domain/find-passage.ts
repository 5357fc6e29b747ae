// Where a passage the facilitator selected (or pasted) sits in an interview's notes or transcript.
// Passages are matched by their text, not by offsets (docs/decisions/018): a browser's selection
// of a text area or of rendered text, or a copy from another window, differs from the stored text
// only in whitespace — line breaks become spaces, runs of spaces collapse, ends are trimmed — so
// both sides are compared with every run of whitespace as one space.

export const PASSAGE_SOURCES = ['notes', 'transcript'] as const;
export type PassageSource = (typeof PASSAGE_SOURCES)[number];

export type PassageTexts = Readonly<Record<PassageSource, string>>;

export type PassageMatch = {
  kind: 'found';
  source: PassageSource;
  /** Where the passage starts and ends in the stored text (UTF-16 offsets, end exclusive). */
  start: number;
  end: number;
  /** The passage as it stands in the stored text, whitespace collapsed: what is kept. */
  text: string;
};

export type PassageMiss = { kind: 'empty' } | { kind: 'not-found' };

/** Whitespace collapsed to single spaces and trimmed: how passages are compared and kept. */
export function normalizePassage(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/**
 * The first place the passage occurs, looking in the transcript before the notes (a transcript is
 * the interviewee's own words; notes are the interviewer's summary), or why it does not.
 */
export function findPassage(texts: PassageTexts, passage: string): PassageMatch | PassageMiss {
  const wanted = normalizePassage(passage);
  if (wanted === '') return { kind: 'empty' };
  for (const source of ['transcript', 'notes'] as const) {
    const { normalized, origins } = collapseWhitespace(texts[source]);
    const at = normalized.indexOf(wanted);
    if (at < 0) continue;
    const start = origins[at]!;
    const end = origins[at + wanted.length - 1]! + 1;
    return { kind: 'found', source, start, end, text: wanted };
  }
  return { kind: 'not-found' };
}

/**
 * The text with every whitespace run as one space and the ends trimmed, and for each character of
 * it the offset of the character it came from (a collapsed run maps to the run's first character).
 */
function collapseWhitespace(text: string): { normalized: string; origins: number[] } {
  const chars: string[] = [];
  const origins: number[] = [];
  let pendingSpace = -1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (/\s/u.test(char)) {
      if (pendingSpace < 0 && chars.length > 0) pendingSpace = i;
      continue;
    }
    if (pendingSpace >= 0) {
      chars.push(' ');
      origins.push(pendingSpace);
      pendingSpace = -1;
    }
    chars.push(char);
    origins.push(i);
  }
  return { normalized: chars.join(''), origins };
}
