import { Hono } from 'hono';
import type { Database } from '../../src/db/client.ts';
import { workspaces } from '../../src/db/schema.ts';
import type { AppEnv, SignedInUser } from '../../src/http/app-env.ts';
import { appErrorResponse } from '../../src/http/app-error-response.ts';

// Route files tested in-process without sessions: a tiny app mounts one route file under /api,
// with a middleware that plays the session middleware (db and a signed-in user, or nobody) and an
// onError like create-app.ts. The user may be a function, asked on every request, for a test that
// changes who is signed in as it goes.

/** The base URL links get in these apps: never the request's own origin. */
export const TEST_BASE_URL = 'https://trustloop.test';

export function createRouteTestApp(
  database: Database,
  routes: Hono<AppEnv>,
  user: SignedInUser | null | (() => SignedInUser | null),
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set('db', database.db);
    c.set('user', typeof user === 'function' ? user() : user);
    c.set('session', null);
    // What createApp sets from PUBLIC_URL and the socket.
    c.set('baseUrl', TEST_BASE_URL);
    c.set('address', '192.0.2.1');
    await next();
  });
  app.route('/api', routes);
  app.onError((error, c) => appErrorResponse(c, error) ?? Promise.reject(error));
  return app;
}

/** A signed-in user of that workspace and role; id, email and name default to placeholders. */
export function testUser(
  workspaceId: string,
  role: SignedInUser['role'],
  fields: Partial<Pick<SignedInUser, 'id' | 'email' | 'name'>> = {},
): SignedInUser {
  return { id: 'u', workspaceId, email: 'f@x.example', name: 'F', role, ...fields };
}

/** Two fresh workspaces: the one under test ('Mine') and a stranger's ('Theirs'). */
export async function insertTwoWorkspaces(database: Database): Promise<{ mine: string; theirs: string }> {
  const [mine, theirs] = await database.db
    .insert(workspaces)
    .values([{ name: 'Mine' }, { name: 'Theirs' }])
    .returning();
  return { mine: mine!.id, theirs: theirs!.id };
}

/** A request to `/api${path}`; a body is sent as JSON (a string as it is, for malformed bodies). */
export function sendJson(app: Hono<AppEnv>, method: string, path: string, body?: unknown): Promise<Response> {
  return Promise.resolve(
    app.request(`/api${path}`, {
      method,
      ...(body === undefined
        ? {}
        : {
            headers: { 'content-type': 'application/json' },
            body: typeof body === 'string' ? body : JSON.stringify(body),
          }),
    }),
  );
}
