import { type CsvField, type CsvRow, detectSeparator, fieldAt, parseCsv } from './csv.ts';
import { LEVELS, type Level, SIDES, type Side } from './model.ts';
import { EMAIL_PATTERN } from './setup-input.ts';
import { EMAIL_MAX, NAME_MAX, tooLong } from './text-limits.ts';

// A participant list a facilitator exports from a spreadsheet: columns name, email, side, level
// and optionally role, in any order, header names in any case. Every row is checked and every
// problem reported with its position, so the preview can show the whole file before anything is
// saved. Side and level values are accepted in any case too (`a`, `Leadership`): this file is
// typed by people, unlike a bundle, which Trustloop writes itself.

export const PARTICIPANT_CSV_REQUIRED = ['name', 'email', 'side', 'level'] as const;
export const PARTICIPANT_CSV_OPTIONAL = ['role'] as const;
const KNOWN: readonly string[] = [...PARTICIPANT_CSV_REQUIRED, ...PARTICIPANT_CSV_OPTIONAL];

export type ParticipantCsvProblem = {
  line: number;
  /** Character position in the line, 1-based; null for a problem with a whole line. */
  column: number | null;
  /** The column the problem is about; '' for CSV syntax. */
  field: string;
  message: string;
};

export type ParticipantDraft = { name: string; email: string; side: Side; level: Level; role: string };

export type ParticipantCsvRow = {
  line: number;
  /** The cells as written (trimmed, except name and role); '' for a column the file lacks. */
  values: { name: string; email: string; side: string; level: string; role: string };
  /** The participant this row would add, or null when the row has a problem. */
  participant: ParticipantDraft | null;
  problems: ParticipantCsvProblem[];
};

export type ParticipantsCsvPreview = {
  rows: ParticipantCsvRow[];
  /** Every problem, those of the header and of CSV syntax included, sorted by line and column. */
  problems: ParticipantCsvProblem[];
};

/** An email already in the relationship (lower-cased) → the name of who has it. */
export type ExistingEmails = ReadonlyMap<string, string>;

/**
 * The preview of a participants CSV. The separator is `,` or `;` (whichever the header line uses);
 * a side is A or B, or the organisation's name when `sideNames` gives them (in any case).
 */
