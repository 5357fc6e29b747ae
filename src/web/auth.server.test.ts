import { expect, test } from 'vitest';
import { readSessionToken, safeNext } from './auth.server.ts';

test.each([
  ['/relationships/1?tab=waves', '/relationships/1?tab=waves'],
  ['/', '/'],
  ['//evil.example/x', '/'],
  ['/\\evil.example/x', '/'],
  ['https://evil.example', '/'],
  ['relationships', '/'],
  [null, '/'],
])('after sign-in, next=%s goes to %s', (next, expected) => {
  expect(safeNext(next)).toBe(expected);
});

test('the session token is read from among other cookies; none gives an empty token', () => {
  const request = (cookie?: string) =>
    new Request('http://localhost/', cookie ? { headers: { cookie } } : {});
  expect(readSessionToken(request('theme=dark; tl_session=abc-123_x; other=1'))).toBe('abc-123_x');
  expect(readSessionToken(request('theme=dark'))).toBe('');
  expect(readSessionToken(request())).toBe('');
});
