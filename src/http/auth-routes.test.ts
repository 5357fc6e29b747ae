import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { queryRows } from '../db/query-rows.ts';
import { createUser } from '../services/create-user.ts';
import { ensureDefaultWorkspace } from '../services/ensure-default-workspace.ts';
import type { AppEnv } from './app-env.ts';
import { appErrorResponse } from './app-error-response.ts';
import { authOpenApiPaths, authRoutes, outboxRoutes } from './auth-routes.ts';
import { clientAddressOf } from './client-address.ts';
import { csrfProtection, sessionMiddleware } from './session-middleware.ts';

// The account routes in-process (app.request, no port) on each store, inside a tiny app wired the
// way the real one must be: db → session → CSRF → routes, and one onError for AppError codes.

const PASSWORD = 'correct horse battery';

function buildApp(database: Database) {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set('db', database.db);
    c.set('baseUrl', 'https://trustloop.example');
    // What createApp sets behind one trusted proxy (TRUST_PROXY=1): the browsers below say it.
    c.set('address', clientAddressOf(c, 1));
    await next();
  });
  app.use(sessionMiddleware());
  app.use(csrfProtection());
  app.route('/api/auth', authRoutes());
  app.route('/api/outbox', outboxRoutes());
  app.post('/api/things', (c) => c.json({ changed: true }));
  app.onError((error, c) => appErrorResponse(c, error) ?? Promise.reject(error));
  return app;
}

type App = ReturnType<typeof buildApp>;

/** A browser in miniature: keeps the session cookie and the CSRF token between requests. */
function createBrowser(app: App, address = '10.0.0.1') {
  let cookie: string | undefined;
  let csrfToken: string | undefined;
  return {
    get csrfToken() {
      return csrfToken;
    },
    async request(
      path: string,
      init: { method?: string; json?: unknown; headers?: Record<string, string> } = {},
    ) {
      const headers: Record<string, string> = { 'x-forwarded-for': address, ...init.headers };
      if (cookie) headers.cookie = `tl_session=${cookie}`;
      if (init.json !== undefined) headers['content-type'] = 'application/json';
      const response = await app.request(path, {
        method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
        headers,
        body: init.json === undefined ? undefined : JSON.stringify(init.json),
      });
      const setCookie = response.headers.get('set-cookie');
      const value = setCookie?.match(/tl_session=([^;]*)/)?.[1];
      if (value !== undefined) cookie = value || undefined;
      const text = await response.clone().text();
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
      if (typeof body?.csrfToken === 'string') csrfToken = body.csrfToken;
      return { response, body, setCookie };
    },
  };
}

