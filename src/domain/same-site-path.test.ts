import fc from 'fast-check';
import { expect, test } from 'vitest';
import { sameSitePath } from './same-site-path.ts';

// After sign-in the browser follows `Location: sameSitePath(next)`, resolving it against the page
// it is on with the WHATWG URL parser. Whatever `next` was, it must land on this site.

const SITE = 'https://trust.example';
const PAGES = [`${SITE}/sign-in?next=x`, `${SITE}/relationships/a/waves/b`, `${SITE}/`];

/** Where a browser on `page` goes when told `Location: location`. */
function followed(location: string, page: string): URL {
  return new URL(location, page);
}

// Pieces attackers use: slashes of every kind and encoding, tabs and new lines (dropped by the
// parser), schemes, credentials, ports, dot segments, look-alikes of "/" and "." from Unicode.
const PIECES = [
  '/',
  '//',
  '\\',
  '\\\\',
  '/\\',
  '\t',
  '\n',
  '\r',
  ' ',
  '\u0000',
  '\u000b',
  '\u00a0',
  '%2F',
  '%2f',
  '%5C',
  '%5c',
  '%09',
  '%0A',
  '%00',
  '%252F',
  '%E2%88%95',
  'http:',
  'https:',
  'javascript:',
  'data:',
  '//evil.example',
  'evil.example',
  '@',
  ':',
  '443',
  '.',
  '..',
  './',
  '../',
  '/./',
  '/../',
  '?',
  '#',
  '&next=',
  'evil',
  'EVIL.EXAMPLE',
  'x',
  '\u2215',
  '\uff0f',
  '\u2044',
  '\uff3c',
  '\u3002',
  '\uff0e',
  '\u2024',
  'ⅇvil',
  '\u200b',
  '\ufeff',
];

const hostileNext = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }).map((parts) => parts.join('')),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }).map((parts) => `/${parts.join('')}`),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.webUrl().map((url) => url.replace(/^https?:/, '')),
  fc.webPath(),
);

test('every next, in any encoding, leads to a page of this site', () => {
  fc.assert(
    fc.property(hostileNext, fc.constantFrom(...PAGES), (next, page) => {
      const target = followed(sameSitePath(next), page);
      expect(target.origin).toBe(SITE);
    }),
    { numRuns: 20_000 },
  );
});

test('the path it gives is already in normal form: the browser lands exactly there', () => {
  fc.assert(
    fc.property(hostileNext, (next) => {
      const path = sameSitePath(next);
      expect(sameSitePath(path)).toBe(path);
      const target = followed(path, PAGES[0]!);
      expect(`${target.pathname}${target.search}${target.hash}`).toBe(path);
    }),
    { numRuns: 5_000 },
  );
});

test.each([
  ['/relationships/1?tab=waves', '/relationships/1?tab=waves'],
  ['/portfolio#risks', '/portfolio#risks'],
  ['/', '/'],
  [null, '/'],
  ['relationships', '/'],
  ['//evil.example/x', '/'],
  ['/\\evil.example/x', '/'],
  ['/\t/evil.example', '/'],
  ['/%09/evil.example', '/%09/evil.example'],
  ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
  ['/.//evil.example', '/'],
  ['https:evil.example', '/'],
  ['https://evil.example', '/'],
  ['/\n/evil.example', '/'],
  ['\\\\evil.example', '/'],
  ['/\uff0fevil.example', '/%EF%BC%8Fevil.example'],
])('next=%j goes to %j', (next, expected) => {
  expect(sameSitePath(next)).toBe(expected);
});
