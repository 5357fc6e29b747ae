import { Hono } from 'hono';
import { z } from 'zod';
import { INCIDENT_FILTER_FIELDS, parseIncidentFilter } from '../domain/filter-incidents.ts';
import { FirstCodingInputSchema, SecondCodingInputSchema } from '../domain/incident-coding.ts';
import { invalidFields, parseInput } from '../domain/parse-input.ts';
import { codeIncident } from '../services/code-incident.ts';
import { createIncident, NewIncidentInputSchema } from '../services/create-incident.ts';
import { getIncident } from '../services/get-incident.ts';
import { getIncidentAgreement } from '../services/get-incident-agreement.ts';
import { listIncidents } from '../services/list-incidents.ts';
import { secondCodeIncident } from '../services/second-code-incident.ts';
import type { AppEnv } from './app-env.ts';
import { errorResponse, pathParameters } from './openapi.ts';
import { readJsonBody } from './read-json-body.ts';
import { actorName, scope } from './scope.ts';
import { requireUser } from './session-middleware.ts';

// The incident workbench as JSON (issue 4, item 3): the filtered list with its timeline, one
// incident, adding one, the first coding, the blind second coding and the agreement (κ per coded
// field). Facilitators and admins only. The reporter is a side and a level; a survey incident's
// response is never part of any answer. Mounted at /api.

const FACILITATORS = ['admin', 'facilitator'] as const;

export function incidentsRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const facilitators = requireUser([...FACILITATORS]);

  app.get('/relationships/:id/incidents', facilitators, async (c) => {
    const { db, user } = scope(c);
    const { filter, problems } = parseIncidentFilter(new URL(c.req.url).searchParams);
    if (problems.length > 0) throw invalidFields(problems);
    return c.json(await listIncidents(db, user.workspaceId, c.req.param('id'), filter));
  });
  app.post('/relationships/:id/incidents', facilitators, async (c) => {
    const { db, user } = scope(c);
    const body = await readJsonBody(c);
    return c.json(
      await createIncident(db, user.workspaceId, c.req.param('id'), body as never, {
        codedBy: actorName(user),
        coderUserId: user.id,
      }),
      201,
    );
  });
  app.get('/relationships/:id/incidents/:ref', facilitators, async (c) => {
    const { db, user } = scope(c);
    return c.json(await getIncident(db, user.workspaceId, c.req.param('id'), c.req.param('ref')));
  });
  app.put('/relationships/:id/incidents/:ref/coding', facilitators, async (c) => {
    const { db, user } = scope(c);
    const body = parseInput(FirstCodingInputSchema, await readJsonBody(c));
    const { id, ref } = c.req.param();
    return c.json(await codeIncident(db, user.workspaceId, id, ref, body, actorName(user), user.id));
  });
  app.put('/relationships/:id/incidents/:ref/second-coding', facilitators, async (c) => {
    const { db, user } = scope(c);
    const body = parseInput(SecondCodingInputSchema, await readJsonBody(c));
    const { id, ref } = c.req.param();
    return c.json(await secondCodeIncident(db, user.workspaceId, id, ref, body, user.id));
  });
  app.get('/relationships/:id/incident-agreement', facilitators, async (c) => {
    const { db, user } = scope(c);
    return c.json(await getIncidentAgreement(db, user.workspaceId, c.req.param('id')));
  });
  return app;
}

// ---------------------------------------------------------------------------------------------
// OpenAPI 3.1 paths, with the /api prefix, for /api/openapi.json.

const ERROR = errorResponse('error: { error: { code, message, details } } (docs/ARCHITECTURE.md, Errors)');

const PATH_PARAMETERS = {
  id: 'relationship id (or a unique prefix of it, or its name)',
  ref: "the incident's ref, e.g. INC-007 (URL-encoded)",
} as const;

const FILTER_HELP: Record<(typeof INCIDENT_FILTER_FIELDS)[number], string> = {
  side: 'A or B: incidents that involve this side',
  level: 'leadership, operational or staff: incidents that involve this level',
  direction: 'builds or dilutes',
  dimension: 'a dimension key of the instrument',
  theme: 'a theme tag (case does not matter)',
  from: 'first month, YYYY-MM (inclusive)',
  to: 'last month, YYYY-MM (inclusive)',
  status: 'reported, coded, resolved or dismissed',
};

