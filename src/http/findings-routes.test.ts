import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clearShareAndAct } from '../../tests/support/clear-share-and-act.ts';
import {
  createRouteTestApp,
  insertTwoWorkspaces,
  sendJson as send,
  testUser,
} from '../../tests/support/route-test-app.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { createUser } from '../services/create-user.ts';
import type { AppEnv, SignedInUser } from './app-env.ts';
import { findingsRoutes } from './findings-routes.ts';

// The findings API in-process on the demo: write from a suggestion, refuse hidden or missing
// evidence with the field, release a pre-brief and the joint release; sponsors and other
// workspaces get nothing.

type Suggestion = { key: string; kind: string; concerns: string; title: string; evidence: unknown[] };
type ErrorBody = { error: { code: string; message: string; details: Array<Record<string, unknown>> } };

describe.each(testStores)('findings API on $kind', (store) => {
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
    await clearShareAndAct(database.db, id);
    const fran = await createUser(database.db, a, {
      email: 'fran@x.example',
      name: 'Fran Facilitator',
      password: 'correct horse battery staple',
      role: 'facilitator',
    });
    const user = (workspaceId: string, role: SignedInUser['role']) =>
      testUser(workspaceId, role, { id: fran.id, name: 'Fran Facilitator' });
    const app = (u: SignedInUser | null) => createRouteTestApp(database, findingsRoutes(), u);
    facilitator = app(user(a, 'facilitator'));
    sponsor = app(user(a, 'sponsor'));
    stranger = app(user(b, 'facilitator'));
    anonymous = app(null);
  });
  afterAll(async () => {
    await database?.close();
  });

  test('write a finding from a suggestion, refuse bad evidence by its place, release it', async () => {
    const view = (await (await send(facilitator, 'GET', `/relationships/${id}/findings`)).json()) as {
      wave: string;
      suggestions: Suggestion[];
    };
    expect(view.wave).toBe('24 months');
    const s = view.suggestions.find((x) => x.concerns === 'A')!;
    const created = await send(facilitator, 'POST', `/relationships/${id}/findings`, {
      wave: view.wave,
      kind: s.kind,
      concerns: s.concerns,
      title: s.title,
      evidence: s.evidence,
      suggestionKey: s.key,
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ ref: 'F-001', version: 1 });

    const bad = await send(facilitator, 'POST', `/relationships/${id}/findings`, {
      wave: view.wave,
      kind: 'working',
      concerns: 'both',
      title: 'x',
      evidence: [
        { kind: 'incident', ref: 'INC-404' },
        { kind: 'gap', wave: view.wave, side: 'C', dimension: 'x' },
      ],
    });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as ErrorBody;
    expect(body.error.details.map((d) => d.field)).toEqual(['evidence.1.side']);

    const unknown = await send(facilitator, 'POST', `/relationships/${id}/findings`, {
      wave: view.wave,
      kind: 'working',
      concerns: 'both',
      title: 'x',
      evidence: [{ kind: 'incident', ref: 'INC-404' }],
    });
    expect(((await unknown.json()) as ErrorBody).error.details).toEqual([
      expect.objectContaining({ field: 'evidence.0', message: 'no incident INC-404 in this relationship' }),
    ]);

    const edited = await send(facilitator, 'PUT', `/relationships/${id}/findings/F-001`, {
      wave: view.wave,
      kind: s.kind,
      concerns: s.concerns,
      title: 'Edited',
      evidence: s.evidence,
    });
    expect(await edited.json()).toMatchObject({ ref: 'F-001', version: 2, title: 'Edited' });

    const release = await send(facilitator, 'POST', `/relationships/${id}/releases`, {
      wave: view.wave,
      kind: 'pre-brief',
      side: 'A',
    });
    expect(release.status).toBe(201);
    expect(await release.json()).toMatchObject({
      kind: 'pre-brief',
      side: 'A',
      releasedBy: 'Fran Facilitator',
    });
    const again = await send(facilitator, 'POST', `/relationships/${id}/releases`, {
      wave: view.wave,
      kind: 'pre-brief',
      side: 'A',
    });
    expect(again.status).toBe(409);
    const listed = (await (await send(facilitator, 'GET', `/relationships/${id}/releases`)).json()) as {
      releases: Array<{ findings: Array<{ ref: string; version: number; title: string }> }>;
    };
    expect(listed.releases[0]!.findings).toEqual([
      expect.objectContaining({ ref: 'F-001', version: 2, title: 'Edited' }),
    ]);

    expect((await send(facilitator, 'DELETE', `/relationships/${id}/findings/F-001`)).status).toBe(204);
    expect((await send(facilitator, 'DELETE', `/relationships/${id}/findings/F-001`)).status).toBe(404);
  });

  test('sponsors, strangers and anonymous callers get nothing', async () => {
    for (const [app, status] of [
      [sponsor, 403],
      [stranger, 404],
      [anonymous, 401],
    ] as const) {
      expect((await send(app, 'GET', `/relationships/${id}/findings`)).status).toBe(status);
      expect((await send(app, 'GET', `/relationships/${id}/releases`)).status).toBe(status);
      expect(
        (await send(app, 'POST', `/relationships/${id}/releases`, { wave: '24 months', kind: 'joint' }))
          .status,
      ).toBe(status);
    }
  });
});
