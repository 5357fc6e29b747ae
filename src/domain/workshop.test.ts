import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  attributedLevel,
  ballotProblem,
  defaultAgenda,
  emptyJoinedCounts,
  JOIN_CODE_ALPHABET,
  joinCodeFrom,
  normalizeJoinCode,
  noteLevelVisibility,
  smallSides,
  tallyVotes,
} from './workshop.ts';

describe('join codes', () => {
  test('six characters of the alphabet, each equally likely (bytes from 240 are skipped)', () => {
    expect(JOIN_CODE_ALPHABET).toHaveLength(24);
    expect(joinCodeFrom(new Uint8Array([0, 23, 24, 239, 240, 255, 47, 1]))).toBe('A9A99C');
    expect(() => joinCodeFrom(new Uint8Array([250, 251, 1]))).toThrow(/not enough/);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        const usable = [...bytes].filter((b) => b < 240).length;
        fc.pre(usable >= 6);
        const code = joinCodeFrom(bytes);
        expect(code).toMatch(/^[ACDEFHJKMNPQRTUVWXY34679]{6}$/);
        expect(normalizeJoinCode(code)).toBe(code);
      }),
    );
  });

  test('typed in any case, with spaces or a dash; look-alikes and wrong lengths are no code', () => {
    expect(normalizeJoinCode(' kx4 7pq ')).toBe('KX47PQ');
    expect(normalizeJoinCode('kx4-7pq')).toBe('KX47PQ');
    expect(normalizeJoinCode('KX47P')).toBeNull();
    expect(normalizeJoinCode('KX47PQA')).toBeNull();
    expect(normalizeJoinCode('KX47P0')).toBeNull(); // zero is not in the alphabet
    expect(normalizeJoinCode('')).toBeNull();
  });
});

describe('who a revealed note names', () => {
  test('the side always; a level only where 5 (or k) of that side and level have joined', () => {
    const joined = emptyJoinedCounts();
    joined.A = { leadership: 5, operational: 6, staff: 2, unknown: 3 };
    joined.B = { leadership: 1, operational: 4, staff: 7, unknown: 0 };
    const visibility = noteLevelVisibility(joined, 3);
    // A: staff (2) is hidden and too few alone, so the next smallest named level (leadership, 5) hides with it.
    expect(visibility.A.named).toEqual(['operational']);
    expect(attributedLevel('A', 'operational', visibility)).toBe('operational');
    expect(attributedLevel('A', 'leadership', visibility)).toBeNull();
    expect(attributedLevel('A', 'staff', visibility)).toBeNull();
    expect(attributedLevel('A', null, visibility)).toBeNull();
    // B: leadership 1 and operational 4 together make 5.
    expect(visibility.B.named).toEqual(['staff']);
    // A higher k raises the bar.
    expect(noteLevelVisibility(joined, 7).A.named).toEqual([]);
  });
});

test('a side is small when someone but fewer than the threshold joined: what it shows is theirs', () => {
  expect(smallSides({ A: 12, B: 2 }, 3)).toEqual(['B']);
  expect(smallSides({ A: 1, B: 0 }, 3)).toEqual(['A']);
  expect(smallSides({ A: 3, B: 5 }, 3)).toEqual([]);
  expect(smallSides({ A: 4, B: 4 }, 5)).toEqual(['A', 'B']);
});

describe('the dot vote', () => {
  const themes = new Set(['t1', 't2', 't3']);

  test('a ballot holds at most the dots each person has, on this vote’s themes, whole dots from 1', () => {
    expect(ballotProblem({ t1: 2, t2: 1 }, 3, themes)).toBeNull();
    expect(ballotProblem({}, 3, themes)).toBeNull();
    expect(ballotProblem({ t1: 3, t2: 1 }, 3, themes)).toBe('4 dots is more than the 3 each person has');
    expect(ballotProblem({ t9: 1 }, 3, themes)).toBe("theme t9 is not one of this vote's themes");
    expect(ballotProblem({ t1: 0 }, 3, themes)).toMatch(/whole number from 1/);
    expect(ballotProblem({ t1: 1.5 }, 3, themes)).toMatch(/whole number from 1/);
  });

  test('the tally per side, most dots first, and what matters to both sides by share', () => {
    const tally = tallyVotes(
      ['t1', 't2', 't3'],
      [
        // Side A (12 people-dots in all), side B (4).
        { themeId: 't1', side: 'A', dots: 9 },
        { themeId: 't2', side: 'A', dots: 3 },
        { themeId: 't2', side: 'B', dots: 1 },
        { themeId: 't3', side: 'B', dots: 3 },
        { themeId: 'gone', side: 'B', dots: 3 },
      ],
    );
    expect(tally.map((t) => [t.themeId, t.bySide.A, t.bySide.B, t.total, t.bothSides])).toEqual([
      ['t1', 9, 0, 9, false],
      ['t2', 3, 1, 4, true], // 3 of A's 12 and 1 of B's 4: a quarter of each
      ['t3', 0, 3, 3, false],
    ]);
  });

  test('the totals add up to the dots cast on known themes, whatever the order of the votes', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            themeId: fc.constantFrom('t1', 't2', 't3'),
            side: fc.constantFrom('A' as const, 'B' as const),
            dots: fc.integer({ min: 1, max: 5 }),
          }),
        ),
        (votes) => {
          const tally = tallyVotes(['t1', 't2', 't3'], votes);
          const sum = votes.reduce((s, v) => s + v.dots, 0);
          expect(tally.reduce((s, t) => s + t.total, 0)).toBe(sum);
          const reversed = tallyVotes(['t1', 't2', 't3'], [...votes].reverse());
          expect(reversed).toEqual(tally);
        },
      ),
    );
  });
});

test('the default agenda is the seed’s workshop: present, reflect three times, group, vote, discuss, commit', () => {
  expect(defaultAgenda().map((step) => step.kind)).toEqual([
    'present',
    'reflect',
    'reflect',
    'reflect',
    'group',
    'vote',
    'discuss',
    'commit',
  ]);
});
