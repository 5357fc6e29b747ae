import { Form, redirect } from 'react-router';
import { signOut } from '../../services/sign-out.ts';
import { clearSessionCookieHeader, csrfTokenOf, readSessionToken } from '../auth.server.ts';
import { CsrfField } from '../components/form-parts.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import type { Route } from './+types/sign-out';

// Signing out is a POST (the header's button). A GET, e.g. a typed URL, only asks to confirm.

export function meta() {
  return [{ title: 'Sign out — Trustloop' }];
}

export async function loader({ context }: Route.LoaderArgs) {
  if (!context.user) throw redirect('/sign-in');
  return { csrfToken: csrfTokenOf(context), userName: context.user.name };
}

export async function action({ context, request }: Route.ActionArgs) {
  await signOut(context.db, readSessionToken(request));
  return redirect('/sign-in?notice=signed-out', { headers: { 'Set-Cookie': clearSessionCookieHeader() } });
}

export default function SignOut({ loaderData }: Route.ComponentProps) {
  return (
    <>
      <SiteHeader csrfToken={loaderData.csrfToken} userName={loaderData.userName} />
      <main className="page narrow" id="main">
        <h1>Sign out</h1>
        <p>You are signed in as {loaderData.userName}. Sign out of Trustloop on this device?</p>
        <Form method="post" action="/sign-out">
          <CsrfField token={loaderData.csrfToken} />
          <div className="actions">
            <button type="submit">Sign out</button>
          </div>
        </Form>
      </main>
    </>
  );
}
