// Reads a relationship bundle (docs/formats.md) from its files' text into a validated `Bundle`.
// Pure: the IO layer reads the folder and passes file name → text. The import is all-or-nothing:
// either every file is valid and a Bundle comes back, or every problem found is listed.

import { type ZodType, z } from 'zod';
import { normalizeThemeTag, themeKey } from '../attribute-comments.ts';
import { BUILT_IN_INSTRUMENT } from '../built-in-instrument.ts';
import { type CsvField, type CsvRow, fieldAt, parseCsv } from '../csv.ts';
import type { IncidentCoding } from '../incident-coding.ts';
import { INTERVIEW_STATUSES } from '../interview-input.ts';
import { isIsoDate } from '../iso-date.ts';
import {
  CONTRACT_SCOPES,
  DEFAULT_ANONYMITY_THRESHOLD,
  DIRECTIONS,
  INCIDENT_SOURCES,
  INCIDENT_STATUSES,
  INCIDENT_TRIGGERS,
  type Instrument,
  ITEM_KINDS,
  LEVELS,
  type Level,
  MAX_ANONYMITY_THRESHOLD,
  MIN_ANONYMITY_THRESHOLD,
  type ParticipantRecord,
  type RelationshipInfo,
  type ResponseRecord,
  SIDES,
  type Side,
} from '../model.ts';
import { LABEL_MAX, NAME_MAX, tooLong } from '../text-limits.ts';
import type { BundleProblem } from './bundle-problem.ts';
import type {
  BundleIncident,
  BundleInterview,
  FullBundle,
  IncidentExtraCoding,
  OpenAnswerModeration,
  QuoteRecord,
  SecondCodingRecord,
} from './full-bundle.ts';
import {
  type BundleShareAndAct,
  checkShareAndActReferences,
  EMPTY_SHARE_AND_ACT,
  SHARE_AND_ACT_FILE,
  ShareAndActSchema,
} from './share-and-act-file.ts';

export const BUNDLE_FILES = {
  relationship: 'relationship.json',
  instrument: 'instrument.json',
  responses: 'responses.csv',
  participants: 'participants.csv',
  incidents: 'incidents.csv',
  interviews: 'interviews.csv',
  secondCodings: 'second-codings.csv',
  quotes: 'quotes.csv',
  openAnswerThemes: 'open-answer-themes.csv',
  commentModeration: 'comment-moderation.csv',
  shareAndAct: SHARE_AND_ACT_FILE,
} as const;

/** The fixed columns of responses.csv; item and open-question codes follow. */
export const RESPONSE_COLUMNS = ['respondent', 'side', 'level', 'wave'] as const;
export const PARTICIPANT_COLUMNS = ['respondent', 'side', 'level', 'name', 'email', 'role'] as const;
export const INCIDENT_COLUMNS = [
  'ref',
  'occurred_on',
  'title',
  'narrative',
  'reporter_side',
  'reporter_level',
  'sides_involved',
  'levels_involved',
  'direction',
  'strength',
  'dimensions',
  'themes',
  'source',
  'coded_by',
  'status',
  'resolved_on',
] as const;
/** Columns of incidents.csv added with the workbench: optional, so older bundles still read. */
export const INCIDENT_OPTIONAL_COLUMNS = [
  'trigger',
  'small_big_thing',
  'contract_scope',
  'interview',
  'source_passage',
] as const;
export const INTERVIEW_COLUMNS = [
  'ref',
  'respondent',
  'side',
  'level',
  'held_on',
  'interviewer',
  'notes',
] as const;
/** Columns of interviews.csv added with the workbench: optional, so older bundles still read. */
export const INTERVIEW_OPTIONAL_COLUMNS = ['status', 'transcript'] as const;
export const SECOND_CODING_COLUMNS = [
  'incident',
  'coded_by',
  'direction',
  'strength',
  'dimensions',
  'themes',
  'trigger',
  'small_big_thing',
  'contract_scope',
] as const;
export const QUOTE_COLUMNS = ['interview', 'side', 'level', 'quote'] as const;
export const OPEN_ANSWER_THEME_COLUMNS = ['wave', 'respondent', 'question', 'theme'] as const;
export const COMMENT_MODERATION_COLUMNS = [
  'wave',
  'respondent',
  'question',
  'redacted_text',
  'hidden',
] as const;

/** How small_big_thing is written: `yes` or `no` (blank = no). */
export const YES = 'yes';
export const NO = 'no';

/** Separator of list values inside one CSV cell (incidents.csv, second-codings.csv). */
export const LIST_SEPARATOR = ';';

export type ParseBundleResult = { ok: true; bundle: FullBundle } | { ok: false; problems: BundleProblem[] };

export function parseBundle(files: Readonly<Record<string, string | undefined>>): ParseBundleResult {
  const problems: BundleProblem[] = [];

  const relationship = readRelationship(files[BUNDLE_FILES.relationship], problems);
  const instrumentText = files[BUNDLE_FILES.instrument];
  const instrument =
    instrumentText === undefined ? BUILT_IN_INSTRUMENT : readInstrument(instrumentText, problems);

  const responsesText = files[BUNDLE_FILES.responses];
  let responses: ResponseRecord[] = [];
  const known = new Map<string, KnownRespondent>();
  const beforeResponses = problems.length;
  if (responsesText === undefined) {
    problems.push({ file: BUNDLE_FILES.responses, message: missingFileMessage });
  } else {
    responses = readResponses(responsesText, relationship, instrument, known, problems);
  }
  // Theme tags are checked against the answers only once responses.csv itself is valid.
  const answers = problems.length === beforeResponses ? responses : undefined;
  const participantsText = files[BUNDLE_FILES.participants];
  const participants =
    participantsText === undefined ? [] : readParticipants(participantsText, known, problems);
  const interviewsText = files[BUNDLE_FILES.interviews];
  const listed = new Set(participants.map((p) => p.respondent));
  const interviews: ReadInterviews =
    interviewsText === undefined
      ? { records: [], refs: new Map(), file: 'missing' }
      : readInterviews(interviewsText, known, listed, problems);
  const incidentsText = files[BUNDLE_FILES.incidents];
  const incidents: ReadIncidents =
    incidentsText === undefined
      ? { records: [], refs: new Set(), file: 'missing' }
      : readIncidents(incidentsText, instrument, interviews, problems);
  const secondCodingsText = files[BUNDLE_FILES.secondCodings];
  const secondCodings =
    secondCodingsText === undefined
      ? new Map<string, SecondCodingRecord>()
      : readSecondCodings(secondCodingsText, instrument, incidents, problems);
  const quotesText = files[BUNDLE_FILES.quotes];
  const quotes = quotesText === undefined ? [] : readQuotes(quotesText, interviews, problems);
  const themesText = files[BUNDLE_FILES.openAnswerThemes];
  const themes =
    themesText === undefined
      ? new Map<string, Record<string, string[]>>()
      : readOpenAnswerThemes(themesText, relationship, instrument, answers, problems);
  const moderationText = files[BUNDLE_FILES.commentModeration];
  const moderation =
    moderationText === undefined
      ? new Map<string, Record<string, OpenAnswerModeration>>()
      : readCommentModeration(moderationText, relationship, instrument, answers, problems);

  const shareAndAct = readShareAndAct(
    files[BUNDLE_FILES.shareAndAct],
    relationship,
    incidents,
    responses,
    participants,
    problems,
  );

  if (problems.length > 0 || !relationship || !instrument) {
    return { ok: false, problems: sortProblems(problems) };
  }
  return {
    ok: true,
    bundle: {
      relationship,
      instrument,
      hasCustomInstrument: instrumentText !== undefined,
      responses: responses.map((r) => ({
        ...r,
        openThemes: themes.get(answerKey(r.wave, r.respondent)) ?? {},
        openModeration: moderation.get(answerKey(r.wave, r.respondent)) ?? {},
      })),
      participants,
      incidents: incidents.records.map((i) => ({ ...i, secondCoding: secondCodings.get(i.ref) ?? null })),
      interviews: interviews.records,
      quotes,
      shareAndAct,
    },
  };
}