function body(schema: z.ZodType) {
  return {
    required: true,
    content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input' }) } },
  };
}

export const incidentsOpenApiPaths = {
  '/api/relationships/{id}/incidents': {
    get: {
      tags: ['incidents'],
      summary:
        "the relationship's incidents, oldest first, through the filters (all optional; a value that cannot be read is a 400 naming the parameter); with the total before filtering, the timeline of building against diluting incidents by month, the dimensions and the themes in use. The reporter is a side and a level only.",
      parameters: [
        ...pathParameters(PATH_PARAMETERS, 'id'),
        ...INCIDENT_FILTER_FIELDS.map((name) => ({
          name,
          in: 'query',
          required: false,
          description: FILTER_HELP[name],
          schema: { type: 'string' },
        })),
      ],
      responses: {
        '200': {
          description:
            '{ relationship, total, incidents, timeline: [{ month, building, diluting }], dimensions, themes }',
        },
        '400': ERROR,
        '401': ERROR,
        '403': ERROR,
        '404': ERROR,
      },
    },
    post: {
      tags: ['incidents'],
      summary:
        "add an incident (ref INC-nnn allocated); status 'coded' when the input carries a full coding (a dimension, a trigger and a contract scope), else 'reported'",
      parameters: pathParameters(PATH_PARAMETERS, 'id'),
      requestBody: body(NewIncidentInputSchema),
      responses: {
        '201': { description: '{ id, ref }' },
        '400': ERROR,
        '401': ERROR,
        '403': ERROR,
        '404': ERROR,
      },
    },
  },
  '/api/relationships/{id}/incidents/{ref}': {
    get: {
      tags: ['incidents'],
      summary: 'one incident with its narrative, source interview and passage, and its second coding if any',
      parameters: pathParameters(PATH_PARAMETERS, 'id', 'ref'),
      responses: {
        '200': { description: '{ relationship, incident, secondCoding, dimensions }' },
        '401': ERROR,
        '403': ERROR,
        '404': ERROR,
      },
    },
  },
  '/api/relationships/{id}/incidents/{ref}/coding': {
    put: {
      tags: ['incidents'],
      summary:
        "the first coding and the status: 'coded' needs a dimension, a trigger and a contract scope; 'resolved' needs resolvedOn, not before the incident",
      parameters: pathParameters(PATH_PARAMETERS, 'id', 'ref'),
      requestBody: body(FirstCodingInputSchema),
      responses: {
        '200': { description: '{ id, ref, status }' },
        '400': ERROR,
        '401': ERROR,
        '403': ERROR,
        '404': ERROR,
      },
    },
  },
  '/api/relationships/{id}/incidents/{ref}/second-coding': {
    put: {
      tags: ['incidents'],
      summary:
        "an independent second coding (replaces this incident's earlier second coding); the first is not changed",
      parameters: pathParameters(PATH_PARAMETERS, 'id', 'ref'),
      requestBody: body(SecondCodingInputSchema),
      responses: {
        '200': { description: '{ id, ref }' },
        '400': ERROR,
        '401': ERROR,
        '403': ERROR,
        '404': ERROR,
      },
    },
  },
  '/api/relationships/{id}/incident-agreement': {
    get: {
      tags: ['incidents'],
      summary:
        "Cohen's kappa per coded field over the incidents coded twice: direction, strength, trigger, contract scope, the small-big flag, each dimension and each theme (present/absent); kappa null with reason too-few (fewer than minimum) or one-category (undefined)",
      parameters: pathParameters(PATH_PARAMETERS, 'id'),
      responses: {
        '200': {
          description:
            '{ relationship, doubleCoded, minimum, fields: [{ field, label, group, n, observed, kappa, band, reason }], incidents }',
        },
        '401': ERROR,
        '403': ERROR,
        '404': ERROR,
      },
    },
  },
};
