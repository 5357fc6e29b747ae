import { Form, Link, redirect } from 'react-router';
import { MIN_PASSWORD_LENGTH } from '../../services/create-user.ts';
import { resetPassword } from '../../services/reset-password.ts';
import { refusePasswordMismatch, runFormAction } from '../action-result.server.ts';
import { clearSessionCookieHeader, csrfTokenOf } from '../auth.server.ts';
import { failureOf, NewPasswordFields, wordFailure } from '../components/account-parts.tsx';
import { CsrfField, ErrorSummary } from '../components/form-parts.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import type { Route } from './+types/reset-password';

// The page a reset link opens. Opening it changes nothing (mail scanners open links); only the
// form's POST uses the token. The token is in the path, so no Referer may carry it elsewhere.

export function meta() {
  return [{ title: 'Choose a new password — Trustloop' }, { name: 'robots', content: 'noindex' }];
}

/**
 * `same-origin`, not `no-referrer`: no other site learns the link (a Referer goes only to this
 * site), and under `no-referrer` a browser without script posts the form with `Origin: null`,
 * which React Router refuses as a cross-site post.
 */
export function headers() {
  return { 'Referrer-Policy': 'same-origin' };
}

export function loader({ context }: Route.LoaderArgs) {
  return { csrfToken: csrfTokenOf(context), minPasswordLength: MIN_PASSWORD_LENGTH };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const form = await request.formData();
  const password = String(form.get('password') ?? '');
  const mismatch = refusePasswordMismatch(form);
  if (mismatch) return mismatch;
  const result = await runFormAction(form, () =>
    resetPassword(context.db, { token: params.token, password }),
  );
  if (!('userId' in result)) return result;
  // Every session of that user has ended; if this browser had one, it forgets it.
  return redirect('/sign-in?notice=password-reset', {
    headers: { 'Set-Cookie': clearSessionCookieHeader() },
  });
}

const LABELS = { password: 'New password', passwordConfirm: 'New password again' };

export default function ResetPassword({ loaderData, actionData }: Route.ComponentProps) {
  const failure = failureOf(actionData);
  const isLinkUsedUp = failure !== undefined && Object.keys(failure.fieldErrors).length === 0;
  return (
    <>
      <SiteHeader />
      <main className="page narrow" id="main">
        <h1>Choose a new password</h1>
        <ErrorSummary failure={wordFailure(failure, LABELS)} />
        {isLinkUsedUp && (
          <p>
            <Link to="/forgot-password">Ask for a new link</Link>
          </p>
        )}
        <p>Saving a new password also signs you out everywhere you are still signed in.</p>
        <Form method="post" noValidate>
          <CsrfField token={loaderData.csrfToken} />
          <NewPasswordFields
            labels={LABELS}
            hint={`At least ${loaderData.minPasswordLength} characters.`}
            failure={failure}
          />
          <div className="actions">
            <button type="submit">Save the new password</button>
          </div>
        </Form>
      </main>
    </>
  );
}