function readShareAndAct(
  text: string | undefined,
  relationship: RelationshipInfo | undefined,
  incidents: ReadIncidents,
  responses: readonly ResponseRecord[],
  participants: readonly { respondent: string }[],
  problems: BundleProblem[],
): BundleShareAndAct {
  const file = BUNDLE_FILES.shareAndAct;
  const data = validateJson(file, text, ShareAndActSchema, problems);
  if (!data) return EMPTY_SHARE_AND_ACT;
  const context = {
    waves: new Set(relationship?.waves.map((w) => w.label) ?? []),
    incidents: new Set(incidents.records.map((i) => i.ref)),
    respondents: new Set([...responses.map((r) => r.respondent), ...participants.map((p) => p.respondent)]),
  };
  for (const problem of checkShareAndActReferences(data, context)) problems.push({ file, ...problem });
  return data;
}

const missingFileMessage = 'the file is missing; every bundle needs one';

const FILE_ORDER: readonly string[] = Object.values(BUNDLE_FILES);

function sortProblems(problems: BundleProblem[]): BundleProblem[] {
  // Stable: problems without a line (JSON paths) keep the order they were found in.
  return problems
    .map((p, i) => ({ p, i }))
    .sort(
      (a, b) =>
        FILE_ORDER.indexOf(a.p.file) - FILE_ORDER.indexOf(b.p.file) ||
        (a.p.line ?? 0) - (b.p.line ?? 0) ||
        (a.p.column ?? 0) - (b.p.column ?? 0) ||
        a.i - b.i,
    )
    .map(({ p }) => p);
}

// ---------------------------------------------------------------------------------------------
// Shared value rules

/** Codes and keys appear as CSV column names and in `;` lists, so they are kept plain. */
const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

// Plausible, not RFC 5322: something@something.something, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function quote(value: string): string {
  return JSON.stringify(value);
}

/** `"a"`, `"a" or "b"`, `"a", "b" or "c"`. */
function listOr(values: readonly string[], quoted = true): string {
  const shown = values.map((v) => (quoted ? quote(v) : v));
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}

// ---------------------------------------------------------------------------------------------
// JSON files

/** JSON.parse with a positioned, plain-English syntax problem instead of an exception. */
function readJson(file: string, text: string, problems: BundleProblem[]): { value: unknown } | undefined {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { value: JSON.parse(source) };
  } catch {
    const error = findJsonSyntaxError(source) ?? { offset: 0, message: 'this is not valid JSON' };
    const { line, column } = lineColumnAt(source, error.offset);
    problems.push({ file, line, column, message: error.message });
    return undefined;
  }
}

/** 1-based line and column of a character offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

class JsonSyntaxError {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

/**
 * Finds the first syntax error in JSON text, with its offset and a message a consultant can act
 * on. JSON.parse's own messages differ between Node versions and do not all carry a position.
 */
function findJsonSyntaxError(text: string): { offset: number; message: string } | undefined {
  let i = 0;
  const found = (): string => {
    const c = text[i];
    if (c === undefined) return 'the end of the file';
    if (c === '"') return 'a double quote (")';
    if (c === '\n' || c === '\r') return 'a line break';
    return quote(c);
  };
  const fail = (message: string, at = i): never => {
    throw new JsonSyntaxError(at, message);
  };
  const skipSpace = () => {
    while (i < text.length) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
      else break;
    }
  };
  const readString = () => {
    const start = i;
    i++;
    for (;;) {
      if (i >= text.length) fail('this text is never closed: a closing double quote (") is missing', start);
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            fail('\\u must be followed by four hexadecimal digits');
          }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          i += 2;
        } else {
          fail(`unknown escape \\${e ?? ''} in text: write \\\\ for a backslash`);
        }
        continue;
      }
      if (c < 32) fail('a line break or tab inside text must be written as \\n or \\t');
      i++;
    }
  };
  const readValue = () => {
    skipSpace();
    const c = text[i];
    if (c === '{') {
      i++;
      skipSpace();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        skipSpace();
        if (text[i] === '}') fail('remove the comma before }: JSON does not allow a trailing comma');
        if (text[i] !== '"') fail(`expected a field name in double quotes, found ${found()}`);
        readString();
        skipSpace();
        if (text[i] !== ':') fail(`expected : after the field name, found ${found()}`);
        i++;
        readValue();
        skipSpace();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail(`expected , or } after a field's value (is a comma missing?), found ${found()}`);
      }
    }
    if (c === '[') {
      i++;
      skipSpace();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        skipSpace();
        if (text[i] === ']') fail('remove the comma before ]: JSON does not allow a trailing comma');
        readValue();
        skipSpace();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail(`expected , or ] after a list entry (is a comma missing?), found ${found()}`);
      }
    }
    if (c === '"') return readString();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
      number.lastIndex = i;
      if (!number.test(text)) fail(`this is not a valid number`);
      i = number.lastIndex;
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    fail(
      `expected a value (text in double quotes, a number, true, false, null, an object or a list), found ${found()}`,
    );
  };
  try {
    readValue();
    skipSpace();
    if (i < text.length) fail(`unexpected ${found()} after the end of the JSON document`);
    return undefined;
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { offset: error.offset, message: error.message };
    throw error;
  }
}

/** `$.waves[1].opens` */
function toJsonPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) out += `.${key}`;
    else out += `[${quote(String(key))}]`;
  }
  return out;
}

function describeJsonValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `the text ${quote(value)}`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return String(value);
  }
}

const EXPECTED_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list [ ]',
  object: 'an object { }',
};

