import { Form } from 'react-router';
import type { Level, Side, SideInfo } from '../../domain/model.ts';
import { CsrfField } from './form-parts.tsx';
import { LEVEL_LABELS, sideLabel } from './setup-labels.tsx';
import { SetupTableScroll } from './setup-table-scroll.tsx';

// Each participant's personal link for a wave: its status and whether they started or submitted.
// Never a secret: those are shown once, when issued. Per-row buttons post to the wave page.

export type LinkStatus = 'none' | 'active' | 'revoked' | 'expired';
export type LinkRowView = {
  participantId: string;
  name: string;
  email: string;
  side: Side;
  level: Level;
  status: LinkStatus;
  started: boolean;
  submitted: boolean;
  /** The invitation's and reminders' delivery in words (issue 11); absent where mail is not shown. */
  mail?: string;
};

const STATUS_LABELS: Record<LinkStatus, string> = {
  none: 'None issued',
  active: 'Active',
  revoked: 'Revoked',
  expired: 'Expired',
};

export function SetupLinksTable(props: {
  sides: Record<Side, SideInfo>;
  links: readonly LinkRowView[];
  canChange: boolean;
  csrfToken: string;
}) {
  return (
    <SetupTableScroll label="Personal links by participant">
      <table>
        <caption>Personal links by participant</caption>
        <thead>
          <tr>
            <th scope="col">Participant</th>
            <th scope="col">Link</th>
            <th scope="col">Started</th>
            <th scope="col">Submitted</th>
            <th scope="col">Email</th>
            {props.canChange && <th scope="col">Actions</th>}
            <th scope="col">Side and level</th>
          </tr>
        </thead>
        <tbody>
          {props.links.map((link) => (
            <tr key={link.participantId}>
              <th scope="row">
                {link.name}
                <div className="muted small">{link.email}</div>
              </th>
              <td>
                <span className={`status status-${link.status}`}>{STATUS_LABELS[link.status]}</span>
              </td>
              <td>{link.started ? 'Yes' : 'No'}</td>
              <td>{link.submitted ? 'Yes' : 'No'}</td>
              <td className={link.mail?.includes('failed') ? 'mail-failed' : undefined}>
                {link.mail ?? '—'}
              </td>
              {props.canChange && (
                <td>
                  <div className="row-actions">
                    {link.status === 'none' ? (
                      <RowButton
                        intent="issue-one"
                        link={link}
                        csrfToken={props.csrfToken}
                        label="Issue link"
                      />
                    ) : (
                      <RowButton intent="reissue" link={link} csrfToken={props.csrfToken} label="Re-issue" />
                    )}
                    {link.status === 'active' && (
                      <RowButton
                        intent="revoke"
                        link={link}
                        csrfToken={props.csrfToken}
                        label="Revoke"
                        isSecondary
                      />
                    )}
                  </div>
                </td>
              )}
              <td>
                {sideLabel(props.sides, link.side)} · {LEVEL_LABELS[link.level]}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </SetupTableScroll>
  );
}

function RowButton(props: {
  intent: string;
  link: LinkRowView;
  csrfToken: string;
  label: string;
  isSecondary?: boolean;
}) {
  return (
    <Form method="post">
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="participantId" value={props.link.participantId} />
      <button
        type="submit"
        name="intent"
        value={props.intent}
        className={props.isSecondary ? 'secondary small' : 'small'}
      >
        {props.label}
        <span className="visually-hidden"> link for {props.link.name}</span>
      </button>
    </Form>
  );
}
