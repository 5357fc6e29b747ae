import { Hono } from 'hono';
import { z } from 'zod';
import { parseInput } from '../domain/parse-input.ts';
import { FindingInputSchema } from '../domain/share-and-act.ts';
import { createFinding } from '../services/create-finding.ts';
import { findRelationship } from '../services/find-relationship.ts';
import { listFindings } from '../services/list-findings.ts';
import { loadReleases } from '../services/list-releases.ts';
import { ReleaseInputSchema, releaseFindings } from '../services/release-findings.ts';
import { deleteFinding, reorderFindings, updateFinding } from '../services/update-finding.ts';
import type { AppEnv } from './app-env.ts';
import { errorResponse, type OpenApiPaths, pathParameters } from './openapi.ts';
import { readJsonBody } from './read-json-body.ts';
import { scope } from './scope.ts';
import { requireUser } from './session-middleware.ts';

// Findings and their release (issue 9, items 1–2) as JSON: a closed wave's findings with their
// evidence, the suggestions from its analysis, and the releases — pre-briefs to one side and the
// joint release — each an unchanging copy. Facilitators and admins only; sponsors read what was
// released to them through /api/sponsor/…. Mounted at /api.

const FACILITATORS = ['admin', 'facilitator'] as const;

export const FindingsQuerySchema = z.strictObject({ wave: z.string().optional() });
export const FindingOrderSchema = z.strictObject({
  wave: z.string().min(1),
  order: z.array(z.string()).max(500),
});

export function findingsRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const author = (user: { id: string; name: string; email: string }) => ({
    id: user.id,
    name: user.name || user.email,
  });

  app.get('/relationships/:id/findings', requireUser([...FACILITATORS]), async (c) => {
    const { db, workspaceId } = scope(c);
    const query = parseInput(FindingsQuerySchema, c.req.query(), 'query');
    return c.json(await listFindings(db, workspaceId, c.req.param('id'), query));
  });
  app.post('/relationships/:id/findings', requireUser([...FACILITATORS]), async (c) => {
    const { db, workspaceId, user } = scope(c);
    const body = await readJsonBody(c);
    return c.json(await createFinding(db, workspaceId, c.req.param('id'), body, author(user)), 201);
  });
  app.put('/relationships/:id/findings/:ref', requireUser([...FACILITATORS]), async (c) => {
    const { db, workspaceId } = scope(c);
    const body = await readJsonBody(c);
    return c.json(await updateFinding(db, workspaceId, c.req.param('id'), c.req.param('ref'), body));
  });
  app.delete('/relationships/:id/findings/:ref', requireUser([...FACILITATORS]), async (c) => {
    const { db, workspaceId } = scope(c);
    await deleteFinding(db, workspaceId, c.req.param('id'), c.req.param('ref'));
    return c.body(null, 204);
  });
  app.put('/relationships/:id/finding-order', requireUser([...FACILITATORS]), async (c) => {
    const { db, workspaceId } = scope(c);
    const body = parseInput(FindingOrderSchema, await readJsonBody(c), 'body');
    await reorderFindings(db, workspaceId, c.req.param('id'), body.wave, body.order);
    return c.body(null, 204);
  });
  app.get('/relationships/:id/releases', requireUser([...FACILITATORS]), async (c) => {
    const { db, workspaceId } = scope(c);
    const query = parseInput(FindingsQuerySchema, c.req.query(), 'query');
    const relationship = await findRelationship(db, workspaceId, c.req.param('id'));
    const releases = await loadReleases(db, relationship.id, query);
    return c.json({ releases });
  });
  app.post('/relationships/:id/releases', requireUser([...FACILITATORS]), async (c) => {
    const { db, workspaceId, user } = scope(c);
    const body = await readJsonBody(c);
    return c.json(await releaseFindings(db, workspaceId, c.req.param('id'), body, author(user)), 201);
  });
  return app;
}

// ---------------------------------------------------------------------------------------------
// OpenAPI 3.1 paths, with the /api prefix, for /api/openapi.json.

