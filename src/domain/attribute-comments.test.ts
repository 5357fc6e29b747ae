import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  type AttributedComment,
  attributeComments,
  COMMENT_ATTRIBUTION_MIN,
  commentAttributionThreshold,
  describeAttribution,
  normalizeThemeTag,
  type OpenAnswerInput,
  type RespondentCounts,
  visibleLevels,
} from './attribute-comments.ts';
import { LEVELS, type Level, type OpenQuestion, SIDES, type Side } from './model.ts';

const QUESTIONS: OpenQuestion[] = [
  { code: 'WORKING', text: 'What is working?' },
  { code: 'NOT_WORKING', text: 'What is not working?' },
];

function counts(a: Partial<Record<Level, number>>, b: Partial<Record<Level, number>> = {}): RespondentCounts {
  const full = (c: Partial<Record<Level, number>>) => ({ leadership: 0, operational: 0, staff: 0, ...c });
  return { A: full(a), B: full(b) };
}

function answer(overrides: Partial<OpenAnswerInput> = {}): OpenAnswerInput {
  return {
    orderKey: 'k1',
    questionCode: 'WORKING',
    side: 'A',
    level: 'staff',
    text: 'The weekly stand-up.',
    redactedText: null,
    hidden: false,
    themes: [],
    ...overrides,
  };
}

function attributionOf(level: Level, respondents: RespondentCounts, side: Side = 'A') {
  const result = attributeComments({
    questions: QUESTIONS,
    answers: [answer({ side, level })],
    respondents,
    threshold: COMMENT_ATTRIBUTION_MIN,
  });
  const comment = result.questions[0]?.sides.find((s) => s.side === side)?.comments[0];
  return comment?.attribution;
}

describe('attribution at the threshold of 5', () => {
  test.each([
    { n: 4, named: false },
    { n: 5, named: true },
    { n: 6, named: true },
  ])('a level of $n respondents (the other levels empty) named: $named', ({ n, named }) => {
    for (const side of SIDES) {
      for (const level of LEVELS) {
        const respondents = side === 'A' ? counts({ [level]: n }) : counts({}, { [level]: n });
        expect(attributionOf(level, respondents, side)).toEqual(
          named
            ? { kind: 'level', side, level }
            : { kind: 'side', side, reason: 'small-level', threshold: 5 },
        );
      }
    }
  });

  test('each side is judged on its own counts', () => {
    const respondents = counts({ staff: 4 }, { staff: 5 });
    expect(attributionOf('staff', respondents, 'A')?.kind).toBe('side');
    expect(attributionOf('staff', respondents, 'B')?.kind).toBe('level');
  });

  test('a small level hides the next smallest named level too, so it cannot be found by elimination', () => {
    // Leadership 4 alone would make "level not shown" mean leadership; operational (5) joins it.
    expect(visibleLevels({ leadership: 4, operational: 5, staff: 6 }, 5)).toEqual({
      named: ['staff'],
      hidden: ['leadership', 'operational'],
      threshold: 5,
    });
    const respondents = counts({ leadership: 4, operational: 5, staff: 6 });
    expect(attributionOf('operational', respondents)?.kind).toBe('side');
    expect(attributionOf('staff', respondents)).toEqual({ kind: 'level', side: 'A', level: 'staff' });
  });

  test.each([
    { levels: { leadership: 5, operational: 5, staff: 6 }, named: LEVELS, hidden: [] },
    {
      levels: { leadership: 2, operational: 3, staff: 9 },
      named: ['staff'],
      hidden: ['leadership', 'operational'],
    },
    { levels: { leadership: 4, operational: 0, staff: 20 }, named: [], hidden: ['leadership', 'staff'] },
    { levels: { leadership: 0, operational: 7, staff: 6 }, named: ['operational', 'staff'], hidden: [] },
    {
      levels: { leadership: 4, operational: 6, staff: 6 },
      named: ['staff'],
      hidden: ['leadership', 'operational'],
    },
    { levels: { leadership: 1, operational: 1, staff: 1 }, named: [], hidden: LEVELS },
  ])('levels $levels → named $named, hidden $hidden', ({ levels, named, hidden }) => {
    expect(visibleLevels(levels, 5)).toEqual({ named, hidden, threshold: 5 });
  });

  test("the wave's k raises the threshold when it is above 5, never lowers it", () => {
    expect(commentAttributionThreshold(3)).toBe(5);
    expect(commentAttributionThreshold(5)).toBe(5);
    expect(commentAttributionThreshold(7)).toBe(7);
    expect(visibleLevels({ leadership: 0, operational: 6, staff: 0 }, 7).named).toEqual([]);
    expect(visibleLevels({ leadership: 0, operational: 7, staff: 0 }, 7).named).toEqual(['operational']);
  });

  test('in words: the level, or none and why', () => {
    expect(describeAttribution({ kind: 'level', side: 'B', level: 'operational' })).toEqual({
      level: 'operational',
      reason: '',
    });
    expect(describeAttribution({ kind: 'side', side: 'B', reason: 'small-level', threshold: 5 })).toEqual({
      level: null,
      reason: 'level not shown (fewer than 5 respondents)',
    });
  });
});

