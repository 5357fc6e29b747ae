import { type Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { AppError } from '../domain/app-error.ts';
import { LEVELS, SIDES } from '../domain/model.ts';
import { WORKSHOP_COOKIE, workshopCookieOptions } from '../domain/session-cookie.ts';
import { DOTS_MAX, DOTS_MIN, STEP_KINDS } from '../domain/workshop.ts';
import { commitWorkshopTheme } from '../services/commit-workshop-theme.ts';
import { hitRateLimit, tooManyRequests } from '../services/hit-rate-limit.ts';
import { listWorkshops } from '../services/list-workshops.ts';
import {
  createWorkshop,
  endWorkshop,
  goToStep,
  presentFinding,
  saveWorkshopAgenda,
  setWorkshopTimer,
  startWorkshop,
} from '../services/manage-workshop.ts';
import { RATE_LIMITS } from '../services/rate-limit-rules.ts';
import { lastWorkshopEventId, sseFrame } from '../services/workshop-events.ts';
import {
  createTheme,
  deleteTheme,
  placeNotes,
  renameTheme,
  revealStep,
} from '../services/workshop-grouping.ts';
import type { WorkshopHub } from '../services/workshop-hub.ts';
import { inviteToWorkshop } from '../services/workshop-invitation.ts';
import {
  castBallot,
  editNote,
  joinWorkshop,
  joinWorkshopSignedIn,
  writeNote,
} from '../services/workshop-room.ts';
import { attendeeByToken, findWorkshop } from '../services/workshop-rows.ts';
import { getWorkshopForAttendee, getWorkshopForFacilitator } from '../services/workshop-view.ts';
import type { AppEnv } from './app-env.ts';
import { errorResponse, type OpenApiPaths, pathParameters } from './openapi.ts';
import { readJsonBody } from './read-json-body.ts';
import { actorName, scope } from './scope.ts';
import { isSecureRequest, requireUser } from './session-middleware.ts';

// The live workshop as JSON and server-sent events (issue 10, decision 049). Facilitators run it
// under /api/workshops/{id}; phones act under /api/w with the token they got when they joined (the
// tl_workshop cookie, or `Authorization: Bearer <token>` for a meeting tool). Mounted at /api.

const FACILITATORS = ['admin', 'facilitator'] as const;

/** The attendee's token: the bearer header first, else the cookie. */
export function attendeeTokenOf(c: Context<AppEnv>): string {
  const header = c.req.header('authorization');
  const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return bearer ?? getCookie(c, WORKSHOP_COOKIE) ?? '';
}

const idOf = (body: unknown, field: string): string => {
  const value = (body as Record<string, unknown> | null)?.[field];
  if (typeof value !== 'string' || value === '') throw new AppError('invalid-input', `${field}: required`);
  return value;
};

export function workshopsRoutes(hub: WorkshopHub | undefined): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const staff = requireUser([...FACILITATORS]);

  // --- the facilitator -----------------------------------------------------------------------
  app.get('/relationships/:id/workshops', staff, async (c) => {
    const { db, workspaceId } = scope(c);
    return c.json(await listWorkshops(db, workspaceId, c.req.param('id')));
  });
  app.post('/relationships/:id/workshops', staff, async (c) => {
    const { db, workspaceId, user } = scope(c);
    const created = await createWorkshop(db, workspaceId, c.req.param('id'), await readJsonBody(c), {
      name: actorName(user),
    });
    return c.json(created, 201);
  });
  app.get('/workshops/:wid', staff, async (c) => {
    const { db, workspaceId } = scope(c);
    return c.json(await getWorkshopForFacilitator(db, workspaceId, c.req.param('wid')));
  });
  app.put('/workshops/:wid/agenda', staff, async (c) => {
    const { db, workspaceId } = scope(c);
    await saveWorkshopAgenda(db, workspaceId, c.req.param('wid'), await readJsonBody(c));
    return c.json(await getWorkshopForFacilitator(db, workspaceId, c.req.param('wid')));
  });
  const control = (path: string, run: (c: Context<AppEnv>, body: unknown) => Promise<unknown>) =>
    app.post(`/workshops/:wid/${path}`, staff, async (c) => {
      const body = c.req.header('content-length') === '0' ? {} : await readJsonBody(c).catch(() => ({}));
      await run(c, body);
      const { db, workspaceId } = scope(c);
      return c.json(await getWorkshopForFacilitator(db, workspaceId, c.req.param('wid')));
    });
  app.post('/workshops/:wid/invitations', staff, async (c) => {
    const { db, workspaceId, user } = scope(c);
    const run = await inviteToWorkshop(db, workspaceId, c.req.param('wid'), await readJsonBody(c), {
      baseUrl: c.get('baseUrl'),
      organizer: { name: user.name || user.email, email: user.email },
    });
    return c.json(run, 202);
  });
  control('start', (c) => startWorkshop(scope(c).db, scope(c).workspaceId, c.req.param('wid')!));
  control('end', (c) => endWorkshop(scope(c).db, scope(c).workspaceId, c.req.param('wid')!));
  control('step', (c, body) =>
    goToStep(scope(c).db, scope(c).workspaceId, c.req.param('wid')!, idOf(body, 'stepId')),
  );
  control('reveal', (c, body) =>
    revealStep(scope(c).db, scope(c).workspaceId, c.req.param('wid')!, idOf(body, 'stepId'), {
      showSmallSides: (body as { showSmallSides?: unknown } | null)?.showSmallSides === true,
    }),
  );
  control('present', (c, body) =>
    presentFinding(
      scope(c).db,
      scope(c).workspaceId,
      c.req.param('wid')!,
      Number((body as { index?: unknown })?.index),
    ),
  );
  control('timer', (c, body) => {
    const seconds = (body as { seconds?: unknown })?.seconds;
    return setWorkshopTimer(
      scope(c).db,
      scope(c).workspaceId,
      c.req.param('wid')!,
      seconds === null ? null : Number(seconds),
    );
  });
  app.post('/workshops/:wid/themes', staff, async (c) => {
    const { db, workspaceId } = scope(c);
    const body = (await readJsonBody(c)) as { title?: unknown; noteIds?: unknown };
    return c.json(await createTheme(db, { workspaceId }, c.req.param('wid'), body ?? {}), 201);
  });
  app.patch('/workshops/:wid/themes/:tid', staff, async (c) => {
    const { db, workspaceId } = scope(c);
    const body = (await readJsonBody(c)) as { title?: unknown };
    await renameTheme(db, { workspaceId }, c.req.param('wid'), c.req.param('tid'), body?.title);
    return c.body(null, 204);
  });
  app.delete('/workshops/:wid/themes/:tid', staff, async (c) => {
    const { db, workspaceId } = scope(c);
    await deleteTheme(db, { workspaceId }, c.req.param('wid'), c.req.param('tid'));
    return c.body(null, 204);
  });
  app.post('/workshops/:wid/placements', staff, async (c) => {
    const { db, workspaceId } = scope(c);
    const body = parsePlacement(await readJsonBody(c));
    await placeNotes(db, { workspaceId }, c.req.param('wid'), body.noteIds, body.themeId);
    return c.body(null, 204);
  });
  app.post('/workshops/:wid/commitments', staff, async (c) => {
    const { db, workspaceId, user } = scope(c);
    const body = (await readJsonBody(c)) as Record<string, unknown> | null;
    const { themeId = null, ...rest } = body ?? {};
    if (themeId !== null && typeof themeId !== 'string')
      throw new AppError('invalid-input', 'themeId: a theme id or null');
    const committed = await commitWorkshopTheme(db, workspaceId, c.req.param('wid'), themeId, rest, {
      name: actorName(user),
    });
    return c.json(committed, 201);
  });
  app.get('/workshops/:wid/events', staff, async (c) => {
    const { db, workspaceId } = scope(c);
    const workshop = await findWorkshop(db, workspaceId, c.req.param('wid'));
    return eventStream(c, hub, workshop.id);
  });

  app.post('/workshops/:wid/join', staff, joinSignedIn);

  // --- the phones ----------------------------------------------------------------------------
  app.post('/w/join', async (c) => {
    const body = (await readJsonBody(c)) as { code?: unknown; side?: unknown; level?: unknown } | null;
    const joined = await joinWorkshop(c.get('db'), typeof body?.code === 'string' ? body.code : '', {
      side: body?.side,
      level: body?.level ?? null,
    });
    setCookie(c, WORKSHOP_COOKIE, joined.token, workshopCookieOptions(isSecureRequest(c)));
    return c.json(joined, 201);
  });
  app.get('/w', async (c) => c.json(await getWorkshopForAttendee(c.get('db'), attendeeTokenOf(c))));
  app.post('/w/notes', async (c) =>
    c.json(await writeNote(c.get('db'), attendeeTokenOf(c), await readJsonBody(c)), 201),
  );
  app.put('/w/notes/:nid', async (c) => {
    await editNote(c.get('db'), attendeeTokenOf(c), c.req.param('nid'), await readJsonBody(c));
    return c.body(null, 204);
  });
  app.delete('/w/notes/:nid', async (c) => {
    await editNote(c.get('db'), attendeeTokenOf(c), c.req.param('nid'), null);
    return c.body(null, 204);
  });
  app.put('/w/ballot', async (c) =>
    c.json(await castBallot(c.get('db'), attendeeTokenOf(c), await readJsonBody(c))),
  );
  app.post('/w/themes', async (c) => {
    const token = attendeeTokenOf(c);
    const attendee = await attendeeByToken(c.get('db'), token);
    const body = (await readJsonBody(c)) as { title?: unknown; noteIds?: unknown };
    return c.json(await createTheme(c.get('db'), { token }, attendee.workshopId, body ?? {}), 201);
  });
  app.post('/w/placements', async (c) => {
    const token = attendeeTokenOf(c);
    const attendee = await attendeeByToken(c.get('db'), token);
    const body = parsePlacement(await readJsonBody(c));
    await placeNotes(c.get('db'), { token }, attendee.workshopId, body.noteIds, body.themeId);
    return c.body(null, 204);
  });
  app.get('/w/events', async (c) => {
    const attendee = await attendeeByToken(c.get('db'), attendeeTokenOf(c));
    const hit = await hitRateLimit(c.get('db'), RATE_LIMITS.workshopStream, attendee.id, new Date());
    if (!hit.isAllowed) throw tooManyRequests(hit, 'this phone reconnected too often');
    return eventStream(c, hub, attendee.workshopId);
  });
  return app;
}

