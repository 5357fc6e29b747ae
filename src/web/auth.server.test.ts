import { expect, test } from 'vitest';
import { safeNext } from './auth.server.ts';

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
