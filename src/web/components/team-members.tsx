import { Form, Link } from 'react-router';
import { CsrfField } from './form-parts.tsx';
import { SetupTableScroll } from './setup-table-scroll.tsx';

// The team page's two tables: members (admins and facilitators) with role changes and removal,
// and pending invitations with withdrawal. Every action is a form that posts, so it works without
// JavaScript; removal is confirmed on the page first (a link to ?remove=<id>).

export type TeamMemberView = { id: string; email: string; name: string; role: 'admin' | 'facilitator' };
export type PendingInviteView = TeamMemberView & { expiresAt: string; isExpired: boolean };

const ROLE_LABELS = { admin: 'Admin', facilitator: 'Facilitator' } as const;

export function TeamMembersTable(props: {
  members: readonly TeamMemberView[];
  adminCount: number;
  isAdmin: boolean;
  currentUserId: string;
  csrfToken: string;
  isBusy: boolean;
}) {
  return (
    <SetupTableScroll label="Members of this workspace">
      <table className="people-table">
        <caption className="visually-hidden">Admins and facilitators of this workspace</caption>
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Role</th>
            {props.isAdmin && <th scope="col">Change</th>}
          </tr>
        </thead>
        <tbody>
          {props.members.map((member) => {
            const who = member.name || member.email;
            const isLastAdmin = member.role === 'admin' && props.adminCount <= 1;
            const other = member.role === 'admin' ? 'facilitator' : 'admin';
            return (
              <tr key={member.id}>
                <th scope="row">
                  {who}
                  {member.id === props.currentUserId && <span className="muted"> (you)</span>}
                  <div className="muted small people-email">{member.email}</div>
                </th>
                <td>{ROLE_LABELS[member.role]}</td>
                {props.isAdmin && (
                  <td>
                    {isLastAdmin ? (
                      <span className="muted small">the last admin: make someone else an admin first</span>
                    ) : (
                      <Form method="post" className="inline-actions">
                        <CsrfField token={props.csrfToken} />
                        <input type="hidden" name="userId" value={member.id} />
                        <input type="hidden" name="role" value={other} />
                        <button
                          type="submit"
                          name="intent"
                          value="change-role"
                          className="secondary small"
                          disabled={props.isBusy}
                        >
                          Make {other}
                          <span className="visually-hidden"> ({who})</span>
                        </button>{' '}
                        <Link to={`?remove=${member.id}#confirm-remove`} className="danger-link">
                          Remove<span className="visually-hidden"> {who}</span>
                        </Link>
                      </Form>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </SetupTableScroll>
  );
}

export function PendingInvitesTable(props: {
  invites: readonly PendingInviteView[];
  isAdmin: boolean;
  csrfToken: string;
  isBusy: boolean;
}) {
  return (
    <SetupTableScroll label="Pending invitations">
      <table className="people-table">
        <caption className="visually-hidden">Invitations not yet accepted</caption>
        <thead>
          <tr>
            <th scope="col">Invited</th>
            <th scope="col">Role</th>
            <th scope="col">Link</th>
          </tr>
        </thead>
        <tbody>
          {props.invites.map((invite) => (
            <tr key={invite.id}>
              <th scope="row">
                {invite.name}
                <div className="muted small people-email">{invite.email}</div>
              </th>
              <td>{ROLE_LABELS[invite.role]}</td>
              <td>
                {invite.isExpired ? 'expired' : `works until ${invite.expiresAt.slice(0, 10)}`}
                {props.isAdmin && (
                  <Form method="post" className="inline-actions">
                    <CsrfField token={props.csrfToken} />
                    <input type="hidden" name="inviteId" value={invite.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="revoke"
                      className="secondary small"
                      disabled={props.isBusy}
                    >
                      Withdraw<span className="visually-hidden"> the invitation of {invite.email}</span>
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </SetupTableScroll>
  );
}