function parsePlacement(body: unknown): { noteIds: string[]; themeId: string | null } {
  const parsed = z
    .strictObject({ noteIds: z.array(z.string()).min(1).max(500), themeId: z.string().nullable() })
    .safeParse(body);
  if (!parsed.success)
    throw new AppError('invalid-input', 'placement: { noteIds: [note ids], themeId: a theme id or null }');
  return parsed.data;
}

/**
 * The workshop's events as server-sent events: every event after `Last-Event-ID` (the browser sends
 * it when it reconnects) or `?after=` (the id a view was read at), then each new one as it happens,
 * with a comment every 15 s so proxies and phones keep the connection.
 */
function eventStream(c: Context<AppEnv>, hub: WorkshopHub | undefined, workshopId: string) {
  if (!hub) throw new AppError('conflict', 'this server does not stream workshop events');
  const resumeFrom = c.req.header('last-event-id') ?? c.req.query('after') ?? '';
  const afterId = /^\d{1,15}$/.test(resumeFrom) ? Number(resumeFrom) : -1;
  c.header('Cache-Control', 'no-store');
  c.header('X-Accel-Buffering', 'no');
  return streamSSE(c, async (stream) => {
    let chain: Promise<void> = stream.writeSSE({ event: 'hello', data: '{}', retry: 2000 });
    let stop = () => {};
    let closed = false;
    let wake = () => {};
    const end = () => {
      closed = true;
      stop();
      wake();
    };
    stream.onAbort(end);
    const from = afterId >= 0 ? afterId : await lastWorkshopEventId(c.get('db'), workshopId);
    stop = await hub.subscribe(workshopId, from, {
      send: (event) => {
        chain = chain
          .then(() => stream.write(sseFrame(event)))
          .then(() => {})
          .catch(() => {});
      },
      end,
    });
    if (closed) stop();
    while (!closed) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 15_000);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (!closed)
        chain = chain
          .then(() => stream.write(': keep-alive\n\n'))
          .then(() => {})
          .catch(() => {});
    }
    await chain;
  });
}