type Issue = z.core.$ZodIssue;

function describeIssue(issue: Issue): string {
  const missing = issue.input === undefined;
  const last = issue.path[issue.path.length - 1];
  const field = typeof last === 'string' ? `field ${quote(last)}` : 'entry';
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED_NAMES[issue.expected] ?? issue.expected;
      if (missing) return `required ${field} is missing (expected ${expected})`;
      return `expected ${expected}, found ${describeJsonValue(issue.input)}`;
    }
    case 'invalid_value': {
      const expected = `one of ${listOr(issue.values.map(String))}`;
      if (missing) return `required ${field} is missing (expected ${expected})`;
      return `expected ${expected}, found ${describeJsonValue(issue.input)}`;
    }
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty';
      if (issue.origin === 'array') {
        return `needs at least ${issue.minimum} ${issue.minimum === 1 ? 'entry' : 'entries'}`;
      }
      return `must be at least ${issue.minimum}, found ${describeJsonValue(issue.input)}`;
    case 'too_big':
      // A text too long is not echoed back: its length says enough.
      if (issue.origin === 'string') {
        return `is ${String(issue.input ?? '').length} characters long: at most ${issue.maximum} characters`;
      }
      return `must be at most ${issue.maximum}, found ${describeJsonValue(issue.input)}`;
    default:
      return issue.message;
  }
}

function reportIssues(file: string, issues: readonly Issue[], problems: BundleProblem[]): void {
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({
          file,
          path: toJsonPath(issue.path),
          message: `unknown field ${quote(key)} (check its spelling; docs/formats.md lists the fields)`,
        });
      }
      continue;
    }
    problems.push({ file, path: toJsonPath(issue.path), message: describeIssue(issue) });
  }
}

function validateJson<T>(
  file: string,
  text: string | undefined,
  schema: ZodType<T>,
  problems: BundleProblem[],
): T | undefined {
  if (text === undefined) return undefined;
  const json = readJson(file, text, problems);
  if (!json) return undefined;
  const result = schema.safeParse(json.value, { reportInput: true });
  if (!result.success) {
    reportIssues(file, result.error.issues, problems);
    return undefined;
  }
  return result.data;
}

const textSchema = z.string();
const nonBlankSchema = z.string().superRefine((value, ctx) => {
  if (value.trim() === '') ctx.addIssue({ code: 'custom', message: 'must not be empty' });
});
/** A name used as a key in CSV cells: no spaces around it, since cells are trimmed. */
const labelSchema = z.string().superRefine((value, ctx) => {
  if (value.trim() === '') ctx.addIssue({ code: 'custom', message: 'must not be empty' });
  else if (value.trim() !== value) {
    ctx.addIssue({ code: 'custom', message: `${quote(value)} must not start or end with a space` });
  }
});
const dateSchema = z.string().superRefine((value, ctx) => {
  if (!isIsoDate(value)) {
    ctx.addIssue({ code: 'custom', message: `${quote(value)} is not a real date written YYYY-MM-DD` });
  }
});
const codeSchema = z.string().superRefine((value, ctx) => {
  if (!CODE.test(value)) {
    ctx.addIssue({
      code: 'custom',
      message: `${quote(value)} is not a valid code: use letters, digits, _ - and . only, starting with a letter or digit`,
    });
  } else if ((RESPONSE_COLUMNS as readonly string[]).includes(value)) {
    ctx.addIssue({
      code: 'custom',
      message: `${quote(value)} cannot be a code: it is a fixed column of responses.csv`,
    });
  }
});

const sideInfoSchema = z.strictObject({
  name: nonBlankSchema.pipe(z.string().max(NAME_MAX, tooLong(NAME_MAX))),
  role: textSchema.pipe(z.string().max(NAME_MAX, tooLong(NAME_MAX))),
});
const relationshipSchema = z.strictObject({
  name: nonBlankSchema.pipe(z.string().max(NAME_MAX, tooLong(NAME_MAX))),
  anonymityThreshold: z.int().min(MIN_ANONYMITY_THRESHOLD).max(MAX_ANONYMITY_THRESHOLD).optional(),
  sides: z.strictObject({ A: sideInfoSchema, B: sideInfoSchema }),
  waves: z
    .array(
      z.strictObject({
        label: labelSchema.pipe(z.string().max(LABEL_MAX, tooLong(LABEL_MAX))),
        opens: dateSchema,
        closes: dateSchema,
      }),
    )
    .min(1),
});

const instrumentSchema = z.strictObject({
  name: nonBlankSchema,
  version: nonBlankSchema,
  scale: z.strictObject({ min: z.int(), max: z.int() }),
  dimensions: z.array(z.strictObject({ key: codeSchema, label: nonBlankSchema })).min(1),
  items: z
    .array(
      z.strictObject({
        code: codeSchema,
        dimension: textSchema,
        kind: z.enum(ITEM_KINDS),
        text: nonBlankSchema,
        reverse: z.boolean(),
      }),
    )
    .min(1),
  open: z.array(z.strictObject({ code: codeSchema, text: nonBlankSchema })),
});

function readRelationship(text: string | undefined, problems: BundleProblem[]): RelationshipInfo | undefined {
  const file = BUNDLE_FILES.relationship;
  if (text === undefined) {
    problems.push({ file, message: missingFileMessage });
    return undefined;
  }
  const data = validateJson(file, text, relationshipSchema, problems);
  if (!data) return undefined;
  const before = problems.length;
  const firstByLabel = new Map<string, number>();
  data.waves.forEach((wave, i) => {
    const first = firstByLabel.get(wave.label);
    if (first !== undefined) {
      problems.push({
        file,
        path: `$.waves[${i}].label`,
        message: `wave label ${quote(wave.label)} is used twice (first at $.waves[${first}])`,
      });
    } else {
      firstByLabel.set(wave.label, i);
    }
    if (wave.closes < wave.opens) {
      problems.push({
        file,
        path: `$.waves[${i}].closes`,
        message: `the wave closes on ${wave.closes}, before it opens on ${wave.opens}`,
      });
    }
  });
  if (problems.length > before) return undefined;
  return {
    name: data.name,
    anonymityThreshold: data.anonymityThreshold ?? DEFAULT_ANONYMITY_THRESHOLD,
    sides: data.sides,
    waves: data.waves,
  };
}

