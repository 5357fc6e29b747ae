import { Hono } from 'hono';
import { z } from 'zod';
import { UpdateInterviewGuideSchema } from '../domain/interview-guide.ts';
import {
  ExtractInterviewIncidentSchema,
  ExtractQuoteSchema,
  ScheduleInterviewSchema,
  UpdateInterviewSchema,
} from '../domain/interview-input.ts';
import { parseInput } from '../domain/parse-input.ts';
import { extractInterviewIncident } from '../services/extract-interview-incident.ts';
import { extractQuote } from '../services/extract-quote.ts';
import { getInterview } from '../services/get-interview.ts';
import { getInterviewGuide } from '../services/get-interview-guide.ts';
import { listInterviews } from '../services/list-interviews.ts';
import { listQuotes } from '../services/list-quotes.ts';
import { resetInterviewGuide } from '../services/reset-interview-guide.ts';
import { scheduleInterview } from '../services/schedule-interview.ts';
import { updateInterview } from '../services/update-interview.ts';
import { updateInterviewGuide } from '../services/update-interview-guide.ts';
import type { AppEnv } from './app-env.ts';
import { errorResponse, type OpenApiPaths, pathParameters } from './openapi.ts';
import { readJsonBody } from './read-json-body.ts';
import { actorName, scope } from './scope.ts';
import { requireUser } from './session-middleware.ts';

// Interviews (issue 4, item 4) in the JSON API: schedule and record interviews, take quotes and
// incidents from passages, and edit the workspace's interview guide. Mounted at /api. Interviews
// hold what people said with their names, so every route is for facilitators (and admins) only,
// checked per route: a middleware on the sub-app would also run for other routes under /api.

const facilitatorOnly = requireUser(['admin', 'facilitator']);

export function interviewsRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/relationships/:id/interviews', facilitatorOnly, async (c) => {
    const { db, workspaceId } = scope(c);
    return c.json({ interviews: await listInterviews(db, workspaceId, c.req.param('id')) });
  });
  app.post('/relationships/:id/interviews', facilitatorOnly, async (c) => {
    const { db, workspaceId } = scope(c);
    const body = parseInput(ScheduleInterviewSchema, await readJsonBody(c));
    return c.json(await scheduleInterview(db, workspaceId, c.req.param('id'), body), 201);
  });
  app.get('/relationships/:id/interviews/:ref', facilitatorOnly, async (c) => {
    const { db, workspaceId } = scope(c);
    return c.json(await getInterview(db, workspaceId, c.req.param('id'), c.req.param('ref')));
  });
  app.patch('/relationships/:id/interviews/:ref', facilitatorOnly, async (c) => {
    const { db, workspaceId } = scope(c);
    const body = parseInput(UpdateInterviewSchema, await readJsonBody(c));
    return c.json(await updateInterview(db, workspaceId, c.req.param('id'), c.req.param('ref'), body));
  });
  app.post('/relationships/:id/interviews/:ref/quotes', facilitatorOnly, async (c) => {
    const { db, workspaceId } = scope(c);
    const body = parseInput(ExtractQuoteSchema, await readJsonBody(c));
    return c.json(await extractQuote(db, workspaceId, c.req.param('id'), c.req.param('ref'), body), 201);
  });
  app.post('/relationships/:id/interviews/:ref/incidents', facilitatorOnly, async (c) => {
    const { db, workspaceId, user } = scope(c);
    const body = parseInput(ExtractInterviewIncidentSchema, await readJsonBody(c));
    const created = await extractInterviewIncident(
      db,
      workspaceId,
      c.req.param('id'),
      c.req.param('ref'),
      body,
      { codedBy: actorName(user) },
    );
    return c.json(created, 201);
  });
  app.get('/relationships/:id/quotes', facilitatorOnly, async (c) => {
    const { db, workspaceId } = scope(c);
    return c.json({ quotes: await listQuotes(db, workspaceId, c.req.param('id')) });
  });

  app.get('/interview-guide', facilitatorOnly, async (c) => {
    const { db, workspaceId } = scope(c);
    return c.json({ levels: await getInterviewGuide(db, workspaceId) });
  });
  app.put('/interview-guide/:level', facilitatorOnly, async (c) => {
    const { db, workspaceId } = scope(c);
    const body = parseInput(GuideBodySchema, await readJsonBody(c));
    // The service checks the level against the list; a wrong one is a 400 naming `level`.
    const level = c.req.param('level') as 'staff';
    return c.json(await updateInterviewGuide(db, workspaceId, { level, ...body }));
  });
  app.delete('/interview-guide/:level', facilitatorOnly, async (c) => {
    const { db, workspaceId } = scope(c);
    return c.json(await resetInterviewGuide(db, workspaceId, c.req.param('level')));
  });

  return app;
}

