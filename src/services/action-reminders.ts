import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { toPgArrayLiteral } from '../db/pg-array.ts';
import { queryRows } from '../db/query-rows.ts';
import { htmlOfParagraphs } from '../domain/survey-mail.ts';
import { replaceActionLink } from './action-links.ts';

// Reminders of actions that are due (issue 11, item 4): the worker's tick queues, for each open
// action of a relationship that is not archived, one mail when it is due within two days and one
// when it is overdue — each at most once per due date (the outbox's dedupe key), so moving the
// date reminds again. An owner without an account (a participant) gets a new personal actions
// link (the earlier one stops working, as when the facilitator sends one); a sponsor gets their
// relationship page. All of one tick is one transaction.

export const DUE_SOON_DAYS = 2;

type DueAction = {
  id: string;
  what: string;
  due_on: string;
  workstream: string;
  relationship_id: string;
  relationship: string;
  workspace_id: string;
  workspace: string;
  participant_id: string | null;
  owner_name: string;
  owner_email: string;
};

export async function queueActionReminders(db: Db, baseUrl: string, today: string): Promise<number> {
  const base = baseUrl.replace(/\/+$/, '');
  return db.transaction(async (tx) => {
    const due = await queryRows<DueAction>(
      tx,
      sql`select a.id, a.what, a.due_on::text as due_on, w.ref || ' ' || w.title as workstream,
            r.id as relationship_id, r.name as relationship, r.workspace_id, ws.name as workspace,
            p.id as participant_id, coalesce(p.name, u.name, '') as owner_name,
            coalesce(nullif(p.email, ''), u.email, '') as owner_email
          from actions a
          join workstreams w on w.id = a.workstream_id
          join relationships r on r.id = w.relationship_id and r.archived_at is null
          join workspaces ws on ws.id = r.workspace_id
          left join participants p on p.id = a.owner_participant_id
          left join users u on u.id = a.owner_user_id
          where a.status = 'open' and a.due_on <= ${today}::date + ${DUE_SOON_DAYS}::int
          order by a.due_on, a.id`,
    );
    const mails = due
      .filter((a) => a.owner_email !== '')
      .map((action) => ({
        action,
        key: `action-due:${action.id}:${action.due_on}:${action.due_on < today ? 'overdue' : 'soon'}`,
      }));
    if (mails.length === 0) return 0;
    const taken = new Set(
      (
        await queryRows<{ dedupe_key: string }>(
          tx,
          sql`select dedupe_key from outbox where dedupe_key = any(${toPgArrayLiteral(mails.map((m) => m.key))}::text[])`,
        )
      ).map((row) => row.dedupe_key),
    );
    const fresh = mails.filter((m) => !taken.has(m.key));
    // One new actions link per participant owner for this tick, in each of their mails.
    const links = new Map<string, string>();
    for (const { action } of fresh) {
      if (!action.participant_id || links.has(action.participant_id)) continue;
      links.set(action.participant_id, await replaceActionLink(tx, action.participant_id, base));
    }
    let queued = 0;
    for (const { action, key } of fresh) {
      const overdue = action.due_on < today;
      const url = action.participant_id
        ? links.get(action.participant_id)!
        : `${base}/sponsor/${action.relationship_id}`;
      const paragraphs = [
        action.owner_name ? `Hello ${action.owner_name},` : 'Hello,',
        `${overdue ? 'An action you own was due on' : 'An action you own is due on'} ${action.due_on}, in the joint work of ${action.relationship} (${action.workstream}):`,
        action.what,
        `${action.participant_id ? 'Mark it done, or see all your actions, with your personal link (keep it to yourself; it replaces any earlier one)' : 'See it on your relationship page'}: ${url}`,
        action.workspace,
      ];
      const inserted = await queryRows<{ id: string }>(
        tx,
        sql`insert into outbox (workspace_id, kind, to_address, subject, body, html, dedupe_key)
            values (${action.workspace_id}::uuid, 'action-reminder', ${action.owner_email},
              ${`${overdue ? 'Overdue since' : 'Due'} ${action.due_on}: ${action.what.slice(0, 120)}`},
              ${paragraphs.join('\n\n')},
              ${htmlOfParagraphs(paragraphs)},
              ${key})
            on conflict (dedupe_key) do nothing
            returning id`,
      );
      queued += inserted.length;
    }
    return queued;
  });
}
