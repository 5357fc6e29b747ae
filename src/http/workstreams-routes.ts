import { Hono } from 'hono';
import { z } from 'zod';
import {
  ActionInputSchema,
  CharterInputSchema,
  SmallBigThingInputSchema,
  UpdateInputSchema,
  WORKSTREAM_STATUSES,
  WorkstreamInputSchema,
} from '../domain/share-and-act.ts';
import { addWorkstreamUpdate } from '../services/add-workstream-update.ts';
import { getCharter, saveCharter } from '../services/charter.ts';
import { listWorkstreams } from '../services/list-workstreams.ts';
import { saveAction } from '../services/save-action.ts';
import { saveSmallBigThing } from '../services/save-small-big-thing.ts';
import { createWorkstream, updateWorkstream } from '../services/save-workstream.ts';
import type { AppEnv } from './app-env.ts';
import { errorResponse, type OpenApiPaths, pathParameters } from './openapi.ts';
import { readJsonBody } from './read-json-body.ts';
import { scope } from './scope.ts';
import { requireUser } from './session-middleware.ts';

// The joint work as JSON (issue 9, items 3–5): workstreams with actions, updates and evidence of
// impact, the small big things, and the charter's versions. Facilitators and admins only; a
// sponsor follows the work and signs the charter through /api/sponsor/…. Mounted at /api.

const FACILITATORS = ['admin', 'facilitator'] as const;

export function workstreamsRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const staff = requireUser([...FACILITATORS]);
  app.get('/relationships/:id/workstreams', staff, async (c) => {
    const { db, workspaceId } = scope(c);
    return c.json(await listWorkstreams(db, workspaceId, c.req.param('id')));
  });
  app.post('/relationships/:id/workstreams', staff, async (c) => {
    const { db, workspaceId } = scope(c);
    return c.json(await createWorkstream(db, workspaceId, c.req.param('id'), await readJsonBody(c)), 201);
  });
  app.put('/relationships/:id/workstreams/:ref', staff, async (c) => {
    const { db, workspaceId } = scope(c);
    const { id, ref } = c.req.param();
    return c.json(await updateWorkstream(db, workspaceId, id, ref, await readJsonBody(c)));
  });
  app.post('/relationships/:id/workstreams/:ref/actions', staff, async (c) => {
    const { db, workspaceId } = scope(c);
    const { id, ref } = c.req.param();
    return c.json(await saveAction(db, workspaceId, id, ref, await readJsonBody(c)), 201);
  });
  app.put('/relationships/:id/workstreams/:ref/actions/:actionId', staff, async (c) => {
    const { db, workspaceId } = scope(c);
    const { id, ref, actionId } = c.req.param();
    return c.json(await saveAction(db, workspaceId, id, ref, await readJsonBody(c), actionId));
  });
  app.post('/relationships/:id/workstreams/:ref/updates', staff, async (c) => {
    const { db, workspaceId, user } = scope(c);
    const { id, ref } = c.req.param();
    const author = { name: user.name || user.email };
    return c.json(await addWorkstreamUpdate(db, workspaceId, id, ref, await readJsonBody(c), author), 201);
  });
  app.post('/relationships/:id/small-big-things', staff, async (c) => {
    const { db, workspaceId } = scope(c);
    return c.json(await saveSmallBigThing(db, workspaceId, c.req.param('id'), await readJsonBody(c)), 201);
  });
  app.put('/relationships/:id/small-big-things/:thingId', staff, async (c) => {
    const { db, workspaceId } = scope(c);
    const { id, thingId } = c.req.param();
    return c.json(await saveSmallBigThing(db, workspaceId, id, await readJsonBody(c), thingId));
  });
  app.get('/relationships/:id/charter', staff, async (c) => {
    const { db, workspaceId } = scope(c);
    return c.json(await getCharter(db, workspaceId, c.req.param('id')));
  });
  app.put('/relationships/:id/charter', staff, async (c) => {
    const { db, workspaceId, user } = scope(c);
    const author = { name: user.name || user.email };
    return c.json(await saveCharter(db, workspaceId, c.req.param('id'), await readJsonBody(c), author), 201);
  });
  return app;
}

// ---------------------------------------------------------------------------------------------
// OpenAPI 3.1 paths, with the /api prefix, for /api/openapi.json.