describe('grouping, themes and the filter', () => {
  const answers = [
    answer({ orderKey: 'b', text: 'Stand-up', themes: ['Ways of working'] }),
    answer({ orderKey: 'a', text: 'Charter', themes: ['ways of  working', 'Charter'] }),
    answer({ orderKey: 'c', side: 'B', text: 'VPN fixed', themes: ['WAYS OF WORKING', 'Ways of working'] }),
    answer({ orderKey: 'd', questionCode: 'NOT_WORKING', text: 'Tickets bounce', themes: ['tickets'] }),
    answer({ orderKey: 'e', text: '   ', themes: [] }),
    answer({ orderKey: 'f', questionCode: 'UNKNOWN', text: 'not a question of this instrument' }),
  ];
  const respondents = counts({ staff: 9 }, { staff: 9 });
  const result = attributeComments({ questions: QUESTIONS, answers, respondents, threshold: 5 });

  test('questions in instrument order, sides A then B, comments by their key; blanks and strays left out', () => {
    expect(result.questions.map((q) => q.code)).toEqual(['WORKING', 'NOT_WORKING']);
    const working = result.questions[0]!;
    expect(working.sides.map((s) => s.side)).toEqual(['A', 'B']);
    expect(working.sides[0]!.comments.map((c) => c.text)).toEqual(['Charter', 'Stand-up']);
    expect(working.sides[1]!.comments.map((c) => c.text)).toEqual(['VPN fixed']);
    expect(working.totalBySide).toEqual({ A: 2, B: 1 });
  });

  test('themes are counted per question and side without regard to case or spacing', () => {
    const working = result.questions[0]!;
    expect(working.themeCounts).toEqual([
      // The most used spelling names the theme; one comment tagged twice alike counts once.
      { key: 'ways of working', label: 'Ways of working', bySide: { A: 2, B: 1 }, total: 3 },
      { key: 'charter', label: 'Charter', bySide: { A: 1, B: 0 }, total: 1 },
    ]);
    expect(result.themes.map((t) => [t.key, t.total])).toEqual([
      ['ways of working', 3],
      ['charter', 1],
      ['tickets', 1],
    ]);
    expect(working.sides[0]!.comments[0]!.themes).toEqual(['Charter', 'Ways of working']);
  });

  test('the filter keeps comments with the theme, and every count', () => {
    const filtered = attributeComments({
      questions: QUESTIONS,
      answers,
      respondents,
      threshold: 5,
      theme: 'CHARTER ',
    });
    expect(filtered.theme).toBe('charter');
    expect(filtered.questions[0]!.sides[0]!.comments.map((c) => c.text)).toEqual(['Charter']);
    expect(filtered.questions[0]!.sides[1]!.comments).toEqual([]);
    expect(filtered.questions[1]!.sides[0]!.comments).toEqual([]);
    expect(filtered.questions[0]!.themeCounts).toEqual(result.questions[0]!.themeCounts);
    expect(filtered.questions[0]!.totalBySide).toEqual({ A: 2, B: 1 });
  });
});

