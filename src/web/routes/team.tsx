import { Form, Link, redirect, useActionData, useNavigation } from 'react-router';
import { changeMemberRole } from '../../services/change-member-role.ts';
import { inviteMember } from '../../services/invite-member.ts';
import { listTeam } from '../../services/list-team.ts';
import { removeMember } from '../../services/remove-member.ts';
import { revokeInvite } from '../../services/revoke-invite.ts';
import { getWorkspace, updateWorkspace } from '../../services/workspace-settings.ts';
import { runFormAction } from '../action-result.server.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { wordFailure } from '../components/account-parts.tsx';
import { CsrfField, ErrorSummary, FieldFrame, TextField } from '../components/form-parts.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import { PendingInvitesTable, TeamMembersTable } from '../components/team-members.tsx';
import type { Route } from './+types/team';

// The team (issue 8, item 11): the workspace's name, which participants read as "Run by …" on
// every survey page (decision 042), its admins and facilitators and the invitations not yet
// accepted (decision 041). Facilitators read it all; an admin renames, invites, withdraws an
// invitation, changes a role and removes a member, never leaving the workspace without an admin.

export function meta() {
  return [{ title: 'Team — Trustloop' }];
}

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const [workspace, team] = await Promise.all([
    getWorkspace(context.db, user.workspaceId),
    listTeam(context.db, user.workspaceId),
  ]);
  const search = new URL(request.url).searchParams;
  const done = search.get('done');
  const notices: Record<string, string> = {
    renamed: `The workspace is now called ${workspace.name}.`,
    recoloured: `Decks and reports now use ${workspace.colour}.`,
    invited: 'The invitation, with a link to choose a password, is in the outbox. Pass it on.',
    revoked: 'The invitation was withdrawn: its link no longer works.',
    'role-changed': 'The role was changed.',
    removed: 'The member was removed. Their sessions have ended.',
  };
  const removing = team.members.find((m) => m.id === search.get('remove'));
  return {
    csrfToken: csrfTokenOf(context),
    userName: user.name || user.email,
    userId: user.id,
    isAdmin: user.role === 'admin',
    workspace,
    team,
    toRemove: user.role === 'admin' && removing ? removing : null,
    notice: notices[done ?? ''] ?? null,
    /** A fresh, empty invite form after every change. */
    formKey: search.toString(),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireWebUser(context, request, ['admin']);
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? '');
  const run = async (work: () => Promise<unknown>, done: string) => {
    const result = await runFormAction(form, async () => {
      await work();
      return { ok: true as const };
    });
    return 'ok' in result && result.ok === true ? redirect(`/team?done=${done}`) : result;
  };
  switch (text('intent')) {
    case 'rename':
      return run(() => updateWorkspace(context.db, user.workspaceId, { name: text('name') }), 'renamed');
    case 'colour':
      return run(
        () => updateWorkspace(context.db, user.workspaceId, { colour: text('colour') }),
        'recoloured',
      );
    case 'invite':
      return run(
        () =>
          inviteMember(context.db, user.workspaceId, {
            name: text('inviteName'),
            email: text('email'),
            role: text('role') as 'facilitator',
            baseUrl: context.baseUrl,
            invitedByUserId: user.id,
          }),
        'invited',
      );
    case 'revoke':
      return run(() => revokeInvite(context.db, user.workspaceId, text('inviteId')), 'revoked');
    case 'change-role':
      return run(
        () =>
          changeMemberRole(context.db, user.workspaceId, text('userId'), { role: text('role') as 'admin' }),
        'role-changed',
      );
    case 'remove':
      return run(() => removeMember(context.db, user.workspaceId, text('userId')), 'removed');
    default:
      throw new Response('Unknown action.', { status: 400 });
  }
}

const LABELS = { name: 'Name of your firm or team', colour: 'New colour' };
const INVITE_LABELS = { name: 'Name', inviteName: 'Name', email: 'Email', role: 'Role' };