function readInstrument(text: string, problems: BundleProblem[]): Instrument | undefined {
  const file = BUNDLE_FILES.instrument;
  const data = validateJson(file, text, instrumentSchema, problems);
  if (!data) return undefined;
  const before = problems.length;
  const add = (path: string, message: string) => problems.push({ file, path, message });

  if (data.scale.min >= data.scale.max) {
    add('$.scale.max', `max ${data.scale.max} must be greater than min ${data.scale.min}`);
  }
  const dimensionIndex = new Map<string, number>();
  data.dimensions.forEach((d, i) => {
    const first = dimensionIndex.get(d.key);
    if (first !== undefined) {
      add(
        `$.dimensions[${i}].key`,
        `dimension key ${quote(d.key)} is used twice (first at $.dimensions[${first}])`,
      );
    } else {
      dimensionIndex.set(d.key, i);
    }
  });
  const codeAt = new Map<string, string>();
  const trustCount = new Map<string, number>();
  const metaAt = new Map<string, number>();
  data.items.forEach((item, i) => {
    const first = codeAt.get(item.code);
    if (first !== undefined) {
      add(`$.items[${i}].code`, `item code ${quote(item.code)} is used twice (first at ${first})`);
    } else {
      codeAt.set(item.code, `$.items[${i}]`);
    }
    if (!dimensionIndex.has(item.dimension)) {
      add(
        `$.items[${i}].dimension`,
        `${quote(item.dimension)} is not a dimension of this instrument: expected ${listOr([...dimensionIndex.keys()])}`,
      );
      return;
    }
    if (item.kind === 'trust') {
      trustCount.set(item.dimension, (trustCount.get(item.dimension) ?? 0) + 1);
    } else {
      const firstMeta = metaAt.get(item.dimension);
      if (firstMeta !== undefined) {
        add(
          `$.items[${i}].kind`,
          `dimension ${quote(item.dimension)} already has a meta item (at $.items[${firstMeta}]); a dimension can have at most one`,
        );
      } else {
        metaAt.set(item.dimension, i);
      }
    }
  });
  data.dimensions.forEach((d, i) => {
    if (dimensionIndex.get(d.key) === i && !trustCount.has(d.key)) {
      add(`$.dimensions[${i}]`, `dimension ${quote(d.key)} has no trust item; it needs at least one`);
    }
  });
  data.open.forEach((question, i) => {
    const first = codeAt.get(question.code);
    if (first !== undefined) {
      add(`$.open[${i}].code`, `code ${quote(question.code)} is used twice (first at ${first})`);
    } else {
      codeAt.set(question.code, `$.open[${i}]`);
    }
  });
  if (problems.length > before) return undefined;
  return data;
}

// ---------------------------------------------------------------------------------------------
// CSV files

type Table = {
  /** Rows after the header that have as many fields as the header. */
  rows: CsvRow[];
  /** Column name → 0-based field index. */
  index: Map<string, number>;
};

/**
 * Parses a CSV file with a header row. Reports CSV syntax problems, blank, duplicate, unknown and
 * missing columns. Returns undefined when a required column is missing (rows cannot be read).
 */
function readTable(
  file: string,
  text: string,
  required: readonly string[],
  explainUnknown: (name: string) => string | undefined,
  problems: BundleProblem[],
): Table | undefined {
  const csv = parseCsv(text);
  for (const p of csv.problems) problems.push({ file, ...p });
  const [header, ...body] = csv.rows;
  if (!header) {
    problems.push({
      file,
      line: 1,
      message: `the file is empty; its first line must name the columns: ${required.join(', ')}`,
    });
    return undefined;
  }
  const index = new Map<string, number>();
  header.values.forEach((_, i) => {
    const field = fieldAt(header, i)!;
    const name = field.value.trim();
    const at = { file, line: field.line, column: field.column };
    if (name === '') {
      problems.push({ ...at, message: `column ${field.index} has no name` });
      return;
    }
    const first = index.get(name);
    if (first !== undefined) {
      problems.push({ ...at, message: `column ${quote(name)} appears twice (first as column ${first + 1})` });
      return;
    }
    const unknown = explainUnknown(name);
    if (unknown !== undefined) {
      problems.push({ ...at, message: unknown });
      return;
    }
    index.set(name, i);
  });
  const missing = required.filter((name) => !index.has(name));
  for (const name of missing) {
    problems.push({ file, line: header.line, message: `the header has no column ${quote(name)}` });
  }
  if (missing.length > 0) return undefined;
  const width = header.values.length;
  // Rows of the wrong width were reported by parseCsv; their cells cannot be trusted.
  return { rows: body.filter((row) => row.values.length === width), index };
}

/** Finds cells by column name and reports problems at a cell's position. */
class RowReader {
  constructor(
    private readonly file: string,
    private readonly table: Table,
    readonly row: CsvRow,
    private readonly problems: BundleProblem[],
  ) {}

  cell(name: string): CsvField {
    const i = this.table.index.get(name);
    if (i === undefined) throw new Error(`bug: column ${name} was not checked`);
    return fieldAt(this.row, i)!;
  }

  report(cell: CsvField, message: string): void {
    this.problems.push({ file: this.file, line: cell.line, column: cell.column, message });
  }

  text(name: string): string {
    return this.cell(name).value;
  }

  key(name: string): string | undefined {
    const cell = this.cell(name);
    const value = cell.value.trim();
    if (value === '') {
      this.report(cell, `${name} is blank: every row needs one`);
      return undefined;
    }
    return value;
  }

  /**
   * The label in the `wave` column, reported when blank or not a wave of relationship.json;
   * `labels` is undefined while relationship.json has problems, and then any label is known.
   */
  wave(labels: readonly string[] | undefined): { wave: string; isKnown: boolean } {
    const cell = this.cell('wave');
    const wave = cell.value.trim();
    if (wave === '') {
      this.report(cell, 'wave is blank: every row needs the label of a wave in relationship.json');
      return { wave, isKnown: false };
    }
    if (labels && !labels.includes(wave)) {
      this.report(cell, `wave ${quote(wave)} is not a wave of relationship.json: expected ${listOr(labels)}`);
      return { wave, isKnown: false };
    }
    return { wave, isKnown: true };
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], what = name): T | undefined {
    const cell = this.cell(name);
    const value = cell.value.trim();
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.report(
      cell,
      value === ''
        ? `${name} is blank: expected ${listOr(allowed, false)}`
        : `${name} ${quote(value)} is not a ${what}: expected ${listOr(allowed, false)}`,
    );
    return undefined;
  }

  date(name: string, isOptional = false): string | null | undefined {
    const cell = this.cell(name);
    const value = cell.value.trim();
    if (value === '' && isOptional) return null;
    if (isIsoDate(value)) return value;
    this.report(
      cell,
      value === ''
        ? `${name} is blank: expected a date written YYYY-MM-DD`
        : `${name} ${quote(value)} is not a real date written YYYY-MM-DD`,
    );
    return undefined;
  }

  /** Whether the file has this column (optional columns may be absent). */
  has(name: string): boolean {
    return this.table.index.has(name);
  }

  /** Free text of an optional column; '' when the file does not have the column. */
  optionalText(name: string): string {
    return this.has(name) ? this.text(name) : '';
  }

  /** One of `allowed`, or '' for a blank cell or an absent optional column. */
  oneOfOrBlank<T extends string>(
    name: string,
    allowed: readonly T[],
    what = name,
    blank = 'blank when not coded',
  ): T | '' | undefined {
    if (!this.has(name)) return '';
    const cell = this.cell(name);
    const value = cell.value.trim();
    if (value === '') return '';
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.report(
      cell,
      `${name} ${quote(value)} is not a ${what}: expected ${listOr(allowed, false)}, or ${blank}`,
    );
    return undefined;
  }

  /** `yes` → true; `no`, a blank cell or an absent optional column → false. */
  yesNo(name: string): boolean | undefined {
    if (!this.has(name)) return false;
    const cell = this.cell(name);
    const value = cell.value.trim();
    if (value === YES) return true;
    if (value === NO || value === '') return false;
    this.report(cell, `${name} ${quote(value)} is not ${YES} or ${NO} (blank means ${NO})`);
    return undefined;
  }

  /** A `;`-separated list; entries trimmed, empty entries dropped, duplicates reported. */
  list(name: string, check?: (entry: string) => string | undefined): string[] | undefined {
    const cell = this.cell(name);
    const entries = cell.value
      .split(LIST_SEPARATOR)
      .map((e) => e.trim())
      .filter((e) => e !== '');
    let ok = true;
    const seen = new Set<string>();
    for (const entry of entries) {
      if (seen.has(entry)) {
        this.report(cell, `${name} lists ${quote(entry)} twice`);
        ok = false;
      }
      seen.add(entry);
      const message = check?.(entry);
      if (message !== undefined) {
        this.report(cell, `${name} lists ${quote(entry)}, ${message}`);
        ok = false;
      }
    }
    return ok ? entries : undefined;
  }
}

