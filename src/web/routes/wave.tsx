import { data, Form, Link, redirect, useActionData, useNavigation } from 'react-router';
import { AppError } from '../../domain/app-error.ts';
import { closeWave } from '../../services/close-wave.ts';
import { getRelationshipSetup } from '../../services/get-relationship-setup.ts';
import { getResponseTracking } from '../../services/get-response-tracking.ts';
import { issueSurveyLinks } from '../../services/issue-survey-links.ts';
import { listSurveyLinks } from '../../services/list-survey-links.ts';
import { openWave } from '../../services/open-wave.ts';
import { reissueSurveyLink } from '../../services/reissue-survey-link.ts';
import { revokeSurveyLink } from '../../services/revoke-survey-link.ts';
import {
  getSurveyMail,
  type MailStatus,
  parseReminderDays,
  queueSurveyInvitations,
  queueSurveyReminders,
  setReminderDays,
} from '../../services/survey-mail.ts';
import { runFormAction } from '../action-result.server.ts';
import { csrfTokenOf, requireWebUser } from '../auth.server.ts';
import { CsrfField, ErrorSummary, TextField } from '../components/form-parts.tsx';
import { SetupBreadcrumbs } from '../components/setup-breadcrumbs.tsx';
import { type IssuedLinkView, SetupIssuedLinks } from '../components/setup-issued-links.tsx';
import { WAVE_STATUS_LABELS } from '../components/setup-labels.tsx';
import { SetupLinksTable } from '../components/setup-links-table.tsx';
import { SetupTrackingTable } from '../components/setup-tracking-table.tsx';
import { SiteHeader } from '../components/site-header.tsx';
import { orNotFound } from '../not-found.server.ts';
import type { Route } from './+types/wave';

// One wave: its state with Open and Close, response tracking, and the personal links. New links
// come back from the action and are shown on that one response only (only hashes are stored), so
// the page is never cached. (No `Referrer-Policy: no-referrer` here: the page's own URL holds no
// secret, and with it browsers send `Origin: null` on form posts, which React Router refuses.)

