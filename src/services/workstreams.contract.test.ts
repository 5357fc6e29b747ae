import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { refusal } from '../../tests/support/app-error.ts';
import { clearShareAndAct } from '../../tests/support/clear-share-and-act.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { participants, workspaces } from '../db/schema.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { addWorkstreamUpdate } from './add-workstream-update.ts';
import { ensureDefaultWorkspace } from './ensure-default-workspace.ts';
import { getPortfolio } from './get-portfolio.ts';
import { getRelationshipAnalysis } from './get-relationship-analysis.ts';
import { listWorkstreams } from './list-workstreams.ts';
import { saveAction } from './save-action.ts';
import { saveSmallBigThing } from './save-small-big-thing.ts';
import { createWorkstream, updateWorkstream } from './save-workstream.ts';

// Workstreams (issue 9, items 3 and 5) on PGlite and, with DATABASE_URL, PostgreSQL: co-owned by
// one person of each side, actions with due dates, RAG updates, small big things, and impact
// equal to the analysis' own change rows.

describe.each(testStores)('workstreams on $kind', (store) => {
  let database: Database;
  let workspaceId: string;
  let otherWorkspaceId: string;
  let relationshipId: string;
  let ownerA: string;
  let ownerB: string;

  beforeAll(async () => {
    database = await store.open();
    workspaceId = (await ensureDefaultWorkspace(database.db)).id;
    const [other] = await database.db.insert(workspaces).values({ name: 'Other firm' }).returning();
    otherWorkspaceId = other!.id;
    relationshipId = (await loadDemo(database.db, workspaceId)).relationshipId;
    await clearShareAndAct(database.db, relationshipId);
    const leader = async (side: 'A' | 'B') =>
      (
        await database.db
          .select({ id: participants.id })
          .from(participants)
          .where(
            and(
              eq(participants.relationshipId, relationshipId),
              eq(participants.side, side),
              eq(participants.level, 'leadership'),
            ),
          )
          .limit(1)
      )[0]!.id;
    ownerA = await leader('A');
    ownerB = await leader('B');
  });
  afterAll(async () => {
    await database?.close();
  });

  const workstream = (overrides: Record<string, unknown> = {}) => ({
    title: 'Ways of working at the service desk',
    type: 'ways-of-working',
    owners: { A: { kind: 'participant', id: ownerA }, B: { kind: 'participant', id: ownerB } },
    targetDimensions: ['reliability', 'openness'],
    startedOn: '2024-03-01',
    incidents: ['INC-001'],
    ...overrides,
  });

  test('a workstream co-owned by both sides; impact is the analysis’ change rows after its start', async () => {
    const db = database.db;
    expect(await createWorkstream(db, workspaceId, relationshipId, workstream())).toEqual({ ref: 'WS-1' });
    const view = await listWorkstreams(db, workspaceId, relationshipId, { today: '2026-01-01' });
    const ws = view.workstreams[0]!;
    expect(ws).toMatchObject({
      key: 'WS-1',
      type: 'ways-of-working',
      status: 'active',
      rag: null,
      incidents: ['INC-001'],
    });
    expect(ws.owners.A?.side).toBe('A');
    expect(ws.owners.B?.side).toBe('B');

    const analysis = await getRelationshipAnalysis(db, workspaceId, relationshipId);
    const after = analysis.waves.filter((w) => w.opens > '2024-03-01').map((w) => w.label);
    expect(after.length).toBeGreaterThan(0);
    expect(ws.impact.length).toBe(after.length * 2 * 2);
    for (const row of ws.impact) {
      const change = analysis.changes.find(
        (c) =>
          c.from === row.from && c.to === row.wave && c.side === row.side && c.dimension === row.dimension,
      )!;
      expect(row).toMatchObject({
        diff: change.diff,
        ciLow: change.ciLow,
        ciHigh: change.ciHigh,
        hedgesG: change.hedgesG,
      });
    }
    expect(ws.incidentBalance.builds + ws.incidentBalance.dilutes).toBeGreaterThan(0);
  });

  test('bad owners, dimensions, findings and incidents are refused by field, and nothing is saved', async () => {
    const db = database.db;
    const wrong = await refusal(
      createWorkstream(
        db,
        workspaceId,
        relationshipId,
        workstream({
          owners: { A: { kind: 'participant', id: ownerB }, B: { kind: 'sponsor', id: ownerB } },
          targetDimensions: ['charm'],
          findings: ['F-404'],
          incidents: ['INC-404'],
        }),
      ),
    );
    expect(wrong.details.map((d) => (d as { field: string }).field)).toEqual([
      'owners.A',
      'owners.B',
      'targetDimensions.0',
      'findings.0',
      'incidents.0',
    ]);
    expect((wrong.details[0] as { message: string }).message).toMatch(
      / is on Corvid IT Services' side, not Northwater Utilities'$/,
    );
    expect((await listWorkstreams(db, workspaceId, relationshipId)).workstreams).toHaveLength(1);
  });

  test('actions: due before the start is refused; overdue ones are counted; updates set the status', async () => {
    const db = database.db;
    const early = await refusal(
      saveAction(db, workspaceId, relationshipId, 'ws-1', {
        what: 'Agree the hand-over checklist',
        owner: { kind: 'participant', id: ownerA },
        dueOn: '2024-02-01',
      }),
    );
    expect(early.message).toBe(
      'dueOn: due before the workstream started (2024-03-01): choose that day or later',
    );
    await saveAction(db, workspaceId, relationshipId, 'WS-1', {
      what: 'Agree the hand-over checklist',
      owner: { kind: 'participant', id: ownerA },
      dueOn: '2024-04-01',
    });
    const done = await saveAction(db, workspaceId, relationshipId, 'WS-1', {
      what: 'Name one contact per shift',
      owner: { kind: 'participant', id: ownerB },
      dueOn: '2024-04-15',
    });
    await saveAction(
      db,
      workspaceId,
      relationshipId,
      'WS-1',
      {
        what: 'Name one contact per shift',
        owner: { kind: 'participant', id: ownerB },
        dueOn: '2024-04-15',
        status: 'done',
        doneOn: '2024-04-10',
      },
      done.id,
    );
    await addWorkstreamUpdate(
      db,
      workspaceId,
      relationshipId,
      'WS-1',
      { on: '2024-04-20', rag: 'amber', note: 'Checklist late' },
      { name: 'Fran' },
    );
    await addWorkstreamUpdate(
      db,
      workspaceId,
      relationshipId,
      'WS-1',
      { on: '2024-05-20', rag: 'red', note: 'Still late' },
      { name: 'Fran' },
    );
    const ws = (await listWorkstreams(db, workspaceId, relationshipId, { today: '2024-06-01' }))
      .workstreams[0]!;
    expect(ws.actions.map((a) => a.status)).toEqual(['open', 'done']);
    expect(ws.overdue).toBe(1);
    expect(ws.rag).toBe('red');
    expect(ws.updates.map((u) => u.on)).toEqual(['2024-05-20', '2024-04-20']);

    // The portfolio warns of both while the workstream is active.
    const portfolio = await getPortfolio(db, workspaceId, undefined, { today: '2024-06-01' });
    const flags = portfolio.rows.find((r) => r.relationshipId === relationshipId)!.flags;
    expect(flags.filter((f) => f.kind === 'workstream-red' || f.kind === 'actions-overdue')).toEqual([
      { kind: 'workstream-red', reason: '1 workstream at red in the latest update.' },
      { kind: 'actions-overdue', reason: '1 action past the due date.' },
    ]);

    await updateWorkstream(db, workspaceId, relationshipId, 'WS-1', { ...workstream(), status: 'closed' });
    const closed = await getPortfolio(db, workspaceId, undefined, { today: '2024-06-01' });
    expect(
      closed.rows.find((r) => r.relationshipId === relationshipId)!.flags.map((f) => f.kind),
    ).not.toContain('actions-overdue');
    expect((await listWorkstreams(db, workspaceId, relationshipId)).workstreams[0]!.status).toBe('closed');
  });

  test('small big things: a quick list, fixed on a day not before it was raised', async () => {
    const db = database.db;
    const { id } = await saveSmallBigThing(db, workspaceId, relationshipId, {
      text: 'Answer the service desk phone before noon',
      raisedOn: '2024-03-05',
      raisedBySide: 'A',
      owner: { kind: 'participant', id: ownerB },
      workstream: 'WS-1',
    });
    const early = await refusal(
      saveSmallBigThing(
        db,
        workspaceId,
        relationshipId,
        { text: 'x', raisedOn: '2024-03-05', fixedOn: '2024-03-01' },
        id,
      ),
    );
    expect(early.message).toBe('fixedOn: fixed before it was raised (2024-03-05)');
    await saveSmallBigThing(
      db,
      workspaceId,
      relationshipId,
      {
        text: 'Answer the service desk phone before noon',
        raisedOn: '2024-03-05',
        raisedBySide: 'A',
        workstream: 'WS-1',
        fixedOn: '2024-03-12',
      },
      id,
    );
    const [thing] = (await listWorkstreams(db, workspaceId, relationshipId)).smallBigThings;
    expect(thing).toMatchObject({
      fixedOn: '2024-03-12',
      workstream: 'WS-1',
      raisedBySide: 'A',
      owner: null,
    });
  });

  test('another workspace finds nothing', async () => {
    expect((await refusal(listWorkstreams(database.db, otherWorkspaceId, relationshipId))).code).toBe(
      'not-found',
    );
    expect(
      (await refusal(createWorkstream(database.db, otherWorkspaceId, relationshipId, workstream()))).code,
    ).toBe('not-found');
  });
});