function unknownColumn(file: string, allowed: readonly string[]) {
  return (name: string) =>
    allowed.includes(name)
      ? undefined
      : `unknown column ${quote(name)}: ${file} has the columns ${allowed.join(', ')}`;
}

type KnownRespondent = { side: Side; level: Level; line: number };

function readResponses(
  text: string,
  relationship: RelationshipInfo | undefined,
  instrument: Instrument | undefined,
  known: Map<string, KnownRespondent>,
  problems: BundleProblem[],
): ResponseRecord[] {
  const file = BUNDLE_FILES.responses;
  const itemCodes = new Set(instrument?.items.map((i) => i.code));
  const openCodes = new Set(instrument?.open.map((q) => q.code));
  const table = readTable(
    file,
    text,
    RESPONSE_COLUMNS,
    (name) => {
      if ((RESPONSE_COLUMNS as readonly string[]).includes(name)) return undefined;
      // Without a valid instrument the codes cannot be checked; instrument.json is reported.
      if (!instrument || itemCodes.has(name) || openCodes.has(name)) return undefined;
      return `unknown column ${quote(name)}: it is not a fixed column (${RESPONSE_COLUMNS.join(', ')}) nor an item or open-question code of the instrument`;
    },
    problems,
  );
  if (!table) return [];
  const waveLabels = relationship?.waves.map((w) => w.label);
  const scale = instrument?.scale;
  const itemColumns = [...table.index.keys()].filter((name) => itemCodes.has(name));
  const openColumns = [...table.index.keys()].filter((name) => openCodes.has(name));
  const firstInWave = new Map<string, number>();
  const records: ResponseRecord[] = [];

  for (const row of table.rows) {
    const r = new RowReader(file, table, row, problems);
    const respondent = r.key('respondent');
    const side = r.oneOf('side', SIDES);
    const level = r.oneOf('level', LEVELS);
    const { wave } = r.wave(waveLabels);
    if (respondent !== undefined && wave !== '') {
      const key = `${wave}\u0000${respondent}`;
      const first = firstInWave.get(key);
      if (first !== undefined) {
        r.report(
          r.cell('respondent'),
          `respondent ${quote(respondent)} appears twice in wave ${quote(wave)} (first on line ${first})`,
        );
      } else {
        firstInWave.set(key, row.line);
      }
    }
    if (respondent !== undefined && side !== undefined && level !== undefined) {
      const seen = known.get(respondent);
      if (!seen) {
        known.set(respondent, { side, level, line: row.line });
      } else {
        if (seen.side !== side) {
          r.report(
            r.cell('side'),
            `respondent ${quote(respondent)} is on side ${side} here but on side ${seen.side} on line ${seen.line}; a respondent keeps one side`,
          );
        }
        if (seen.level !== level) {
          r.report(
            r.cell('level'),
            `respondent ${quote(respondent)} is at level ${level} here but at level ${seen.level} on line ${seen.line}; a respondent keeps one level`,
          );
        }
      }
    }
    const answers: Record<string, number> = {};
    for (const code of itemColumns) {
      const cell = r.cell(code);
      const value = cell.value.trim();
      if (value === '') continue;
      if (!/^[+-]?\d+$/.test(value)) {
        r.report(cell, `value ${quote(value)} for item ${code} is not a whole number`);
        continue;
      }
      const n = Number(value);
      if (scale && (n < scale.min || n > scale.max)) {
        r.report(cell, `value ${value} is off the scale ${scale.min}–${scale.max} for item ${code}`);
        continue;
      }
      answers[code] = n;
    }
    const open: Record<string, string> = {};
    for (const code of openColumns) {
      const value = r.text(code);
      if (value.trim() !== '') open[code] = value;
    }
    if (respondent !== undefined && side !== undefined && level !== undefined) {
      records.push({ respondent, side, level, wave, answers, open });
    }
  }
  return records;
}

/** Checks a side and level against the same respondent in responses.csv. */
function checkAgainstResponses(
  r: RowReader,
  respondent: string,
  side: Side | undefined,
  level: Level | undefined,
  known: ReadonlyMap<string, KnownRespondent>,
  sideColumn = 'side',
  levelColumn = 'level',
): void {
  const seen = known.get(respondent);
  if (!seen) return;
  if (side !== undefined && side !== seen.side) {
    r.report(
      r.cell(sideColumn),
      `${sideColumn} ${side} does not match responses.csv, where respondent ${quote(respondent)} is on side ${seen.side} (line ${seen.line})`,
    );
  }
  if (level !== undefined && level !== seen.level) {
    r.report(
      r.cell(levelColumn),
      `${levelColumn} ${level} does not match responses.csv, where respondent ${quote(respondent)} is at level ${seen.level} (line ${seen.line})`,
    );
  }
}

function checkUnique(r: RowReader, column: string, value: string, firstLine: Map<string, number>): void {
  const first = firstLine.get(value);
  if (first !== undefined) {
    r.report(r.cell(column), `${column} ${quote(value)} is used twice (first on line ${first})`);
  } else {
    firstLine.set(value, r.row.line);
  }
}

