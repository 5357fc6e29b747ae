import { expect, test } from 'vitest';
import { readSessionToken } from './auth.server.ts';

test('the session token is read from among other cookies; none gives an empty token', () => {
  const request = (cookie?: string) =>
    new Request('http://localhost/', cookie ? { headers: { cookie } } : {});
  expect(readSessionToken(request('theme=dark; tl_session=abc-123_x; other=1'))).toBe('abc-123_x');
  expect(readSessionToken(request('theme=dark'))).toBe('');
  expect(readSessionToken(request())).toBe('');
});
