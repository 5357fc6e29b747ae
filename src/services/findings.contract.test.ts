import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { refusal } from '../../tests/support/app-error.ts';
import { clearShareAndAct } from '../../tests/support/clear-share-and-act.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { findings, relationships, responses, waves, workspaces } from '../db/schema.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { createFinding } from './create-finding.ts';
import { createWave } from './create-wave.ts';
import { ensureDefaultWorkspace } from './ensure-default-workspace.ts';
import { getRelationshipAnalysis } from './get-relationship-analysis.ts';
import { listFindings } from './list-findings.ts';
import { loadReleases } from './list-releases.ts';
import { hideOpenAnswer, redactOpenAnswer } from './redact-open-answer.ts';
import { releaseFindings } from './release-findings.ts';
import { deleteFinding, reorderFindings, updateFinding } from './update-finding.ts';

// Findings and their release (issue 9, items 1 and 2) on PGlite and, with DATABASE_URL,
// PostgreSQL: evidence kept as it showed when picked, hidden values refused, suggestions accepted
// once, pre-briefs to one side and the joint release, each an unchanging copy.

const AUTHOR = { id: null, name: 'Fran Facilitator' };

describe.each(testStores)('findings and releases on $kind', (store) => {
  let database: Database;
  let workspaceId: string;
  let otherWorkspaceId: string;
  let relationshipId: string;

  beforeAll(async () => {
    database = await store.open();
    workspaceId = (await ensureDefaultWorkspace(database.db)).id;
    const [other] = await database.db.insert(workspaces).values({ name: 'Other firm' }).returning();
    otherWorkspaceId = other!.id;
    relationshipId = (await loadDemo(database.db, workspaceId)).relationshipId;
    await clearShareAndAct(database.db, relationshipId);
    // Baseline keeps only two leaders of side A: their cells are too small to show (k = 3+).
    const [baseline] = await database.db
      .select({ id: waves.id })
      .from(waves)
      .where(and(eq(waves.relationshipId, relationshipId), eq(waves.label, 'Baseline')));
    const leaders = await database.db
      .select({ id: responses.id })
      .from(responses)
      .where(
        and(eq(responses.waveId, baseline!.id), eq(responses.side, 'A'), eq(responses.level, 'leadership')),
      );
    await database.db.delete(responses).where(
      inArray(
        responses.id,
        leaders.slice(2).map((r) => r.id),
      ),
    );
  });
  afterAll(async () => {
    await database?.close();
  });

  const countFindings = async () =>
    Number(
      (
        await database.db
          .select({ n: sql<number>`count(*)` })
          .from(findings)
          .where(eq(findings.relationshipId, relationshipId))
      )[0]!.n,
    );

  test('suggestions come from the latest closed wave, each explained; accepting one keeps its numbers', async () => {
    const view = await listFindings(database.db, workspaceId, relationshipId);
    expect(view.wave).toBe('24 months');
    expect(view.findings).toEqual([]);
    expect(view.suggestions.length).toBeGreaterThanOrEqual(4);
    for (const s of view.suggestions) expect(s.because).toMatch(/\.$/);
    const lowest = view.suggestions.find((s) => s.key.startsWith('lowest:24 months:A:'))!;

    const finding = await createFinding(
      database.db,
      workspaceId,
      relationshipId,
      {
        wave: '24 months',
        kind: lowest.kind,
        concerns: lowest.concerns,
        title: lowest.title,
        evidence: lowest.evidence,
        suggestionKey: lowest.key,
      },
      AUTHOR,
    );
    expect(finding.ref).toBe('F-001');
    expect(finding.version).toBe(1);
    const analysis = await getRelationshipAnalysis(database.db, workspaceId, relationshipId);
    const wave = analysis.waves.find((w) => w.label === '24 months')!;
    const reference = lowest.evidence[0] as { side: 'A'; dimension: string };
    const cell = wave.sideCells.find(
      (c) => c.side === reference.side && c.dimension === reference.dimension,
    )!;
    expect(finding.evidence[0]!.snapshot).toMatchObject({ kind: 'side-index', n: cell.n, index: cell.index });
    expect(finding.evidence[0]!.label).toContain('24 months');

    const again = await listFindings(database.db, workspaceId, relationshipId);
    expect(again.suggestions.find((s) => s.key === lowest.key)!.acceptedAs).toBe('F-001');
    const twice = await refusal(
      createFinding(
        database.db,
        workspaceId,
        relationshipId,
        {
          wave: '24 months',
          kind: 'not-working',
          concerns: 'B',
          title: 'again',
          evidence: lowest.evidence,
          suggestionKey: lowest.key,
        },
        AUTHOR,
      ),
    );
    expect(twice.code).toBe('conflict');
    expect(twice.message).toContain('F-001');
  });

  test('a hidden cell, an uncoded or unknown incident and no evidence are refused, each by its place, and nothing is saved', async () => {
    const before = await countFindings();
    const hidden = await refusal(
      createFinding(
        database.db,
        workspaceId,
        relationshipId,
        {
          wave: 'Baseline',
          kind: 'blind-spot',
          concerns: 'B',
          title: 'Leaders of A distrust',
          evidence: [
            { kind: 'side-index', wave: 'Baseline', side: 'A', dimension: 'competence' },
            { kind: 'cell', wave: 'Baseline', side: 'A', level: 'leadership', dimension: 'competence' },
            { kind: 'incident', ref: 'INC-999' },
          ],
        },
        AUTHOR,
      ),
    );
    expect(hidden.code).toBe('invalid-input');
    expect(hidden.details).toEqual([
      expect.objectContaining({
        field: 'evidence.1',
        message: expect.stringMatching(
          /leadership level, competence is hidden by the anonymity rules \(fewer than \d responses\)/,
        ),
      }),
      expect.objectContaining({ field: 'evidence.2', message: 'no incident INC-999 in this relationship' }),
    ]);
    const none = await refusal(
      createFinding(
        database.db,
        workspaceId,
        relationshipId,
        { wave: 'Baseline', kind: 'working', concerns: 'both', title: 'x', evidence: [] },
        AUTHOR,
      ),
    );
    expect(none.message).toBe('evidence: a finding needs at least one piece of evidence');
    expect(await countFindings()).toBe(before);
  });

  test('comments are evidence only as shared: redacted words kept, a hidden comment refused and not offered', async () => {
    const db = database.db;
    const view = await listFindings(db, workspaceId, relationshipId);
    const offered = view.options.filter((o) => o.group === 'comment');
    expect(offered.length).toBeGreaterThan(2);
    const [first, second] = offered as [(typeof offered)[0], (typeof offered)[0]];
    const firstRef = (first.reference as { ref: string }).ref;
    const secondRef = (second.reference as { ref: string }).ref;
    await redactOpenAnswer(
      db,
      workspaceId,
      relationshipId,
      '24 months',
      firstRef,
      'The [team] answers late.',
    );
    await hideOpenAnswer(db, workspaceId, relationshipId, '24 months', secondRef, true);
    const finding = await createFinding(
      db,
      workspaceId,
      relationshipId,
      {
        wave: '24 months',
        kind: 'not-working',
        concerns: 'both',
        title: 'Answers come late',
        evidence: [first.reference],
      },
      AUTHOR,
    );
    expect(finding.evidence[0]!.snapshot).toMatchObject({
      kind: 'comment',
      text: 'The [team] answers late.',
    });
    const hidden = await refusal(
      createFinding(
        db,
        workspaceId,
        relationshipId,
        {
          wave: '24 months',
          kind: 'not-working',
          concerns: 'both',
          title: 'x',
          evidence: [second.reference],
        },
        AUTHOR,
      ),
    );
    expect(hidden.message).toMatch(
      /^evidence\.0: no shared comment .* \(a hidden comment cannot be evidence\)$/,
    );
    const after = await listFindings(db, workspaceId, relationshipId);
    expect(
      after.options.some((o) => o.group === 'comment' && (o.reference as { ref: string }).ref === secondRef),
    ).toBe(false);
    await deleteFinding(db, workspaceId, relationshipId, finding.ref);
    await hideOpenAnswer(db, workspaceId, relationshipId, '24 months', secondRef, false);
    await redactOpenAnswer(db, workspaceId, relationshipId, '24 months', firstRef, '');
  });

  test('only a closed wave has findings', async () => {
    await createWave(database.db, workspaceId, relationshipId, {
      label: '36 months',
      opens: '2031-01-01',
      closes: '2031-01-31',
    });
    const draft = await refusal(
      createFinding(
        database.db,
        workspaceId,
        relationshipId,
        {
          wave: '36 months',
          kind: 'working',
          concerns: 'both',
          title: 'x',
          evidence: [{ kind: 'side-index', wave: '36 months', side: 'A', dimension: 'overall' }],
        },
        AUTHOR,
      ),
    );
    expect(draft.code).toBe('conflict');
    expect(draft.message).toMatch(/is a draft/);
  });

  test('pre-briefs go to one side, the joint release to both; each is a copy that an edit does not change', async () => {
    const db = database.db;
    const view = await listFindings(db, workspaceId, relationshipId);
    const forA = view.suggestions.find((s) => s.concerns === 'A' && s.acceptedAs === null)!;
    const both = view.suggestions.find((s) => s.concerns === 'both')!;
    for (const s of [forA, both]) {
      await createFinding(
        db,
        workspaceId,
        relationshipId,
        {
          wave: '24 months',
          kind: s.kind,
          concerns: s.concerns,
          title: s.title,
          evidence: s.evidence,
          suggestionKey: s.key,
        },
        AUTHOR,
      );
    }
    const refs = (await listFindings(db, workspaceId, relationshipId)).findings.map((f) => f.ref);
    expect(refs).toEqual(['F-001', 'F-002', 'F-003']);

    const nothing = await refusal(
      releaseFindings(db, workspaceId, relationshipId, { wave: 'Baseline', kind: 'joint' }, AUTHOR),
    );
    expect(nothing.message).toBe('nothing to release: wave "Baseline" has no findings yet');
    const noSide = await refusal(
      releaseFindings(db, workspaceId, relationshipId, { wave: '24 months', kind: 'pre-brief' }, AUTHOR),
    );
    expect(noSide.message).toBe('side: a pre-brief goes to one side: choose A or B');

    const preA = await releaseFindings(
      db,
      workspaceId,
      relationshipId,
      { wave: '24 months', kind: 'pre-brief', side: 'A' },
      AUTHOR,
    );
    expect(preA.findings.map((f) => f.ref)).toEqual(['F-002']);
    const preB = await releaseFindings(
      db,
      workspaceId,
      relationshipId,
      { wave: '24 months', kind: 'pre-brief', side: 'B' },
      AUTHOR,
    );
    expect(preB.findings.map((f) => f.ref)).toEqual(['F-001']);
    const repeat = await refusal(
      releaseFindings(
        db,
        workspaceId,
        relationshipId,
        { wave: '24 months', kind: 'pre-brief', side: 'B' },
        AUTHOR,
      ),
    );
    expect(repeat.code).toBe('conflict');

    // Sponsors may not read anything before the joint release; it opens the results to them.
    const [before] = await db
      .select({ at: relationships.resultsReleasedAt })
      .from(relationships)
      .where(eq(relationships.id, relationshipId));
    const joint = await releaseFindings(
      db,
      workspaceId,
      relationshipId,
      { wave: '24 months', kind: 'joint' },
      AUTHOR,
      new Date('2030-02-01T09:00:00Z'),
    );
    expect(joint.findings.map((f) => f.ref)).toEqual(['F-001', 'F-002', 'F-003']);
    expect(joint.releasedBy).toBe('Fran Facilitator');
    const [after] = await db
      .select({ at: relationships.resultsReleasedAt })
      .from(relationships)
      .where(eq(relationships.id, relationshipId));
    expect(before!.at === null ? after!.at?.toISOString() : before!.at.toISOString()).toBe(
      before!.at === null ? '2030-02-01T09:00:00.000Z' : before!.at.toISOString(),
    );

    // A side's sponsors see the joint release and their own pre-brief, never the other side's.
    const seenByA = await loadReleases(db, relationshipId, { forSide: 'A' });
    expect(seenByA.map((r) => `${r.kind}:${r.side ?? 'both'}`)).toEqual(['pre-brief:A', 'joint:both']);

    // An edit makes version 2; what was released stays version 1, word for word.
    const edited = await updateFinding(db, workspaceId, relationshipId, 'f-001', {
      wave: '24 months',
      kind: 'not-working',
      concerns: 'B',
      title: 'Intent is where trust is thinnest',
      evidence: joint.findings[0]!.evidence.map((e) => e.reference),
    });
    expect(edited.version).toBe(2);
    const kept = (await loadReleases(db, relationshipId)).find((r) => r.id === joint.id)!;
    expect(kept.findings[0]).toEqual(joint.findings[0]);
    expect(kept.findings[0]!.version).toBe(1);
    const second = await releaseFindings(
      db,
      workspaceId,
      relationshipId,
      { wave: '24 months', kind: 'joint' },
      AUTHOR,
    );
    expect(second.findings[0]!.title).toBe('Intent is where trust is thinnest');

    await reorderFindings(db, workspaceId, relationshipId, '24 months', ['F-003', 'F-001', 'F-002']);
    expect((await listFindings(db, workspaceId, relationshipId)).findings.map((f) => f.ref)).toEqual([
      'F-003',
      'F-001',
      'F-002',
    ]);
    const badOrder = await refusal(reorderFindings(db, workspaceId, relationshipId, '24 months', ['F-003']));
    expect(badOrder.message).toMatch(/give every finding of wave "24 months" once \(F-001, F-002, F-003\)/);

    await deleteFinding(db, workspaceId, relationshipId, 'F-003');
    expect((await loadReleases(db, relationshipId)).find((r) => r.id === joint.id)!.findings).toHaveLength(3);
  });

  test('another workspace finds nothing', async () => {
    expect((await refusal(listFindings(database.db, otherWorkspaceId, relationshipId))).code).toBe(
      'not-found',
    );
    expect(
      (
        await refusal(
          releaseFindings(
            database.db,
            otherWorkspaceId,
            relationshipId,
            { wave: '24 months', kind: 'joint' },
            AUTHOR,
          ),
        )
      ).code,
    ).toBe('not-found');
  });
});
