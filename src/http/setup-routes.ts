import { Hono } from 'hono';
import { z } from 'zod';
import { parseInput } from '../domain/parse-input.ts';
import {
  CreateRelationshipSchema,
  CreateWaveSchema,
  CsvBodySchema,
  ParticipantSchema,
  UpdateParticipantSchema,
  UpdateRelationshipSchema,
  UploadInstrumentSchema,
} from '../domain/setup-input.ts';
import { addParticipant } from '../services/add-participant.ts';
import { archiveRelationship, restoreRelationship } from '../services/archive-relationship.ts';
import { closeWave } from '../services/close-wave.ts';
import { createRelationship } from '../services/create-relationship.ts';
import { createWave } from '../services/create-wave.ts';
import { DeleteRelationshipSchema, deleteRelationship } from '../services/delete-relationship.ts';
import { getRelationshipSetup } from '../services/get-relationship-setup.ts';
import { getResponseTracking } from '../services/get-response-tracking.ts';
import { importParticipantsCsv } from '../services/import-participants-csv.ts';
import { listInstruments } from '../services/list-instruments.ts';
import { listParticipants } from '../services/list-participants.ts';
import {
  DEFAULT_RELATIONSHIP_PAGE_SIZE,
  listRelationshipPage,
  MAX_RELATIONSHIP_PAGE_SIZE,
  RelationshipListQuerySchema,
} from '../services/list-relationships.ts';
import { openWave } from '../services/open-wave.ts';
import { previewParticipantsCsv } from '../services/preview-participants-csv.ts';
import { removeParticipant } from '../services/remove-participant.ts';
import { updateParticipant } from '../services/update-participant.ts';
import { updateRelationship } from '../services/update-relationship.ts';
import { uploadInstrument } from '../services/upload-instrument.ts';
import type { AppEnv } from './app-env.ts';
import { errorResponse, type OpenApiPaths, pathParameters } from './openapi.ts';
import { readJsonBody } from './read-json-body.ts';
import { scope } from './scope.ts';

// The setup part of the JSON API (issue 3, items 3, 6 and 8): relationships, participants, waves,
// instruments and response tracking. Mounted at /api behind requireUser(); every call works in the
// signed-in facilitator's workspace, so another workspace's ids are simply not found.

/** Request bodies, for the integrator's OpenAPI document and for clients. */
export const setupBodySchemas = {
  createRelationship: CreateRelationshipSchema,
  updateRelationship: UpdateRelationshipSchema,
  addParticipant: ParticipantSchema,
  updateParticipant: UpdateParticipantSchema,
  participantsCsv: CsvBodySchema,
  createWave: CreateWaveSchema,
  uploadInstrument: UploadInstrumentSchema,
} as const;

/**
 * Unlike the other route files, these routes have no requireUser() in front of them, so every
 * handler asks scope() for the role check too: a facilitator or an admin gets through; a sponsor
 * gets 403 (and nobody signed in, 401).
 */
const STAFF = { roles: ['admin', 'facilitator'] } as const;