// ---------------------------------------------------------------------------------------------
// OpenAPI 3.1 paths, with the /api prefix, for /api/openapi.json.

const ERROR = errorResponse('error: { error: { code, message, details } } (docs/ARCHITECTURE.md, Errors)');
const REFUSALS = { '400': ERROR, '401': ERROR, '403': ERROR, '404': ERROR, '409': ERROR };
const PARAMETERS = {
  id: 'relationship id (or a unique prefix of it, or its name)',
  wid: "a workshop's id",
  tid: "a theme's id",
  nid: "one of the attendee's own notes",
} as const;
const body = (schema: object) => ({ required: true, content: { 'application/json': { schema } } });
const VIEW = { description: 'the workshop as the facilitator sees it (WorkshopView and its code)' };
const AGENDA_STEP = {
  type: 'object',
  properties: {
    id: {
      type: 'string',
      description: 'an existing step (keeps its notes and votes); leave out for a new step',
    },
    kind: { type: 'string', enum: [...STEP_KINDS] },
    prompt: { type: ['string', 'null'], maxLength: 200 },
  },
  required: ['kind'],
};
const ATTENDEE = 'the attendee: the tl_workshop cookie set when joining, or Authorization: Bearer <token>';
const controlOp = (summary: string, schema?: object) => ({
  post: {
    tags: ['workshops'],
    summary,
    parameters: pathParameters(PARAMETERS, 'wid'),
    ...(schema ? { requestBody: body(schema) } : {}),
    responses: { '200': VIEW, ...REFUSALS },
  },
});

