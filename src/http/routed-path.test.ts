import fc from 'fast-check';
import { expect, test } from 'vitest';
import { bodyLimitClassOf } from './body-limits.ts';
import {
  isSurveyPage,
  redactedPath,
  routedSegments,
  sentPathOf,
  surveyCodeDoorOf,
  workshopCodeDoorOf,
} from './routed-path.ts';

// Decisions made before routing see the path as the routers do, so no spelling walks around them.

/** A spelling a router reads as the same path: any case, any character %-escaped. */
const spelling = (path: string) =>
  fc
    .array(fc.tuple(fc.boolean(), fc.boolean()), { minLength: path.length, maxLength: path.length })
    .map((choices) =>
      [...path]
        .map((char, i) => {
          const [upper, escaped] = choices[i]!;
          const cased = upper ? char.toUpperCase() : char;
          return escaped && char !== '/' ? `%${cased.charCodeAt(0).toString(16).toUpperCase()}` : cased;
        })
        .join(''),
    );

test('the path as sent, still escaped and without its query, is what gets decoded (once)', () => {
  expect(sentPathOf('http://localhost:3000/s/A%2541/x.data?_routes=a')).toBe('/s/A%2541/x.data');
  expect(sentPathOf('https://trust.example')).toBe('/');
  expect(routedSegments(sentPathOf('http://h/s/A%2541'))).toEqual(['s', 'a%41']);
});

test.each([
  ['/s/ABCD-EFGH', ['s', 'abcd-efgh']],
  ['/S/abcd-efgh.data', ['s', 'abcd-efgh']],
  ['/code/', ['code']],
  ['/%63ode.data', ['code']],
  ['/_root.data', []],
  ['/relationships/x/_.data', ['relationships', 'x']],
  ['/a/%E0%A4%A', ['a', '%e0%a4%a']],
])('%s is routed as %j', (path, segments) => {
  expect(routedSegments(path)).toEqual(segments);
});

test.each([
  '/code',
  '/code.data',
  '/code/',
  '/s/ACDE-FGHJ',
  '/s/acde-fghj/questions/2',
  '/api/survey/code/x',
])('every spelling of %s is seen as the same way to try a code', (path) => {
  const expected = surveyCodeDoorOf('POST', path);
  expect(expected).not.toBeNull();
  fc.assert(fc.property(spelling(path), (spelt) => surveyCodeDoorOf('POST', spelt) === expected));
});

test('a token is never a code try; the code page is one only when posted to', () => {
  expect(surveyCodeDoorOf('GET', '/s/Zx8fK2mQ9vB3nH7tY1wE4r')).toBeNull();
  expect(surveyCodeDoorOf('GET', '/code')).toBeNull();
  expect(surveyCodeDoorOf('GET', '/code.data')).toBeNull();
  expect(surveyCodeDoorOf('POST', '/code.data')).toBe('code-form');
  expect(surveyCodeDoorOf('GET', '/relationships/code')).toBeNull();
});

test('the survey pages in any spelling, and nothing else, are survey pages', () => {
  for (const path of [
    '/code',
    '/CODE.data',
    '/s/x',
    '/S/x/questions/1.data',
    '/%73/x',
    '/w',
    '/W.data',
    '/api/w/notes',
  ])
    expect(isSurveyPage(path)).toBe(true);
  for (const path of [
    '/',
    '/s',
    '/code/x',
    '/relationships/new',
    '/sign-in',
    '/score/x',
    '/api/workshops/x',
    '/wave',
  ])
    expect(isSurveyPage(path)).toBe(false);
});

test('a typed workshop code is tried by posting the join form or the join API, in any spelling', () => {
  expect(workshopCodeDoorOf('POST', '/w')).toBe('join-form');
  expect(workshopCodeDoorOf('POST', '/W.data')).toBe('join-form');
  expect(workshopCodeDoorOf('POST', '/w/')).toBe('join-form');
  expect(workshopCodeDoorOf('POST', '/api/w/join')).toBe('join-api');
  expect(workshopCodeDoorOf('POST', '/API/W/%6Aoin')).toBe('join-api');
  expect(workshopCodeDoorOf('GET', '/w')).toBeNull();
  expect(workshopCodeDoorOf('POST', '/api/w/notes')).toBeNull();
});

test('no spelling of a secret path shows its secret in the log', () => {
  const secret = fc.stringMatching(/^[A-Za-z0-9_-]{22}$/);
  const template = fc.constantFrom(
    (s: string) => `/s/${s}`,
    (s: string) => `/s/${s}/questions/3.data`,
    (s: string) => `/api/survey/${s}/submit`,
    (s: string) => `/api/survey/code/${s}`,
    (s: string) => `/reset-password/${s}`,
    (s: string) => `/invite/${s}`,
    (s: string) => `/invite/${s}.data`,
    (s: string) => `/api/invites/${s}/accept`,
  );
  fc.assert(
    fc.property(secret, template, fc.context(), (s, make, ctx) => {
      fc.assert(
        fc.property(spelling(make(s)), (spelt) => {
          const shown = redactedPath(spelt);
          ctx.log(shown);
          return !shown.toLowerCase().includes(s.toLowerCase());
        }),
        { numRuns: 20 },
      );
    }),
    { numRuns: 200 },
  );
  expect(redactedPath('/S/Zx8fK2mQ9vB3nH7tY1wE4r/Questions/2.data')).toBe('/s/…/questions/2.data');
  expect(redactedPath('/A/Zx8fK2mQ9vB3nH7tY1wE4r.data')).toBe('/a/….data');
  expect(redactedPath('/api/survey/code')).toBe('/api/survey/code');
  expect(redactedPath('/relationships/abc')).toBe('/relationships/abc');
});

test.each([
  ['/api/survey/x/submit', 'survey'],
  ['/S/x/questions/1.data', 'survey'],
  ['/code.data', 'survey'],
  ['/api/relationships/import', 'bundle'],
  ['/relationships/abc/participants/import', 'participants'],
  ['/relationships/abc/participants/import.data', 'participants'],
  ['/api/relationships/abc/participants/preview', 'participants'],
  ['/relationships/new', 'default'],
  ['/api/relationships', 'default'],
])('%s takes the %s body limit', (path, kind) => {
  expect(bodyLimitClassOf(path)).toBe(kind);
});
