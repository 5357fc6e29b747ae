import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { actions, workstreams, workstreamUpdates } from '../db/schema.ts';
import {
  type ActionStatus,
  isOverdue,
  type RagStatus,
  type WorkstreamStatus,
  type WorkstreamStatusView,
  type WorkstreamType,
} from '../domain/share-and-act.ts';
import type { Tx } from './lock-relationship.ts';

export type { WorkstreamStatusView };

/** Each workstream's status without the analysis: readable before results are released. */
export async function loadWorkstreamStatus(
  db: Db | Tx,
  relationshipId: string,
  today: string,
): Promise<WorkstreamStatusView[]> {
  const rows = await db
    .select()
    .from(workstreams)
    .where(eq(workstreams.relationshipId, relationshipId))
    .orderBy(asc(workstreams.createdAt), asc(workstreams.ref));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [actionRows, updateRows] = await Promise.all([
    db
      .select({ workstreamId: actions.workstreamId, status: actions.status, dueOn: actions.dueOn })
      .from(actions)
      .where(inArray(actions.workstreamId, ids)),
    db
      .select({
        workstreamId: workstreamUpdates.workstreamId,
        on: workstreamUpdates.on,
        rag: workstreamUpdates.rag,
        note: workstreamUpdates.note,
        createdAt: workstreamUpdates.createdAt,
      })
      .from(workstreamUpdates)
      .where(inArray(workstreamUpdates.workstreamId, ids)),
  ]);
  return rows.map((row) => {
    const own = actionRows.filter((a) => a.workstreamId === row.id);
    const latest = updateRows
      .filter((u) => u.workstreamId === row.id)
      .sort((a, b) => b.on.localeCompare(a.on) || b.createdAt.getTime() - a.createdAt.getTime())[0];
    return {
      key: row.ref,
      title: row.title,
      type: row.type as WorkstreamType,
      status: row.status as WorkstreamStatus,
      started: row.startedOn,
      rag: (latest?.rag as RagStatus | undefined) ?? null,
      latest: latest ? { on: latest.on, note: latest.note } : null,
      actions: {
        open: own.filter((a) => a.status === 'open').length,
        done: own.filter((a) => a.status === 'done').length,
        overdue: own.filter((a) => isOverdue({ status: a.status as ActionStatus, dueOn: a.dueOn }, today))
          .length,
      },
    };
  });
}
