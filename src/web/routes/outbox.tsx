import { listOutbox } from '../../services/list-outbox.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { SiteHeader } from '../components/site-header.tsx';
import type { Route } from './+types/outbox';

// Mail Trustloop sends, with its delivery (queued, sent, failed with the server's reason). Without a
// mail server (SMTP_URL and MAIL_FROM) mail stays queued here: an admin reads a reset link and
// passes it on.

export function meta() {
  return [{ title: 'Outbox — Trustloop' }];
}

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const mail = await listOutbox(context.db, user.workspaceId, user);
  return {
    csrfToken: csrfTokenOf(context),
    userName: user.name,
    isAdmin: user.role === 'admin',
    mail: mail.map((m) => ({
      ...m,
      createdAt: m.createdAt.toISOString(),
      sentAt: m.sentAt?.toISOString() ?? null,
    })),
  };
}

/** UTC, to the minute: the server renders it, so the browser's zone cannot be known here. */
function formatTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** The body with its web addresses as links, so a reset link can be opened or copied. */
function linkify(body: string): React.ReactNode[] {
  return body.split(/(https?:\/\/\S+)/).map((part, index) =>
    index % 2 === 1 ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text, in order
      <a key={index} href={part}>
        {part}
      </a>
    ) : (
      part
    ),
  );
}

export default function Outbox({ loaderData }: Route.ComponentProps) {
  const { mail } = loaderData;
  return (
    <>
      <SiteHeader csrfToken={loaderData.csrfToken} userName={loaderData.userName} current="outbox" />
      <main className="page" id="main">
        <h1>Outbox</h1>
        <p>
          Every message Trustloop sends is listed here, newest first, with what became of it. Where the server
          has no mail server set up (SMTP_URL and MAIL_FROM), messages stay queued: pass a password-reset link
          on to the person it is for.
          {loaderData.isAdmin
            ? ' As an admin you see the mail of everyone in your workspace.'
            : ' You see your own mail and mail to people without an account.'}
        </p>
        {mail.length === 0 ? (
          <p className="notice">The outbox is empty.</p>
        ) : (
          <ol className="card-list">
            {mail.map((m) => (
              <li key={m.id} className="card">
                <article aria-labelledby={`mail-${m.id}`}>
                  <h2 className="card-title" id={`mail-${m.id}`}>
                    {m.subject}
                  </h2>
                  <dl className="facts">
                    <div>
                      <dt>To</dt>
                      <dd>{m.to}</dd>
                    </div>
                    <div>
                      <dt>Written</dt>
                      <dd>
                        <time dateTime={m.createdAt}>{formatTime(m.createdAt)}</time>
                      </dd>
                    </div>
                    <div>
                      <dt>Delivery</dt>
                      <dd className={m.status === 'failed' ? 'mail-failed' : undefined}>
                        {m.status === 'sent' && m.sentAt
                          ? `Sent ${formatTime(m.sentAt)}`
                          : m.status === 'failed'
                            ? `Failed: ${m.lastError ?? 'no reason given'}`
                            : m.lastError
                              ? `Queued; will try again (${m.lastError})`
                              : 'Queued'}
                      </dd>
                    </div>
                  </dl>
                  <pre className="mail-body">{linkify(m.body)}</pre>
                </article>
              </li>
            ))}
          </ol>
        )}
      </main>
    </>
  );
}