export function previewParticipantsCsvText(
  text: string,
  existing: ExistingEmails,
  sideNames?: Readonly<Record<Side, string>>,
): ParticipantsCsvPreview {
  const csv = parseCsv(text, { separator: detectSeparator(text) });
  const problems: ParticipantCsvProblem[] = [];
  const [header, ...body] = csv.rows;
  if (!header) {
    problems.push({
      line: 1,
      column: null,
      field: '',
      message: `the file is empty; its first line must name the columns: ${PARTICIPANT_CSV_REQUIRED.join(', ')} and optionally role`,
    });
    return { rows: [], problems };
  }

  const index = new Map<string, number>();
  header.values.forEach((_, i) => {
    const field = fieldAt(header, i)!;
    const name = field.value.trim().toLowerCase();
    const at = { line: field.line, column: field.column, field: name };
    if (name === '') {
      problems.push({ ...at, message: `column ${field.index} has no name` });
    } else if (index.has(name)) {
      problems.push({
        ...at,
        message: `column "${name}" appears twice (first as column ${index.get(name)! + 1})`,
      });
    } else if (!KNOWN.includes(name)) {
      problems.push({
        ...at,
        message: `unknown column ${JSON.stringify(field.value.trim())}: expected name, email, side, level and optionally role`,
      });
    } else {
      index.set(name, i);
    }
  });
  for (const name of PARTICIPANT_CSV_REQUIRED) {
    if (!index.has(name)) {
      problems.push({
        line: header.line,
        column: null,
        field: name,
        message: `the header has no column "${name}"`,
      });
    }
  }

  const rowProblems = new Map<CsvRow, ParticipantCsvProblem[]>(body.map((row) => [row, []]));
  for (const p of csv.problems) {
    // A syntax problem belongs to the last row starting on or before its line.
    const row = body.findLast((r) => r.line <= p.line);
    const problem = { ...p, field: '' };
    if (row) rowProblems.get(row)!.push(problem);
    else problems.push(problem);
  }

  const firstLineOfEmail = new Map<string, number>();
  const rows = body.map((row): ParticipantCsvRow => {
    const found = rowProblems.get(row)!;
    const cell = (name: string): CsvField | undefined => {
      const i = index.get(name);
      return i === undefined ? undefined : fieldAt(row, i);
    };
    const report = (name: string, at: CsvField, message: string) =>
      found.push({ line: at.line, column: at.column, field: name, message });
    const trimmed = (name: string) => cell(name)?.value.trim() ?? '';
    const values = {
      name: cell('name')?.value ?? '',
      email: trimmed('email'),
      side: trimmed('side'),
      level: trimmed('level'),
      role: cell('role')?.value ?? '',
    };

    const nameCell = cell('name');
    if (nameCell && nameCell.value.trim() === '')
      report('name', nameCell, 'name is blank: every row needs one');
    else if (nameCell && nameCell.value.trim().length > NAME_MAX)
      report(
        'name',
        nameCell,
        `name is ${nameCell.value.trim().length} characters long: ${tooLong(NAME_MAX)}`,
      );
    const roleCell = cell('role');
    if (roleCell && roleCell.value.trim().length > NAME_MAX)
      report(
        'role',
        roleCell,
        `role is ${roleCell.value.trim().length} characters long: ${tooLong(NAME_MAX)}`,
      );

    const emailCell = cell('email');
    if (emailCell) {
      const key = values.email.toLowerCase();
      if (values.email.length > EMAIL_MAX) {
        report('email', emailCell, `email is ${values.email.length} characters long: ${tooLong(EMAIL_MAX)}`);
      } else if (values.email === '') {
        report('email', emailCell, 'email is blank: every participant needs one for their survey link');
      } else if (!EMAIL_PATTERN.test(values.email)) {
        report(
          'email',
          emailCell,
          `email ${JSON.stringify(values.email)} does not look like an email address (name@example.com)`,
        );
      } else if (firstLineOfEmail.has(key)) {
        report(
          'email',
          emailCell,
          `email ${JSON.stringify(values.email)} appears twice in the file (first on line ${firstLineOfEmail.get(key)})`,
        );
      } else {
        firstLineOfEmail.set(key, row.line);
        const owner = existing.get(key);
        if (owner !== undefined) {
          report(
            'email',
            emailCell,
            `email ${JSON.stringify(values.email)} already belongs to ${owner ? JSON.stringify(owner) : 'a participant'} in this relationship`,
          );
        }
      }
    }

    const side = sideOf(cell('side'), sideNames, report);
    const level = oneOf(cell('level'), LEVELS, 'level', 'level', report);

    found.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
    const hasColumns = PARTICIPANT_CSV_REQUIRED.every((c) => index.has(c));
    return {
      line: row.line,
      values,
      participant:
        found.length === 0 && hasColumns && side && level
          ? { name: values.name.trim(), email: values.email, side, level, role: values.role.trim() }
          : null,
      problems: found,
    };
  });

  const all = [...problems, ...rows.flatMap((r) => r.problems)];
  all.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
  return { rows, problems: all };
}

/** A or B, or one side's organisation name (trimmed, in any case). */
function sideOf(
  at: CsvField | undefined,
  sideNames: Readonly<Record<Side, string>> | undefined,
  report: (name: string, at: CsvField, message: string) => void,
): Side | undefined {
  if (!at) return undefined;
  const value = at.value.trim().toLowerCase();
  const byName = sideNames ? SIDES.find((s) => sideNames[s].trim().toLowerCase() === value) : undefined;
  if (value !== '' && byName) return byName;
  if (!sideNames) return oneOf(at, SIDES, 'side', 'side', report);
  const letter = SIDES.find((s) => s.toLowerCase() === value);
  if (letter) return letter;
  const expected = `A, B, ${JSON.stringify(sideNames.A)} or ${JSON.stringify(sideNames.B)}`;
  report(
    'side',
    at,
    value === ''
      ? `side is blank: expected ${expected}`
      : `side ${JSON.stringify(at.value.trim())} is not a side: expected ${expected}`,
  );
  return undefined;
}

function oneOf<T extends string>(
  at: CsvField | undefined,
  allowed: readonly T[],
  name: string,
  what: string,
  report: (name: string, at: CsvField, message: string) => void,
): T | undefined {
  if (!at) return undefined;
  const value = at.value.trim();
  const match = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (match) return match;
  const expected = `${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}`;
  report(
    name,
    at,
    value === ''
      ? `${name} is blank: expected ${expected}`
      : `${name} ${JSON.stringify(value)} is not a ${what}: expected ${expected}`,
  );
  return undefined;
}

/** `line:column: message`, or `line: message` for a whole line; prefix a file name for the CLI. */
export function formatParticipantCsvProblem(problem: ParticipantCsvProblem, file?: string): string {
  const where = `${file ? `${file}:` : ''}${problem.line}${problem.column === null ? '' : `:${problem.column}`}`;
  return `${where}: ${problem.message}`;
}
