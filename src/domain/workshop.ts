import { commentAttributionThreshold, type LevelVisibility, visibleLevels } from './attribute-comments.ts';
import { LEVELS, type Level, SIDES, type Side } from './model.ts';

// The joint feedback workshop (issue 10, decision 049): its agenda, its join code, who may see a
// note, and the dot vote's ballots and tally. Pure rules; the services keep the rows.

export const STEP_KINDS = ['present', 'reflect', 'group', 'vote', 'discuss', 'commit'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const STEP_LABELS: Record<StepKind, string> = {
  present: 'Present the findings',
  reflect: 'Reflect',
  group: 'Group',
  vote: 'Vote',
  discuss: 'Discuss',
  commit: 'Commit',
};

export const WORKSHOP_STATUSES = ['draft', 'live', 'ended'] as const;
export type WorkshopStatus = (typeof WORKSHOP_STATUSES)[number];

/** The prompts the seed's workshop asks, offered for reflect steps. */
export const REFLECT_PROMPTS = [
  'What surprised you in the findings?',
  'What should we keep doing together?',
  'One small big thing: a small change that would make a big difference to trust',
] as const;

export type AgendaStep = { kind: StepKind; prompt: string | null };

/** The agenda a new workshop starts with: the seed's joint feedback workshop, in order. */
export function defaultAgenda(): AgendaStep[] {
  return [
    { kind: 'present', prompt: null },
    { kind: 'reflect', prompt: REFLECT_PROMPTS[0] },
    { kind: 'reflect', prompt: REFLECT_PROMPTS[1] },
    { kind: 'reflect', prompt: REFLECT_PROMPTS[2] },
    { kind: 'group', prompt: null },
    { kind: 'vote', prompt: 'Which themes matter most to the relationship?' },
    { kind: 'discuss', prompt: null },
    { kind: 'commit', prompt: null },
  ];
}

export const AGENDA_MAX = 30;
export const PROMPT_MAX = 200;
export const NOTE_MAX = 500;
export const THEME_TITLE_MAX = 80;
export const SIGNATURE_MAX = 80;
export const DOTS_MIN = 1;
export const DOTS_MAX = 10;
export const DOTS_DEFAULT = 3;

/** Only reflect steps take notes; only they are revealed. A vote step's tally is revealed too. */
export function stepTakesNotes(kind: StepKind): boolean {
  return kind === 'reflect';
}

export function stepIsRevealable(kind: StepKind): boolean {
  return kind === 'reflect' || kind === 'vote';
}

// Join codes: 6 characters, no look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B): 24^6 ≈ 191 million.
export const JOIN_CODE_ALPHABET = 'ACDEFHJKMNPQRTUVWXY34679';
export const JOIN_CODE_LENGTH = 6;

/** A join code from random bytes (one byte per character, rejection-free: 256 = 10·24 + 16). */
export function joinCodeFrom(bytes: Uint8Array): string {
  let code = '';
  for (const byte of bytes) {
    if (byte >= 240) continue; // keeps every character equally likely
    code += JOIN_CODE_ALPHABET[byte % JOIN_CODE_ALPHABET.length];
    if (code.length === JOIN_CODE_LENGTH) return code;
  }
  throw new Error('not enough random bytes for a join code');
}

/** A code as typed (any case, spaces or a dash): the code, or null when it cannot be one. */
export function normalizeJoinCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== JOIN_CODE_LENGTH) return null;
  for (const character of code) if (!JOIN_CODE_ALPHABET.includes(character)) return null;
  return code;
}

/** Who has joined, per side and level (attendees who gave no level count for their side only). */
export type JoinedCounts = Record<Side, Record<Level | 'unknown', number>>;

export function emptyJoinedCounts(): JoinedCounts {
  const counts = {} as JoinedCounts;
  for (const side of SIDES) counts[side] = { leadership: 0, operational: 0, staff: 0, unknown: 0 };
  return counts;
}

/**
 * Which levels a revealed note may name, per side: the comments' rule (decision 015) over who has
 * joined, with 5 (or the relationship's k, if higher). Attendees without a level count for no level.
 */
export function noteLevelVisibility(
  joined: JoinedCounts,
  anonymityThreshold: number,
): Record<Side, LevelVisibility> {
  const threshold = commentAttributionThreshold(anonymityThreshold);
  const result = {} as Record<Side, LevelVisibility>;
  for (const side of SIDES) {
    const counts = { leadership: 0, operational: 0, staff: 0 } as Record<Level, number>;
    for (const level of LEVELS) counts[level] = joined[side][level];
    result[side] = visibleLevels(counts, threshold);
  }
  return result;
}

/** The level a revealed note shows: its writer's, where that level is named; else none. */
export function attributedLevel(
  side: Side,
  level: Level | null,
  visibility: Record<Side, LevelVisibility>,
): Level | null {
  if (level === null) return null;
  return visibility[side].named.includes(level) ? level : null;
}

/**
 * The sides with someone in the room but fewer than the anonymity threshold: what such a side
 * wrote or voted, once shown, is recognisably theirs (a side of one is one person).
 */
export function smallSides(joined: Record<Side, number>, anonymityThreshold: number): Side[] {
  return SIDES.filter((side) => joined[side] > 0 && joined[side] < anonymityThreshold);
}

/** A ballot: theme id → dots. Valid when every count is a whole number ≥ 1 and the total fits. */
export type Ballot = Record<string, number>;

export function ballotProblem(ballot: Ballot, dots: number, themeIds: ReadonlySet<string>): string | null {
  let total = 0;
  for (const [theme, count] of Object.entries(ballot)) {
    if (!themeIds.has(theme)) return `theme ${theme} is not one of this vote's themes`;
    if (!Number.isInteger(count) || count < 1) return `the dots on a theme must be a whole number from 1`;
    total += count;
  }
  if (total > dots) return `${total} dots is more than the ${dots} each person has`;
  return null;
}

export type ThemeTally = {
  themeId: string;
  bySide: Record<Side, number>;
  total: number;
  /** Both sides put at least one dot on it, and each side gave it at least a quarter of its dots. */
  bothSides: boolean;
};

/**
 * The vote's tally per theme and side, most dots first (ties: the order the themes were made in).
 * `bothSides` marks what matters to both organisations, judged on shares so that a larger side
 * cannot decide alone: each side gave it at least a quarter of the dots that side cast.
 */
export function tallyVotes(
  themeIds: readonly string[],
  votes: readonly { themeId: string; side: Side; dots: number }[],
): ThemeTally[] {
  const cast: Record<Side, number> = { A: 0, B: 0 };
  const byTheme = new Map(themeIds.map((id) => [id, { A: 0, B: 0 } as Record<Side, number>]));
  for (const vote of votes) {
    const row = byTheme.get(vote.themeId);
    if (!row) continue;
    row[vote.side] += vote.dots;
    cast[vote.side] += vote.dots;
  }
  return themeIds
    .map((themeId, order) => {
      const bySide = byTheme.get(themeId)!;
      const bothSides = SIDES.every((side) => bySide[side] > 0 && bySide[side] * 4 >= cast[side]);
      return { order, tally: { themeId, bySide, total: bySide.A + bySide.B, bothSides } };
    })
    .sort((a, b) => b.tally.total - a.tally.total || a.order - b.order)
    .map((entry) => entry.tally);
}
