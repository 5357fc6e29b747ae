import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createOpenSurvey, type OpenSurvey } from '../../tests/support/open-survey.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import { createTestWebApp } from '../../tests/support/web-app.ts';
import type { Database } from '../db/client.ts';
import { createUser } from '../services/create-user.ts';
import { RATE_LIMITS } from '../services/rate-limit-rules.ts';
import { createApp } from './create-app.ts';

// Typed codes are 37 bits: guessing must stay slow on every way in. One budget per client for
// the code form, the survey pages by code and the API, in any spelling of their paths; a code that
// works costs nothing; X-Forwarded-For counts only behind a trusted proxy.

const LIMIT = RATE_LIMITS.surveyCode.limit;
const WRONG = 'ACDE-FGHJ';
const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

/** One wrong try through each door, as a browser or a client would send it. */
const DOORS: Array<[string, string, RequestInit?]> = [
  ['the code form', '/code', form({ code: WRONG })],
  ['the code form, data request', '/code.data', form({ code: WRONG })],
  ['the code form, trailing slash', '/code/', form({ code: WRONG })],
  ['the code form, upper case', '/CODE', form({ code: WRONG })],
  ['the code form, escaped', '/%63ode', form({ code: WRONG })],
  ['a survey page by code', `/s/${WRONG}`],
  ['a survey page by code, data request', `/s/${WRONG}.data`],
  ['a survey page by code, upper case', `/S/${WRONG}`],
  ['a survey page by code, lower case code', `/s/${WRONG.toLowerCase()}/questions/1`],
  ['a survey page by code, escaped', `/%73/ACDE%2DFGHJ`],
  [
    'the API lookup',
    '/api/survey/code',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: WRONG }),
    },
  ],
  ['the API by code', `/api/survey/code/${WRONG}`],
  ['the API by code, escaped', `/api/survey/%63ode/${WRONG}/start`, { method: 'POST' }],
];

describe.each(testStores)('the survey code budget on $kind', (store) => {
  let database: Database;
  let survey: OpenSurvey;
  let web: Awaited<ReturnType<typeof createTestWebApp>>;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    database = await store.open();
    survey = await createOpenSurvey(database.db);
    web = await createTestWebApp();
    app = createApp({ db: database.db, storeKind: store.kind, web });
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await database.db.execute(sql`delete from rate_limits`);
  });

  const tryDoor = (target: ReturnType<typeof createApp>, door: (typeof DOORS)[number], headers = {}) =>
    target.request(door[1], { ...door[2], headers: { ...(door[2]?.headers ?? {}), ...headers } });

  test.each(DOORS)(
    '%s is refused 429 with Retry-After once the budget is spent elsewhere',
    async (...door) => {
      // Spend the budget through the API; then this door is closed too.
      for (let i = 0; i < LIMIT; i++) {
        const response = await app.request(`/api/survey/code/${WRONG}`);
        expect(response.status).toBe(404);
      }
      const refused = await tryDoor(app, door);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(600);
      const text = await refused.text();
      expect(text).toMatch(/too many survey codes were tried from this address; try again in \d+ minutes?/i);
    },
  );

  test('every door counts against the one budget', async () => {
    for (let i = 0; i < LIMIT; i++) {
      const response = await tryDoor(app, DOORS[i % DOORS.length]!);
      expect(response.status, DOORS[i % DOORS.length]![0]).not.toBe(429);
    }
    expect((await tryDoor(app, DOORS[0]!)).status).toBe(429);
  });

  test('guesses sent all at once stop at the limit too', async () => {
    const statuses = await Promise.all(
      Array.from({ length: LIMIT + 20 }, async () => (await app.request(`/api/survey/code/${WRONG}`)).status),
    );
    expect(statuses.filter((s) => s === 404)).toHaveLength(LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
  });

  test('a code that works costs nothing: a participant answering by code never runs out', async () => {
    const code = survey.links[0]!.code;
    for (let i = 0; i < LIMIT + 10; i++) {
      expect((await app.request(`/api/survey/code/${code}`)).status).toBe(200);
      expect((await app.request(`/s/${code}.data`)).status).toBe(200);
    }
    const found = await app.request('/code', form({ code: code.toLowerCase().replace('-', ' ') }));
    expect(found.status).toBe(302);
    expect(found.headers.get('location')).toBe(`/s/${code}`);
  });

  test('X-Forwarded-For is ignored unless TRUST_PROXY says a proxy writes it', async () => {
    for (let i = 0; i < LIMIT; i++) {
      await app.request(`/api/survey/code/${WRONG}`, { headers: { 'x-forwarded-for': `203.0.113.${i}` } });
    }
    // Every "address" above was the one client: its budget is spent whatever it claims.
    const claimed = await app.request(`/api/survey/code/${WRONG}`, {
      headers: { 'x-forwarded-for': '198.51.100.7' },
    });
    expect(claimed.status).toBe(429);

    // Behind one trusted proxy, the address the proxy appended (the last entry) is the client.
    await database.db.execute(sql`delete from rate_limits`);
    const proxied = createApp({ db: database.db, storeKind: store.kind, web, trustProxy: 1 });
    const from = (client: string) =>
      proxied.request(`/api/survey/code/${WRONG}`, { headers: { 'x-forwarded-for': `10.9.9.9, ${client}` } });
    for (let i = 0; i < LIMIT; i++) await from('203.0.113.5');
    expect((await from('203.0.113.5')).status).toBe(429);
    expect((await from('203.0.113.6')).status).toBe(404);
  });
});

describe('a signed-in person on the code page', () => {
  let database: Database;
  let app: ReturnType<typeof createApp>;
  let survey: OpenSurvey;
  let cookie: string;

  beforeAll(async () => {
    database = await testStores[0]!.open();
    survey = await createOpenSurvey(database.db);
    await createUser(database.db, survey.workspaceId, {
      email: 'fran@example.com',
      name: 'Fran',
      password: 'correct horse battery',
      role: 'facilitator',
    });
    app = createApp({ db: database.db, storeKind: 'pglite', web: await createTestWebApp() });
    const response = await app.request('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'fran@example.com', password: 'correct horse battery' }),
    });
    cookie = response.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect(cookie).toMatch(/^tl_session=./);
  });
  afterAll(async () => {
    await database?.close();
  });

  const signedIn = (path: string, init: RequestInit) =>
    app.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), cookie } });

  test('can type a code: the form works with a session and without its CSRF token, with or without JavaScript', async () => {
    const code = survey.links[0]!.code;
    const plain = await signedIn('/code', form({ code }));
    expect(plain.status).toBe(302);
    expect(plain.headers.get('location')).toBe(`/s/${code}`);
    // With JavaScript, React Router posts to /code.data and answers a redirect in its own way.
    const data = await signedIn('/code.data', form({ code }));
    expect(data.status).toBe(202);
    expect(await data.text()).toContain(`"redirect","/s/${code}"`);
  });

  test('changes anywhere else still need the token', async () => {
    for (const path of [
      '/relationships/new',
      '/relationships/new.data',
      '/RELATIONSHIPS/new',
      '/code/../relationships/new',
    ]) {
      const response = await signedIn(path, form({ name: 'Forged' }));
      expect(response.status, path).toBe(403);
    }
  });
});