const ERROR = errorResponse('error: { error: { code, message, details } } (docs/ARCHITECTURE.md, Errors)');
const PATH_PARAMETERS = {
  id: 'relationship id (or a unique prefix of it, or its name)',
  ref: "a finding's ref (F-001)",
} as const;
const WAVE_QUERY = {
  name: 'wave',
  in: 'query',
  required: false,
  description: 'wave label; default the latest closed wave',
  schema: { type: 'string' },
};
const FINDING = {
  description:
    '{ id, ref, wave, kind, concerns, title, body, position, version, suggestionKey, evidence: [{ reference, snapshot, label }], updatedAt }',
};
const json = (schema: z.ZodType) => ({
  required: true,
  content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input' }) } },
});
const REFUSALS = { '400': ERROR, '401': ERROR, '403': ERROR, '404': ERROR, '409': ERROR };

export const findingsOpenApiPaths: OpenApiPaths = {
  '/api/relationships/{id}/findings': {
    get: {
      tags: ['findings'],
      summary:
        "a closed wave's findings in their order with their evidence, the suggestions from its analysis (each explained in one sentence, marked once accepted) and its releases so far; a wave that is not closed has none",
      parameters: [...pathParameters(PATH_PARAMETERS, 'id'), WAVE_QUERY],
      responses: {
        '200': { description: '{ relationship, waves, wave, findings, suggestions, releases }' },
        ...REFUSALS,
      },
    },
    post: {
      tags: ['findings'],
      summary:
        'write a finding of a closed wave with at least one piece of evidence; each piece is kept as it shows now; a value the anonymity rules hide, an uncoded incident or a hidden comment is refused by its place (`evidence.2: …`) and nothing is saved',
      parameters: pathParameters(PATH_PARAMETERS, 'id'),
      requestBody: json(FindingInputSchema),
      responses: { '201': FINDING, ...REFUSALS },
    },
  },
  '/api/relationships/{id}/findings/{ref}': {
    put: {
      tags: ['findings'],
      summary: 'rewrite a finding: a new version, evidence resolved again; what was released keeps its copy',
      parameters: pathParameters(PATH_PARAMETERS, 'id', 'ref'),
      requestBody: json(FindingInputSchema),
      responses: { '200': FINDING, ...REFUSALS },
    },
    delete: {
      tags: ['findings'],
      summary: 'delete a finding (its released copies stay in their releases)',
      parameters: pathParameters(PATH_PARAMETERS, 'id', 'ref'),
      responses: { '204': { description: 'deleted' }, ...REFUSALS },
    },
  },
  '/api/relationships/{id}/finding-order': {
    put: {
      tags: ['findings'],
      summary: "put a wave's findings in this order (every ref of the wave, each once)",
      parameters: pathParameters(PATH_PARAMETERS, 'id'),
      requestBody: json(FindingOrderSchema),
      responses: { '204': { description: 'reordered' }, ...REFUSALS },
    },
  },
  '/api/relationships/{id}/releases': {
    get: {
      tags: ['findings'],
      summary:
        'every release of the relationship (or of one wave), oldest first, each with what it released exactly as it was',
      parameters: [...pathParameters(PATH_PARAMETERS, 'id'), WAVE_QUERY],
      responses: {
        '200': { description: '{ releases: [{ id, wave, kind, side, releasedBy, releasedAt, findings }] }' },
        ...REFUSALS,
      },
    },
    post: {
      tags: ['findings'],
      summary:
        "release a closed wave's findings: a `pre-brief` to one side's sponsors (the findings about that side's trust) or the `joint` release to both (all findings); recorded with who and when and never changed afterwards; the first joint release opens the results to the sponsors. Releasing nothing, or exactly what was last released, is refused",
      parameters: pathParameters(PATH_PARAMETERS, 'id'),
      requestBody: json(ReleaseInputSchema),
      responses: {
        '201': { description: '{ id, wave, kind, side, releasedBy, releasedAt, findings }' },
        ...REFUSALS,
      },
    },
  },
};
