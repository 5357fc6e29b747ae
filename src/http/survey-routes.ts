import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { parseInput } from '../domain/parse-input.ts';
import { parseFields, SurveyAnswersInputSchema } from '../domain/validate-survey-answers.ts';
import { getSurvey } from '../services/get-survey.ts';
import { issueSurveyLinks } from '../services/issue-survey-links.ts';
import { listSurveyLinks } from '../services/list-survey-links.ts';
import { reissueSurveyLink } from '../services/reissue-survey-link.ts';
import { reportSurveyIncident, SurveyIncidentInputSchema } from '../services/report-survey-incident.ts';
import {
  requireOpenSurveyAccess,
  resolveSurveyKey,
  type SurveyAccess,
  type SurveyKey,
  surveyToday,
} from '../services/resolve-survey-access.ts';
import { revokeSurveyLink } from '../services/revoke-survey-link.ts';
import { saveSurveyAnswers } from '../services/save-survey-answers.ts';
import { startSurvey } from '../services/start-survey.ts';
import { submitSurveyByKey } from '../services/submit-survey.ts';
import { queueSurveyInvitations, queueSurveyReminders, setReminderDays } from '../services/survey-mail.ts';
import type { AppEnv } from './app-env.ts';
import { errorResponse, type OpenApiPaths } from './openapi.ts';
import { readJsonBody } from './read-json-body.ts';
import { scope } from './scope.ts';

// The participant's survey API (public: the link's token, or the typed code, is the only
// credential) and the facilitator's link management (behind sign-in). See
// docs/guides/survey-links.md and docs/decisions/010-survey-links-hashed-post-to-start.md.
//
// Typed codes: the same operations as the token, under /code/:code/… . A code is never exchanged
// for the token, so knowing the code never reveals the link (and a leaked code dies with a
// re-issue just as the link does).

export const SurveyAnswersBodySchema = SurveyAnswersInputSchema;
export const SurveyIncidentBodySchema = SurveyIncidentInputSchema;
export const SurveyCodeBodySchema = z.object({ code: z.string().min(1).max(40) }).strict();
// Links point at PUBLIC_URL or the server's own address only: a `baseUrl` in the body (once
// accepted here) would let any caller mint links to another site, so it is refused as unknown.
export const IssueLinksBodySchema = z
  .object({
    participantIds: z.array(z.uuid()).min(1).optional(),
    /** Replace live links too (the old ones stop working). */
    reissue: z.boolean().optional(),
  })
  .strict();
export const ReissueLinkBodySchema = z.object({}).strict();

export type SurveyRoutesOptions = {
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
};

/** Mount at `/api/survey`, public (no session, no CSRF token: the path's secret authorises). */
export function surveyApiRoutes(options: SurveyRoutesOptions = {}): Hono<AppEnv> {
  const now = options.now ?? (() => new Date());
  const routes = new Hono<AppEnv>();
  routes.use(privateResponses);

  const access = (c: Context<AppEnv>, key: SurveyKey): Promise<SurveyAccess | null> =>
    resolveSurveyKey(c.get('db'), key, surveyToday(now()));

  const operations = (keyOf: (c: Context<AppEnv>) => SurveyKey) => {
    const ops = new Hono<AppEnv>();
    ops.get('/', async (c) => c.json(await getSurvey(c.get('db'), await access(c, keyOf(c)))));
    ops.post('/start', async (c) => {
      const db = c.get('db');
      const found = await access(c, keyOf(c));
      await startSurvey(db, found, now());
      return c.json(await getSurvey(db, found));
    });
    ops.put('/answers', async (c) => {
      const body = await readJsonBody(c);
      return c.json(await saveSurveyAnswers(c.get('db'), await access(c, keyOf(c)), body, now()));
    });
    ops.post('/submit', async (c) => {
      // Optional last answers in the same request: `{ answers, open }` as for PUT /answers. The key
      // is resolved inside the submission's one statement (decision 019), so a body that is not
      // JSON still answers for the key first, as every other survey call does.
      let body: unknown;
      try {
        body = await readJsonBody(c, { empty: null });
      } catch (error) {
        requireOpenSurveyAccess(await access(c, keyOf(c)));
        throw error;
      }
      const submitted = await submitSurveyByKey(c.get('db'), keyOf(c), now(), body);
      return smallJson(c, { submittedAt: submitted.submittedAt });
    });
    ops.post('/incidents', async (c) => {
      const body = await readJsonBody(c);
      return c.json(await reportSurveyIncident(c.get('db'), await access(c, keyOf(c)), body, now()), 201);
    });
    return ops;
  };

  // A code typed on the public page, posted in the body (not the URL): answers like GET /:token.
  routes.post('/code', async (c) => {
    const { code } = parseFields(SurveyCodeBodySchema, await readJsonBody(c));
    return c.json(await getSurvey(c.get('db'), await access(c, { code })));
  });
  routes.route(
    '/code/:code',
    operations((c) => ({ code: c.req.param('code') ?? '' })),
  );
  routes.route(
    '/:token',
    operations((c) => ({ token: c.req.param('token') ?? '' })),
  );
  return routes;
}

