import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import { AppError } from '../domain/app-error.ts';
import { signCharter } from '../services/charter.ts';
import { CreateSponsorSchema, createSponsor } from '../services/create-sponsor.ts';
import { parseInput } from '../services/create-user.ts';
import { getSponsorOverview, getSponsorRelationshipOverview } from '../services/get-sponsor-overview.ts';
import { listPeople } from '../services/list-people.ts';
import { removeSponsorGrant } from '../services/remove-sponsor-grant.ts';
import type { AppEnv, SignedInUser } from './app-env.ts';
import { errorResponse, type OpenApiPaths } from './openapi.ts';
import { readJsonBody } from './read-json-body.ts';
import { scope } from './scope.ts';
import { requireUser } from './session-middleware.ts';
import { joinSignedIn } from './workshops-routes.ts';

// Sponsors in the JSON API (issue 4, item 6; decision 017): facilitators and admins manage them
// (/api/people, /api/sponsors), and a sponsor reads their own relationships (/api/sponsor/…).
// Mounted at /api before the other signed-in routes, with a guard that keeps a sponsor's session
// out of every /api route not meant for sponsors: a route added later without a role check is
// still closed to them.

const STAFF = ['admin', 'facilitator'] as const satisfies readonly SignedInUser['role'][];

/** Where a sponsor's session may go in the API: their own routes, their account, and public ones. */
const SPONSOR_API = /^\/api\/(sponsor(\/|$)|auth(\/|$)|survey(\/|$)|w(\/|$)|openapi\.json$|docs$)/;

/** 403 for a sponsor anywhere in /api but their own routes; everyone else passes untouched. */
export function keepSponsorsToTheirRoutes() {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.get('user')?.role === 'sponsor' && !SPONSOR_API.test(c.req.path)) {
      throw new AppError('forbidden', 'sponsors can use only /api/sponsor/…');
    }
    await next();
  });
}

/** The charter version a sponsor signs for their side (the newest). */
export const SignCharterSchema = z.strictObject({ version: z.number().int().min(1) });

export function sponsorRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.use('*', keepSponsorsToTheirRoutes());

  routes.get('/people', requireUser(STAFF), async (c) => {
    const { db, user } = scope(c);
    return c.json({ people: await listPeople(db, user.workspaceId) });
  });
  routes.post('/sponsors', requireUser(STAFF), async (c) => {
    const { db, user } = scope(c);
    const body = parseInput(CreateSponsorSchema, await readJsonBody(c, { requireJsonType: true }));
    // The invitation's link: PUBLIC_URL or the server's own address, never the request's Host.
    return c.json(await createSponsor(db, user.workspaceId, { ...body, baseUrl: c.get('baseUrl') }), 201);
  });
  routes.delete('/sponsors/:userId/relationships/:relationshipId', requireUser(STAFF), async (c) => {
    const { db, user } = scope(c);
    await removeSponsorGrant(db, user.workspaceId, {
      userId: c.req.param('userId'),
      relationshipId: c.req.param('relationshipId'),
    });
    return c.body(null, 204);
  });

  routes.get('/sponsor/relationships', requireUser(['sponsor']), async (c) => {
    const { db, user } = scope(c);
    return c.json(await getSponsorOverview(db, user));
  });
  routes.get('/sponsor/relationships/:id', requireUser(['sponsor']), async (c) => {
    const { db, user } = scope(c);
    return c.json(await getSponsorRelationshipOverview(db, user, c.req.param('id')));
  });
  routes.post('/sponsor/relationships/:id/charter/sign', requireUser(['sponsor']), async (c) => {
    const { db, user } = scope(c);
    const body = parseInput(SignCharterSchema, await readJsonBody(c));
    return c.json(await signCharter(db, user, c.req.param('id'), body.version));
  });
  routes.post('/sponsor/workshops/:wid/join', requireUser(['sponsor']), joinSignedIn);

  return routes;
}

// ---------------------------------------------------------------------------------------------
// OpenAPI 3.1 paths (full paths, /api included).

const ERROR = errorResponse('error: { error: { code, message, details } }');
const pathParam = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});

export const sponsorOpenApiPaths: OpenApiPaths = {
  '/api/people': {
    get: {
      tags: ['sponsors'],
      summary:
        'every account of the workspace, with the relationships and sides each sponsor holds (staff only)',
      responses: {
        '200': { description: '{ people: [{ id, email, name, role, grants }] }' },
        '401': ERROR,
        '403': ERROR,
      },
    },
  },
  '/api/sponsors': {
    post: {
      tags: ['sponsors'],
      summary:
        'add a sponsor for one side of a relationship: a new account gets an invitation with a set-your-password link in the outbox; an existing sponsor gets the grant (staff only)',
      requestBody: {
        content: { 'application/json': { schema: z.toJSONSchema(CreateSponsorSchema, { io: 'input' }) } },
      },
      responses: {
        '201': { description: '{ userId, email, name, relationshipId, side, isInvited }' },
        '400': ERROR,
        '401': ERROR,
        '403': ERROR,
        '404': ERROR,
        '409': errorResponse(
          'the email belongs to a facilitator or admin, to another workspace, or already sponsors it',
        ),
      },
    },
  },
  '/api/sponsors/{userId}/relationships/{relationshipId}': {
    delete: {
      tags: ['sponsors'],
      summary: 'take a sponsor’s access to one relationship away; the account stays (staff only)',
      parameters: [
        pathParam('userId', 'the sponsor’s account id'),
        pathParam('relationshipId', 'relationship id'),
      ],
      responses: { '204': { description: 'done' }, '401': ERROR, '403': ERROR, '404': ERROR },
    },
  },
  '/api/sponsor/relationships': {
    get: {
      tags: ['sponsor view'],
      summary: 'the relationships the signed-in sponsor holds a grant for (sponsors only)',
      responses: {
        '200': { description: '{ relationships: [{ id, name, side, sides, isReleased, waveCount }] }' },
        '401': ERROR,
        '403': ERROR,
      },
    },
  },
  '/api/sponsor/relationships/{id}': {
    get: {
      tags: ['sponsor view'],
      summary:
        'one sponsored relationship: waves with state and dates, response rates per side and per level (groups of at least k); the findings released to this sponsor (joint releases and their own side’s pre-briefs); the workstreams’ status; the charter’s versions with sign-offs; once released, each closed wave’s index per side and stage (sponsors only)',
      parameters: [pathParam('id', 'relationship id (the full id: no prefixes or names)')],
      responses: {
        '200': { description: 'SponsorRelationshipOverview (`results` only after release)' },
        '401': ERROR,
        '403': ERROR,
        '404': errorResponse('no grant for this relationship (or no such relationship)'),
      },
    },
  },
  '/api/sponsor/relationships/{id}/charter/sign': {
    post: {
      tags: ['sponsor view'],
      summary:
        'sign the newest charter version for your side (once per side; an older version is refused with the number to sign) (sponsors only)',
      parameters: [pathParam('id', 'relationship id (the full id)')],
      requestBody: {
        required: true,
        content: { 'application/json': { schema: z.toJSONSchema(SignCharterSchema, { io: 'input' }) } },
      },
      responses: {
        '200': { description: '{ versions, isSigned }' },
        '400': ERROR,
        '401': ERROR,
        '403': ERROR,
        '404': errorResponse('no grant for this relationship, or no charter yet'),
        '409': ERROR,
      },
    },
  },
};