export function headers() {
  return { 'Cache-Control': 'no-store' };
}

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data?.wave.label ?? 'Wave'} — ${data?.setup.name ?? 'Relationship'} — Trustloop` }];
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireWebUser(context, request);
  const setup = await orNotFound(getRelationshipSetup(context.db, user.workspaceId, params.id));
  const wave = setup.waves.find((w) => w.label === params.label);
  if (!wave) throw data(`There is no wave "${params.label}" in ${setup.name}.`, { status: 404 });
  const [tracking, links, mail] = await Promise.all([
    getResponseTracking(context.db, user.workspaceId, setup.id),
    listSurveyLinks(context.db, user.workspaceId, setup.id, wave.label),
    getSurveyMail(context.db, user.workspaceId, setup.id, wave.label),
  ]);
  const search = new URL(request.url).searchParams;
  const done = search.get('done');
  const who = links.find((l) => l.participantId === search.get('who'))?.name ?? 'The participant';
  const notices: Record<string, string> = {
    opened: `${wave.label} is open: participants with a personal link can answer now.`,
    closed: `${wave.label} is closed: no more answers are taken and its links have stopped working.`,
    revoked: `${who}'s link was revoked; it no longer works. Their answers, if any, are kept.`,
    invited: `${search.get('n') ?? 'The'} invitations are queued: each carries the person's own new link and code. Their delivery shows in the list below.`,
    reminded: `${search.get('n') ?? 'The'} reminders are queued, each with a new link, to those who have not submitted.`,
    schedule: 'The reminder schedule is saved.',
  };
  return {
    userName: user.name || user.email,
    csrfToken: csrfTokenOf(context),
    setup: { id: setup.id, name: setup.name, sides: setup.sides },
    wave,
    tracking: tracking.waves.find((w) => w.label === wave.label) ?? null,
    links: links.map(({ linkId: _, issuedAt: __, ...rest }) => ({
      ...rest,
      mail: mailText(mail.byPerson.get(rest.participantId)),
    })),
    mail: { reminderDays: mail.reminderDays, toInvite: mail.toInvite },
    notice: done ? (notices[done] ?? null) : null,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireWebUser(context, request);
  const form = await request.formData();
  const intent = String(form.get('intent') ?? '');
  const participantId = String(form.get('participantId') ?? '');
  const here = `/relationships/${encodeURIComponent(params.id)}/waves/${encodeURIComponent(params.label)}`;
  const { db, baseUrl } = context;
  const ws = user.workspaceId;
  const target = { relationshipRef: params.id, waveLabel: params.label, participantId };

  if (intent === 'open' || intent === 'close') {
    const result = await runFormAction(form, async () => {
      // Both are for good: the box must be ticked, with or without JavaScript.
      if (form.get('confirm') !== 'yes') {
        const message = `tick the box to confirm: a wave cannot be ${intent === 'open' ? 'taken back to draft' : 'opened again'}`;
        throw new AppError('invalid-input', `confirm: ${message}`, [{ field: 'confirm', message }]);
      }
      return intent === 'open'
        ? openWave(db, ws, params.id, params.label)
        : closeWave(db, ws, params.id, params.label);
    });
    if (!('id' in result)) return result;
    return redirect(`${here}?done=${intent === 'open' ? 'opened' : 'closed'}`);
  }
  if (intent === 'invite' || intent === 'remind') {
    const result = await runFormAction(form, () =>
      (intent === 'invite' ? queueSurveyInvitations : queueSurveyReminders)(db, ws, params.id, params.label, {
        baseUrl,
      }),
    );
    if (!('queued' in result)) return result;
    return redirect(`${here}?done=${intent === 'invite' ? 'invited' : 'reminded'}&n=${result.queued}`);
  }
  if (intent === 'schedule') {
    const result = await runFormAction(form, async () => {
      const days = parseReminderDays(String(form.get('reminderDays') ?? ''));
      return { days: await setReminderDays(db, ws, params.id, params.label, days) };
    });
    if (!('days' in result)) return result;
    return redirect(`${here}?done=schedule`);
  }
  if (intent === 'revoke') {
    const result = await runFormAction(form, () => revokeSurveyLink(db, ws, target));
    if (!('linkId' in result)) return result;
    return redirect(`${here}?done=revoked&who=${result.participantId}`);
  }
  const result = await runFormAction(form, async () => {
    if (intent === 'reissue') return [await reissueSurveyLink(db, ws, target, { baseUrl })];
    if (intent === 'issue-one')
      return issueSurveyLinks(db, ws, params.id, params.label, { baseUrl, participantIds: [participantId] });
    return issueSurveyLinks(db, ws, params.id, params.label, { baseUrl });
  });
  if (!Array.isArray(result)) return result;
  const issued: IssuedLinkView[] = result.map((l) => ({
    participantId: l.participantId,
    name: l.name,
    email: l.email,
    url: l.url,
    code: l.code,
  }));
  return data({ ok: true as const, issued });
}