const MailBodySchema = z.strictObject({ dryRun: z.boolean().optional() });
const ReminderDaysBodySchema = z.strictObject({ days: z.array(z.int()).max(5, 'at most 5 reminders') });

export type LinkRoutesOptions = {
  now?: () => Date;
};

/** Mount at `/api` behind sign-in (and CSRF for the POSTs): the signed-in user's workspace only. */
export function linkRoutes(options: LinkRoutesOptions = {}): Hono<AppEnv> {
  const now = options.now ?? (() => new Date());
  const routes = new Hono<AppEnv>();
  // Links are the facilitators' to issue and revoke: a sponsor gets 403.
  const facilitator = (c: Context<AppEnv>) => scope(c, { roles: ['admin', 'facilitator'] });

  routes.post('/relationships/:id/waves/:label/links', async (c) => {
    const { db, workspaceId } = facilitator(c);
    const body = parseInput(IssueLinksBodySchema, await readJsonBody(c, { empty: {} }));
    const links = await issueSurveyLinks(db, workspaceId, c.req.param('id'), c.req.param('label'), {
      baseUrl: c.get('baseUrl'),
      today: surveyToday(now()),
      ...(body.participantIds ? { participantIds: body.participantIds } : {}),
      ...(body.reissue ? { reissue: true } : {}),
    });
    c.header('Cache-Control', 'no-store');
    return c.json({ links }, 201);
  });

  // Mail (issue 11, items 4 and 7): the invitations, the next reminder, the reminder schedule.
  for (const kind of ['invitations', 'reminders'] as const) {
    routes.post(`/relationships/:id/waves/:label/${kind}`, async (c) => {
      const { db, workspaceId } = facilitator(c);
      const body = parseInput(MailBodySchema, await readJsonBody(c, { empty: {} }));
      const queue = kind === 'invitations' ? queueSurveyInvitations : queueSurveyReminders;
      const run = await queue(db, workspaceId, c.req.param('id'), c.req.param('label'), {
        baseUrl: c.get('baseUrl'),
        today: surveyToday(now()),
        dryRun: body.dryRun === true,
      });
      return c.json(run, body.dryRun ? 200 : 202);
    });
  }
  routes.put('/relationships/:id/waves/:label/reminder-days', async (c) => {
    const { db, workspaceId } = facilitator(c);
    const body = parseInput(ReminderDaysBodySchema, await readJsonBody(c));
    const days = await setReminderDays(db, workspaceId, c.req.param('id'), c.req.param('label'), body.days);
    return c.json({ days });
  });

  routes.get('/relationships/:id/waves/:label/links', async (c) => {
    const { db, workspaceId } = facilitator(c);
    const links = await listSurveyLinks(
      db,
      workspaceId,
      c.req.param('id'),
      c.req.param('label'),
      surveyToday(now()),
    );
    return c.json({ links });
  });

  routes.post('/links/:linkId/reissue', async (c) => {
    const { db, workspaceId } = facilitator(c);
    parseInput(ReissueLinkBodySchema, await readJsonBody(c, { empty: {} }));
    const link = await reissueSurveyLink(
      db,
      workspaceId,
      { linkId: c.req.param('linkId') },
      { baseUrl: c.get('baseUrl'), today: surveyToday(now()) },
    );
    c.header('Cache-Control', 'no-store');
    return c.json({ link }, 201);
  });

  routes.post('/links/:linkId/revoke', async (c) => {
    const { db, workspaceId } = facilitator(c);
    return c.json(await revokeSurveyLink(db, workspaceId, { linkId: c.req.param('linkId') }));
  });
  return routes;
}

