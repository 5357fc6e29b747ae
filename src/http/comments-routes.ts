import { Hono } from 'hono';
import { z } from 'zod';
import { parseInput } from '../domain/parse-input.ts';
import { listOpenAnswers } from '../services/list-open-answers.ts';
import { hideOpenAnswer, redactOpenAnswer } from '../services/redact-open-answer.ts';
import { renameCommentTheme } from '../services/rename-comment-theme.ts';
import { tagOpenAnswer } from '../services/tag-open-answer.ts';
import { untagOpenAnswer } from '../services/untag-open-answer.ts';
import type { AppEnv } from './app-env.ts';
import { errorResponse, pathParameters } from './openapi.ts';
import { readJsonBody } from './read-json-body.ts';
import { scope } from './scope.ts';
import { requireUser } from './session-middleware.ts';

// A wave's open-text comments as JSON (issue 4, item 2): grouped by question and side, attributed
// to a level only where that is safe, in the keyed shuffled order, with theme tags and counts
// (decision 015); and adding or removing a theme tag. Facilitators and admins only: each side's
// raw comments stay with them until released. Mounted at /api.

const FACILITATORS = ['admin', 'facilitator'] as const;

export const CommentsQuerySchema = z.strictObject({
  wave: z.string().optional(),
  theme: z.string().optional(),
  /** `shared`: what anyone else may read (redacted texts, no hidden comment). */
  audience: z.enum(['facilitator', 'shared']).optional(),
});

/** A redaction: what everyone else reads instead of the participant's words; blank removes it. */
export const RedactionSchema = z.strictObject({ text: z.string() });

/** Hide a comment from everyone but the facilitators, or show it again. */
export const VisibilitySchema = z.strictObject({ hidden: z.boolean() });

/** Rename a theme on every comment of the wave (`to`), or take it off all of them (`to` null). */
export const ThemeRenameSchema = z.strictObject({ from: z.string().min(1), to: z.string().nullable() });

/** The body of a new theme tag: 1–40 characters once trimmed (checked by the service). */
export const ThemeTagSchema = z.strictObject({ theme: z.string() });

export function commentsRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/relationships/:id/comments', requireUser([...FACILITATORS]), async (c) => {
    const { db, workspaceId } = scope(c);
    const query = parseInput(CommentsQuerySchema, c.req.query(), 'query');
    return c.json(await listOpenAnswers(db, workspaceId, c.req.param('id'), query));
  });
  app.post(
    '/relationships/:id/waves/:label/comments/:ref/themes',
    requireUser([...FACILITATORS]),
    async (c) => {
      const { db, workspaceId } = scope(c);
      const body = parseInput(ThemeTagSchema, await readJsonBody(c), 'body');
      const { id, label, ref } = c.req.param();
      return c.json(await tagOpenAnswer(db, workspaceId, id, label, ref, body.theme));
    },
  );
  app.put(
    '/relationships/:id/waves/:label/comments/:ref/redaction',
    requireUser([...FACILITATORS]),
    async (c) => {
      const { db, workspaceId } = scope(c);
      const body = parseInput(RedactionSchema, await readJsonBody(c), 'body');
      const { id, label, ref } = c.req.param();
      return c.json(await redactOpenAnswer(db, workspaceId, id, label, ref, body.text));
    },
  );
  app.put(
    '/relationships/:id/waves/:label/comments/:ref/visibility',
    requireUser([...FACILITATORS]),
    async (c) => {
      const { db, workspaceId } = scope(c);
      const body = parseInput(VisibilitySchema, await readJsonBody(c), 'body');
      const { id, label, ref } = c.req.param();
      return c.json(await hideOpenAnswer(db, workspaceId, id, label, ref, body.hidden));
    },
  );
  app.post(
    '/relationships/:id/waves/:label/comment-themes/rename',
    requireUser([...FACILITATORS]),
    async (c) => {
      const { db, workspaceId } = scope(c);
      const body = parseInput(ThemeRenameSchema, await readJsonBody(c), 'body');
      const { id, label } = c.req.param();
      return c.json(await renameCommentTheme(db, workspaceId, id, label, body.from, body.to));
    },
  );
  app.delete(
    '/relationships/:id/waves/:label/comments/:ref/themes/:theme',
    requireUser([...FACILITATORS]),
    async (c) => {
      const { db, workspaceId } = scope(c);
      const { id, label, ref, theme } = c.req.param();
      return c.json(await untagOpenAnswer(db, workspaceId, id, label, ref, theme));
    },
  );
  return app;
}

// ---------------------------------------------------------------------------------------------
// OpenAPI 3.1 paths, with the /api prefix, for /api/openapi.json.

const ERROR = errorResponse('error: { error: { code, message, details } } (docs/ARCHITECTURE.md, Errors)');

const PATH_PARAMETERS = {
  id: 'relationship id (or a unique prefix of it, or its name)',
  label: 'wave label (URL-encoded)',
  ref: "a comment's ref, as the list gives it (a keyed hash: never a response id)",
  theme: 'the theme to remove (URL-encoded; case and spacing do not matter)',
} as const;