export const workshopsOpenApiPaths: OpenApiPaths = {
  '/api/relationships/{id}/workshops': {
    get: {
      tags: ['workshops'],
      summary: "the relationship's workshops: title, wave, status, code while not ended, when",
      parameters: pathParameters(PARAMETERS, 'id'),
      responses: { '200': { description: '{ workshops: [...] }' }, ...REFUSALS },
    },
    post: {
      tags: ['workshops'],
      summary:
        'create a workshop (draft) on a wave whose findings were released to both sides; the agenda defaults to the seed’s: present, reflect ×3, group, vote, discuss, commit',
      parameters: pathParameters(PARAMETERS, 'id'),
      requestBody: body({
        type: 'object',
        properties: {
          wave: { type: 'string' },
          title: { type: 'string', maxLength: 200 },
          dots: { type: 'integer', minimum: DOTS_MIN, maximum: DOTS_MAX, default: 3 },
          attendeesGroup: { type: 'boolean', default: false },
          agenda: { type: 'array', items: AGENDA_STEP, maxItems: 30 },
        },
        required: ['wave', 'title'],
      }),
      responses: { '201': { description: '{ id, code }' }, ...REFUSALS },
    },
  },
  '/api/workshops/{wid}': {
    get: {
      tags: ['workshops'],
      summary:
        'the workshop: agenda with note counts (notes once revealed), who joined per side, themes, voters per side (the tally once revealed), commitments, the code, and lastEventId to resume the stream from',
      parameters: pathParameters(PARAMETERS, 'wid'),
      responses: { '200': VIEW, ...REFUSALS },
    },
  },
  '/api/workshops/{wid}/agenda': {
    put: {
      tags: ['workshops'],
      summary:
        'rewrite the agenda in order (reorder, repeat a kind as a new step, remove steps that hold nothing)',
      parameters: pathParameters(PARAMETERS, 'wid'),
      requestBody: body({ type: 'array', items: AGENDA_STEP, minItems: 1, maxItems: 30 }),
      responses: { '200': VIEW, ...REFUSALS },
    },
  },
  '/api/workshops/{wid}/invitations': {
    post: {
      tags: ['workshops'],
      summary:
        'set when and where the workshop meets and email everyone of the relationship (participants with an address, sponsors) an invitation with a calendar file; sending again replaces the event',
      parameters: pathParameters(PARAMETERS, 'wid'),
      requestBody: body({
        type: 'object',
        properties: {
          date: { type: 'string', description: 'YYYY-MM-DD' },
          time: { type: 'string', description: 'HH:MM, 24-hour' },
          timeZone: { type: 'string', description: 'an IANA zone such as Europe/London (default UTC)' },
          minutes: { type: 'integer', minimum: 15, maximum: 480 },
          location: { type: 'string' },
        },
        required: ['date', 'time', 'minutes'],
      }),
      responses: { '202': { description: '{ queued, startsAt, sequence }' }, ...REFUSALS },
    },
  },
  '/api/workshops/{wid}/start': controlOp('open the room: the code works and the first step is on'),
  '/api/workshops/{wid}/end': controlOp('end the workshop: the code stops working and its summary is saved'),
  '/api/workshops/{wid}/step': controlOp('move the room to a step', {
    type: 'object',
    properties: { stepId: { type: 'string' } },
    required: ['stepId'],
  }),
  '/api/workshops/{wid}/reveal': controlOp(
    "show a reflect step's notes (side always, level where enough joined) or a vote step's tally by side; refused (400, field showSmallSides) where a side that wrote or voted in it has fewer people in the room than the anonymity threshold, unless showSmallSides is true",
    {
      type: 'object',
      properties: { stepId: { type: 'string' }, showSmallSides: { type: 'boolean', default: false } },
      required: ['stepId'],
    },
  ),
  '/api/workshops/{wid}/present': controlOp('show one released finding on the projector (0-based)', {
    type: 'object',
    properties: { index: { type: 'integer', minimum: 0 } },
    required: ['index'],
  }),
  '/api/workshops/{wid}/timer': controlOp(
    'start a timer of 1–7200 seconds on every screen, or stop it (null)',
    {
      type: 'object',
      properties: { seconds: { type: ['integer', 'null'], minimum: 1, maximum: 7200 } },
      required: ['seconds'],
    },
  ),
  '/api/workshops/{wid}/themes': {
    post: {
      tags: ['workshops'],
      summary: 'a new theme, with revealed notes placed in it',
      parameters: pathParameters(PARAMETERS, 'wid'),
      requestBody: body({
        type: 'object',
        properties: {
          title: { type: 'string', maxLength: 80 },
          noteIds: { type: 'array', items: { type: 'string' } },
        },
        required: ['title'],
      }),
      responses: { '201': { description: '{ id }' }, ...REFUSALS },
    },
  },
  '/api/workshops/{wid}/themes/{tid}': {
    patch: {
      tags: ['workshops'],
      summary: 'rename a theme',
      parameters: pathParameters(PARAMETERS, 'wid', 'tid'),
      requestBody: body({ type: 'object', properties: { title: { type: 'string' } }, required: ['title'] }),
      responses: { '204': { description: 'renamed' }, ...REFUSALS },
    },
    delete: {
      tags: ['workshops'],
      summary: 'remove a theme (its notes go back to ungrouped); refused once it has votes',
      parameters: pathParameters(PARAMETERS, 'wid', 'tid'),
      responses: { '204': { description: 'removed' }, ...REFUSALS },
    },
  },
  '/api/workshops/{wid}/placements': {
    post: {
      tags: ['workshops'],
      summary: 'put revealed notes into a theme, or out of any (themeId null)',
      parameters: pathParameters(PARAMETERS, 'wid'),
      requestBody: body({
        type: 'object',
        properties: {
          noteIds: { type: 'array', items: { type: 'string' } },
          themeId: { type: ['string', 'null'] },
        },
        required: ['noteIds', 'themeId'],
      }),
      responses: { '204': { description: 'placed' }, ...REFUSALS },
    },
  },
  '/api/workshops/{wid}/commitments': {
    post: {
      tags: ['workshops'],
      summary:
        'commit a theme: { themeId, kind: "workstream", workstream: {…as POST /api/relationships/{id}/workstreams} } | { themeId, kind: "small-big-thing", text, raisedBySide } | { themeId, kind: "charter-principle", text } — the thing and its link are written together or not at all',
      parameters: pathParameters(PARAMETERS, 'wid'),
      requestBody: body({
        type: 'object',
        properties: { themeId: { type: ['string', 'null'] }, kind: { type: 'string' } },
        required: ['kind'],
      }),
      responses: { '201': { description: '{ id, themeId, kind, text, reference }' }, ...REFUSALS },
    },
  },
  '/api/workshops/{wid}/events': {
    get: {
      tags: ['workshops'],
      summary:
        'server-sent events of the workshop: every change (joined, step, present, timer, notes (a count), revealed, themes, voted (a count per side), tally, committed, agenda, status) after Last-Event-ID or ?after=',
      parameters: pathParameters(PARAMETERS, 'wid'),
      responses: { '200': { description: 'text/event-stream' }, ...REFUSALS },
    },
  },
  '/api/w/join': {
    post: {
      tags: ['workshop room'],
      summary:
        'join a live workshop with its 6-character code (any case, spaces allowed): your side, optionally your level; no account. Sets the tl_workshop cookie and returns the token for Authorization: Bearer',
      requestBody: body({
        type: 'object',
        properties: {
          code: { type: 'string' },
          side: { type: 'string', enum: [...SIDES] },
          level: { type: ['string', 'null'], enum: [...LEVELS, null] },
        },
        required: ['code', 'side'],
      }),
      responses: { '201': { description: '{ workshopId, attendeeId, token }' }, '429': ERROR, ...REFUSALS },
    },
  },
  '/api/w': {
    get: {
      tags: ['workshop room'],
      summary: `the room as this phone sees it: the workshop's view with your own notes and ballot (${ATTENDEE})`,
      responses: { '200': { description: 'AttendeeWorkshopView' }, ...REFUSALS },
    },
  },
  '/api/w/notes': {
    post: {
      tags: ['workshop room'],
      summary:
        'write a note in the current reflect step: private to you until the facilitator reveals the step',
      requestBody: body({
        type: 'object',
        properties: {
          text: { type: 'string', maxLength: 500 },
          signedAs: { type: ['string', 'null'], maxLength: 80 },
        },
        required: ['text'],
      }),
      responses: { '201': { description: '{ id, stepId }' }, ...REFUSALS },
    },
  },
  '/api/w/notes/{nid}': {
    put: {
      tags: ['workshop room'],
      summary: 'rewrite one of your notes before its step is revealed',
      parameters: pathParameters(PARAMETERS, 'nid'),
      requestBody: body({ type: 'object', properties: { text: { type: 'string' } }, required: ['text'] }),
      responses: { '204': { description: 'saved' }, ...REFUSALS },
    },
    delete: {
      tags: ['workshop room'],
      summary: 'remove one of your notes before its step is revealed',
      parameters: pathParameters(PARAMETERS, 'nid'),
      responses: { '204': { description: 'removed' }, ...REFUSALS },
    },
  },
  '/api/w/ballot': {
    put: {
      tags: ['workshop room'],
      summary:
        'your whole ballot in the current vote step: { themeId: dots }, at most the workshop’s dots in all; it replaces your last one',
      requestBody: body({ type: 'object', additionalProperties: { type: 'integer', minimum: 1 } }),
      responses: { '200': { description: '{ stepId, used }' }, ...REFUSALS },
    },
  },
  '/api/w/themes': {
    post: {
      tags: ['workshop room'],
      summary: 'a new theme, where the facilitator lets the room group',
      requestBody: body({ type: 'object', properties: { title: { type: 'string' } }, required: ['title'] }),
      responses: { '201': { description: '{ id }' }, ...REFUSALS },
    },
  },
  '/api/w/placements': {
    post: {
      tags: ['workshop room'],
      summary: 'put revealed notes into a theme, where the facilitator lets the room group',
      requestBody: body({
        type: 'object',
        properties: {
          noteIds: { type: 'array', items: { type: 'string' } },
          themeId: { type: ['string', 'null'] },
        },
        required: ['noteIds', 'themeId'],
      }),
      responses: { '204': { description: 'placed' }, ...REFUSALS },
    },
  },
  '/api/w/events': {
    get: {
      tags: ['workshop room'],
      summary: `the workshop's server-sent events for this phone (${ATTENDEE}); resumes after Last-Event-ID`,
      responses: { '200': { description: 'text/event-stream' }, '429': ERROR, ...REFUSALS },
    },
  },
};

