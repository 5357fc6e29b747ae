import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import { AppError } from '../domain/app-error.ts';
import { createFirstAdmin, FirstAdminSchema, getSetupStatus } from '../services/create-first-admin.ts';
import { EmailSchema, NewAccountSchema, NewPasswordSchema, parseInput } from '../services/create-user.ts';
import { listOutbox } from '../services/list-outbox.ts';
import { requestPasswordReset } from '../services/request-password-reset.ts';
import { resetPassword } from '../services/reset-password.ts';
import { signIn } from '../services/sign-in.ts';
import { signOut } from '../services/sign-out.ts';
import type { AppEnv } from './app-env.ts';
import { readJsonBody } from './read-json-body.ts';
import { clearSessionCookie, requireUser, SESSION_COOKIE, setSessionCookie } from './session-middleware.ts';

// Accounts over JSON, mounted at /api/auth (authRoutes) and /api/outbox (outboxRoutes). They need
// `db`, sessionMiddleware() and csrfProtection() in front of them (see session-middleware.ts).

export const SetupBodySchema = FirstAdminSchema;

export const SignInBodySchema = z.object({
  email: EmailSchema,
  password: z.string({ error: 'enter your password' }).min(1, { error: 'enter your password' }).max(1024),
});

export const PasswordResetBodySchema = z.object({ email: EmailSchema });

export const PasswordResetConfirmBodySchema = z.object({
  token: z
    .string({ error: 'the reset link is incomplete' })
    .min(1, { error: 'the reset link is incomplete' }),
  password: NewPasswordSchema,
});

const UserSchema = z.object({
  id: z.uuid(),
  workspaceId: z.uuid(),
  email: z.email(),
  name: z.string(),
  role: z.enum(['admin', 'facilitator', 'sponsor']),
});

/** `csrfToken` must be echoed in `x-csrf-token` (or the `_csrf` form field) on every change. */
export const SignedInResponseSchema = z.object({ user: UserSchema, csrfToken: z.string() });

export const SetupStatusResponseSchema = z.object({ needsFirstAdmin: z.boolean() });

export const OutboxResponseSchema = z.object({
  mail: z.array(
    z.object({
      id: z.uuid(),
      to: z.string(),
      subject: z.string(),
      body: z.string(),
      createdAt: z.iso.datetime(),
      sentAt: z.iso.datetime().nullable(),
      status: z.enum(['queued', 'sending', 'sent', 'failed']),
      lastError: z.string().nullable(),
    }),
  ),
});

// JSON only: a cross-site form cannot send it without a CORS preflight, which is what keeps
// sign-in itself from being forged.
const JSON_ONLY = { requireJsonType: true } as const;

export function authRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.get('/setup', async (c) => c.json(await getSetupStatus(c.get('db'))));

  routes.post('/setup', async (c) => {
    const body = parseInput(SetupBodySchema, await readJsonBody(c, JSON_ONLY));
    const db = c.get('db');
    await createFirstAdmin(db, body);
    const signedIn = await signIn(db, {
      email: body.email,
      password: body.password,
      address: c.get('address'),
    });
    setSessionCookie(c, signedIn.sessionToken, signedIn.session.expiresAt);
    return c.json({ user: signedIn.user, csrfToken: signedIn.session.csrfToken }, 201);
  });

  routes.post('/sign-in', async (c) => {
    const body = parseInput(SignInBodySchema, await readJsonBody(c, JSON_ONLY));
    const db = c.get('db');
    const signedIn = await signIn(db, { ...body, address: c.get('address') });
    // A fresh session every time; the one the browser had (if any) ends.
    const previous = getCookie(c, SESSION_COOKIE);
    if (previous) await signOut(db, previous);
    setSessionCookie(c, signedIn.sessionToken, signedIn.session.expiresAt);
    return c.json({ user: signedIn.user, csrfToken: signedIn.session.csrfToken });
  });

  routes.post('/sign-out', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await signOut(c.get('db'), token);
    clearSessionCookie(c);
    return c.body(null, 204);
  });

  routes.get('/me', requireUser(['admin', 'facilitator', 'sponsor']), (c) => {
    const session = c.get('session');
    if (!session) throw new AppError('unauthorized', 'sign in to continue');
    return c.json({ user: c.get('user'), csrfToken: session.csrfToken });
  });

  routes.post('/password-reset', async (c) => {
    const { email } = parseInput(PasswordResetBodySchema, await readJsonBody(c, JSON_ONLY));
    // Reset links point at PUBLIC_URL or the server's own address, never the request's Host.
    await requestPasswordReset(c.get('db'), { email, baseUrl: c.get('baseUrl'), address: c.get('address') });
    // The same answer whether or not the email has an account.
    return c.json({ message: 'if an account uses this email, a reset link is on its way' }, 202);
  });

  routes.post('/password-reset/confirm', async (c) => {
    const body = parseInput(PasswordResetConfirmBodySchema, await readJsonBody(c, JSON_ONLY));
    await resetPassword(c.get('db'), body);
    // Every session of that user has ended; if this browser had one, forget it.
    if (getCookie(c, SESSION_COOKIE)) clearSessionCookie(c);
    return c.json({ message: 'your password is changed; sign in with the new one' });
  });

  return routes;
}