const MODERATION_RESPONSE = {
  description: '{ ref, redacted, hidden }: the comment as everyone else now sees it',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: { ref: { type: 'string' }, redacted: { type: 'boolean' }, hidden: { type: 'boolean' } },
        required: ['ref', 'redacted', 'hidden'],
      },
    },
  },
};

const THEMES_RESPONSE = {
  description: "{ ref, themes }: the comment's theme tags after the change",
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: { ref: { type: 'string' }, themes: { type: 'array', items: { type: 'string' } } },
        required: ['ref', 'themes'],
      },
    },
  },
};

export const commentsOpenApiPaths = {
  '/api/relationships/{id}/comments': {
    get: {
      tags: ['comments'],
      summary:
        "a closed wave's open-text comments by question and side (an open wave gives its submitted count and no comments): submitted responses only; each attributed to a level only where that level has at least 5 respondents (or k) and cannot be found by elimination, else to the side; never a person, response id or time; in a stable keyed shuffled order; with theme tags and counts per theme, question and side",
      parameters: [
        ...pathParameters(PATH_PARAMETERS, 'id'),
        {
          name: 'wave',
          in: 'query',
          required: false,
          description: 'wave label; default the latest wave that is not a draft',
          schema: { type: 'string' },
        },
        {
          name: 'theme',
          in: 'query',
          required: false,
          description:
            'only comments tagged with this theme (case and spacing do not matter); counts stay complete',
          schema: { type: 'string' },
        },
        {
          name: 'audience',
          in: 'query',
          required: false,
          description:
            '`facilitator` (default): redacted texts with the originals beside them and hidden comments marked; `shared`: what anyone else may read — redacted texts only, no hidden comment',
          schema: { type: 'string', enum: ['facilitator', 'shared'] },
        },
      ],
      responses: {
        '200': {
          description:
            '{ relationship, waves, wave, comments: { questions: [{ code, text, sides: [{ side, comments: [{ ref, text, original, hidden, attribution, themes }] }], themeCounts, totalBySide }], levels, themes, theme } | null, submittedResponses }',
        },
        '400': ERROR,
        '401': ERROR,
        '403': ERROR,
        '404': ERROR,
      },
    },
  },
  '/api/relationships/{id}/waves/{label}/comments/{ref}/themes': {
    post: {
      tags: ['comments'],
      summary: 'tag a comment with a theme (trimmed, 1–40 characters; one already there in any case is kept)',
      parameters: pathParameters(PATH_PARAMETERS, 'id', 'label', 'ref'),
      requestBody: {
        required: true,
        content: { 'application/json': { schema: z.toJSONSchema(ThemeTagSchema, { io: 'input' }) } },
      },
      responses: { '200': THEMES_RESPONSE, '400': ERROR, '401': ERROR, '403': ERROR, '404': ERROR },
    },
  },
  '/api/relationships/{id}/waves/{label}/comments/{ref}/redaction': {
    put: {
      tags: ['comments'],
      summary:
        "redact a comment: everyone else reads `text` instead of the participant's words (kept for facilitators); blank text or the original removes the redaction",
      parameters: pathParameters(PATH_PARAMETERS, 'id', 'label', 'ref'),
      requestBody: {
        required: true,
        content: { 'application/json': { schema: z.toJSONSchema(RedactionSchema, { io: 'input' }) } },
      },
      responses: { '200': MODERATION_RESPONSE, '400': ERROR, '401': ERROR, '403': ERROR, '404': ERROR },
    },
  },
  '/api/relationships/{id}/waves/{label}/comments/{ref}/visibility': {
    put: {
      tags: ['comments'],
      summary: 'hide a comment from everyone but the facilitators (`hidden: true`), or show it again',
      parameters: pathParameters(PATH_PARAMETERS, 'id', 'label', 'ref'),
      requestBody: {
        required: true,
        content: { 'application/json': { schema: z.toJSONSchema(VisibilitySchema, { io: 'input' }) } },
      },
      responses: { '200': MODERATION_RESPONSE, '400': ERROR, '401': ERROR, '403': ERROR, '404': ERROR },
    },
  },
  '/api/relationships/{id}/waves/{label}/comment-themes/rename': {
    post: {
      tags: ['comments'],
      summary:
        'rename a theme on every comment of the wave that carries it (onto a theme in use, the two merge), or take it off all of them with `to: null`',
      parameters: pathParameters(PATH_PARAMETERS, 'id', 'label'),
      requestBody: {
        required: true,
        content: { 'application/json': { schema: z.toJSONSchema(ThemeRenameSchema, { io: 'input' }) } },
      },
      responses: {
        '200': {
          description:
            '{ theme, comments }: the theme as now spelt (null when removed) and how many comments changed',
        },
        '400': ERROR,
        '401': ERROR,
        '403': ERROR,
        '404': ERROR,
      },
    },
  },
  '/api/relationships/{id}/waves/{label}/comments/{ref}/themes/{theme}': {
    delete: {
      tags: ['comments'],
      summary: 'remove a theme tag from a comment (matched without regard to case; absent = nothing to do)',
      parameters: pathParameters(PATH_PARAMETERS, 'id', 'label', 'ref', 'theme'),
      responses: { '200': THEMES_RESPONSE, '401': ERROR, '403': ERROR, '404': ERROR },
    },
  },
};
