import { connect } from 'node:net';
import { serve } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ApiClient, signInClient } from '../../tests/support/api-client.ts';
import { createOpenSurvey, type OpenSurvey } from '../../tests/support/open-survey.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import { createTestWebApp } from '../../tests/support/web-app.ts';
import type { Database } from '../db/client.ts';
import { queryRows } from '../db/query-rows.ts';
import { createUser } from '../services/create-user.ts';
import { DEFAULT_BODY_LIMITS } from './body-limits.ts';
import { createApp } from './create-app.ts';

// What every request passes before a route sees it (request-guards.ts): bad text is a 400 that
// names the field, never a 500 from the database; a body over its route's limit is a 413, refused
// before it is read; links in mail never come from the request's Host header.

const PASSWORD = 'correct horse battery';
const LISTEN_URL = 'http://127.0.0.1:3999';

type ErrorBody = { error: { code: string; message: string; details: Array<{ field: string }> } };

describe.each(testStores)('request guards on $kind', (store) => {
  let database: Database;
  let app: ReturnType<typeof createApp>;
  let survey: OpenSurvey;
  let facilitator: ApiClient;
  let cookie: string;

  beforeAll(async () => {
    database = await store.open();
    survey = await createOpenSurvey(database.db);
    await createUser(database.db, survey.workspaceId, {
      email: 'fran@example.com',
      name: 'Fran',
      password: PASSWORD,
      role: 'facilitator',
    });
    app = createApp({
      db: database.db,
      storeKind: store.kind,
      web: await createTestWebApp(),
      listenUrl: () => LISTEN_URL,
    });
    facilitator = await signInClient(app, 'fran@example.com', PASSWORD);
    const signedIn = await app.request('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'fran@example.com', password: PASSWORD }),
    });
    cookie = signedIn.headers.get('set-cookie')?.split(';')[0] ?? '';
  });
  afterAll(async () => {
    await database?.close();
  });

  const token = () => survey.links[0]!.url.split('/s/')[1]!;
  const page = async (path: string, fields: Record<string, string>) => {
    const csrf = facilitator.csrfToken;
    return app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ ...fields, _csrf: csrf }).toString(),
    });
  };

  test.each([
    ['a survey answer', 'open.working', { open: { working: 'all good\u0000' } }],
    ['a field name', 'open', { open: { 'work\u0000ing': 'x' } }],
    ['an escaped NUL', 'open.working', '{"open":{"working":"a\\u0000b"}}'],
    ['another control character', 'open.working', { open: { working: 'a\u001bb' } }],
    ['half a surrogate pair', 'open.working', '{"open":{"working":"a\\ud800b"}}'],
  ])('JSON: %s with a control character is 400 naming %s, not a 500', async (_what, field, body) => {
    const response = await app.request(`/api/survey/${token()}/answers`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as ErrorBody;
    expect(error.code).toBe('invalid-input');
    expect(error.details[0]!.field).toBe(field);
    expect(error.message).toMatch(new RegExp(`^${field.replace('.', '\\.')}: `));
  });

  test('JSON: a signed-in call with NUL in a name is 400 naming it, and nothing is written', async () => {
    const before = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from relationships`,
    );
    const response = await facilitator.request('/api/relationships', {
      method: 'POST',
      json: {
        name: 'Acme\u0000',
        sides: { A: { name: 'A', role: 'customer' }, B: { name: 'B', role: 'supplier' } },
      },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).error.message).toBe(
      'name: contains the control character U+0000 (NUL) at character 5; remove it and send again',
    );
    const after = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from relationships`,
    );
    expect(after).toEqual(before);
  });

  test.each([
    ['a path', '/api/relationships/%00/analysis', 'path'],
    ['a query parameter', '/api/relationships?q=%00', 'query.q'],
    ['a page', '/relationships/%00', 'path'],
    ['a page’s query parameter', '/?q=a%00b', 'query.q'],
    ['a survey page', '/s/%00', 'path'],
    ['a data request', '/relationships/%1b.data', 'path'],
  ])('URL: a control character in %s is 400 naming %s', async (_what, path, field) => {
    const response = await facilitator.request(path);
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text.toLowerCase()).toContain(`${field}: contains the control character`.toLowerCase());
    if (path.startsWith('/api')) expect(JSON.parse(text)).toMatchObject({ error: { code: 'invalid-input' } });
  });

  test('forms: a control character in any field of a page form is 400 naming the field', async () => {
    const response = await page('/relationships/new', {
      name: 'Acme\u0000 and partner',
      sideAName: 'Acme',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain(
      'Name: contains the control character U+0000 (NUL) at character 5',
    );
    // In a text area, new lines and tabs are text.
    const notes = await page('/relationships/new', { name: 'Acme\r\nand\tpartner' });
    expect(notes.status).not.toBe(400);
  });

  test('forms: with JavaScript (a .data request) the refusal is the text the page’s error boundary shows', async () => {
    const response = await page('/relationships/new.data', { name: 'Acme\u0007' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe(
      'Name: contains the control character U+0007 at character 5; remove it and send again.',
    );
  });

  test('bodies over their route’s limit are 413 before they are read, by declared length', async () => {
    for (const [path, limit] of [
      [`/api/survey/${token()}/submit`, DEFAULT_BODY_LIMITS.survey],
      ['/code', DEFAULT_BODY_LIMITS.survey],
      [`/S/${token()}/questions/1.data`, DEFAULT_BODY_LIMITS.survey],
      ['/relationships/new', DEFAULT_BODY_LIMITS.default],
      ['/api/relationships', DEFAULT_BODY_LIMITS.default],
    ] as const) {
      const response = await app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(limit + 1) },
        // Never read: a stream that would fail if it were.
        body: new ReadableStream({
          pull() {
            throw new Error(`the body of ${path} was read`);
          },
        }),
        duplex: 'half',
      } as RequestInit);
      expect(response.status, path).toBe(413);
      expect(response.headers.get('connection'), path).toBe('close');
      expect(await response.text(), path).toMatch(/larger than this route takes \(\d+ [KM]iB\)/);
    }
  });

  test('bodies without a declared length are read only up to the limit', async () => {
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
      },
    });
    const response = await app.request(`/api/survey/${token()}/answers`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: endless,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(sent).toBeLessThanOrEqual(DEFAULT_BODY_LIMITS.survey + 2 * 64 * 1024);
  });

  test('a participants CSV gets the larger limit a big import needs; the limits can be set', async () => {
    const oneMiB = 'a'.repeat(1024 * 1024);
    const csv = await facilitator.request(
      `/api/relationships/${survey.relationshipId}/participants/preview`,
      {
        method: 'POST',
        json: { csv: `name,email,side,level\n${oneMiB}` },
      },
    );
    expect(csv.status).not.toBe(413);
    const small = createApp({ db: database.db, storeKind: store.kind, bodyLimits: { participants: 1024 } });
    const refused = await small.request(`/api/relationships/${survey.relationshipId}/participants/preview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '2048' },
      body: 'x'.repeat(2048),
    });
    expect(refused.status).toBe(413);
  });

  test('links in mail and survey links use the server’s address, whatever Host the request names', async () => {
    const evil = (path: string, init: RequestInit & { json?: unknown } = {}) =>
      facilitator.request(`http://evil.example${path}`, { ...init, headers: { host: 'evil.example' } });
    const issued = await evil(`/api/relationships/${survey.relationshipId}/waves/Baseline/links`, {
      method: 'POST',
      json: { reissue: true },
    });
    expect(issued.status).toBe(201);
    const { links } = (await issued.json()) as { links: Array<{ url: string }> };
    for (const link of links) expect(link.url.startsWith(`${LISTEN_URL}/s/`)).toBe(true);

    await app.request('http://evil.example/api/auth/password-reset', {
      method: 'POST',
      headers: { 'content-type': 'application/json', host: 'evil.example' },
      body: JSON.stringify({ email: 'fran@example.com' }),
    });
    await app.request('http://evil.example/forgot-password', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', host: 'evil.example' },
      body: 'email=fran%40example.com',
    });
    const mail = await queryRows<{ body: string }>(
      database.db,
      sql`select body from outbox where subject like 'Reset%' order by created_at`,
    );
    expect(mail).toHaveLength(2);
    for (const { body } of mail) {
      expect(body).toContain(`${LISTEN_URL}/reset-password/`);
      expect(body).not.toContain('evil.example');
    }
  });

  test('the forgot-password page refuses a fourth link for one email within the hour, saying when to try again', async () => {
    await database.db.execute(sql`delete from rate_limits`);
    const ask = () =>
      app.request('/forgot-password', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'email=someone%40example.com',
      });
    for (let i = 0; i < 3; i++) expect((await ask()).status).toBe(200);
    const refused = await ask();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.text()).toMatch(
      /too many reset links were asked for this email; try again in \d+ minutes?/,
    );
  });

  test('sign-in sends people back only to this site, whatever next says', async () => {
    const signIn = (next: string) =>
      app.request(`/sign-in?next=${encodeURIComponent(next)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: 'fran@example.com', password: PASSWORD }).toString(),
      });
    for (const next of [
      '//evil.example',
      '/\\evil.example',
      'https:evil.example',
      '/.//evil.example',
      '/%2F%2Fevil',
    ]) {
      const response = await signIn(next);
      expect(response.status, next).toBe(302);
      expect(new URL(response.headers.get('location')!, 'https://trust.example/sign-in').origin, next).toBe(
        'https://trust.example',
      );
    }
    // A tab or a new line in the address is refused before sign-in even reads it.
    for (const next of ['/\t/evil.example', '/\n/evil.example'])
      expect((await signIn(next)).status).toBe(400);
    const kept = await app.request(`/sign-in?next=${encodeURIComponent('/portfolio?sort=stage')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'fran@example.com', password: PASSWORD }).toString(),
    });
    expect(kept.headers.get('location')).toBe('/portfolio?sort=stage');
  });
});

