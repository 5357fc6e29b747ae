import { data, Form, redirect } from 'react-router';
import { isAppError } from '../../domain/app-error.ts';
import { acceptInvite, findInvite } from '../../services/accept-invite.ts';
import { MIN_PASSWORD_LENGTH } from '../../services/create-user.ts';
import { signIn } from '../../services/sign-in.ts';
import { refusePasswordMismatch, runFormAction } from '../action-result.server.ts';
import { csrfTokenOf, sessionCookieHeader } from '../auth.server.ts';
import { failureOf, NewPasswordFields, typedValue, wordFailure } from '../components/account-parts.tsx';
import { CsrfField, ErrorSummary, TextField } from '../components/form-parts.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import type { Route } from './+types/invite';

// The page an invitation link opens (decision 041). Opening it changes nothing (mail scanners open
// links); the form's POST chooses the password, opens the account, uses the link up and signs the
// new member in. The token is in the path, so no Referer may carry it to another site.

export function meta() {
  return [{ title: 'Join the team — Trustloop' }, { name: 'robots', content: 'noindex' }];
}

/** `same-origin`, not `no-referrer`: under `no-referrer` the form's POST carries `Origin: null`
 * and React Router refuses it as cross-site; `same-origin` sends nothing to any other site. */
export function headers() {
  return { 'Referrer-Policy': 'same-origin' };
}

export async function loader({ context, params }: Route.LoaderArgs) {
  try {
    const invite = await findInvite(context.db, params.token);
    return { csrfToken: csrfTokenOf(context), minPasswordLength: MIN_PASSWORD_LENGTH, invite, gone: null };
  } catch (error) {
    if (!isAppError(error) || error.code !== 'not-found') throw error;
    return data(
      { csrfToken: '', minPasswordLength: MIN_PASSWORD_LENGTH, invite: null, gone: error.message },
      { status: 404 },
    );
  }
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const form = await request.formData();
  const name = String(form.get('name') ?? '');
  const password = String(form.get('password') ?? '');
  const mismatch = refusePasswordMismatch(form, { name });
  if (mismatch) return mismatch;
  const result = await runFormAction(form, async () => {
    const user = await acceptInvite(context.db, params.token, { name, password });
    return signIn(context.db, { email: user.email, password, address: 'invite' });
  });
  if (!('sessionToken' in result)) return result;
  return redirect('/', {
    headers: { 'Set-Cookie': sessionCookieHeader(result.sessionToken, result.session.expiresAt, request) },
  });
}

const LABELS = { name: 'Your name', password: 'Password', passwordConfirm: 'Password again' };

export default function Invite({ loaderData, actionData }: Route.ComponentProps) {
  const failure = failureOf(actionData);
  const { invite } = loaderData;
  if (!invite) {
    return (
      <>
        <SiteHeader />
        <main className="page narrow" id="main">
          <h1>This invitation no longer works</h1>
          <p>{capitaliseFirst(loaderData.gone ?? '')}.</p>
        </main>
      </>
    );
  }
  return (
    <>
      <SiteHeader />
      <main className="page narrow" id="main">
        <h1>Join {invite.workspaceName}</h1>
        <p>
          You are invited as {invite.role === 'admin' ? 'an admin' : 'a facilitator'}. You will sign in with{' '}
          <strong>{invite.email}</strong> and the password you choose here.
        </p>
        <ErrorSummary failure={wordFailure(failure, LABELS)} />
        <Form method="post" noValidate>
          <CsrfField token={loaderData.csrfToken} />
          <TextField
            name="name"
            label={LABELS.name}
            autoComplete="name"
            required
            defaultValue={typedValue(failure, 'name') ?? invite.name}
            error={failure?.fieldErrors.name}
          />
          <NewPasswordFields
            labels={LABELS}
            hint={`At least ${loaderData.minPasswordLength} characters. A passphrase of several words is easy to remember.`}
            failure={failure}
          />
          <div className="actions">
            <button type="submit">Join the team</button>
          </div>
        </Form>
      </main>
    </>
  );
}

function capitaliseFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