function readParticipants(
  text: string,
  known: ReadonlyMap<string, KnownRespondent>,
  problems: BundleProblem[],
): ParticipantRecord[] {
  const file = BUNDLE_FILES.participants;
  const table = readTable(
    file,
    text,
    PARTICIPANT_COLUMNS,
    unknownColumn(file, PARTICIPANT_COLUMNS),
    problems,
  );
  if (!table) return [];
  const firstLine = new Map<string, number>();
  const records: ParticipantRecord[] = [];
  for (const row of table.rows) {
    const r = new RowReader(file, table, row, problems);
    const respondent = r.key('respondent');
    const side = r.oneOf('side', SIDES);
    const level = r.oneOf('level', LEVELS);
    const emailCell = r.cell('email');
    const email = emailCell.value.trim();
    if (email !== '' && !EMAIL.test(email)) {
      r.report(emailCell, `email ${quote(email)} does not look like an email address (name@example.com)`);
    }
    if (respondent === undefined) continue;
    checkUnique(r, 'respondent', respondent, firstLine);
    checkAgainstResponses(r, respondent, side, level, known);
    if (side === undefined || level === undefined) continue;
    records.push({ respondent, side, level, name: r.text('name'), email, role: r.text('role') });
  }
  return records;
}

type ReadInterviews = {
  records: BundleInterview[];
  /** Every ref in the file, with its side and level where those are valid. */
  refs: Map<string, { side?: Side; level?: Level }>;
  /** 'missing': no interviews.csv; 'unreadable': its header is broken, so refs cannot be checked. */
  file: 'read' | 'missing' | 'unreadable';
};

type ReadIncidents = {
  records: BundleIncident[];
  /** Every ref in the file, valid row or not. */
  refs: Set<string>;
  file: 'read' | 'missing' | 'unreadable';
};

/** The coding columns incidents.csv and second-codings.csv share; undefined where a cell is bad. */
type CodingCells = { [K in keyof IncidentCoding]: IncidentCoding[K] | undefined };

function readCoding(r: RowReader, dimensionKeys: readonly string[] | undefined): CodingCells {
  const direction = r.oneOf('direction', DIRECTIONS);
  const strengthCell = r.cell('strength');
  const strengthText = strengthCell.value.trim();
  const strength = strengthText === '1' ? 1 : strengthText === '2' ? 2 : strengthText === '3' ? 3 : undefined;
  if (strength === undefined) {
    r.report(strengthCell, `strength ${quote(strengthText)} is not 1, 2 or 3 (1 slight, 3 strong)`);
  }
  const dimensions = r.list('dimensions', (e) =>
    !dimensionKeys || dimensionKeys.includes(e)
      ? undefined
      : `which is not a dimension of the instrument: expected ${listOr(dimensionKeys, false)}`,
  );
  const themes = r.list('themes');
  const trigger = r.oneOfOrBlank('trigger', INCIDENT_TRIGGERS);
  const smallBigThing = r.yesNo('small_big_thing');
  const scope = r.oneOfOrBlank('contract_scope', CONTRACT_SCOPES, 'contract scope');
  const contractScope = scope === '' ? null : scope;
  return { direction, strength, dimensions, themes, trigger, smallBigThing, contractScope };
}

/** The extra coding, once every cell of it is valid. */
function extraCodingOf(coding: CodingCells): IncidentExtraCoding | undefined {
  const { trigger, smallBigThing, contractScope } = coding;
  if (trigger === undefined || smallBigThing === undefined || contractScope === undefined) return undefined;
  return { trigger, smallBigThing, contractScope };
}

/** Checks a cell that names an interview of interviews.csv; '' when blank. */
function interviewRefIn(r: RowReader, column: string, interviews: ReadInterviews): string {
  const ref = r.cell(column).value.trim();
  if (ref === '' || interviews.file === 'unreadable' || interviews.refs.has(ref)) return ref;
  r.report(
    r.cell(column),
    interviews.file === 'missing'
      ? `${column} ${quote(ref)} names an interview, but the bundle has no interviews.csv`
      : `${column} ${quote(ref)} is not the ref of an interview in interviews.csv`,
  );
  return ref;
}

function readIncidents(
  text: string,
  instrument: Instrument | undefined,
  interviews: ReadInterviews,
  problems: BundleProblem[],
): ReadIncidents {
  const file = BUNDLE_FILES.incidents;
  const allowed = [...INCIDENT_COLUMNS, ...INCIDENT_OPTIONAL_COLUMNS];
  const table = readTable(file, text, INCIDENT_COLUMNS, unknownColumn(file, allowed), problems);
  if (!table) return { records: [], refs: new Set(), file: 'unreadable' };
  const dimensionKeys = instrument?.dimensions.map((d) => d.key);
  const firstLine = new Map<string, number>();
  const records: BundleIncident[] = [];
  for (const row of table.rows) {
    const r = new RowReader(file, table, row, problems);
    const ref = r.key('ref');
    if (ref !== undefined) checkUnique(r, 'ref', ref, firstLine);
    const occurredOn = r.date('occurred_on');
    const reporterSide = r.oneOf('reporter_side', SIDES, 'side');
    const reporterLevel = r.oneOf('reporter_level', LEVELS, 'level');
    const sidesInvolved = r.list('sides_involved', (e) =>
      (SIDES as readonly string[]).includes(e) ? undefined : `which is not a side: expected A or B`,
    );
    const levelsInvolved = r.list('levels_involved', (e) =>
      (LEVELS as readonly string[]).includes(e)
        ? undefined
        : `which is not a level: expected ${listOr(LEVELS, false)}`,
    );
    const coding = readCoding(r, dimensionKeys);
    const { direction, strength, dimensions, themes } = coding;
    const extra = extraCodingOf(coding);
    const source = r.oneOf('source', INCIDENT_SOURCES);
    const status = r.oneOf('status', INCIDENT_STATUSES);
    const resolvedOn = r.date('resolved_on', true);
    if (typeof occurredOn === 'string' && typeof resolvedOn === 'string' && resolvedOn < occurredOn) {
      r.report(r.cell('resolved_on'), `resolved_on ${resolvedOn} is before occurred_on ${occurredOn}`);
    }
    if (status === 'resolved' && resolvedOn === null) {
      r.report(
        r.cell('resolved_on'),
        'status resolved needs resolved_on, the date it was resolved: the stage of each wave depends on it',
      );
    }
    const interviewRef = r.has('interview') ? interviewRefIn(r, 'interview', interviews) : '';
    if (
      ref === undefined ||
      typeof occurredOn !== 'string' ||
      reporterSide === undefined ||
      reporterLevel === undefined ||
      !sidesInvolved ||
      !levelsInvolved ||
      direction === undefined ||
      strength === undefined ||
      !dimensions ||
      !themes ||
      !extra ||
      source === undefined ||
      status === undefined ||
      resolvedOn === undefined
    ) {
      continue;
    }
    records.push({
      ref,
      occurredOn,
      title: r.text('title'),
      narrative: r.text('narrative'),
      reporterSide,
      reporterLevel,
      sidesInvolved: sidesInvolved as Side[],
      levelsInvolved: levelsInvolved as Level[],
      direction,
      strength,
      dimensions,
      themes,
      source,
      codedBy: r.text('coded_by'),
      status,
      resolvedOn,
      ...extra,
      interviewRef,
      sourcePassage: r.optionalText('source_passage'),
      secondCoding: null,
    });
  }
  return { records, refs: new Set(firstLine.keys()), file: 'read' };
}

