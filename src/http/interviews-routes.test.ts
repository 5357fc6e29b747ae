import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createRouteTestApp,
  insertTwoWorkspaces,
  sendJson as send,
  testUser,
} from '../../tests/support/route-test-app.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { loadDemo } from '../demo/load-demo.ts';
import type { AppEnv, SignedInUser } from './app-env.ts';
import { interviewsOpenApiPaths, interviewsRoutes } from './interviews-routes.ts';

// The interviews API in-process, on the demo relationship. A tiny app stands in for the real one:
// a middleware that plays the session middleware (db and a signed-in user) and create-app's onError.

const createTestApp = (database: Database, user: SignedInUser | null) =>
  createRouteTestApp(database, interviewsRoutes(), user);

type ErrorBody = { error: { code: string; message: string; details: Array<Record<string, unknown>> } };

describe.each(testStores)('interviews API on $kind', (store) => {
  let database: Database;
  let facilitator: Hono<AppEnv>;
  let sponsor: Hono<AppEnv>;
  let stranger: Hono<AppEnv>;
  let anonymous: Hono<AppEnv>;
  let id: string;

  beforeAll(async () => {
    database = await store.open();
    const { mine: a, theirs: b } = await insertTwoWorkspaces(database);
    id = (await loadDemo(database.db, a)).relationshipId;
    const user = (workspaceId: string, role: SignedInUser['role']) =>
      testUser(workspaceId, role, { name: 'Fran Facilitator' });
    facilitator = createTestApp(database, user(a, 'facilitator'));
    sponsor = createTestApp(database, user(a, 'sponsor'));
    stranger = createTestApp(database, user(b, 'facilitator'));
    anonymous = createTestApp(database, null);
  });
  afterAll(async () => {
    await database?.close();
  });

  test('schedule, record, quote and extract an incident over the API', async () => {
    const list = (await (await send(facilitator, 'GET', `/relationships/${id}/interviews`)).json()) as {
      interviews: Array<{ ref: string; participantId: string; side: string; level: string }>;
    };
    expect(list.interviews.length).toBe(16);
    const someone = list.interviews.find((i) => i.level === 'staff')!;

    const created = await send(facilitator, 'POST', `/relationships/${id}/interviews`, {
      participantId: someone.participantId,
      heldOn: '2026-05-04',
      interviewer: 'Fran Facilitator',
    });
    expect(created.status).toBe(201);
    const interview = (await created.json()) as { ref: string; side: string; level: string; status: string };
    expect(interview).toMatchObject({
      ref: 'INT-017',
      side: someone.side,
      level: 'staff',
      status: 'scheduled',
    });

    const transcript = 'Q: And then?\nA: The night shift handed over\nwithout notes, again.';
    const held = await send(facilitator, 'PATCH', `/relationships/${id}/interviews/INT-017`, {
      status: 'held',
      transcript,
    });
    expect(await held.json()).toMatchObject({ status: 'held', transcript });

    const quote = await send(facilitator, 'POST', `/relationships/${id}/interviews/INT-017/quotes`, {
      passage: 'handed over without notes',
    });
    expect(quote.status).toBe(201);
    expect(await quote.json()).toMatchObject({
      text: 'handed over without notes',
      side: someone.side,
      level: 'staff',
    });

    const incident = await send(facilitator, 'POST', `/relationships/${id}/interviews/INT-017/incidents`, {
      passage: 'The night shift handed over without notes, again.',
      title: 'Night handover without notes',
      occurredOn: '2026-04-20',
      direction: 'dilutes',
      strength: 2,
      dimensions: ['openness'],
    });
    expect(incident.status).toBe(201);
    const { ref } = (await incident.json()) as { ref: string };

    const detail = (await (
      await send(facilitator, 'GET', `/relationships/${id}/interviews/INT-017`)
    ).json()) as {
      incidents: Array<{ ref: string; sourcePassage: string }>;
      quotes: unknown[];
      guide: { level: string };
    };
    expect(detail.incidents).toEqual([
      expect.objectContaining({ ref, sourcePassage: 'The night shift handed over without notes, again.' }),
    ]);
    expect(detail.quotes.length).toBe(1);
    expect(detail.guide.level).toBe('staff');

    const quotes = await (await send(facilitator, 'GET', `/relationships/${id}/quotes`)).text();
    expect(quotes).toContain('handed over without notes');
    expect(quotes).not.toMatch(/participantName|"name"/);
  });

  test('validation errors name the field', async () => {
    const missing = await send(facilitator, 'POST', `/relationships/${id}/interviews`, { heldOn: 'soon' });
    expect(missing.status).toBe(400);
    const body = (await missing.json()) as ErrorBody;
    expect(body.error.details.map((d) => d.field)).toEqual(['participantId', 'heldOn']);

    const notThere = await send(facilitator, 'POST', `/relationships/${id}/interviews/INT-001/quotes`, {
      passage: 'words nobody said',
    });
    expect(notThere.status).toBe(400);
    expect(((await notThere.json()) as ErrorBody).error.details).toEqual([
      expect.objectContaining({
        field: 'passage',
        message: expect.stringContaining('is not in the saved notes'),
      }),
    ]);

    const badIncident = await send(facilitator, 'POST', `/relationships/${id}/interviews/INT-001/incidents`, {
      passage: 'the contract',
      title: '',
      occurredOn: '2024-01-15',
      direction: 'sideways',
      strength: 5,
    });
    const fields = ((await badIncident.json()) as ErrorBody).error.details.map((d) => d.field);
    expect(fields).toEqual(['title', 'direction', 'strength']);

    const notJson = await send(facilitator, 'PATCH', `/relationships/${id}/interviews/INT-001`, 'not json');
    expect(((await notJson.json()) as ErrorBody).error.details).toMatchObject([
      { field: 'body', message: expect.stringMatching(/^not valid JSON \(Unexpected token/) },
    ]);
  });

  test('the guide is edited per level and reset', async () => {
    const put = await send(facilitator, 'PUT', '/interview-guide/leadership', {
      body: '## Context\n- Why now?',
    });
    expect(await put.json()).toMatchObject({ level: 'leadership', isCustom: true });
    const bad = await send(facilitator, 'PUT', '/interview-guide/board', { body: 'x' });
    expect(((await bad.json()) as ErrorBody).error.details).toEqual([
      expect.objectContaining({ field: 'level' }),
    ]);
    const reset = await send(facilitator, 'DELETE', '/interview-guide/leadership');
    expect(await reset.json()).toMatchObject({ level: 'leadership', isCustom: false });
  });

  test('interviews are for facilitators of the workspace only', async () => {
    expect((await send(anonymous, 'GET', `/relationships/${id}/interviews`)).status).toBe(401);
    expect((await send(sponsor, 'GET', `/relationships/${id}/interviews`)).status).toBe(403);
    expect((await send(sponsor, 'GET', `/relationships/${id}/quotes`)).status).toBe(403);
    expect((await send(sponsor, 'GET', '/interview-guide')).status).toBe(403);
    expect((await send(stranger, 'GET', `/relationships/${id}/interviews`)).status).toBe(404);
    expect((await send(stranger, 'GET', `/relationships/${id}/interviews/INT-001`)).status).toBe(404);
  });

  test('every route is documented in OpenAPI', () => {
    expect(Object.keys(interviewsOpenApiPaths).sort()).toEqual([
      '/api/interview-guide',
      '/api/interview-guide/{level}',
      '/api/relationships/{id}/interviews',
      '/api/relationships/{id}/interviews/{ref}',
      '/api/relationships/{id}/interviews/{ref}/incidents',
      '/api/relationships/{id}/interviews/{ref}/quotes',
      '/api/relationships/{id}/quotes',
    ]);
  });
});
