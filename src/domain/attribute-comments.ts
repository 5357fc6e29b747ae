import { LEVELS, type Level, type OpenQuestion, SIDES, type Side } from './model.ts';

// Who a verbatim comment may be attributed to (PRODUCT.md, "anonymity"; decision 015).
//
// A comment always names its writer's side. It names their level only where that level, in the
// same wave and side, has at least COMMENT_ATTRIBUTION_MIN submitted responses (or the wave's k, if
// higher). Otherwise it says "level not shown" — and so that such comments cannot be told apart
// by elimination (a side whose only small level is leadership would otherwise label every
// leadership comment "level not shown"), the hidden levels of a side must together have at least
// that many respondents: if not, the next smallest named level is hidden with them (ties in level
// order), as decision 005 does for cells. Levels without respondents have no comments and do not
// count.
//
// Comments never carry a person, a response id or a time. They come out in a fixed shuffled
// order: sorted by an opaque key the caller derives from the answer with a per-wave secret (a
// keyed hash), so the order follows neither submission nor anyone's identity, and stays the same
// while the facilitator tags.

export const COMMENT_ATTRIBUTION_MIN = 5;

export const THEME_MAX_LENGTH = 40;

/** The respondents a level needs before its comments are attributed to it: 5, or k if higher. */
export function commentAttributionThreshold(anonymityThreshold: number): number {
  return Math.max(COMMENT_ATTRIBUTION_MIN, anonymityThreshold);
}

/** Submitted responses per side and level in one wave. */
export type RespondentCounts = Record<Side, Record<Level, number>>;

export type OpenAnswerInput = {
  /** Opaque and stable (a keyed hash of the answer): sorts the comments and names one in forms. */
  orderKey: string;
  questionCode: string;
  side: Side;
  level: Level;
  text: string;
  /** The facilitator's redaction of `text` (a name struck out): what anyone else reads; null = none. */
  redactedText: string | null;
  /** Hidden by the facilitator: nobody else sees it, and it counts nowhere shared. */
  hidden: boolean;
  /** The facilitator's theme tags, as typed. */
  themes: readonly string[];
};

/**
 * Who the comments are for. `facilitator`: every comment, the redacted text with the original
 * beside it, hidden ones marked. `shared` (sponsors, reports, downloads, de-identified exports): the
 * redacted text only and no hidden comment — the original words stay with the facilitators.
 */
export type CommentAudience = 'facilitator' | 'shared';

export type CommentAttribution =
  | { kind: 'level'; side: Side; level: Level }
  | { kind: 'side'; side: Side; reason: 'small-level'; threshold: number };

export type AttributedComment = {
  /** The answer's order key: what a form posts back to tag this comment. */
  ref: string;
  /** What the comment says to its audience: the redacted text where there is one. */
  text: string;
  /** The participant's own words when the comment was redacted; only for the facilitator audience. */
  original: string | null;
  /** Hidden by the facilitator (only the facilitator audience ever gets hidden comments). */
  hidden: boolean;
  attribution: CommentAttribution;
  /** Its theme tags, one per theme key, sorted by key. */
  themes: string[];
};

/** Comments of one side carrying a theme: `key` is the lower-cased theme, `label` its usual spelling. */
export type ThemeCount = { key: string; label: string; bySide: Record<Side, number>; total: number };

export type SideComments = { side: Side; comments: AttributedComment[] };

export type QuestionComments = {
  code: string;
  text: string;
  sides: SideComments[];
  /** Per theme, how many of this question's comments carry it, per side; most frequent first. */
  themeCounts: ThemeCount[];
  /** Comments before the theme filter, per side. */
  totalBySide: Record<Side, number>;
};

export type LevelVisibility = { named: Level[]; hidden: Level[]; threshold: number };

export type AttributedComments = {
  questions: QuestionComments[];
  levels: Record<Side, LevelVisibility>;
  /** Every theme used in the wave (all questions), most frequent first. */
  themes: ThemeCount[];
  /** The theme key the comments were filtered by, or null. */
  theme: string | null;
};

/** Which levels of one side may be named on a comment (see the rule at the top). */
export function visibleLevels(counts: Record<Level, number>, threshold: number): LevelVisibility {
  const hidden = new Set(LEVELS.filter((level) => counts[level] > 0 && counts[level] < threshold));
  let hiddenTotal = [...hidden].reduce((sum, level) => sum + counts[level], 0);
  if (hidden.size > 0) {
    const candidates = LEVELS.filter((level) => counts[level] >= threshold).sort(
      (a, b) => counts[a] - counts[b] || LEVELS.indexOf(a) - LEVELS.indexOf(b),
    );
    for (const level of candidates) {
      if (hiddenTotal >= threshold) break;
      hidden.add(level);
      hiddenTotal += counts[level];
    }
  }
  return {
    named: LEVELS.filter((level) => counts[level] >= threshold && !hidden.has(level)),
    hidden: LEVELS.filter((level) => hidden.has(level)),
    threshold,
  };
}

/** A theme as the facilitator typed it: spaces trimmed and collapsed; 1–40 characters. */
export function normalizeThemeTag(
  raw: string,
): { ok: true; theme: string; key: string } | { ok: false; message: string } {
  const theme = raw.trim().replace(/\s+/g, ' ');
  const length = [...theme].length;
  if (length === 0) return { ok: false, message: 'type a theme, for example "ticket ownership"' };
  if (length > THEME_MAX_LENGTH)
    return {
      ok: false,
      message: `a theme has at most ${THEME_MAX_LENGTH} characters (this one has ${length})`,
    };
  return { ok: true, theme, key: themeKey(theme) };
}