describe.each(testStores)('account routes on $kind', (store) => {
  let database: Database;
  let app: App;
  let workspaceId: string;

  beforeAll(async () => {
    database = await store.open();
    app = buildApp(database);
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await database.db.execute(sql`delete from users`);
    await database.db.execute(sql`delete from sign_in_attempts`);
    await database.db.execute(sql`delete from outbox`);
    await database.db.execute(sql`delete from rate_limits`);
    workspaceId = (await ensureDefaultWorkspace(database.db)).id;
  });

  const addUser = (email: string, role: 'admin' | 'facilitator' | 'sponsor') =>
    createUser(database.db, workspaceId, { email, name: email.split('@')[0]!, password: PASSWORD, role });

  test('first run: setup creates the admin, signs them in, and closes', async () => {
    const browser = createBrowser(app);
    expect((await browser.request('/api/auth/setup')).body).toEqual({ needsFirstAdmin: true });
    const unnamed = await browser.request('/api/auth/setup', {
      json: { email: 'ada@example.com', name: 'Ada', password: PASSWORD },
    });
    expect(unnamed.response.status).toBe(400);
    expect(unnamed.body).toMatchObject({
      error: { message: 'workspaceName: enter the name of your firm or team' },
    });
    const created = await browser.request('/api/auth/setup', {
      json: { email: 'ada@example.com', name: 'Ada', password: PASSWORD, workspaceName: 'Harbour Partners' },
    });
    expect(created.response.status).toBe(201);
    expect(created.body).toMatchObject({ user: { email: 'ada@example.com', role: 'admin' } });
    expect((await browser.request('/api/auth/me')).response.status).toBe(200);
    expect((await browser.request('/api/auth/setup')).body).toEqual({ needsFirstAdmin: false });

    const again = await createBrowser(app).request('/api/auth/setup', {
      json: { email: 'eve@example.com', name: 'Eve', password: PASSWORD, workspaceName: 'Eve & Co' },
    });
    expect(again.response.status).toBe(409);
  });

  test('sign-in sets an HttpOnly, SameSite=Lax session cookie; /me answers with the user and CSRF token', async () => {
    await addUser('fran@example.com', 'facilitator');
    const browser = createBrowser(app);
    const signedIn = await browser.request('/api/auth/sign-in', {
      json: { email: 'fran@example.com', password: PASSWORD },
    });
    expect(signedIn.response.status).toBe(200);
    expect(signedIn.setCookie).toMatch(/^tl_session=[A-Za-z0-9_-]{43}; /);
    expect(signedIn.setCookie).toMatch(/; HttpOnly/);
    expect(signedIn.setCookie).toMatch(/; SameSite=Lax/);
    expect(signedIn.setCookie).toMatch(/; Path=\//);
    expect(signedIn.setCookie).not.toMatch(/; Secure/); // plain http in this test
    expect(signedIn.body).toEqual({
      user: {
        id: expect.any(String),
        workspaceId,
        email: 'fran@example.com',
        name: 'fran',
        role: 'facilitator',
      },
      csrfToken: expect.any(String),
    });

    const me = await browser.request('/api/auth/me');
    expect(me.body).toEqual(signedIn.body);
  });

  test('the cookie is Secure when the request came over https', async () => {
    await addUser('fran@example.com', 'facilitator');
    const { setCookie } = await createBrowser(app).request('/api/auth/sign-in', {
      json: { email: 'fran@example.com', password: PASSWORD },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(setCookie).toMatch(/; Secure/);
  });

  test('401 and 403 bodies carry the code and a message', async () => {
    await addUser('spencer@example.com', 'sponsor');
    const anonymous = await createBrowser(app).request('/api/auth/me');
    expect(anonymous.response.status).toBe(401);
    expect(anonymous.body).toEqual({
      error: { code: 'unauthorized', message: 'sign in to continue', details: [] },
    });

    const sponsor = createBrowser(app);
    await sponsor.request('/api/auth/sign-in', {
      json: { email: 'spencer@example.com', password: PASSWORD },
    });
    const outbox = await sponsor.request('/api/outbox');
    expect(outbox.response.status).toBe(403);
    expect(outbox.body).toMatchObject({ error: { code: 'forbidden' } });

    const wrong = await createBrowser(app).request('/api/auth/sign-in', {
      json: { email: 'spencer@example.com', password: 'wrong password' },
    });
    expect(wrong.response.status).toBe(401);
    expect(wrong.body).toEqual({
      error: { code: 'unauthorized', message: 'email or password is wrong', details: [] },
    });
  });

  test('a change with a session needs the CSRF token, in the header or the _csrf form field', async () => {
    await addUser('fran@example.com', 'facilitator');
    const browser = createBrowser(app);
    await browser.request('/api/auth/sign-in', { json: { email: 'fran@example.com', password: PASSWORD } });

    const missing = await browser.request('/api/things', { json: {} });
    expect(missing.response.status).toBe(403);
    expect(missing.body).toEqual({
      error: { code: 'forbidden', message: 'missing or wrong CSRF token', details: [] },
    });
    const wrong = await browser.request('/api/things', { json: {}, headers: { 'x-csrf-token': 'guess' } });
    expect(wrong.response.status).toBe(403);

    const header = await browser.request('/api/things', {
      json: {},
      headers: { 'x-csrf-token': browser.csrfToken! },
    });
    expect(header.response.status).toBe(200);

    // Without a session cookie there is no ambient authority, so no token is needed.
    expect((await createBrowser(app).request('/api/things', { json: {} })).response.status).toBe(200);
  });

  test('a plain form post passes with the _csrf field', async () => {
    await addUser('fran@example.com', 'facilitator');
    const browser = createBrowser(app);
    const signedIn = await browser.request('/api/auth/sign-in', {
      json: { email: 'fran@example.com', password: PASSWORD },
    });
    const token = signedIn.setCookie?.match(/tl_session=([^;]*)/)?.[1];
    const post = (csrf: string) =>
      app.request('/api/things', {
        method: 'POST',
        headers: { cookie: `tl_session=${token}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, name: 'x' }).toString(),
      });
    expect((await post(browser.csrfToken!)).status).toBe(200);
    expect((await post('wrong')).status).toBe(403);
  });

  test('sign-out needs the CSRF token, ends the session and clears the cookie', async () => {
    await addUser('fran@example.com', 'facilitator');
    const browser = createBrowser(app);
    await browser.request('/api/auth/sign-in', { json: { email: 'fran@example.com', password: PASSWORD } });
    expect((await browser.request('/api/auth/sign-out', { method: 'POST' })).response.status).toBe(403);

    const signedOut = await browser.request('/api/auth/sign-out', {
      method: 'POST',
      headers: { 'x-csrf-token': browser.csrfToken! },
    });
    expect(signedOut.response.status).toBe(204);
    expect(signedOut.setCookie).toMatch(/^tl_session=; .*Max-Age=0/);
    expect((await browser.request('/api/auth/me')).response.status).toBe(401);
    const [left] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from sessions`);
    expect(left?.n).toBe(0);
  });

  test('validation errors name the field', async () => {
    const browser = createBrowser(app);
    const badEmail = await browser.request('/api/auth/sign-in', { json: { email: 'nope', password: 'x' } });
    expect(badEmail.response.status).toBe(400);
    expect(badEmail.body).toMatchObject({
      error: { code: 'invalid-input', message: 'email: enter an email address' },
    });
    const noPassword = await browser.request('/api/auth/sign-in', { json: { email: 'a@example.com' } });
    expect(noPassword.body).toMatchObject({ error: { message: 'password: enter your password' } });
    const notJson = await app.request('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"email":"a@example.com","password":"x"}',
    });
    expect(notJson.status).toBe(400);
  });

  test('password reset over HTTP: 202 for any email, mail in the outbox, link works once', async () => {
    await addUser('ada@example.com', 'admin');
    await addUser('fran@example.com', 'facilitator');
    const anonymous = createBrowser(app);
    const known = await anonymous.request('/api/auth/password-reset', {
      json: { email: 'fran@example.com' },
    });
    const unknown = await anonymous.request('/api/auth/password-reset', {
      json: { email: 'no@example.com' },
    });
    expect(known.response.status).toBe(202);
    expect(unknown.response.status).toBe(202);
    expect(unknown.body).toEqual(known.body);

    const admin = createBrowser(app);
    await admin.request('/api/auth/sign-in', { json: { email: 'ada@example.com', password: PASSWORD } });
    const outbox = await admin.request('/api/outbox');
    const mail = (outbox.body as { mail: Array<{ to: string; body: string }> }).mail;
    expect(mail.map((m) => m.to)).toEqual(['fran@example.com']);
    const token = mail[0]?.body.match(/^https:\/\/trustloop\.example\/reset-password\/(\S+)$/m)?.[1];
    expect(token).toBeDefined();

    const confirm = () =>
      anonymous.request('/api/auth/password-reset/confirm', {
        json: { token, password: 'a brand new passphrase' },
      });
    expect((await confirm()).response.status).toBe(200);
    const reused = await confirm();
    expect(reused.response.status).toBe(400);
    expect(reused.body).toMatchObject({
      error: { message: 'this reset link has expired or was already used' },
    });
    const signedIn = await createBrowser(app).request('/api/auth/sign-in', {
      json: { email: 'fran@example.com', password: 'a brand new passphrase' },
    });
    expect(signedIn.response.status).toBe(200);
  });

  test('the OpenAPI fragment covers every route with JSON schemas', () => {
    expect(Object.keys(authOpenApiPaths).sort()).toEqual([
      '/api/auth/me',
      '/api/auth/password-reset',
      '/api/auth/password-reset/confirm',
      '/api/auth/setup',
      '/api/auth/sign-in',
      '/api/auth/sign-out',
      '/api/outbox',
    ]);
    const schema = authOpenApiPaths['/api/auth/sign-in'].post.requestBody.content['application/json'].schema;
    expect(schema).toMatchObject({ type: 'object', required: ['email', 'password'] });
  });
});
