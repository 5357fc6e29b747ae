import { Form, redirect } from 'react-router';
import { createFirstAdmin, getSetupStatus } from '../../services/create-first-admin.ts';
import { MIN_PASSWORD_LENGTH } from '../../services/create-user.ts';
import { signIn } from '../../services/sign-in.ts';
import { refusePasswordMismatch, runFormAction } from '../action-result.server.ts';
import { csrfTokenOf, sessionCookieHeader } from '../auth.server.ts';
import { failureOf, NewPasswordFields, typedValue, wordFailure } from '../components/account-parts.tsx';
import { CsrfField, ErrorSummary, TextField } from '../components/form-parts.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import type { Route } from './+types/setup';

// First run: nobody has an account yet, so whoever opens the server names the first admin. Once
// anyone exists this page is closed and sends people to sign in.

export function meta() {
  return [{ title: 'Set up Trustloop — Trustloop' }];
}

export async function loader({ context }: Route.LoaderArgs) {
  if (!(await getSetupStatus(context.db)).needsFirstAdmin) throw redirect('/sign-in');
  return { csrfToken: csrfTokenOf(context), minPasswordLength: MIN_PASSWORD_LENGTH };
}

export async function action({ context, request }: Route.ActionArgs) {
  const form = await request.formData();
  const name = String(form.get('name') ?? '');
  const email = String(form.get('email') ?? '');
  const password = String(form.get('password') ?? '');
  const workspaceName = String(form.get('workspaceName') ?? '');
  const mismatch = refusePasswordMismatch(form, { name, email });
  if (mismatch) return mismatch;
  const result = await runFormAction(form, async () => {
    await createFirstAdmin(context.db, { name, email, password, workspaceName });
    return signIn(context.db, { email, password, address: 'setup' });
  });
  if (!('sessionToken' in result)) return result;
  return redirect('/', {
    headers: { 'Set-Cookie': sessionCookieHeader(result.sessionToken, result.session.expiresAt, request) },
  });
}

const LABELS = {
  workspaceName: 'Name of your firm or team',
  name: 'Your name',
  email: 'Email address',
  password: 'Password',
  passwordConfirm: 'Password again',
};

export default function Setup({ loaderData, actionData }: Route.ComponentProps) {
  const failure = failureOf(actionData);
  return (
    <>
      <SiteHeader />
      <main className="page narrow" id="main">
        <h1>Set up Trustloop</h1>
        <p>
          Nobody has an account on this server yet. Create the first one: you become its admin and can add
          facilitators and sponsors afterwards.
        </p>
        <ErrorSummary failure={wordFailure(failure, LABELS)} />
        <Form method="post" noValidate>
          <CsrfField token={loaderData.csrfToken} />
          <TextField
            name="workspaceName"
            label={LABELS.workspaceName}
            hint="Participants read it on every survey page: “Run by …”. You can rename it later."
            autoComplete="organization"
            required
            defaultValue={typedValue(failure, 'workspaceName')}
            error={failure?.fieldErrors.workspaceName}
          />
          <TextField
            name="name"
            label={LABELS.name}
            autoComplete="name"
            required
            defaultValue={typedValue(failure, 'name')}
            error={failure?.fieldErrors.name}
          />
          <TextField
            name="email"
            label={LABELS.email}
            type="email"
            autoComplete="email"
            required
            defaultValue={typedValue(failure, 'email')}
            error={failure?.fieldErrors.email}
          />
          <NewPasswordFields
            labels={LABELS}
            hint={`At least ${loaderData.minPasswordLength} characters. A passphrase of several words is easy to remember.`}
            failure={failure}
          />
          <div className="actions">
            <button type="submit">Create the admin account</button>
          </div>
        </Form>
      </main>
    </>
  );
}