function readInterviews(
  text: string,
  known: ReadonlyMap<string, KnownRespondent>,
  listed: ReadonlySet<string>,
  problems: BundleProblem[],
): ReadInterviews {
  const file = BUNDLE_FILES.interviews;
  const allowed = [...INTERVIEW_COLUMNS, ...INTERVIEW_OPTIONAL_COLUMNS];
  const table = readTable(file, text, INTERVIEW_COLUMNS, unknownColumn(file, allowed), problems);
  if (!table) return { records: [], refs: new Map(), file: 'unreadable' };
  const firstLine = new Map<string, number>();
  const refs: ReadInterviews['refs'] = new Map();
  const records: BundleInterview[] = [];
  for (const row of table.rows) {
    const r = new RowReader(file, table, row, problems);
    const ref = r.key('ref');
    if (ref !== undefined) checkUnique(r, 'ref', ref, firstLine);
    const respondent = r.cell('respondent').value.trim();
    const side = r.oneOf('side', SIDES);
    const level = r.oneOf('level', LEVELS);
    if (ref !== undefined && !refs.has(ref)) refs.set(ref, { side, level });
    if (respondent !== '') {
      if (!known.has(respondent) && !listed.has(respondent)) {
        r.report(
          r.cell('respondent'),
          `respondent ${quote(respondent)} is in neither responses.csv nor participants.csv: add them to participants.csv, or leave the cell blank`,
        );
      }
      checkAgainstResponses(r, respondent, side, level, known);
    }
    const heldOn = r.date('held_on');
    const status = r.oneOfOrBlank('status', INTERVIEW_STATUSES, 'status', 'blank for held');
    if (
      ref === undefined ||
      side === undefined ||
      level === undefined ||
      typeof heldOn !== 'string' ||
      status === undefined
    )
      continue;
    records.push({
      ref,
      respondent,
      side,
      level,
      heldOn,
      interviewer: r.text('interviewer'),
      notes: r.text('notes'),
      transcript: r.optionalText('transcript'),
      // Blank or absent: held, as every interview of a bundle without the column was.
      status: status === '' ? 'held' : status,
    });
  }
  return { records, refs, file: 'read' };
}

function readSecondCodings(
  text: string,
  instrument: Instrument | undefined,
  incidents: ReadIncidents,
  problems: BundleProblem[],
): Map<string, SecondCodingRecord> {
  const file = BUNDLE_FILES.secondCodings;
  const table = readTable(
    file,
    text,
    SECOND_CODING_COLUMNS,
    unknownColumn(file, SECOND_CODING_COLUMNS),
    problems,
  );
  const codings = new Map<string, SecondCodingRecord>();
  if (!table) return codings;
  const dimensionKeys = instrument?.dimensions.map((d) => d.key);
  const firstLine = new Map<string, number>();
  for (const row of table.rows) {
    const r = new RowReader(file, table, row, problems);
    const ref = r.key('incident');
    if (ref !== undefined) {
      const first = firstLine.get(ref);
      if (first !== undefined) {
        r.report(
          r.cell('incident'),
          `incident ${quote(ref)} has a second coding already (line ${first}); an incident is coded a second time once`,
        );
      } else {
        firstLine.set(ref, row.line);
      }
      if (incidents.file !== 'unreadable' && !incidents.refs.has(ref)) {
        r.report(
          r.cell('incident'),
          incidents.file === 'missing'
            ? `incident ${quote(ref)} is coded a second time, but the bundle has no incidents.csv`
            : `incident ${quote(ref)} is not the ref of an incident in incidents.csv`,
        );
      }
    }
    const codedBy = r.text('coded_by');
    if (codedBy.trim() === '') {
      r.report(r.cell('coded_by'), 'coded_by is blank: say who coded the incident the second time');
    }
    const coding = readCoding(r, dimensionKeys);
    const { direction, strength, dimensions, themes } = coding;
    const extra = extraCodingOf(coding);
    if (
      ref === undefined ||
      codedBy.trim() === '' ||
      direction === undefined ||
      strength === undefined ||
      !dimensions ||
      !themes ||
      !extra ||
      codings.has(ref)
    ) {
      continue;
    }
    codings.set(ref, { codedBy, direction, strength, dimensions, themes, ...extra });
  }
  return codings;
}

function readQuotes(text: string, interviews: ReadInterviews, problems: BundleProblem[]): QuoteRecord[] {
  const file = BUNDLE_FILES.quotes;
  const table = readTable(file, text, QUOTE_COLUMNS, unknownColumn(file, QUOTE_COLUMNS), problems);
  if (!table) return [];
  const records: QuoteRecord[] = [];
  for (const row of table.rows) {
    const r = new RowReader(file, table, row, problems);
    const interviewRef = interviewRefIn(r, 'interview', interviews);
    const side = r.oneOf('side', SIDES);
    const level = r.oneOf('level', LEVELS);
    const interview = interviews.refs.get(interviewRef);
    // A quote is attributed to its interviewee's side and level, as the interview page takes it.
    if (interview?.side !== undefined && side !== undefined && side !== interview.side) {
      r.report(
        r.cell('side'),
        `side ${side} does not match interview ${quote(interviewRef)}, which is on side ${interview.side}: a quote keeps its interviewee's side and level`,
      );
    }
    if (interview?.level !== undefined && level !== undefined && level !== interview.level) {
      r.report(
        r.cell('level'),
        `level ${level} does not match interview ${quote(interviewRef)}, which is at level ${interview.level}: a quote keeps its interviewee's side and level`,
      );
    }
    const quoteText = r.text('quote');
    if (quoteText.trim() === '') {
      r.report(r.cell('quote'), 'quote is blank: every row holds the passage kept as a quote');
      continue;
    }
    if (side === undefined || level === undefined) continue;
    records.push({ interviewRef, side, level, text: quoteText });
  }
  return records;
}

function answerKey(wave: string, respondent: string): string {
  return `${wave}\u0000${respondent}`;
}

/**
 * The facilitator's redactions and hidden answers: wave + respondent → question code → moderation.
 * A row refers to an open answer as responses.csv holds it, like open-answer-themes.csv; a row must
 * redact (a non-blank redacted_text) or hide (`yes`), and each answer has at most one row.
 */
