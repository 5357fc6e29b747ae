import { type FieldProblem, fieldProblem } from './parse-input.ts';

// Text from outside (JSON bodies, form fields, paths, query parameters) must be text a person
// could have typed. PostgreSQL refuses U+0000 in `text` and `jsonb` (a 500 once it reached the
// database), and the other control characters are invisible in every page and CSV that shows
// them. Tab, line feed and carriage return stay allowed where text may run over several lines.

/** C0 controls, DEL and C1 controls, except tab, line feed and carriage return. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** Every control character: for paths, query parameters and names of fields. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_IN_LINE = /[\u0000-\u001f\u007f-\u009f]/;
/** Half of a surrogate pair alone: JSON can carry it ("\ud800"), UTF-8 cannot. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export type TextRule = 'multi-line' | 'single-line';

/** Where the first character that text from outside must not carry sits, or null when there is none. */
export function findForbiddenCharacter(
  text: string,
  rule: TextRule,
): { index: number; line: number; column: number; description: string } | null {
  const match = (rule === 'multi-line' ? CONTROL_IN_TEXT : CONTROL_IN_LINE).exec(text);
  if (match) return locate(text, match.index, describeCodePoint(text.charCodeAt(match.index)));
  const lone = LONE_SURROGATE.exec(text);
  if (lone) return locate(text, lone.index, 'half of a surrogate pair (not valid Unicode)');
  return null;
}

/** The problem with one field's text, or null when it is clean. */
export function forbiddenCharacterProblem(field: string, text: string, rule: TextRule): FieldProblem | null {
  const found = findForbiddenCharacter(text, rule);
  if (!found) return null;
  const where = text.includes('\n')
    ? `line ${found.line}, column ${found.column}`
    : `character ${found.column}`;
  return fieldProblem(field, `contains ${found.description} at ${where}; remove it and send again`);
}

/**
 * The first forbidden character in any string of a parsed JSON value, named by its path
 * (`open.working`, `participants.2.name`); names of fields are single-line, values multi-line.
 */
export function findForbiddenCharacterInJson(
  value: unknown,
  path: readonly string[] = [],
): FieldProblem | null {
  if (typeof value === 'string') return forbiddenCharacterProblem(fieldName(path), value, 'multi-line');
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = findForbiddenCharacterInJson(value[i], [...path, String(i)]);
      if (problem) return problem;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    const keyProblem = forbiddenCharacterProblem(fieldName(path), key, 'single-line');
    if (keyProblem) return fieldProblem(keyProblem.field, `has a field name that ${keyProblem.message}`);
    const problem = findForbiddenCharacterInJson(item, [...path, key]);
    if (problem) return problem;
  }
  return null;
}

function fieldName(path: readonly string[]): string {
  return path.length === 0 ? 'body' : path.join('.');
}

function locate(text: string, index: number, description: string) {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  return { index, line, column, description };
}

const NAMES: Record<number, string> = {
  0: 'NUL',
  127: 'DEL',
  9: 'TAB',
  10: 'LINE FEED',
  13: 'CARRIAGE RETURN',
};

function describeCodePoint(code: number): string {
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = NAMES[code];
  return `the control character ${hex}${name ? ` (${name})` : ''}`;
}