export function setupRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/relationships', async (c) => {
    const { db, workspaceId } = scope(c, STAFF);
    // { relationships, page }: the array as before, one page of it now, and where the next starts.
    return c.json(await listRelationshipPage(db, workspaceId, c.req.query()));
  });
  app.post('/relationships', async (c) => {
    const { db, workspaceId } = scope(c, STAFF);
    const body = parseInput(CreateRelationshipSchema, await readJsonBody(c));
    return c.json(await createRelationship(db, workspaceId, body), 201);
  });
  app.get('/relationships/:id', async (c) => {
    const { db, workspaceId } = scope(c, STAFF);
    return c.json(await getRelationshipSetup(db, workspaceId, c.req.param('id')));
  });
  app.patch('/relationships/:id', async (c) => {
    const { db, workspaceId } = scope(c, STAFF);
    const body = parseInput(UpdateRelationshipSchema, await readJsonBody(c));
    return c.json(await updateRelationship(db, workspaceId, c.req.param('id'), body));
  });
  app.post('/relationships/:id/archive', async (c) => {
    const { db, workspaceId } = scope(c, STAFF);
    return c.json(await archiveRelationship(db, workspaceId, c.req.param('id')));
  });
  app.post('/relationships/:id/restore', async (c) => {
    const { db, workspaceId } = scope(c, STAFF);
    return c.json(await restoreRelationship(db, workspaceId, c.req.param('id')));
  });
  app.delete('/relationships/:id', async (c) => {
    const { db, workspaceId } = scope(c, STAFF);
    const body = parseInput(DeleteRelationshipSchema, await readJsonBody(c));
    await deleteRelationship(db, workspaceId, c.req.param('id'), body);
    return c.body(null, 204);
  });

  app.get('/relationships/:id/participants', async (c) => {
    const { db, workspaceId } = scope(c, STAFF);
    return c.json({ participants: await listParticipants(db, workspaceId, c.req.param('id')) });
  });
  app.post('/relationships/:id/participants', async (c) => {
    const { db, workspaceId } = scope(c, STAFF);
    const body = parseInput(ParticipantSchema, await readJsonBody(c));
    return c.json(await addParticipant(db, workspaceId, c.req.param('id'), body), 201);
  });
  app.post('/relationships/:id/participants/preview', async (c) => {
    const { db, workspaceId } = scope(c, STAFF);
    const { csv } = parseInput(CsvBodySchema, await readJsonBody(c));
    return c.json(await previewParticipantsCsv(db, workspaceId, c.req.param('id'), csv));
  });
  app.post('/relationships/:id/participants/import', async (c) => {
    const { db, workspaceId } = scope(c, STAFF);
    const { csv } = parseInput(CsvBodySchema, await readJsonBody(c));
    return c.json(await importParticipantsCsv(db, workspaceId, c.req.param('id'), csv), 201);
  });
  app.patch('/relationships/:id/participants/:pid', async (c) => {
    const { db, workspaceId } = scope(c, STAFF);
    const body = parseInput(UpdateParticipantSchema, await readJsonBody(c));
    return c.json(await updateParticipant(db, workspaceId, c.req.param('id'), c.req.param('pid'), body));
  });
  app.delete('/relationships/:id/participants/:pid', async (c) => {
    const { db, workspaceId } = scope(c, STAFF);
    await removeParticipant(db, workspaceId, c.req.param('id'), c.req.param('pid'));
    return c.body(null, 204);
  });

  app.get('/relationships/:id/waves', async (c) => {
    const { db, workspaceId } = scope(c, STAFF);
    return c.json({ waves: (await getRelationshipSetup(db, workspaceId, c.req.param('id'))).waves });
  });
  app.post('/relationships/:id/waves', async (c) => {
    const { db, workspaceId } = scope(c, STAFF);
    const body = parseInput(CreateWaveSchema, await readJsonBody(c));
    return c.json(await createWave(db, workspaceId, c.req.param('id'), body), 201);
  });
  app.post('/relationships/:id/waves/:label/open', async (c) => {
    const { db, workspaceId } = scope(c, STAFF);
    return c.json(await openWave(db, workspaceId, c.req.param('id'), c.req.param('label')));
  });
  app.post('/relationships/:id/waves/:label/close', async (c) => {
    const { db, workspaceId } = scope(c, STAFF);
    return c.json(await closeWave(db, workspaceId, c.req.param('id'), c.req.param('label')));
  });

  app.get('/relationships/:id/tracking', async (c) => {
    const { db, workspaceId } = scope(c, STAFF);
    return c.json(await getResponseTracking(db, workspaceId, c.req.param('id')));
  });

  app.get('/instruments', async (c) => {
    const { db, workspaceId } = scope(c, STAFF);
    return c.json({ instruments: await listInstruments(db, workspaceId) });
  });
  app.post('/instruments', async (c) => {
    const { db, workspaceId } = scope(c, STAFF);
    const { instrumentJson } = parseInput(UploadInstrumentSchema, await readJsonBody(c));
    const uploaded = await uploadInstrument(db, workspaceId, instrumentJson);
    return c.json(uploaded, uploaded.isNew ? 201 : 200);
  });

  return app;
}

// ---------------------------------------------------------------------------------------------
// OpenAPI 3.1 paths for the integrator's /api/openapi.json (relative to the /api server URL).

const ERROR = errorResponse('error: { error: { code, message, details } } (docs/ARCHITECTURE.md, Errors)');

type OperationSpec = {
  summary: string;
  body?: z.ZodType;
  /** Query parameters: each field of the schema, described from QUERY_HELP. */
  query?: z.ZodObject;
  /** What the success answer holds; 'success (JSON)' unless said. */
  answer?: string;
  status?: number;
  errors?: number[];
};

function operation(tag: string, spec: OperationSpec, params: string[]) {
  const status = String(spec.status ?? 200);
  const parameters = [
    ...pathParameters(PARAMETER_HELP, ...params),
    ...Object.entries(spec.query?.shape ?? {}).map(([name, schema]) => ({
      name,
      in: 'query',
      required: false,
      description: QUERY_HELP[name],
      schema: z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }),
    })),
  ];
  return {
    tags: [tag],
    summary: spec.summary,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(spec.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: z.toJSONSchema(spec.body, { io: 'input' }) } },
          },
        }
      : {}),
    responses: {
      [status]: { description: spec.answer ?? (status === '204' ? 'done' : 'success (JSON)') },
      ...Object.fromEntries((spec.errors ?? [400, 401, 404]).map((code) => [String(code), ERROR])),
    },
  };
}