const GuideBodySchema = UpdateInterviewGuideSchema.pick({ body: true });

// ---------------------------------------------------------------------------------------------
// OpenAPI 3.1 paths (absolute: the /api prefix included).

const ERROR = errorResponse('error: { error: { code, message, details } } (docs/ARCHITECTURE.md, Errors)');

const PARAMETER_HELP: Record<string, string> = {
  id: 'relationship id (or a unique prefix of it, or its name)',
  ref: 'interview ref, e.g. INT-007',
  level: 'leadership, operational or staff',
};

type OperationSpec = { summary: string; body?: z.ZodType; status?: number; errors?: number[] };

function pathOf(
  path: string,
  operations: Partial<Record<'get' | 'post' | 'patch' | 'put' | 'delete', OperationSpec>>,
) {
  const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  return [
    path,
    Object.fromEntries(
      Object.entries(operations).map(([method, spec]) => {
        const status = String(spec.status ?? 200);
        return [
          method,
          {
            tags: ['interviews'],
            summary: spec.summary,
            parameters: pathParameters(PARAMETER_HELP, ...params),
            ...(spec.body
              ? {
                  requestBody: {
                    content: { 'application/json': { schema: z.toJSONSchema(spec.body, { io: 'input' }) } },
                  },
                }
              : {}),
            responses: {
              [status]: { description: 'success (JSON)' },
              ...Object.fromEntries(
                (spec.errors ?? [400, 401, 403, 404]).map((code) => [String(code), ERROR]),
              ),
            },
          },
        ];
      }),
    ),
  ] as const;
}

export const interviewsOpenApiPaths: OpenApiPaths = Object.fromEntries([
  pathOf('/api/relationships/{id}/interviews', {
    get: {
      summary: 'the interviews of a relationship, latest first, with counts of quotes and incidents taken',
      errors: [401, 403, 404],
    },
    post: {
      summary: 'schedule an interview with a participant (side and level are theirs), or record one held',
      body: ScheduleInterviewSchema,
      status: 201,
    },
  }),
  pathOf('/api/relationships/{id}/interviews/{ref}', {
    get: {
      summary:
        'one interview: notes, transcript, the guide for its level, quotes and incidents taken from it',
      errors: [401, 403, 404],
    },
    patch: {
      summary: 'record notes or a transcript, change the date or interviewer, mark held',
      body: UpdateInterviewSchema,
    },
  }),
  pathOf('/api/relationships/{id}/interviews/{ref}/quotes', {
    post: {
      summary:
        'keep a passage as a quote (attributed to side and level only); 400 on `passage` if it is not in the saved notes or transcript (whitespace aside)',
      body: ExtractQuoteSchema,
      status: 201,
    },
  }),
  pathOf('/api/relationships/{id}/interviews/{ref}/incidents', {
    post: {
      summary:
        'turn a passage into a critical incident (source interview, linked to the interview and the passage); answers { id, ref }',
      body: ExtractInterviewIncidentSchema,
      status: 201,
    },
  }),
  pathOf('/api/relationships/{id}/quotes', {
    get: {
      summary: 'every quote of the relationship: text, side, level, interview ref; never a name',
      errors: [401, 403, 404],
    },
  }),
  pathOf('/api/interview-guide', {
    get: {
      summary: 'the workspace’s interview guide per level (its own text or the built-in one)',
      errors: [401, 403],
    },
  }),
  pathOf('/api/interview-guide/{level}', {
    put: { summary: 'replace the guide for one level', body: GuideBodySchema },
    delete: { summary: 'reset one level to the built-in guide', errors: [400, 401, 403] },
  }),
]);
