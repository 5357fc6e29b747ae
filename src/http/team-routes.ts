import { Hono } from 'hono';
import { z } from 'zod';
import { parseInput } from '../domain/parse-input.ts';
import { AcceptInviteSchema, acceptInvite, findInvite } from '../services/accept-invite.ts';
import { ChangeRoleSchema, changeMemberRole } from '../services/change-member-role.ts';
import { InviteMemberSchema, inviteMember } from '../services/invite-member.ts';
import { listTeam } from '../services/list-team.ts';
import { removeMember } from '../services/remove-member.ts';
import { revokeInvite } from '../services/revoke-invite.ts';
import { getWorkspace, UpdateWorkspaceSchema, updateWorkspace } from '../services/workspace-settings.ts';
import type { AppEnv } from './app-env.ts';
import { errorResponse, type OpenApiPaths, pathParameters } from './openapi.ts';
import { readJsonBody } from './read-json-body.ts';
import { scope } from './scope.ts';
import { requireUser } from './session-middleware.ts';

// The team (issue 8, item 11): the workspace's name, read by its facilitators and admins and
// renamed by an admin; its members and pending invitations, managed by an admin (decision 041);
// and the invitation link's two public calls, which need no session. Mounted at /api.

const STAFF = ['admin', 'facilitator'] as const;

export function teamRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/workspace', requireUser([...STAFF]), async (c) => {
    const { db, workspaceId } = scope(c);
    return c.json(await getWorkspace(db, workspaceId));
  });
  app.patch('/workspace', requireUser(['admin']), async (c) => {
    const { db, workspaceId } = scope(c);
    const body = parseInput(UpdateWorkspaceSchema, await readJsonBody(c), 'body');
    return c.json(await updateWorkspace(db, workspaceId, body));
  });

  app.get('/members', requireUser([...STAFF]), async (c) => {
    const { db, workspaceId } = scope(c);
    return c.json(await listTeam(db, workspaceId));
  });
  app.post('/members/invites', requireUser(['admin']), async (c) => {
    const { db, workspaceId, user } = scope(c);
    const body = parseInput(InviteMemberSchema, await readJsonBody(c), 'body');
    const invited = await inviteMember(db, workspaceId, {
      ...body,
      baseUrl: c.get('baseUrl'),
      invitedByUserId: user.id,
    });
    return c.json({ ...invited, expiresAt: invited.expiresAt.toISOString() }, 201);
  });
  app.delete('/members/invites/:inviteId', requireUser(['admin']), async (c) => {
    const { db, workspaceId } = scope(c);
    await revokeInvite(db, workspaceId, c.req.param('inviteId'));
    return c.body(null, 204);
  });
  app.patch('/members/:userId', requireUser(['admin']), async (c) => {
    const { db, workspaceId } = scope(c);
    const body = parseInput(ChangeRoleSchema, await readJsonBody(c), 'body');
    return c.json(await changeMemberRole(db, workspaceId, c.req.param('userId'), body));
  });
  app.delete('/members/:userId', requireUser(['admin']), async (c) => {
    const { db, workspaceId } = scope(c);
    await removeMember(db, workspaceId, c.req.param('userId'));
    return c.body(null, 204);
  });

  // The invitee has no session yet: the token in the path is the credential.
  app.get('/invites/:token', async (c) => c.json(await findInvite(c.get('db'), c.req.param('token'))));
  app.post('/invites/:token/accept', async (c) => {
    // JSON only, like setup and sign-in: a cross-site form cannot send it without a preflight.
    const body = parseInput(AcceptInviteSchema, await readJsonBody(c, { requireJsonType: true }), 'body');
    const user = await acceptInvite(c.get('db'), c.req.param('token'), body);
    return c.json({ user }, 201);
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
  description: '{ id, name, colour }',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          colour: { type: 'string', description: "the documents' colour, #rrggbb" },
        },
        required: ['id', 'name', 'colour'],
      },
    },
  },
};

