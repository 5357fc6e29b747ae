import type { Hono } from 'hono';
import type { AppEnv } from '../../src/http/app-env.ts';

export type ApiClient = {
  request(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  csrfToken: string;
};

/** Signs in through the real /api/auth/sign-in and sends the session cookie and CSRF token after. */
export async function signInClient(app: Hono<AppEnv>, email: string, password: string): Promise<ApiClient> {
  const response = await app.request('/api/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.get('set-cookie')?.split(';')[0] ?? '';
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return {
    csrfToken,
    request: async (path, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set('cookie', cookie);
      if (!headers.has('x-csrf-token')) headers.set('x-csrf-token', csrfToken);
      if (init.json !== undefined) headers.set('content-type', 'application/json');
      return app.request(path, {
        ...init,
        headers,
        body: init.json === undefined ? init.body : JSON.stringify(init.json),
      });
    },
  };
}
