import { Hono } from 'hono';
import { z } from 'zod';
import { parseInput } from '../domain/parse-input.ts';
import { getWorkspace, RenameWorkspaceSchema, renameWorkspace } from '../services/rename-workspace.ts';
import type { AppEnv } from './app-env.ts';
import { errorResponse, type OpenApiPaths } from './openapi.ts';
import { readJsonBody } from './read-json-body.ts';
import { scope } from './scope.ts';
import { requireUser } from './session-middleware.ts';

// The team (issue 8, item 11): the workspace's name, read by its facilitators and admins and
// renamed by an admin. Mounted at /api.

const STAFF = ['admin', 'facilitator'] as const;

export function teamRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/workspace', requireUser([...STAFF]), async (c) => {
    const { db, workspaceId } = scope(c);
    return c.json(await getWorkspace(db, workspaceId));
  });
  app.patch('/workspace', requireUser(['admin']), async (c) => {
    const { db, workspaceId } = scope(c);
    const body = parseInput(RenameWorkspaceSchema, await readJsonBody(c), 'body');
    return c.json(await renameWorkspace(db, workspaceId, body));
  });
  return app;
}

// ---------------------------------------------------------------------------------------------
// OpenAPI 3.1 paths, with the /api prefix, for /api/openapi.json.

const ERROR = errorResponse('error: { error: { code, message, details } } (docs/ARCHITECTURE.md, Errors)');
const json = (schema: z.ZodType) => ({
  required: true,
  content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input' }) } },
});
const WORKSPACE = {
  description: '{ id, name }',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: { id: { type: 'string' }, name: { type: 'string' } },
        required: ['id', 'name'],
      },
    },
  },
};

export const teamOpenApiPaths: OpenApiPaths = {
  '/api/workspace': {
    get: {
      tags: ['team'],
      summary: "the signed-in user's workspace: its name is what participants read as “Run by …”",
      responses: { '200': WORKSPACE, '401': ERROR, '403': ERROR },
    },
    patch: {
      tags: ['team'],
      summary: 'rename the workspace (admins only); the survey shows the new name from the next page',
      requestBody: json(RenameWorkspaceSchema),
      responses: { '200': WORKSPACE, '400': ERROR, '401': ERROR, '403': ERROR },
    },
  },
};