describe('theme tags', () => {
  test.each([
    {
      raw: '  Ticket   ownership ',
      expected: { ok: true, theme: 'Ticket ownership', key: 'ticket ownership' },
    },
    { raw: 'x', expected: { ok: true, theme: 'x', key: 'x' } },
    { raw: 'a'.repeat(40), expected: { ok: true, theme: 'a'.repeat(40), key: 'a'.repeat(40) } },
    { raw: 'é'.repeat(40), expected: { ok: true, theme: 'é'.repeat(40), key: 'é'.repeat(40) } },
  ])('"$raw" is accepted', ({ raw, expected }) => {
    expect(normalizeThemeTag(raw)).toEqual(expected);
  });

  test.each([
    { raw: '', message: /type a theme/ },
    { raw: ' \t ', message: /type a theme/ },
    { raw: 'a'.repeat(41), message: /at most 40 characters \(this one has 41\)/ },
  ])('"$raw" is refused', ({ raw, message }) => {
    const result = normalizeThemeTag(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const levelCounts = fc.record({
  leadership: fc.nat({ max: 12 }),
  operational: fc.nat({ max: 12 }),
  staff: fc.nat({ max: 12 }),
});

/** Answers as the service holds them: with a response id and a time the output must never carry. */
const storedAnswer = fc.record({
  orderKey: fc.stringMatching(/^[0-9a-f]{1,4}$/),
  questionCode: fc.constantFrom('WORKING', 'NOT_WORKING'),
  side: fc.constantFrom<Side>('A', 'B'),
  level: fc.constantFrom<Level>(...LEVELS),
  text: fc.constantFrom('Stand-up', 'Charter', 'VPN fixed', 'Tickets bounce'),
  redactedText: fc.constantFrom(null, null, 'Redacted […] words'),
  hidden: fc.boolean(),
  themes: fc.array(fc.constantFrom('charter', 'Charter', 'tickets', 'people'), { maxLength: 3 }),
  responseId: fc.uuid(),
  submittedAt: fc
    .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
});

const scenario = fc.record({
  answers: fc.array(storedAnswer, { maxLength: 30 }),
  respondents: fc.record({ A: levelCounts, B: levelCounts }),
  threshold: fc.integer({ min: 5, max: 10 }),
  theme: fc.constantFrom(null, 'charter', 'people'),
});

function allComments(result: ReturnType<typeof attributeComments>): AttributedComment[] {
  return result.questions.flatMap((q) => q.sides.flatMap((s) => s.comments));
}

test('property: the output does not depend on the order the answers come in', () => {
  fc.assert(
    fc.property(scenario, fc.infiniteStream(fc.nat()), ({ answers, ...rest }, randoms) => {
      const shuffled = answers
        .map((a) => ({ a, r: randoms.next().value as number }))
        .sort((x, y) => x.r - y.r)
        .map((x) => x.a);
      const reversed = [...answers].reverse();
      const expected = attributeComments({ ...rest, questions: QUESTIONS, answers });
      expect(attributeComments({ ...rest, questions: QUESTIONS, answers: shuffled })).toEqual(expected);
      expect(attributeComments({ ...rest, questions: QUESTIONS, answers: reversed })).toEqual(expected);
    }),
  );
});

test('property: no comment carries a response id or a time, only ref, text, attribution and themes', () => {
  fc.assert(
    fc.property(scenario, ({ answers, ...rest }) => {
      const result = attributeComments({ ...rest, questions: QUESTIONS, answers });
      const json = JSON.stringify(result);
      for (const a of answers) {
        expect(json).not.toContain(a.responseId);
        expect(json).not.toContain(a.submittedAt);
        expect(json).not.toContain(a.submittedAt.slice(0, 10));
      }
      for (const comment of allComments(result)) {
        expect(Object.keys(comment).sort()).toEqual([
          'attribution',
          'hidden',
          'original',
          'ref',
          'text',
          'themes',
        ]);
        expect(Object.keys(comment.attribution).sort()).toEqual(
          comment.attribution.kind === 'level'
            ? ['kind', 'level', 'side']
            : ['kind', 'reason', 'side', 'threshold'],
        );
      }
    }),
  );
});

test('property: a named level has enough respondents, and the hidden levels of a side together do too', () => {
  fc.assert(
    fc.property(scenario, ({ answers, ...rest }) => {
      const result = attributeComments({ ...rest, questions: QUESTIONS, answers });
      for (const comment of allComments(result)) {
        const { attribution } = comment;
        if (attribution.kind === 'level') {
          expect(rest.respondents[attribution.side][attribution.level]).toBeGreaterThanOrEqual(
            rest.threshold,
          );
        }
      }
      for (const side of SIDES) {
        const { named, hidden } = result.levels[side];
        const hiddenTotal = hidden.reduce((sum, level) => sum + rest.respondents[side][level], 0);
        const sideTotal = LEVELS.reduce((sum, level) => sum + rest.respondents[side][level], 0);
        if (hidden.length > 0) expect(hiddenTotal >= rest.threshold || named.length === 0).toBe(true);
        if (hidden.length > 0 && named.length === 0) expect(hiddenTotal).toBe(sideTotal);
      }
    }),
  );
});

test('property: without a filter, every answer with text to a known question is shown exactly once', () => {
  fc.assert(
    fc.property(scenario, ({ answers, theme: _, ...rest }) => {
      const result = attributeComments({ ...rest, questions: QUESTIONS, answers });
      const shown = result.questions.flatMap((q) =>
        q.sides.flatMap((s) => s.comments.map((c) => `${q.code}|${s.side}|${c.ref}|${c.text}`)),
      );
      const expected = answers.map(
        (a) => `${a.questionCode}|${a.side}|${a.orderKey}|${a.redactedText ?? a.text}`,
      );
      expect(shown.sort()).toEqual(expected.sort());
    }),
  );
});

test('property: the shared audience never gets a hidden comment, an original text or a hidden comment’s themes', () => {
  fc.assert(
    fc.property(scenario, ({ answers, ...rest }) => {
      const result = attributeComments({ ...rest, questions: QUESTIONS, answers, audience: 'shared' });
      const comments = allComments(result);
      expect(comments.every((c) => !c.hidden && c.original === null)).toBe(true);
      // Theme counts are over what is shared: the same as attributing the shared answers alone.
      const sharedOnly = answers
        .filter((a) => !a.hidden)
        .map((a) => ({ ...a, text: a.redactedText ?? a.text, redactedText: null }));
      const again = attributeComments({
        ...rest,
        questions: QUESTIONS,
        answers: sharedOnly,
        audience: 'shared',
      });
      expect(result.themes).toEqual(again.themes);
      expect(result.questions.map((q) => [q.themeCounts, q.totalBySide])).toEqual(
        again.questions.map((q) => [q.themeCounts, q.totalBySide]),
      );
    }),
  );
});

test('the facilitator reads the redacted text with the original beside it, and hidden comments marked', () => {
  const result = attributeComments({
    questions: QUESTIONS,
    answers: [
      answer({ orderKey: 'a', text: 'Anna Berg fixed the VPN.', redactedText: '[…] fixed the VPN.' }),
      answer({ orderKey: 'b', text: 'Hidden words', hidden: true }),
    ],
    respondents: counts({ staff: 6 }),
    threshold: 5,
  });
  const [first, second] = allComments(result);
  expect(first).toMatchObject({
    text: '[…] fixed the VPN.',
    original: 'Anna Berg fixed the VPN.',
    hidden: false,
  });
  expect(second).toMatchObject({ text: 'Hidden words', original: null, hidden: true });
  const shared = attributeComments({
    questions: QUESTIONS,
    answers: [
      answer({ orderKey: 'a', text: 'Anna Berg fixed the VPN.', redactedText: '[…] fixed the VPN.' }),
      answer({ orderKey: 'b', text: 'Hidden words', hidden: true }),
    ],
    respondents: counts({ staff: 6 }),
    threshold: 5,
    audience: 'shared',
  });
  expect(allComments(shared)).toEqual([
    expect.objectContaining({ text: '[…] fixed the VPN.', original: null, hidden: false }),
  ]);
  expect(JSON.stringify(shared)).not.toContain('Anna');
});