describe('a body of hundreds of megabytes over a real socket', () => {
  let database: Database;
  let server: ReturnType<typeof serve>;
  let port: number;

  beforeAll(async () => {
    database = await testStores[0]!.open();
    const app = createApp({ db: database.db, storeKind: 'pglite' });
    server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    const address = server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(async () => {
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    await database?.close();
  });

  /** Sends a head and keeps writing body bytes until the server answers; what it answered. */
  function send(head: string, chunk: Buffer): Promise<{ reply: string; closed: boolean; written: number }> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port });
      let reply = '';
      let written = 0;
      let answered = false;
      const pump = () => {
        while (!answered && !socket.destroyed && written < 600 * 1024 * 1024) {
          written += chunk.length;
          if (!socket.write(chunk)) return socket.once('drain', pump);
        }
      };
      socket.on('connect', () => {
        socket.write(head);
        pump();
      });
      socket.on('data', (data) => {
        reply += data.toString('latin1');
        answered = true;
      });
      socket.on('error', () => {}); // the server closes while we write: EPIPE/ECONNRESET
      socket.on('close', () => resolve({ reply, closed: true, written }));
      setTimeout(
        () => reject(new Error(`no close after 10 s; reply so far: ${reply.slice(0, 200)}`)),
        10_000,
      );
    });
  }

  test('600 MB declared: 413 at once and the connection closed, the body never read', async () => {
    const { reply, closed, written } = await send(
      `POST /api/survey/${'A'.repeat(22)}/submit HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${600 * 1024 * 1024}\r\n\r\n`,
      Buffer.alloc(64 * 1024, 0x20),
    );
    expect(reply).toMatch(/^HTTP\/1\.1 413 /);
    expect(reply).toMatch(/\r\nconnection: close\r\n/i);
    expect(closed).toBe(true);
    expect(written).toBeLessThan(100 * 1024 * 1024);
  });

  test('chunked without a length: 413 once the limit is passed, the connection closed', async () => {
    const chunk = Buffer.from(`10000\r\n${' '.repeat(0x10000)}\r\n`, 'latin1');
    const { reply, closed, written } = await send(
      `PUT /api/survey/${'A'.repeat(22)}/answers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
      chunk,
    );
    expect(reply).toMatch(/^HTTP\/1\.1 413 /);
    expect(closed).toBe(true);
    expect(written).toBeLessThan(100 * 1024 * 1024);
  });
});