/** Token pages must not leak the token onwards (Referer) nor sit in any cache — errors included. */
const privateResponses: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cache-Control', 'no-store');
  await next();
  c.res.headers.set('Referrer-Policy', 'no-referrer');
  c.res.headers.set('Cache-Control', 'no-store');
};

/** A reply of a few bytes, sent with its length: compression skips it (it would only grow). */
function smallJson(c: Context<AppEnv>, value: unknown): Response {
  const text = JSON.stringify(value);
  return c.body(text, 200, {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(text)),
  });
}

// ---------------------------------------------------------------------------------------------
// OpenAPI 3.1 paths, to merge into /api/openapi.json (paths relative to the server root).

const json = (schema: z.ZodType) => ({
  'application/json': { schema: z.toJSONSchema(schema, { io: 'input' }) },
});
const tokenParam = {
  name: 'token',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: 'the link token',
};
const codeParam = {
  name: 'code',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: 'the typed code; any case, spaces or dashes',
};
const surveyErrors = {
  '403': errorResponse('the link is revoked, or the wave is not open (yet) or closed; details: [{ state }]'),
  '404': errorResponse('no such link or code (one message for wrong and unknown)'),
  '413': errorResponse('the body is larger than the survey takes (BODY_LIMIT_SURVEY, 256 KiB by default)'),
};
/** Every way of trying a typed code shares one budget per client (decision 024). */
const codeErrors = {
  ...surveyErrors,
  '429': errorResponse('too many wrong codes from this address; Retry-After says when to try again'),
};

function surveyOperations(
  prefix: string,
  parameter: object,
  tag: string,
  errors: Record<string, unknown> = surveyErrors,
) {
  const parameters = [parameter];
  return {
    [prefix]: {
      get: {
        tags: [tag],
        summary: 'The survey for this participant (read-only: never starts or changes anything)',
        parameters,
        responses: { '200': { description: 'SurveyView' }, ...errors },
      },
    },
    [`${prefix}/start`]: {
      post: {
        tags: [tag],
        summary: 'Start (or resume): creates the response if absent; returns the SurveyView',
        parameters,
        responses: { '200': { description: 'SurveyView' }, ...errors },
      },
    },
    [`${prefix}/answers`]: {
      put: {
        tags: [tag],
        summary: 'Save one answer or a batch; null or blank clears',
        parameters,
        requestBody: { required: true, content: json(SurveyAnswersBodySchema) },
        responses: {
          '200': { description: '{ answers, open, progress }' },
          '400': errorResponse('a field is invalid; details name each field'),
          '409': errorResponse('already submitted'),
          ...errors,
        },
      },
    },
    [`${prefix}/submit`]: {
      post: {
        tags: [tag],
        summary:
          'Submit, optionally with last answers ({ answers, open } as for PUT answers); afterwards changes are refused',
        parameters,
        requestBody: { required: false, content: json(SurveyAnswersBodySchema) },
        responses: {
          '200': { description: '{ submittedAt }' },
          '409': errorResponse('already submitted'),
          ...errors,
        },
      },
    },
    [`${prefix}/incidents`]: {
      post: {
        tags: [tag],
        summary: 'Report a critical incident (stored without the participant’s name)',
        parameters,
        requestBody: { required: true, content: json(SurveyIncidentBodySchema) },
        responses: {
          '201': { description: '{ ref, occurredOn }' },
          '400': errorResponse('a field is invalid; details name each field'),
          '409': errorResponse('already submitted'),
          ...errors,
        },
      },
    },
  };
}