export default function Wave({ loaderData }: Route.ComponentProps) {
  const { setup, wave, tracking, links, csrfToken } = loaderData;
  const result = useActionData<typeof action>();
  const isBusy = useNavigation().state === 'submitting';
  const failure = result && result.ok === false ? result : undefined;
  const issued = result && result.ok === true ? result.issued : undefined;
  const base = `/relationships/${setup.id}`;
  const withoutLink = links.filter((l) => l.status === 'none' || l.status === 'revoked').length;
  const canIssue = wave.status !== 'closed';
  return (
    <>
      <SiteHeader userName={loaderData.userName} csrfToken={csrfToken} current="relationships" />
      <main className="page wide" id="main">
        <SetupBreadcrumbs
          trail={[
            { label: 'Relationships', to: '/' },
            { label: setup.name, to: base },
            { label: wave.label },
          ]}
        />
        <h1>
          {wave.label}{' '}
          <span className={`status status-${wave.status}`}>{WAVE_STATUS_LABELS[wave.status]}</span>
        </h1>
        <ErrorSummary failure={failure} />
        {loaderData.notice && !result && (
          <p className="notice success" role="status">
            {loaderData.notice}
          </p>
        )}
        {issued && <SetupIssuedLinks links={issued} />}

        <dl className="facts">
          <div>
            <dt>Opens</dt>
            <dd>{wave.opens}</dd>
          </div>
          <div>
            <dt>Closes</dt>
            <dd>{wave.closes}</dd>
          </div>
          <div>
            <dt>Instrument</dt>
            <dd>
              {wave.instrument.name}, version {wave.instrument.version}
            </dd>
          </div>
          <div>
            <dt>Anonymity threshold</dt>
            <dd>
              k = {wave.anonymityThreshold}{' '}
              <span className="muted">
                {wave.status === 'draft' ? '(fixed when the wave opens)' : '(fixed)'}
              </span>
            </dd>
          </div>
        </dl>

        <section aria-labelledby="state-title" className="state-change">
          {wave.status === 'draft' && (
            <>
              <h2 id="state-title">Open the wave</h2>
              <p>
                Opening starts the survey: everyone with a personal link can answer. The anonymity threshold k
                = {wave.anonymityThreshold} is then fixed for this wave, and the wave cannot go back to draft.
              </p>
              <Form method="post" className="actions">
                <CsrfField token={csrfToken} />
                <ConfirmBox id="confirm-open" text={`I understand ${wave.label} cannot go back to draft`} />
                <button type="submit" name="intent" value="open" disabled={isBusy}>
                  Open {wave.label} now
                </button>
              </Form>
            </>
          )}
          {wave.status === 'open' && (
            <>
              <h2 id="state-title">Close the wave</h2>
              <p>
                Closing ends the survey: no more answers are taken, and every personal link of this wave stops
                working. A closed wave cannot be opened again.
              </p>
              <Form method="post" className="actions">
                <CsrfField token={csrfToken} />
                <ConfirmBox id="confirm-close" text={`I understand ${wave.label} cannot be opened again`} />
                <button type="submit" name="intent" value="close" className="danger" disabled={isBusy}>
                  Close {wave.label} now
                </button>
              </Form>
            </>
          )}
          {wave.status === 'closed' && (
            <>
              <h2 id="state-title">This wave is closed</h2>
              <p>No more answers are taken and its personal links no longer work.</p>
            </>
          )}
        </section>

        {tracking && (
          <section aria-labelledby="tracking-title">
            <h2 id="tracking-title">Response tracking</h2>
            <p className="muted">
              How many have started and submitted, per side and level. Nobody's answers are shown anywhere.
            </p>
            <SetupTrackingTable
              caption={`Responses to ${wave.label}`}
              sides={setup.sides}
              cells={tracking.cells}
              total={tracking.total}
              isImported={!tracking.hasLinks && wave.status === 'closed'}
            />
          </section>
        )}

        {wave.status !== 'closed' && links.length > 0 && (
          <section aria-labelledby="mail-title">
            <h2 id="mail-title">Invitations and reminders by email</h2>
            <p>
              Each mail carries the person's own new link and code, in the relationship's words, from your
              workspace's name. A reminder goes only to those who have not submitted, with a new link (the
              earlier one stops working), never after the wave closes, and never to someone who asked for no
              more. Without a mail server (SMTP_URL and MAIL_FROM) the mails wait in the{' '}
              <Link to="/outbox">outbox</Link>.
            </p>
            <Form method="post" className="actions">
              <CsrfField token={csrfToken} />
              <button
                type="submit"
                name="intent"
                value="invite"
                disabled={isBusy || loaderData.mail.toInvite === 0}
              >
                Email the invitations ({loaderData.mail.toInvite} not invited yet)
              </button>
            </Form>
            <Form method="post" noValidate>
              <CsrfField token={csrfToken} />
              <input type="hidden" name="intent" value="schedule" />
              <TextField
                name="reminderDays"
                label="Remind those who have not submitted, this many days after opening"
                hint="For example 3, 7: two reminders at most. Leave it empty for none."
                defaultValue={
                  failure?.values?.intent === 'schedule'
                    ? failure.values.reminderDays
                    : loaderData.mail.reminderDays.join(', ')
                }
                error={failure?.values?.intent === 'schedule' ? failure.fieldErrors.reminderDays : undefined}
              />
              <div className="actions">
                <button type="submit" className="secondary" disabled={isBusy}>
                  Save the schedule
                </button>
              </div>
            </Form>
            {wave.status === 'open' && loaderData.mail.reminderDays.length > 0 && (
              <Form method="post" className="actions">
                <CsrfField token={csrfToken} />
                <button type="submit" name="intent" value="remind" className="secondary" disabled={isBusy}>
                  Send the next reminder now
                </button>
              </Form>
            )}
          </section>
        )}

        <section aria-labelledby="links-title">
          <h2 id="links-title">Personal links</h2>
          {links.length === 0 ? (
            <p>
              No participants yet. <Link to={`${base}/participants`}>Add participants</Link> first.
            </p>
          ) : (
            <>
              <p>
                Each participant answers from their own link or code. Trustloop shows a link only once, when
                it is issued; it keeps no copy it could show again.
              </p>
              <p className="muted">
                The list says whether each person has started or submitted, so that you can remind those who
                have not — never what anyone answered. Only facilitators see it; results wait for the wave to
                close.
              </p>
              {canIssue &&
                (withoutLink === 0 ? (
                  <p className="muted">Everyone has a live link for this wave.</p>
                ) : (
                  <Form method="post" className="actions">
                    <CsrfField token={csrfToken} />
                    <button type="submit" name="intent" value="issue" disabled={isBusy}>
                      Issue links for everyone without one ({withoutLink})
                    </button>
                  </Form>
                ))}
              <SetupLinksTable sides={setup.sides} links={links} canChange={canIssue} csrfToken={csrfToken} />
            </>
          )}
        </section>
      </main>
    </>
  );
}