const PATH_PARAMETERS = {
  userId: "a member's account id",
  inviteId: "a pending invitation's id",
  token: 'the secret of the invitation link, as in /invite/{token}',
} as const;
const REFUSALS = { '400': ERROR, '401': ERROR, '403': ERROR, '404': ERROR, '409': ERROR };
const MEMBER = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', enum: ['admin', 'facilitator'] },
  },
  required: ['id', 'email', 'name', 'role'],
};
const ok = (description: string, schema: unknown) => ({
  description,
  content: { 'application/json': { schema } },
});

export const teamOpenApiPaths: OpenApiPaths = {
  '/api/members': {
    get: {
      tags: ['team'],
      summary: "the workspace's admins and facilitators, its pending invitations and how many admins it has",
      responses: {
        '200': ok(
          '{ members, invites: [{ id, email, name, role, createdAt, expiresAt, isExpired }], adminCount }',
          {
            type: 'object',
            properties: {
              members: { type: 'array', items: MEMBER },
              invites: { type: 'array', items: { type: 'object' } },
              adminCount: { type: 'integer' },
            },
          },
        ),
        '401': ERROR,
        '403': ERROR,
      },
    },
  },
  '/api/members/invites': {
    post: {
      tags: ['team'],
      summary:
        'invite a facilitator or an admin (admins only): a mail with a seven-day link goes to the outbox; inviting the same email again replaces the link; an email with an account is a 409',
      requestBody: json(InviteMemberSchema),
      responses: {
        '201': ok('{ id, email, name, role, expiresAt }', { type: 'object' }),
        ...REFUSALS,
      },
    },
  },
  '/api/members/invites/{inviteId}': {
    delete: {
      tags: ['team'],
      summary: 'withdraw a pending invitation (admins only): its link stops working',
      parameters: pathParameters(PATH_PARAMETERS, 'inviteId'),
      responses: { '204': { description: 'withdrawn' }, ...REFUSALS },
    },
  },
  '/api/members/{userId}': {
    patch: {
      tags: ['team'],
      summary: "change a member's role (admins only); the last admin cannot be demoted (409)",
      parameters: pathParameters(PATH_PARAMETERS, 'userId'),
      requestBody: json(ChangeRoleSchema),
      responses: { '200': ok('the member', MEMBER), ...REFUSALS },
    },
    delete: {
      tags: ['team'],
      summary: 'remove a member and end their sessions (admins only); the last admin cannot be removed (409)',
      parameters: pathParameters(PATH_PARAMETERS, 'userId'),
      responses: { '204': { description: 'removed' }, ...REFUSALS },
    },
  },
  '/api/invites/{token}': {
    get: {
      tags: ['team'],
      summary:
        'what an invitation link offers (no session needed): { email, name, role, workspaceName }; 404 once expired, withdrawn or used',
      parameters: pathParameters(PATH_PARAMETERS, 'token'),
      responses: { '200': ok('the invitation', { type: 'object' }), '404': ERROR },
    },
  },
  '/api/invites/{token}/accept': {
    post: {
      tags: ['team'],
      summary:
        'accept an invitation with a name and a new password (JSON only): the account opens and the link is used up; then sign in',
      parameters: pathParameters(PATH_PARAMETERS, 'token'),
      requestBody: json(AcceptInviteSchema),
      responses: { '201': ok('{ user }', { type: 'object' }), '400': ERROR, '404': ERROR, '409': ERROR },
    },
  },
  '/api/workspace': {
    get: {
      tags: ['team'],
      summary: "the signed-in user's workspace: its name is what participants read as “Run by …”",
      responses: { '200': WORKSPACE, '401': ERROR, '403': ERROR },
    },
    patch: {
      tags: ['team'],
      summary:
        "rename the workspace or change its documents' colour (admins only); the survey shows a new name from the next page",
      requestBody: json(UpdateWorkspaceSchema),
      responses: { '200': WORKSPACE, '400': ERROR, '401': ERROR, '403': ERROR },
    },
  },
};