function readCommentModeration(
  text: string,
  relationship: RelationshipInfo | undefined,
  instrument: Instrument | undefined,
  answers: readonly ResponseRecord[] | undefined,
  problems: BundleProblem[],
): Map<string, Record<string, OpenAnswerModeration>> {
  const file = BUNDLE_FILES.commentModeration;
  const moderation = new Map<string, Record<string, OpenAnswerModeration>>();
  const table = readTable(
    file,
    text,
    COMMENT_MODERATION_COLUMNS,
    unknownColumn(file, COMMENT_MODERATION_COLUMNS),
    problems,
  );
  if (!table) return moderation;
  const waveLabels = relationship?.waves.map((w) => w.label);
  const openCodes = instrument?.open.map((q) => q.code);
  const responseOf = new Map(answers?.map((a) => [answerKey(a.wave, a.respondent), a]));
  const firstLine = new Map<string, number>();
  for (const row of table.rows) {
    const r = new RowReader(file, table, row, problems);
    const { wave, isKnown: isWaveKnown } = r.wave(waveLabels);
    const respondent = r.key('respondent');
    const questionCell = r.cell('question');
    const question = questionCell.value.trim();
    let isQuestionKnown = question !== '';
    if (question === '') {
      r.report(questionCell, 'question is blank: every row needs the code of an open question');
    } else if (openCodes && !openCodes.includes(question)) {
      r.report(
        questionCell,
        openCodes.length === 0
          ? `question ${quote(question)} is not an open question: the instrument has none`
          : `question ${quote(question)} is not an open-question code of the instrument: expected ${listOr(openCodes, false)}`,
      );
      isQuestionKnown = false;
    }
    const redactedCell = r.cell('redacted_text');
    const redactedText = redactedCell.value.trim() === '' ? null : redactedCell.value.trim();
    const hidden = r.yesNo('hidden');
    if (redactedText === null && hidden === false) {
      r.report(
        redactedCell,
        'redacted_text is blank and hidden is no: a row redacts an answer, hides it, or both',
      );
    }
    if (respondent === undefined || !isWaveKnown || !isQuestionKnown || hidden === undefined) continue;
    if (answers) {
      const response = responseOf.get(answerKey(wave, respondent));
      if (!response) {
        r.report(
          r.cell('respondent'),
          `respondent ${quote(respondent)} has no response in wave ${quote(wave)} in responses.csv: a row moderates an open answer there`,
        );
        continue;
      }
      if ((response.open[question] ?? '').trim() === '') {
        r.report(
          questionCell,
          `respondent ${quote(respondent)} did not answer ${question} in wave ${quote(wave)}: a row moderates an open answer`,
        );
        continue;
      }
    }
    const key = `${answerKey(wave, respondent)}\u0000${question}`;
    const first = firstLine.get(key);
    if (first !== undefined) {
      r.report(questionCell, `this answer is moderated on line ${first} already: one row per answer`);
      continue;
    }
    firstLine.set(key, row.line);
    if (redactedText === null && !hidden) continue;
    const ofResponse = moderation.get(answerKey(wave, respondent)) ?? {};
    ofResponse[question] = { redactedText, hidden };
    moderation.set(answerKey(wave, respondent), ofResponse);
  }
  return moderation;
}

/**
 * Theme tags per answer: wave + respondent → question code → themes, in file order. Tags refer to
 * an open answer as responses.csv holds it (wave, respondent key, question code); `answers` is
 * undefined while responses.csv has problems, and then the answers are not looked up.
 */
function readOpenAnswerThemes(
  text: string,
  relationship: RelationshipInfo | undefined,
  instrument: Instrument | undefined,
  answers: readonly ResponseRecord[] | undefined,
  problems: BundleProblem[],
): Map<string, Record<string, string[]>> {
  const file = BUNDLE_FILES.openAnswerThemes;
  const themes = new Map<string, Record<string, string[]>>();
  const table = readTable(
    file,
    text,
    OPEN_ANSWER_THEME_COLUMNS,
    unknownColumn(file, OPEN_ANSWER_THEME_COLUMNS),
    problems,
  );
  if (!table) return themes;
  const waveLabels = relationship?.waves.map((w) => w.label);
  const openCodes = instrument?.open.map((q) => q.code);
  const responseOf = new Map(answers?.map((a) => [answerKey(a.wave, a.respondent), a]));
  const firstLine = new Map<string, number>();
  for (const row of table.rows) {
    const r = new RowReader(file, table, row, problems);
    const { wave, isKnown: isWaveKnown } = r.wave(waveLabels);
    const respondent = r.key('respondent');
    const questionCell = r.cell('question');
    const question = questionCell.value.trim();
    let isQuestionKnown = question !== '';
    if (question === '') {
      r.report(questionCell, 'question is blank: every row needs the code of an open question');
    } else if (openCodes && !openCodes.includes(question)) {
      r.report(
        questionCell,
        openCodes.length === 0
          ? `question ${quote(question)} is not an open question: the instrument has none`
          : `question ${quote(question)} is not an open-question code of the instrument: expected ${listOr(openCodes, false)}`,
      );
      isQuestionKnown = false;
    }
    const themeCell = r.cell('theme');
    const tag = normalizeThemeTag(themeCell.value);
    if (!tag.ok) {
      r.report(
        themeCell,
        themeCell.value.trim() === ''
          ? 'theme is blank: every row puts one theme on one answer'
          : `theme ${quote(themeCell.value.trim())}: ${tag.message}`,
      );
    }
    if (respondent === undefined || !isWaveKnown || !isQuestionKnown) continue;
    if (answers) {
      const response = responseOf.get(answerKey(wave, respondent));
      if (!response) {
        r.report(
          r.cell('respondent'),
          `respondent ${quote(respondent)} has no response in wave ${quote(wave)} in responses.csv: a theme tags an open answer there`,
        );
        continue;
      }
      if ((response.open[question] ?? '').trim() === '') {
        r.report(
          questionCell,
          `respondent ${quote(respondent)} did not answer ${question} in wave ${quote(wave)}: a theme tags an open answer`,
        );
        continue;
      }
    }
    if (!tag.ok) continue;
    const key = `${answerKey(wave, respondent)}\u0000${question}\u0000${themeKey(tag.theme)}`;
    const first = firstLine.get(key);
    if (first !== undefined) {
      r.report(
        themeCell,
        `theme ${quote(tag.theme)} is on this answer already (line ${first}); themes are matched regardless of case and spacing`,
      );
      continue;
    }
    firstLine.set(key, row.line);
    const ofResponse = themes.get(answerKey(wave, respondent)) ?? {};
    ofResponse[question] = [...(ofResponse[question] ?? []), tag.theme];
    themes.set(answerKey(wave, respondent), ofResponse);
  }
  return themes;
}