/** GET /api/outbox: the workspace's mail, for admins and facilitators (see listOutbox). */
export function outboxRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/', requireUser(['admin', 'facilitator']), async (c) => {
    const user = c.get('user');
    if (!user) throw new AppError('unauthorized', 'sign in to continue');
    return c.json({ mail: await listOutbox(c.get('db'), user.workspaceId, user) });
  });
  return routes;
}

const jsonBody = (schema: z.ZodType) => ({
  required: true,
  content: { 'application/json': { schema: z.toJSONSchema(schema) } },
});
const jsonResponse = (description: string, schema: z.ZodType) => ({
  description,
  content: { 'application/json': { schema: z.toJSONSchema(schema) } },
});
const ErrorResponseSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.array(z.unknown()).optional() }),
});
const error = (description: string) => jsonResponse(description, ErrorResponseSchema);
const csrfHeader = {
  name: 'x-csrf-token',
  in: 'header',
  required: false,
  description: 'required when the request carries a session cookie',
  schema: { type: 'string' },
};

/** OpenAPI 3.1 `paths` for the routes above, to merge into /api/openapi.json. */
export const authOpenApiPaths = {
  '/api/auth/setup': {
    get: {
      summary: 'Whether the first admin still has to be created',
      responses: { 200: jsonResponse('setup status', SetupStatusResponseSchema) },
    },
    post: {
      summary: 'Create the first admin and name the workspace (only while no account exists); sign them in',
      requestBody: jsonBody(SetupBodySchema),
      responses: {
        201: jsonResponse('signed in; the session cookie is set', SignedInResponseSchema),
        400: error('a field is missing or invalid; the message names it'),
        409: error('the first admin exists already'),
      },
    },
  },
  '/api/auth/sign-in': {
    post: {
      summary: 'Sign in with email and password',
      parameters: [csrfHeader],
      requestBody: jsonBody(SignInBodySchema),
      responses: {
        200: jsonResponse('signed in; the session cookie (tl_session) is set', SignedInResponseSchema),
        400: error('a field is missing or invalid'),
        401: error('email or password is wrong, or too many attempts (details: retryAfterSeconds)'),
      },
    },
  },
  '/api/auth/sign-out': {
    post: {
      summary: 'End the current session and clear its cookie',
      parameters: [csrfHeader],
      responses: { 204: { description: 'signed out' }, 403: error('missing or wrong CSRF token') },
    },
  },
  '/api/auth/me': {
    get: {
      summary: 'The signed-in user and the CSRF token of their session',
      responses: {
        200: jsonResponse('signed in', SignedInResponseSchema),
        401: error('not signed in'),
      },
    },
  },
  '/api/auth/password-reset': {
    post: {
      summary: 'Mail a one-hour reset link (202 whether or not the email has an account)',
      parameters: [csrfHeader],
      requestBody: jsonBody(PasswordResetBodySchema),
      responses: {
        202: jsonResponse('accepted', z.object({ message: z.string() })),
        400: error('email is missing or invalid'),
      },
    },
  },
  '/api/auth/password-reset/confirm': {
    post: {
      summary: 'Set a new password with the token from a reset link; ends all sessions of the user',
      parameters: [csrfHeader],
      requestBody: jsonBody(PasswordResetConfirmBodySchema),
      responses: {
        200: jsonResponse('password changed', z.object({ message: z.string() })),
        400: error('the password is too short or long, or the link has expired or was used'),
      },
    },
  },
  '/api/outbox': {
    get: {
      summary: "The workspace's outgoing mail, newest first (admins and facilitators)",
      responses: {
        200: jsonResponse('mail', OutboxResponseSchema),
        401: error('not signed in'),
        403: error('a sponsor cannot read the outbox'),
      },
    },
  },
} as const;