/** Themes are counted and matched without regard to case or spacing. */
export function themeKey(theme: string): string {
  return theme.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * One wave's open answers grouped by question (instrument order) and side (A, B), attributed by
 * the rule above, in keyed order, with theme counts; `theme` keeps only comments carrying it
 * (counts are always over every comment). Answers to questions not in `questions` or with blank
 * text are left out.
 */
export function attributeComments(input: {
  questions: readonly OpenQuestion[];
  answers: readonly OpenAnswerInput[];
  respondents: RespondentCounts;
  threshold: number;
  theme?: string | null;
  /** Default `facilitator`. */
  audience?: CommentAudience;
}): AttributedComments {
  const levels = {
    A: visibleLevels(input.respondents.A, input.threshold),
    B: visibleLevels(input.respondents.B, input.threshold),
  };
  const filter = input.theme ? themeKey(input.theme) : null;
  const isShared = input.audience === 'shared';
  const answers = input.answers
    .filter((a) => a.text.trim() !== '' && !(isShared && a.hidden))
    .sort(compareAnswers);
  const labels = themeLabels(answers);
  const allThemes = new Map<string, Record<Side, number>>();

  const questions = input.questions.map((question): QuestionComments => {
    const ofQuestion = answers.filter((a) => a.questionCode === question.code);
    const counts = new Map<string, Record<Side, number>>();
    const totalBySide: Record<Side, number> = { A: 0, B: 0 };
    const sides = SIDES.map((side): SideComments => {
      const comments: AttributedComment[] = [];
      for (const answer of ofQuestion.filter((a) => a.side === side)) {
        totalBySide[side]++;
        const keys = [...new Set(answer.themes.map(themeKey))].filter((k) => k !== '').sort();
        for (const key of keys) {
          bump(counts, key, side);
          bump(allThemes, key, side);
        }
        if (filter && !keys.includes(filter)) continue;
        const redacted = answer.redactedText?.trim() || null;
        comments.push({
          ref: answer.orderKey,
          text: redacted ?? answer.text.trim(),
          original: redacted !== null && !isShared ? answer.text.trim() : null,
          hidden: answer.hidden,
          attribution: attribute(answer, levels[side]),
          themes: keys.map((key) => labels.get(key) ?? key),
        });
      }
      return { side, comments };
    });
    return {
      code: question.code,
      text: question.text,
      sides,
      themeCounts: toThemeCounts(counts, labels),
      totalBySide,
    };
  });
  return { questions, levels, themes: toThemeCounts(allThemes, labels), theme: filter };
}

function attribute(answer: OpenAnswerInput, visibility: LevelVisibility): CommentAttribution {
  return visibility.named.includes(answer.level)
    ? { kind: 'level', side: answer.side, level: answer.level }
    : { kind: 'side', side: answer.side, reason: 'small-level', threshold: visibility.threshold };
}

/** By the keyed order; equal keys (never, for real hashes) by content, so input order never shows. */
function compareAnswers(a: OpenAnswerInput, b: OpenAnswerInput): number {
  return (
    compareText(a.orderKey, b.orderKey) ||
    compareText(a.text, b.text) ||
    compareText(a.level, b.level) ||
    compareText([...a.themes].sort().join('\n'), [...b.themes].sort().join('\n'))
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function bump(counts: Map<string, Record<Side, number>>, key: string, side: Side): void {
  const entry = counts.get(key) ?? { A: 0, B: 0 };
  entry[side]++;
  counts.set(key, entry);
}

function toThemeCounts(counts: Map<string, Record<Side, number>>, labels: Map<string, string>): ThemeCount[] {
  return [...counts]
    .map(([key, bySide]) => ({ key, label: labels.get(key) ?? key, bySide, total: bySide.A + bySide.B }))
    .sort((a, b) => b.total - a.total || compareText(a.key, b.key));
}

/** Each theme key's most used spelling (ties: the first in code-point order). */
function themeLabels(answers: readonly OpenAnswerInput[]): Map<string, string> {
  const spellings = new Map<string, Map<string, number>>();
  for (const answer of answers) {
    for (const raw of answer.themes) {
      const spelling = raw.trim().replace(/\s+/g, ' ');
      const key = spelling.toLowerCase();
      const ofKey = spellings.get(key) ?? new Map<string, number>();
      ofKey.set(spelling, (ofKey.get(spelling) ?? 0) + 1);
      spellings.set(key, ofKey);
    }
  }
  const labels = new Map<string, string>();
  for (const [key, ofKey] of spellings) {
    const [best] = [...ofKey].sort(([a, m], [b, n]) => n - m || compareText(a, b));
    if (best) labels.set(key, best[0]);
  }
  return labels;
}

/** How a comment's writer is named in words: the level, or none and why (the side is always named). */
export function describeAttribution(attribution: CommentAttribution): {
  level: Level | null;
  reason: string;
} {
  return attribution.kind === 'level'
    ? { level: attribution.level, reason: '' }
    : { level: null, reason: `level not shown (fewer than ${attribution.threshold} respondents)` };
}
