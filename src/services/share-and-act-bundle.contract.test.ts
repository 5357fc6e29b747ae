import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clearShareAndAct } from '../../tests/support/clear-share-and-act.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { participants, sponsorGrants } from '../db/schema.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { formatBundleProblem } from '../domain/bundle/bundle-problem.ts';
import { parseBundle } from '../domain/bundle/parse-bundle.ts';
import { serializeBundle } from '../domain/bundle/serialize-bundle.ts';
import { SHARE_AND_ACT_FILE } from '../domain/bundle/share-and-act-file.ts';
import { addWorkstreamUpdate } from './add-workstream-update.ts';
import { saveCharter, signCharter } from './charter.ts';
import { createFinding } from './create-finding.ts';
import { createUser } from './create-user.ts';
import { ensureDefaultWorkspace } from './ensure-default-workspace.ts';
import { exportBundle } from './export-bundle.ts';
import { importBundle } from './import-bundle.ts';
import { listFindings } from './list-findings.ts';
import { listWorkstreams } from './list-workstreams.ts';
import { releaseFindings } from './release-findings.ts';
import { saveAction } from './save-action.ts';
import { saveSmallBigThing } from './save-small-big-thing.ts';
import { createWorkstream } from './save-workstream.ts';

// share-and-act.json (issue 9, item 7) on PGlite and, with DATABASE_URL, PostgreSQL: findings with
// evidence, releases, workstreams with actions and updates, small big things and the charter go
// through export → import → export unchanged; a de-identified export keeps owners only as
// pseudonyms; every bad value is named by its JSON path.

const AUTHOR = { id: null, name: 'Fran Facilitator' };