/**
 * Joining signed in (issue 10, item 2), for facilitators and admins here and for sponsors at
 * /api/sponsor/workshops/{wid}/join: no code; a sponsor on their grant's side. Sets the same cookie
 * and returns the same token as /api/w/join. Under the session's CSRF check, unlike /api/w.
 */
export async function joinSignedIn(c: Context<AppEnv>) {
  const user = c.get('user')!;
  const body = (await readJsonBody(c)) as { side?: unknown; level?: unknown } | null;
  const joined = await joinWorkshopSignedIn(c.get('db'), user, c.req.param('wid') ?? '', {
    ...(user.role === 'sponsor' ? {} : { side: body?.side }),
    level: body?.level ?? null,
  });
  setCookie(c, WORKSHOP_COOKIE, joined.token, workshopCookieOptions(isSecureRequest(c)));
  return c.json(joined, 201);
}

const SIGNED_IN_JOIN = (who: string, sideRule: string) => ({
  post: {
    tags: ['workshop room'],
    summary: `join a live workshop signed in, without the code (${who}): ${sideRule}, optionally your level; joining again (another device) is the same attendee with a new token. Sets the tl_workshop cookie and returns the token`,
    parameters: pathParameters(PARAMETERS, 'wid'),
    requestBody: body({
      type: 'object',
      properties: {
        ...(sideRule.startsWith('your side') ? { side: { type: 'string', enum: [...SIDES] } } : {}),
        level: { type: ['string', 'null'], enum: [...LEVELS, null] },
      },
    }),
    responses: { '201': { description: '{ workshopId, attendeeId, token }' }, ...REFUSALS },
  },
});

export const signedInJoinOpenApiPaths: OpenApiPaths = {
  '/api/workshops/{wid}/join': SIGNED_IN_JOIN('facilitators and admins', 'your side (A or B)'),
  '/api/sponsor/workshops/{wid}/join': SIGNED_IN_JOIN('sponsors', 'on the side your grant names'),
};