/** A required box to tick before a change that cannot be undone (checked by the action too). */
function ConfirmBox(props: { id: string; text: string }) {
  return (
    <p className="confirm-box">
      <input type="checkbox" id={props.id} name="confirm" value="yes" required />{' '}
      <label htmlFor={props.id}>{props.text}</label>
    </p>
  );
}

/** A person's mail for the wave, in a few words: the invitation's delivery, then the reminders. */
function mailText(status: MailStatus | undefined): string {
  if (!status?.invitation) return status?.optedOut ? 'No reminders (asked)' : 'Not emailed';
  const { invitation, reminders } = status;
  const parts = [
    invitation.status === 'sent'
      ? `Invitation sent ${invitation.at?.toISOString().slice(0, 10) ?? ''}`.trim()
      : invitation.status === 'failed'
        ? `Invitation failed: ${invitation.error ?? 'no reason given'}`
        : `Invitation queued${invitation.error ? ` (will retry: ${invitation.error})` : ''}`,
  ];
  const plural = (n: number) => `${n} reminder${n === 1 ? '' : 's'}`;
  if (reminders.sent > 0) parts.push(`${plural(reminders.sent)} sent`);
  if (reminders.queued > 0) parts.push(`${plural(reminders.queued)} queued`);
  if (reminders.failed > 0) parts.push(`${plural(reminders.failed)} failed: ${reminders.lastError ?? ''}`);
  if (status.optedOut) parts.push('no more reminders (asked)');
  return parts.join('; ');
}