const ERROR = errorResponse('error: { error: { code, message, details } } (docs/ARCHITECTURE.md, Errors)');
const PATH_PARAMETERS = {
  id: 'relationship id (or a unique prefix of it, or its name)',
  ref: "a workstream's ref (WS-1)",
  actionId: "an action's id",
  thingId: "a small big thing's id",
} as const;
const json = (schema: z.ZodType) => ({
  required: true,
  content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input' }) } },
});
const REFUSALS = { '400': ERROR, '401': ERROR, '403': ERROR, '404': ERROR, '409': ERROR };
const WorkstreamUpdateSchema = WorkstreamInputSchema.extend({
  status: z.enum(WORKSTREAM_STATUSES).optional(),
});

export const workstreamsOpenApiPaths: OpenApiPaths = {
  '/api/relationships/{id}/workstreams': {
    get: {
      tags: ['workstreams'],
      summary:
        "the relationship's workstreams (owners, target dimensions, linked findings and incidents, actions, updates newest first, latest RAG, overdue actions, impact: the analysis' change rows at every wave after the start, and the building/diluting incident balance), its small big things, who may own things and its findings",
      parameters: pathParameters(PATH_PARAMETERS, 'id'),
      responses: {
        '200': {
          description: '{ relationship, today, dimensions, workstreams, smallBigThings, owners, findings }',
        },
        ...REFUSALS,
      },
    },
    post: {
      tags: ['workstreams'],
      summary:
        'start a workstream with one owner on each side (a participant or a sponsor of that side); every bad field is named and nothing is saved',
      parameters: pathParameters(PATH_PARAMETERS, 'id'),
      requestBody: json(WorkstreamInputSchema),
      responses: { '201': { description: '{ ref }' }, ...REFUSALS },
    },
  },
  '/api/relationships/{id}/workstreams/{ref}': {
    put: {
      tags: ['workstreams'],
      summary: 'rewrite a workstream; `status` closed or active',
      parameters: pathParameters(PATH_PARAMETERS, 'id', 'ref'),
      requestBody: json(WorkstreamUpdateSchema),
      responses: { '200': { description: '{ ref }' }, ...REFUSALS },
    },
  },
  '/api/relationships/{id}/workstreams/{ref}/actions': {
    post: {
      tags: ['workstreams'],
      summary: 'add an action (due on or after the workstream started; done needs the day it was done)',
      parameters: pathParameters(PATH_PARAMETERS, 'id', 'ref'),
      requestBody: json(ActionInputSchema),
      responses: { '201': { description: '{ id }' }, ...REFUSALS },
    },
  },
  '/api/relationships/{id}/workstreams/{ref}/actions/{actionId}': {
    put: {
      tags: ['workstreams'],
      summary: 'rewrite an action (for example to mark it done)',
      parameters: pathParameters(PATH_PARAMETERS, 'id', 'ref', 'actionId'),
      requestBody: json(ActionInputSchema),
      responses: { '200': { description: '{ id }' }, ...REFUSALS },
    },
  },
  '/api/relationships/{id}/workstreams/{ref}/updates': {
    post: {
      tags: ['workstreams'],
      summary: 'a dated progress update: red, amber or green, with a note',
      parameters: pathParameters(PATH_PARAMETERS, 'id', 'ref'),
      requestBody: json(UpdateInputSchema),
      responses: { '201': { description: '{ id }' }, ...REFUSALS },
    },
  },
  '/api/relationships/{id}/small-big-things': {
    post: {
      tags: ['workstreams'],
      summary:
        'add a small big thing to the quick list (raised on, by which side, owner, workstream, fixed on)',
      parameters: pathParameters(PATH_PARAMETERS, 'id'),
      requestBody: json(SmallBigThingInputSchema),
      responses: { '201': { description: '{ id }' }, ...REFUSALS },
    },
  },
  '/api/relationships/{id}/small-big-things/{thingId}': {
    put: {
      tags: ['workstreams'],
      summary: 'rewrite a small big thing (most often: the day it was fixed)',
      parameters: pathParameters(PATH_PARAMETERS, 'id', 'thingId'),
      requestBody: json(SmallBigThingInputSchema),
      responses: { '200': { description: '{ id }' }, ...REFUSALS },
    },
  },
  '/api/relationships/{id}/charter': {
    get: {
      tags: ['charter'],
      summary: "the charter's versions, newest first, each with who signed it for which side and when",
      parameters: pathParameters(PATH_PARAMETERS, 'id'),
      responses: { '200': { description: '{ versions, isSigned }' }, ...REFUSALS },
    },
    put: {
      tags: ['charter'],
      summary:
        'save the charter as a new version (it needs both sides to sign again); refused when nothing changed',
      parameters: pathParameters(PATH_PARAMETERS, 'id'),
      requestBody: json(CharterInputSchema),
      responses: { '201': { description: 'the new version' }, ...REFUSALS },
    },
  },
};