const PARAMETER_HELP: Record<string, string> = {
  id: 'relationship id (or a unique prefix of it, or its name)',
  pid: 'participant id',
  label: 'wave label (URL-encoded)',
};

const QUERY_HELP: Record<string, string> = {
  q: 'only relationships with this text in their name or either side’s name (any case)',
  limit: `how many relationships to return, 1–${MAX_RELATIONSHIP_PAGE_SIZE} (default ${DEFAULT_RELATIONSHIP_PAGE_SIZE})`,
  offset: 'how many to skip first (default 0); the answer’s page.nextOffset is the next page’s',
  archived: 'true: the archived relationships instead (default false: archived ones are left out)',
};

function pathOf(
  path: string,
  tag: string,
  operations: Partial<Record<'get' | 'post' | 'patch' | 'delete', OperationSpec>>,
) {
  const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  return [
    path,
    Object.fromEntries(
      Object.entries(operations).map(([method, spec]) => [method, operation(tag, spec, params)]),
    ),
  ] as const;
}

export const setupOpenApiPaths: OpenApiPaths = Object.fromEntries([
  pathOf('/relationships', 'relationships', {
    get: {
      summary: 'list the relationships of the workspace by name, one page at a time',
      query: RelationshipListQuerySchema,
      answer:
        '{ relationships: [{ id, name, sides, waves, latestWave, createdAt }], page: { q, limit, offset, total, matching, nextOffset } }; nextOffset is null on the last page',
      errors: [400, 401, 403],
    },
    post: {
      summary: 'create a relationship with its two sides',
      body: CreateRelationshipSchema,
      status: 201,
      errors: [400, 401],
    },
  }),
  pathOf('/relationships/{id}', 'relationships', {
    get: { summary: 'the relationship, its sides, waves and participant count' },
    patch: {
      summary: 'change the name, the sides or the anonymity threshold (fixed once a wave opened: 409)',
      body: UpdateRelationshipSchema,
      errors: [400, 401, 404, 409],
    },
    delete: {
      summary:
        'delete the relationship and all its data in one transaction; `confirm` must be its name, typed exactly (else 400 naming confirm, nothing deleted)',
      body: DeleteRelationshipSchema,
      status: 204,
      errors: [400, 401, 403, 404],
    },
  }),
  pathOf('/relationships/{id}/archive', 'relationships', {
    post: {
      summary:
        'archive: out of the lists, the portfolio and dropdowns; its survey links answer 403 "this survey has ended" (409 if archived already)',
      answer: '{ id, name, archivedAt }',
      errors: [401, 403, 404, 409],
    },
  }),
  pathOf('/relationships/{id}/restore', 'relationships', {
    post: {
      summary: 'restore an archived relationship as it was (409 if not archived)',
      answer: '{ id, name, archivedAt: null }',
      errors: [401, 403, 404, 409],
    },
  }),
  pathOf('/relationships/{id}/participants', 'participants', {
    get: { summary: 'list the participants' },
    post: { summary: 'add a participant', body: ParticipantSchema, status: 201 },
  }),
  pathOf('/relationships/{id}/participants/preview', 'participants', {
    post: {
      summary: 'check a participants CSV: every row with its values and problems; saves nothing',
      body: CsvBodySchema,
    },
  }),
  pathOf('/relationships/{id}/participants/import', 'participants', {
    post: {
      summary: 'add every row of a participants CSV, or nothing if any row has a problem',
      body: CsvBodySchema,
      status: 201,
    },
  }),
  pathOf('/relationships/{id}/participants/{pid}', 'participants', {
    patch: { summary: 'edit a participant', body: UpdateParticipantSchema },
    delete: {
      summary: 'remove a participant who has no responses (409 otherwise)',
      status: 204,
      errors: [401, 404, 409],
    },
  }),
  pathOf('/relationships/{id}/waves', 'waves', {
    get: { summary: 'list the waves' },
    post: { summary: 'create a draft wave', body: CreateWaveSchema, status: 201 },
  }),
  pathOf('/relationships/{id}/waves/{label}/open', 'waves', {
    post: {
      summary: 'open a draft wave (409 if not a draft or its close date has passed)',
      errors: [401, 404, 409],
    },
  }),
  pathOf('/relationships/{id}/waves/{label}/close', 'waves', {
    post: { summary: 'close an open wave (409 otherwise)', errors: [401, 404, 409] },
  }),
  pathOf('/relationships/{id}/tracking', 'waves', {
    get: { summary: 'invited, started and submitted per wave and side × level (counts only)' },
  }),
  pathOf('/instruments', 'instruments', {
    get: { summary: 'the instruments a wave can use, the built-in one first', errors: [401] },
    post: {
      summary:
        'upload an instrument.json (201 stored, 200 identical one reused, 409 same version with other content)',
      body: UploadInstrumentSchema,
      status: 201,
      errors: [400, 401, 409],
    },
  }),
]);