describe.each(testStores)('share and act in the bundle on $kind', (store) => {
  let database: Database;
  let workspaceId: string;
  let relationshipId: string;

  beforeAll(async () => {
    database = await store.open();
    const db = database.db;
    workspaceId = (await ensureDefaultWorkspace(db)).id;
    relationshipId = (await loadDemo(db, workspaceId)).relationshipId;
    await clearShareAndAct(db, relationshipId);
    const view = await listFindings(db, workspaceId, relationshipId);
    for (const s of view.suggestions.slice(0, 3)) {
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
    await releaseFindings(
      db,
      workspaceId,
      relationshipId,
      { wave: '24 months', kind: 'pre-brief', side: 'B' },
      AUTHOR,
      new Date('2026-02-01T09:00:00Z'),
    );
    await releaseFindings(
      db,
      workspaceId,
      relationshipId,
      { wave: '24 months', kind: 'joint' },
      AUTHOR,
      new Date('2026-02-08T09:00:00Z'),
    );
    const sponsor = await createUser(db, workspaceId, {
      email: 'nora@northwater.example',
      name: 'Nora Northwater',
      password: 'correct horse battery staple',
      role: 'sponsor',
    });
    await db.insert(sponsorGrants).values({ userId: sponsor.id, relationshipId, side: 'A' });
    const [leaderB] = await db
      .select({ id: participants.id })
      .from(participants)
      .where(and(eq(participants.relationshipId, relationshipId), eq(participants.side, 'B')))
      .limit(1);
    await createWorkstream(db, workspaceId, relationshipId, {
      title: 'Ways of working',
      type: 'ways-of-working',
      owners: { A: { kind: 'sponsor', id: sponsor.id }, B: { kind: 'participant', id: leaderB!.id } },
      targetDimensions: ['reliability'],
      startedOn: '2024-03-01',
      findings: ['F-001'],
      incidents: ['INC-001'],
    });
    await saveAction(db, workspaceId, relationshipId, 'WS-1', {
      what: 'Agree the hand-over checklist',
      owner: { kind: 'participant', id: leaderB!.id },
      dueOn: '2024-04-01',
      status: 'done',
      doneOn: '2024-03-28',
    });
    await addWorkstreamUpdate(
      db,
      workspaceId,
      relationshipId,
      'WS-1',
      { on: '2024-04-02', rag: 'green', note: 'Done' },
      { name: 'Fran' },
    );
    await saveSmallBigThing(db, workspaceId, relationshipId, {
      text: 'Answer the phone before noon',
      raisedOn: '2024-03-05',
      raisedBySide: 'A',
      owner: { kind: 'participant', id: leaderB!.id },
      workstream: 'WS-1',
      fixedOn: '2024-03-12',
    });
    await saveCharter(
      db,
      workspaceId,
      relationshipId,
      {
        vision: 'One team',
        principles: ['Tell each other early'],
        behaviours: [],
        commitments: { A: [], B: ['One contact per shift'] },
        governance: ['Quarterly'],
      },
      { name: 'Fran' },
    );
    await signCharter(db, { ...sponsor, workspaceId }, relationshipId, 1, new Date('2026-03-01T10:00:00Z'));
  });
  afterAll(async () => {
    await database?.close();
  });

  test('export → import → export keeps all of it, and the imported workstream moves the same', async () => {
    const db = database.db;
    const exported = await exportBundle(db, workspaceId, relationshipId, { identified: true });
    expect(exported.shareAndAct.findings.map((f) => f.ref)).toEqual(['F-001', 'F-002', 'F-003']);
    expect(exported.shareAndAct.releases.map((r) => r.kind)).toEqual(['pre-brief', 'joint']);
    expect(exported.shareAndAct.workstreams[0]!.owners.A).toEqual({
      kind: 'sponsor',
      name: 'Nora Northwater',
      email: 'nora@northwater.example',
    });
    const files = serializeBundle(exported);
    expect(Object.keys(files)).toContain(SHARE_AND_ACT_FILE);
    const parsed = parseBundle(files);
    if (!parsed.ok) throw new Error(parsed.problems.map(formatBundleProblem).join('\n'));
    expect(parsed.bundle.shareAndAct).toEqual(exported.shareAndAct);

    const imported = await importBundle(db, workspaceId, {
      ...parsed.bundle,
      relationship: { ...parsed.bundle.relationship, name: 'Imported copy' },
    });
    const again = await exportBundle(db, workspaceId, imported.relationshipId, { identified: true });
    expect(again.shareAndAct).toEqual(exported.shareAndAct);
    const before = (await listWorkstreams(db, workspaceId, relationshipId)).workstreams[0]!;
    const after = (await listWorkstreams(db, workspaceId, imported.relationshipId)).workstreams[0]!;
    expect(after.impact).toEqual(before.impact);
    expect(after.incidentBalance).toEqual(before.incidentBalance);
  });

  test('a de-identified export keeps owners only as the pseudonyms of participants.csv', async () => {
    const bundle = await exportBundle(database.db, workspaceId, relationshipId);
    const ws = bundle.shareAndAct.workstreams[0]!;
    expect(ws.owners.A).toEqual({ kind: 'sponsor', name: 'Nora Northwater', email: '' });
    const ownerB = ws.owners.B as { kind: 'participant'; respondent: string };
    expect(ownerB.respondent).toMatch(/^R-[0-9a-f]{16}$/);
    const known = new Set([...bundle.participants, ...bundle.responses].map((p) => p.respondent));
    expect(known.has(ownerB.respondent)).toBe(true);
    expect(JSON.stringify(bundle.shareAndAct)).not.toContain('@');
  });

  test('bad values are named by their JSON path and nothing is read', async () => {
    const files = serializeBundle(
      await exportBundle(database.db, workspaceId, relationshipId, { identified: true }),
    );
    const data = JSON.parse(files[SHARE_AND_ACT_FILE]!);
    data.findings[0].wave = '36 months';
    data.findings[1].evidence[0].snapshot.kind = 'gap';
    data.workstreams[0].actions[0].dueOn = '2024-01-01';
    data.workstreams[0].incidents = ['INC-999'];
    data.releases[1].side = 'A';
    const parsed = parseBundle({ ...files, [SHARE_AND_ACT_FILE]: JSON.stringify(data) });
    expect(parsed.ok).toBe(false);
    const texts = parsed.ok ? [] : parsed.problems.map(formatBundleProblem);
    expect(texts).toEqual(
      expect.arrayContaining([
        'share-and-act.json $.findings[1].evidence[0].snapshot.perceived: required field "perceived" is missing (expected a number)',
        'share-and-act.json $.releases[1].side: a joint release has no side (null)',
      ]),
    );
    const broken = parseBundle({
      ...files,
      [SHARE_AND_ACT_FILE]: files[SHARE_AND_ACT_FILE]!.replace(
        '"ref": "WS-1"',
        '"ref": "WS-1", "colour": "red"',
      ),
    });
    expect(broken.ok ? [] : broken.problems.map(formatBundleProblem)).toEqual([
      'share-and-act.json $.workstreams[0]: unknown field "colour" (check its spelling; docs/formats.md lists the fields)',
    ]);
    delete data.findings[1];
    data.findings = data.findings.filter(Boolean);
    data.releases[1].side = null;
    const references = parseBundle({ ...files, [SHARE_AND_ACT_FILE]: JSON.stringify(data) });
    expect(references.ok ? [] : references.problems.map(formatBundleProblem)).toEqual(
      expect.arrayContaining([
        'share-and-act.json $.findings[0].wave: wave "36 months" is not a wave of relationship.json',
        'share-and-act.json $.workstreams[0].actions[0].dueOn: due on 2024-01-01, before the workstream started on 2024-03-01',
        'share-and-act.json $.workstreams[0].incidents[0]: incident INC-999 is not in incidents.csv',
      ]),
    );
  });
});
