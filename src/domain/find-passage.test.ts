import fc from 'fast-check';
import { expect, test } from 'vitest';
import { findPassage, normalizePassage } from './find-passage.ts';

const NOTES =
  'Context: runs billing systems.\nWhat happened: a six-hour billing outage was blamed on our change.';
const TRANSCRIPT = 'Q: What happened?\n\nA: They  told us two days\nbefore go-live.   It hurt.';

test.each([
  ['an exact passage of the notes', 'billing outage was blamed', 'notes'],
  ['a passage across a line break, selected as a space', 'systems. What happened', 'notes'],
  ['a passage with its spaces collapsed', 'They told us two days before go-live.', 'transcript'],
  ['a passage with extra spaces and line breaks', '  told us\n two   days  ', 'transcript'],
] as const)('finds %s', (_, passage, source) => {
  const match = findPassage({ notes: NOTES, transcript: TRANSCRIPT }, passage);
  expect(match).toMatchObject({ kind: 'found', source, text: normalizePassage(passage) });
});

test('gives the position in the stored text, so the page can point at it', () => {
  const match = findPassage({ notes: NOTES, transcript: TRANSCRIPT }, 'two days before');
  expect(match.kind).toBe('found');
  if (match.kind !== 'found') return;
  expect(TRANSCRIPT.slice(match.start, match.end)).toBe('two days\nbefore');
});

test('prefers the transcript when both hold the passage', () => {
  const match = findPassage({ notes: 'It hurt.', transcript: TRANSCRIPT }, 'It hurt.');
  expect(match).toMatchObject({ kind: 'found', source: 'transcript' });
});

test.each([
  ['a passage that is not there', 'blamed on their change', { kind: 'not-found' }],
  ['a passage that differs in case', 'BILLING OUTAGE', { kind: 'not-found' }],
  ['a passage that runs from the notes into the transcript', 'our change. Q: What', { kind: 'not-found' }],
  ['whitespace only', ' \n\t ', { kind: 'empty' }],
  ['nothing', '', { kind: 'empty' }],
] as const)('refuses %s', (_, passage, expected) => {
  expect(findPassage({ notes: NOTES, transcript: TRANSCRIPT }, passage)).toEqual(expected);
});

// Text with plenty of whitespace of several kinds, so that collapsing matters.
const spacedText = fc
  .array(
    fc.oneof(
      fc.constantFrom(' ', '  ', '\n', '\r\n', '\t', '\u00a0'),
      fc.string({ minLength: 1, maxLength: 6 }),
    ),
    {
      maxLength: 40,
    },
  )
  .map((parts) => parts.join(''));

test('any stretch of the stored text is found, however its whitespace was changed (property)', () => {
  fc.assert(
    fc.property(
      spacedText,
      fc.nat(),
      fc.nat(),
      fc.constantFrom(' ', '\n', '   ', '\t\n'),
      (text, a, b, space) => {
        const from = Math.min(a, b) % (text.length + 1);
        const to = from + (Math.max(a, b) % (text.length - from + 1));
        const selected = text.slice(from, to);
        fc.pre(normalizePassage(selected) !== '');
        // What a browser or a clipboard may hand back: the same words, other whitespace.
        const pasted = `${space}${selected.replace(/\s+/gu, space)}${space}`;
        const match = findPassage({ notes: text, transcript: '' }, pasted);
        expect(match.kind).toBe('found');
        if (match.kind !== 'found') return;
        expect(match.text).toBe(normalizePassage(selected));
        // The position points at text that reads the same as what was kept.
        expect(normalizePassage(text.slice(match.start, match.end))).toBe(match.text);
      },
    ),
  );
});

test('a passage holding a character the texts lack is never found (property)', () => {
  fc.assert(
    fc.property(spacedText, spacedText, fc.string({ maxLength: 10 }), (notes, transcript, around) => {
      const marker = '\u2603'; // ☃ is not produced by the generators above
      fc.pre(!notes.includes(marker) && !transcript.includes(marker) && !around.includes(marker));
      expect(findPassage({ notes, transcript }, `${around}${marker}${around}`).kind).toBe('not-found');
    }),
  );
});
