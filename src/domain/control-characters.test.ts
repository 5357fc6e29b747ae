import fc from 'fast-check';
import { expect, test } from 'vitest';
import {
  findForbiddenCharacter,
  findForbiddenCharacterInJson,
  forbiddenCharacterProblem,
} from './control-characters.ts';

test.each([
  ['plain text', 'multi-line', null],
  ['Zoë’s “quote” — 信頼 🙂', 'multi-line', null],
  ['line one\nline two\r\n\tindented', 'multi-line', null],
  ['line one\nline two', 'single-line', 'U+000A (LINE FEED)'],
  ['a\u0000b', 'multi-line', 'U+0000 (NUL)'],
  ['a\u000bb', 'multi-line', 'U+000B'],
  ['a\u007fb', 'multi-line', 'U+007F (DEL)'],
  ['a\u0085b', 'multi-line', 'U+0085'],
  ['a\ud800b', 'multi-line', 'surrogate'],
  ['a\udc00', 'multi-line', 'surrogate'],
] as const)('%j as %s text → %s', (text, rule, found) => {
  const result = findForbiddenCharacter(text, rule);
  if (found === null) expect(result).toBeNull();
  else expect(result?.description).toContain(found);
});

test('the problem names the field and where the character is, by line and column in longer text', () => {
  expect(forbiddenCharacterProblem('name', 'Zo\u0000ë', 'single-line')?.text).toBe(
    'name: contains the control character U+0000 (NUL) at character 3; remove it and send again',
  );
  expect(forbiddenCharacterProblem('notes', 'first\nsec\u0007ond', 'multi-line')?.text).toBe(
    'notes: contains the control character U+0007 at line 2, column 4; remove it and send again',
  );
});

test('in JSON, every string of every depth is checked, and names of fields too', () => {
  expect(findForbiddenCharacterInJson({ answers: { COM1: 3 }, open: { working: 'fine\n' } })).toBeNull();
  expect(findForbiddenCharacterInJson({ open: { working: 'x\u0000' } })?.field).toBe('open.working');
  expect(findForbiddenCharacterInJson({ rows: [{ name: 'a' }, { name: '\u0001' }] })?.field).toBe(
    'rows.1.name',
  );
  expect(findForbiddenCharacterInJson({ open: { 'wor\u0000king': 'x' } })?.text).toMatch(
    /^open: has a field name that contains the control character U\+0000/,
  );
  expect(findForbiddenCharacterInJson('\u0000')?.field).toBe('body');
});

test('text without control characters or lone surrogates is never refused', () => {
  const isControl = (char: string) => char.charCodeAt(0) < 0x20 || (char >= '\u007f' && char <= '\u009f');
  const clean = fc.string({ unit: 'grapheme' }).filter((s) => ![...s].some(isControl));
  fc.assert(fc.property(clean, (text) => findForbiddenCharacter(text, 'single-line') === null));
});

test('any text with a control character other than tab, LF or CR is refused, at that character', () => {
  const control = fc.constantFrom(
    ...[...Array(32).keys(), 0x7f, 0x80, 0x9f].filter((c) => ![9, 10, 13].includes(c)),
  );
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme-ascii' }), control, fc.string(), (before, code, after) => {
      const cleanBefore = [...before]
        .filter((char) => char.charCodeAt(0) >= 0x20 && char !== '\u007f')
        .join('');
      const found = findForbiddenCharacter(
        `${cleanBefore}${String.fromCharCode(code)}${after}`,
        'multi-line',
      );
      expect(found?.index).toBe(cleanBefore.length);
    }),
  );
});
