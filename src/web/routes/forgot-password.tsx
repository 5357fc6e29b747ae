import { data, Form, Link } from 'react-router';
import { requestPasswordReset } from '../../services/request-password-reset.ts';
import { type ActionFailure, runFormAction } from '../action-result.server.ts';
import { csrfTokenOf } from '../auth.server.ts';
import { failureOf, typedValue, wordFailure } from '../components/account-parts.tsx';
import { CsrfField, ErrorSummary, TextField } from '../components/form-parts.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import type { Route } from './+types/forgot-password';

// Asks for a reset link. The answer is the same whether or not the email has an account, so the
// form tells nobody which emails are registered.

export function meta() {
  return [{ title: 'Forgot your password — Trustloop' }];
}

/** A refusal's Retry-After (too many links asked for) reaches the browser with the page. */
export function headers({ actionHeaders }: Route.HeadersArgs) {
  const retryAfter = actionHeaders.get('Retry-After');
  return retryAfter ? { 'Retry-After': retryAfter } : {};
}

export function loader({ context }: Route.LoaderArgs) {
  return { csrfToken: csrfTokenOf(context) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const form = await request.formData();
  const email = String(form.get('email') ?? '').trim();
  if (!email) {
    return data<ActionFailure>(
      {
        ok: false,
        message: 'Enter the email address you sign in with.',
        fieldErrors: { email: 'enter your email address' },
        values: { email },
      },
      { status: 400 },
    );
  }
  // A refusal (too many links asked for) is shown on the form, with when to try again.
  const result = await runFormAction(form, async () => {
    await requestPasswordReset(context.db, { email, baseUrl: context.baseUrl, address: context.address });
    return { ok: true as const };
  });
  return result;
}

const LABELS = { email: 'Email address' };

export default function ForgotPassword({ loaderData, actionData }: Route.ComponentProps) {
  const failure = failureOf(actionData);
  const isSent = actionData !== undefined && !failure;
  return (
    <>
      <SiteHeader />
      <main className="page narrow" id="main">
        <h1>Forgot your password</h1>
        {isSent ? (
          <>
            <div className="notice success" role="status">
              <p>
                If an account uses that email address, we have sent it a link to choose a new password. The
                link works once, within an hour.
              </p>
              <p>
                Until this server can send email, the message waits in the outbox: your admin can read it on
                the Outbox page and pass the link on to you.
              </p>
            </div>
            <p>
              <Link to="/sign-in">Back to sign in</Link>
            </p>
          </>
        ) : (
          <>
            <p>
              Enter the email address you sign in with and we will send you a link to choose a new password.
            </p>
            <ErrorSummary failure={wordFailure(failure, LABELS)} />
            <Form method="post" noValidate>
              <CsrfField token={loaderData.csrfToken} />
              <TextField
                name="email"
                label={LABELS.email}
                type="email"
                autoComplete="email"
                required
                defaultValue={typedValue(failure, 'email')}
                error={failure?.fieldErrors.email}
              />
              <div className="actions">
                <button type="submit">Send the link</button>
                <Link to="/sign-in">Back to sign in</Link>
              </div>
            </Form>
          </>
        )}
      </main>
    </>
  );
}
