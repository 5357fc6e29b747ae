import { Form, redirect, useActionData, useNavigation } from 'react-router';
import { getWorkspace, renameWorkspace } from '../../services/rename-workspace.ts';
import { runFormAction } from '../action-result.server.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { wordFailure } from '../components/account-parts.tsx';
import { CsrfField, ErrorSummary, TextField } from '../components/form-parts.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import type { Route } from './+types/team';

// The team (issue 8, item 11): the workspace's name, which participants read as "Run by …" on
// every survey page. Facilitators read it; an admin renames it (decision 042).

export function meta() {
  return [{ title: 'Team — Trustloop' }];
}

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const workspace = await getWorkspace(context.db, user.workspaceId);
  const search = new URL(request.url).searchParams;
  return {
    csrfToken: csrfTokenOf(context),
    userName: user.name || user.email,
    isAdmin: user.role === 'admin',
    workspace,
    notice: search.has('renamed') ? `The workspace is now called ${workspace.name}.` : null,
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireWebUser(context, request, ['admin']);
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? '');
  const result = await runFormAction(form, () =>
    renameWorkspace(context.db, user.workspaceId, { name: text('name') }),
  );
  if (!('id' in result)) return result;
  return redirect('/team?renamed=1');
}

const LABELS = { name: 'Name of your firm or team' };

export default function Team({ loaderData }: Route.ComponentProps) {
  const { workspace, csrfToken, isAdmin } = loaderData;
  const failure = useActionData<typeof action>();
  const isBusy = useNavigation().state === 'submitting';
  return (
    <>
      <SiteHeader userName={loaderData.userName} csrfToken={csrfToken} current="team" />
      <main className="page" id="main">
        <h1>Team</h1>
        <ErrorSummary failure={wordFailure(failure, LABELS)} />
        {loaderData.notice && !failure && (
          <p className="notice success" role="status">
            {loaderData.notice}
          </p>
        )}
        <section aria-labelledby="workspace-title">
          <h2 id="workspace-title">Workspace name</h2>
          <p>Participants read it on every survey page: “Run by {workspace.name}”.</p>
          {isAdmin ? (
            <Form method="post" noValidate>
              <CsrfField token={csrfToken} />
              <TextField
                name="name"
                label={LABELS.name}
                autoComplete="organization"
                required
                defaultValue={failure?.values?.name ?? workspace.name}
                error={failure?.fieldErrors.name}
              />
              <div className="actions">
                <button type="submit" name="intent" value="rename" disabled={isBusy}>
                  Rename the workspace
                </button>
              </div>
            </Form>
          ) : (
            <p>Only an admin can rename it.</p>
          )}
        </section>
      </main>
    </>
  );
}
