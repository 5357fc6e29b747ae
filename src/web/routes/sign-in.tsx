import { data, Form, Link, redirect, useSearchParams } from 'react-router';
import { sameSitePath } from '../../domain/same-site-path.ts';
import { getSetupStatus } from '../../services/create-first-admin.ts';
import { signIn } from '../../services/sign-in.ts';
import { signOut } from '../../services/sign-out.ts';
import { type ActionFailure, runFormAction } from '../action-result.server.ts';
import { csrfTokenOf, readSessionToken, sessionCookieHeader } from '../auth.server.ts';
import { failureOf, typedValue, wordFailure } from '../components/account-parts.tsx';
import { CsrfField, ErrorSummary, TextField } from '../components/form-parts.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import type { Route } from './+types/sign-in';

export function meta() {
  return [{ title: 'Sign in — Trustloop' }];
}

const NOTICES: Record<string, string> = {
  'password-reset': 'Your password is changed. Sign in with the new one.',
  'signed-out': 'You are signed out.',
};

export async function loader({ context, request }: Route.LoaderArgs) {
  const next = new URL(request.url).searchParams.get('next');
  if (context.user) throw redirect(sameSitePath(next));
  if ((await getSetupStatus(context.db)).needsFirstAdmin) throw redirect('/setup');
  return { csrfToken: csrfTokenOf(context) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const form = await request.formData();
  const email = String(form.get('email') ?? '');
  const password = String(form.get('password') ?? '');
  if (!email.trim() || !password) {
    return data<ActionFailure>(
      {
        ok: false,
        message: 'Enter your email address and your password.',
        fieldErrors: {
          ...(email.trim() ? {} : { email: 'enter your email address' }),
          ...(password ? {} : { password: 'enter your password' }),
        },
        values: { email },
      },
      { status: 400 },
    );
  }
  const result = await runFormAction(form, () =>
    signIn(context.db, { email, password, address: context.address }),
  );
  if (!('sessionToken' in result)) return result;
  // A fresh session every time; the one this browser had (if any) ends.
  const previous = readSessionToken(request);
  if (previous) await signOut(context.db, previous);
  const next = new URL(request.url).searchParams.get('next');
  return redirect(sameSitePath(next), {
    headers: { 'Set-Cookie': sessionCookieHeader(result.sessionToken, result.session.expiresAt, request) },
  });
}

const LABELS = { email: 'Email address', password: 'Password' };

export default function SignIn({ loaderData, actionData }: Route.ComponentProps) {
  const failure = failureOf(actionData);
  const [params] = useSearchParams();
  const notice = NOTICES[params.get('notice') ?? ''];
  const next = params.get('next');
  return (
    <>
      <SiteHeader />
      <main className="page narrow" id="main">
        <h1>Sign in</h1>
        {notice && !failure && (
          <p className="notice success" role="status">
            {notice}
          </p>
        )}
        <ErrorSummary failure={wordFailure(failure, LABELS)} />
        <Form
          method="post"
          action={next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in'}
          noValidate
        >
          <CsrfField token={loaderData.csrfToken} />
          <TextField
            name="email"
            label={LABELS.email}
            type="email"
            autoComplete="username"
            required
            defaultValue={typedValue(failure, 'email')}
            error={failure?.fieldErrors.email}
          />
          <TextField
            name="password"
            label={LABELS.password}
            type="password"
            autoComplete="current-password"
            required
            error={failure?.fieldErrors.password}
          />
          <div className="actions">
            <button type="submit">Sign in</button>
            <Link to="/forgot-password">Forgot your password?</Link>
          </div>
        </Form>
      </main>
    </>
  );
}