const linkErrors = {
  '401': errorResponse('not signed in'),
  '404': errorResponse('no such relationship, wave or link in your workspace'),
};
const linkParams = [
  {
    name: 'id',
    in: 'path',
    required: true,
    schema: { type: 'string' },
    description: 'relationship id or name',
  },
  { name: 'label', in: 'path', required: true, schema: { type: 'string' }, description: 'wave label' },
];
const linkIdParam = [
  { name: 'linkId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
];

export const surveyOpenApiPaths: OpenApiPaths = {
  '/api/survey/code': {
    post: {
      tags: ['survey'],
      summary: 'Look up a typed code (in the body, not the URL): the SurveyView; read-only',
      requestBody: { required: true, content: json(SurveyCodeBodySchema) },
      responses: {
        '200': { description: 'SurveyView' },
        '400': errorResponse('no code given'),
        ...codeErrors,
      },
    },
  },
  ...surveyOperations('/api/survey/{token}', tokenParam, 'survey'),
  ...surveyOperations('/api/survey/code/{code}', codeParam, 'survey', codeErrors),
  '/api/relationships/{id}/waves/{label}/links': {
    post: {
      tags: ['links'],
      summary: 'Issue links to participants without a live one; plain url and code appear only here',
      parameters: linkParams,
      requestBody: { required: false, content: json(IssueLinksBodySchema) },
      responses: {
        '201': { description: '{ links: [{ linkId, participantId, name, email, side, level, url, code }] }' },
        '400': errorResponse('a field is invalid'),
        '409': errorResponse('the wave is closed'),
        ...linkErrors,
      },
    },
    get: {
      tags: ['links'],
      summary: 'Link status per participant (none, active, revoked, expired), started, submitted; no secrets',
      parameters: linkParams,
      responses: { '200': { description: '{ links: SurveyLinkListing[] }' }, ...linkErrors },
    },
  },
  '/api/relationships/{id}/waves/{label}/invitations': {
    post: {
      tags: ['links'],
      summary:
        "Queue an email invitation, with the person's own new link and code, to each participant with an address not invited yet (dryRun: count and preview, change nothing); sent through SMTP when SMTP_URL is set",
      parameters: linkParams,
      requestBody: { required: false, content: json(MailBodySchema) },
      responses: {
        '202': { description: '{ queued, withoutEmail, skipped, submitted, preview }' },
        '200': { description: 'dryRun: the same, nothing queued' },
        '409': errorResponse('the wave is closed'),
        ...linkErrors,
      },
    },
  },
  '/api/relationships/{id}/waves/{label}/reminders': {
    post: {
      tags: ['links'],
      summary:
        'Queue the next reminder (with a new link) to each invited participant who has not submitted and has not opted out, up to the number of reminder days',
      parameters: linkParams,
      requestBody: { required: false, content: json(MailBodySchema) },
      responses: {
        '202': { description: '{ queued, withoutEmail, skipped, submitted, preview }' },
        '200': { description: 'dryRun: the same, nothing queued' },
        '409': errorResponse('the wave is not open, or has no reminder schedule'),
        ...linkErrors,
      },
    },
  },
  '/api/relationships/{id}/waves/{label}/reminder-days': {
    put: {
      tags: ['links'],
      summary: 'Set the days after opening on which those who have not submitted are reminded ([] for none)',
      parameters: linkParams,
      requestBody: { required: true, content: json(ReminderDaysBodySchema) },
      responses: {
        '200': { description: '{ days }' },
        '400': errorResponse('a day is not a whole number from 1 to 365, or more than 5'),
        ...linkErrors,
      },
    },
  },
  '/api/links/{linkId}/reissue': {
    post: {
      tags: ['links'],
      summary: 'Revoke the participant’s live link and issue a new one (returned once)',
      parameters: linkIdParam,
      requestBody: { required: false, content: json(ReissueLinkBodySchema) },
      responses: {
        '201': { description: '{ link }' },
        '409': errorResponse('the wave is closed'),
        ...linkErrors,
      },
    },
  },
  '/api/links/{linkId}/revoke': {
    post: {
      tags: ['links'],
      summary: 'Revoke a link (idempotent); answers are kept',
      parameters: linkIdParam,
      responses: { '200': { description: '{ linkId, participantId, revokedAt }' }, ...linkErrors },
    },
  },
};