export default function Team({ loaderData }: Route.ComponentProps) {
  const { workspace, csrfToken, isAdmin, team, toRemove } = loaderData;
  const actionData = useActionData<typeof action>();
  const failure = actionData && 'message' in actionData ? actionData : undefined;
  const isBusy = useNavigation().state === 'submitting';
  const inviteFailure = failure?.values?.intent === 'invite' ? failure : undefined;
  return (
    <>
      <SiteHeader userName={loaderData.userName} csrfToken={csrfToken} current="team" />
      <main className="page" id="main">
        <h1>Team</h1>
        <ErrorSummary failure={wordFailure(failure, inviteFailure ? INVITE_LABELS : LABELS)} />
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
              <input type="hidden" name="intent" value="rename" />
              <TextField
                name="name"
                label={LABELS.name}
                autoComplete="organization"
                required
                defaultValue={failure?.values?.intent === 'rename' ? failure.values.name : workspace.name}
                error={failure?.values?.intent === 'rename' ? failure.fieldErrors.name : undefined}
              />
              <div className="actions">
                <button type="submit" disabled={isBusy}>
                  Rename the workspace
                </button>
              </div>
            </Form>
          ) : (
            <p>Only an admin can rename it.</p>
          )}
        </section>
        <section aria-labelledby="colour-title">
          <h2 id="colour-title">Colour of decks and reports</h2>
          <p>
            The workshop deck and the PDF report use it for their band, headings and first chart series,
            beside the workspace's name. Now:{' '}
            <span
              className="colour-swatch"
              style={{ backgroundColor: workspace.colour }}
              aria-hidden="true"
            />{' '}
            {workspace.colour}.
          </p>
          {isAdmin ? (
            <Form method="post" noValidate>
              <CsrfField token={csrfToken} />
              <input type="hidden" name="intent" value="colour" />
              <FieldFrame
                name="colour"
                label={LABELS.colour}
                error={failure?.values?.intent === 'colour' ? failure.fieldErrors.colour : undefined}
              >
                {({ id, describedBy, isInvalid }) => (
                  <input
                    id={id}
                    type="color"
                    name="colour"
                    defaultValue={workspace.colour}
                    aria-describedby={describedBy}
                    aria-invalid={isInvalid}
                  />
                )}
              </FieldFrame>
              <div className="actions">
                <button type="submit" disabled={isBusy}>
                  Use this colour
                </button>
              </div>
            </Form>
          ) : (
            <p>Only an admin can change it.</p>
          )}
        </section>

        {toRemove && !failure && (
          <section className="confirm" aria-labelledby="confirm-remove-title" id="confirm-remove">
            <h2 id="confirm-remove-title">Remove {toRemove.name || toRemove.email} from the team?</h2>
            <p>
              Their account is deleted and their sessions end at once. What they coded or wrote stays, with
              their name.
            </p>
            <Form method="post" className="actions">
              <CsrfField token={csrfToken} />
              <input type="hidden" name="userId" value={toRemove.id} />
              <button type="submit" name="intent" value="remove" className="danger" disabled={isBusy}>
                Yes, remove {toRemove.name || toRemove.email}
              </button>
              <Link to="/team">No, keep them</Link>
            </Form>
          </section>
        )}

        <section aria-labelledby="members-title">
          <h2 id="members-title">Members</h2>
          <p>
            Admins and facilitators see every relationship of the workspace. Admins also manage the team and
            its name. Sponsors are on the <Link to="/people">People</Link> page.
          </p>
          <TeamMembersTable
            members={team.members}
            adminCount={team.adminCount}
            isAdmin={isAdmin}
            currentUserId={loaderData.userId}
            csrfToken={csrfToken}
            isBusy={isBusy}
          />
        </section>

        {team.invites.length > 0 && (
          <section aria-labelledby="invites-title">
            <h2 id="invites-title">Invitations not yet accepted</h2>
            <PendingInvitesTable
              invites={team.invites}
              isAdmin={isAdmin}
              csrfToken={csrfToken}
              isBusy={isBusy}
            />
          </section>
        )}

        {isAdmin && (
          <section aria-labelledby="invite-title">
            <h2 id="invite-title">Invite a facilitator or an admin</h2>
            <p>
              The invitation goes to the <Link to="/outbox">outbox</Link> with a link that works once, for
              seven days. Inviting the same email again replaces the link.
            </p>
            <Form method="post" noValidate key={inviteFailure ? 'failed' : loaderData.formKey}>
              <CsrfField token={csrfToken} />
              <input type="hidden" name="intent" value="invite" />
              <TextField
                name="inviteName"
                label={INVITE_LABELS.inviteName}
                autoComplete="off"
                required
                defaultValue={inviteFailure?.values?.inviteName}
                error={inviteFailure?.fieldErrors.name}
              />
              <TextField
                name="email"
                label={INVITE_LABELS.email}
                type="email"
                autoComplete="off"
                required
                defaultValue={inviteFailure?.values?.email}
                error={inviteFailure?.fieldErrors.email}
              />
              <FieldFrame name="role" label={INVITE_LABELS.role} error={inviteFailure?.fieldErrors.role}>
                {({ id, describedBy, isInvalid }) => (
                  <select
                    id={id}
                    name="role"
                    defaultValue={inviteFailure?.values?.role ?? 'facilitator'}
                    aria-invalid={isInvalid}
                    aria-describedby={describedBy}
                  >
                    <option value="facilitator">Facilitator</option>
                    <option value="admin">Admin</option>
                  </select>
                )}
              </FieldFrame>
              <div className="actions">
                <button type="submit" disabled={isBusy}>
                  Send the invitation
                </button>
              </div>
            </Form>
          </section>
        )}
      </main>
    </>
  );
}
