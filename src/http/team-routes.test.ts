import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createRouteTestApp,
  insertTwoWorkspaces,
  sendJson as send,
  testUser,
} from '../../tests/support/route-test-app.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { teamRoutes } from './team-routes.ts';

// The team API in-process: the workspace's name, read by staff and renamed by an admin only.

type ErrorBody = { error: { code: string; message: string } };

describe.each(testStores)('team API on $kind', (store) => {
  let database: Database;
  let mine: string;
  let theirs: string;

  beforeAll(async () => {
    database = await store.open();
    ({ mine, theirs } = await insertTwoWorkspaces(database));
  });
  afterAll(async () => {
    await database?.close();
  });

  const as = (workspaceId: string, role: 'admin' | 'facilitator' | 'sponsor') =>
    createRouteTestApp(database, teamRoutes(), testUser(workspaceId, role));

  test('an admin renames the workspace; a facilitator reads it but cannot rename it', async () => {
    const admin = as(mine, 'admin');
    const renamed = await send(admin, 'PATCH', '/workspace', { name: '  Lakeside Trust Advisory ' });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toEqual({ id: mine, name: 'Lakeside Trust Advisory' });

    const facilitator = as(mine, 'facilitator');
    expect(await (await send(facilitator, 'GET', '/workspace')).json()).toEqual({
      id: mine,
      name: 'Lakeside Trust Advisory',
    });
    expect((await send(facilitator, 'PATCH', '/workspace', { name: 'Mine now' })).status).toBe(403);
    expect((await send(as(mine, 'sponsor'), 'GET', '/workspace')).status).toBe(403);
    // Another workspace's admin renames their own, never this one.
    await send(as(theirs, 'admin'), 'PATCH', '/workspace', { name: 'Theirs renamed' });
    expect(((await (await send(facilitator, 'GET', '/workspace')).json()) as { name: string }).name).toBe(
      'Lakeside Trust Advisory',
    );
  });

  test('a blank, overlong or unknown field is a 400 naming the field', async () => {
    const admin = as(mine, 'admin');
    const blank = await send(admin, 'PATCH', '/workspace', { name: ' ' });
    expect(blank.status).toBe(400);
    expect(((await blank.json()) as ErrorBody).error.message).toBe(
      'name: enter the name of your firm or team',
    );
    const long = await send(admin, 'PATCH', '/workspace', { name: 'z'.repeat(121) });
    expect(((await long.json()) as ErrorBody).error.message).toBe('name: use at most 120 characters');
    const extra = await send(admin, 'PATCH', '/workspace', { name: 'Fine', colour: 'red' });
    expect(((await extra.json()) as ErrorBody).error.message).toBe('colour: is not a known field');
  });
});
