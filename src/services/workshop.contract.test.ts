import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectAppError } from '../../tests/support/app-error.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import {
  participants,
  sponsorGrants,
  workshopCommitments,
  workshopEvents,
  workshopVotes,
  workspaces,
  workstreams,
} from '../db/schema.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { formatBundleProblem } from '../domain/bundle/bundle-problem.ts';
import { parseBundle } from '../domain/bundle/parse-bundle.ts';
import { serializeBundle } from '../domain/bundle/serialize-bundle.ts';
import { SHARE_AND_ACT_FILE } from '../domain/bundle/share-and-act-file.ts';
import type { Level, Side } from '../domain/model.ts';
import { getCharter } from './charter.ts';
import { commitWorkshopTheme } from './commit-workshop-theme.ts';
import { createUser } from './create-user.ts';
import { ensureDefaultWorkspace } from './ensure-default-workspace.ts';
import { exportBundle } from './export-bundle.ts';
import { importBundle } from './import-bundle.ts';
import { listWorkshops } from './list-workshops.ts';
import {
  createWorkshop,
  endWorkshop,
  goToStep,
  presentFinding,
  saveWorkshopAgenda,
  setWorkshopTimer,
  startWorkshop,
} from './manage-workshop.ts';
import { readWorkshopEvents } from './workshop-events.ts';
import { createTheme, deleteTheme, placeNotes, revealStep } from './workshop-grouping.ts';
import { castBallot, editNote, joinWorkshop, joinWorkshopSignedIn, writeNote } from './workshop-room.ts';
import { getWorkshopForAttendee, getWorkshopForFacilitator } from './workshop-view.ts';

// The live workshop's rules (issue 10) on PGlite and, with DATABASE_URL, PostgreSQL: a workshop on
// a released wave, joining with the code, notes private until revealed and then anonymised, themes,
// a dot vote that never counts twice and stays hidden until shown, commitments written with what
// they commit to or not at all, and a summary saved at the end. Every change has its event, and no
// event carries a note before its step is revealed.

describe.each(testStores)('the live workshop on $kind', (store) => {
  let database: Database;
  let workspaceId: string;
  let otherWorkspaceId: string;
  let relationshipId: string;
  let workshopId: string;
  let code: string;
  const phones: { token: string; side: Side; level: Level | null }[] = [];

  beforeAll(async () => {
    database = await store.open();
    workspaceId = (await ensureDefaultWorkspace(database.db)).id;
    const [other] = await database.db.insert(workspaces).values({ name: 'Other firm' }).returning();
    otherWorkspaceId = other!.id;
    relationshipId = (await loadDemo(database.db, workspaceId)).relationshipId;
  });
  afterAll(async () => {
    await database?.close();
  });

  const author = { name: 'Fran Facilitator' };
  const view = () => getWorkshopForFacilitator(database.db, workspaceId, workshopId);
  const stepOf = async (kind: string, nth = 0) => (await view()).steps.filter((s) => s.kind === kind)[nth]!;

  test('created on a wave whose findings were released to both sides, with the seed’s agenda', async () => {
    const db = database.db;
    await expectAppError(
      createWorkshop(db, workspaceId, relationshipId, { wave: '24 months', title: 'Joint feedback' }, author),
      'conflict',
      /not released to both sides yet/,
    );
    await expectAppError(
      createWorkshop(db, workspaceId, relationshipId, { wave: 'Baseline', title: 'x\u0000y' }, author),
      'invalid-input',
      /title: contains/,
    );
    await expectAppError(
      createWorkshop(db, workspaceId, relationshipId, { wave: 'Baseline', title: 'W', dots: 11 }, author),
      'invalid-input',
      /dots: at most 10/,
    );
    const created = await createWorkshop(
      db,
      workspaceId,
      relationshipId,
      { wave: 'Baseline', title: 'Joint feedback workshop' },
      author,
    );
    workshopId = created.id;
    code = created.code;
    expect(code).toMatch(/^[ACDEFHJKMNPQRTUVWXY34679]{6}$/);
    const shown = await view();
    expect(shown).toMatchObject({ status: 'draft', wave: 'Baseline', dots: 3, code, joined: { A: 0, B: 0 } });
    expect(shown.steps.map((s) => s.kind)).toEqual([
      'present',
      'reflect',
      'reflect',
      'reflect',
      'group',
      'vote',
      'discuss',
      'commit',
    ]);
    expect(shown.findings.length).toBeGreaterThan(3);
    // Another workspace cannot see it.
    await expectAppError(getWorkshopForFacilitator(db, otherWorkspaceId, workshopId), 'not-found');
  });

  test('the agenda is reordered, a step repeated and one removed; a step keeps its kind', async () => {
    const db = database.db;
    const steps = (await view()).steps;
    const reordered = [steps[0]!, steps[2]!, steps[1]!, ...steps.slice(3, 7), steps[7]!];
    await saveWorkshopAgenda(db, workspaceId, workshopId, [
      ...reordered.slice(0, 7).map((s) => ({ id: s.id, kind: s.kind, prompt: s.prompt })),
      { kind: 'vote', prompt: 'A second round' },
      { id: steps[7]!.id, kind: 'commit' },
    ]);
    const after = (await view()).steps;
    expect(after.map((s) => s.id).slice(0, 3)).toEqual([steps[0]!.id, steps[2]!.id, steps[1]!.id]);
    expect(after.map((s) => s.kind)).toEqual([
      'present',
      'reflect',
      'reflect',
      'reflect',
      'group',
      'vote',
      'discuss',
      'vote',
      'commit',
    ]);
    await expectAppError(
      saveWorkshopAgenda(db, workspaceId, workshopId, [{ id: steps[0]!.id, kind: 'vote' }]),
      'invalid-input',
      /a step keeps its kind/,
    );
    // Put it back to one vote.
    await saveWorkshopAgenda(
      db,
      workspaceId,
      workshopId,
      after
        .filter((s) => s.prompt !== 'A second round')
        .map((s) => ({ id: s.id, kind: s.kind, prompt: s.prompt })),
    );
    expect((await view()).steps).toHaveLength(8);
  });

  test('phones join a live workshop with its code, in any case; a wrong code is a clear no', async () => {
    const db = database.db;
    await expectAppError(joinWorkshop(db, code, { side: 'A' }), 'conflict', /has not started yet/);
    await startWorkshop(db, workspaceId, workshopId);
    await expectAppError(startWorkshop(db, workspaceId, workshopId), 'conflict', /already live/);
    await expectAppError(joinWorkshop(db, 'ZZZZZZ', { side: 'A' }), 'not-found', /no workshop is running/);
    await expectAppError(joinWorkshop(db, 'nonsense', { side: 'A' }), 'not-found');
    await expectAppError(
      joinWorkshop(db, code, { side: 'C' }),
      'invalid-input',
      /side: choose your organisation/,
    );
    // 14 phones: side A with 6 staff, 2 operational, 3 leadership; side B with 2 leadership, 1 none.
    const plan: [Side, Level | null][] = [
      ...Array.from({ length: 6 }, (): [Side, Level] => ['A', 'staff']),
      ['A', 'operational'],
      ['A', 'operational'],
      ['A', 'leadership'],
      ['A', 'leadership'],
      ['A', 'leadership'],
      ['B', 'leadership'],
      ['B', 'leadership'],
      ['B', null],
    ];
    for (const [i, [side, level]] of plan.entries()) {
      const typed = i % 2 === 0 ? code.toLowerCase() : `${code.slice(0, 3)} ${code.slice(3)}`;
      const joined = await joinWorkshop(db, typed, { side, level });
      expect(joined.workshopId).toBe(workshopId);
      phones.push({ token: joined.token, side, level });
    }
    expect((await view()).joined).toEqual({ A: 11, B: 3 });
  });

  test('notes are private to their writer until the step is revealed; then side always, level where 5 joined', async () => {
    const db = database.db;
    const secret = 'The supplier hides outages from us';
    await expectAppError(
      writeNote(db, phones[0]!.token, { text: 'too early' }),
      'conflict',
      /reflect step only/,
    );
    const reflect = await stepOf('reflect');
    await goToStep(db, workspaceId, workshopId, reflect.id);
    const first = await writeNote(db, phones[0]!.token, { text: secret });
    await writeNote(db, phones[6]!.token, { text: 'Operations talk every week now' });
    await writeNote(db, phones[11]!.token, { text: 'We want earlier warnings', signedAs: 'Bea (B)' });
    await expectAppError(
      writeNote(db, phones[1]!.token, { text: 'x'.repeat(501) }),
      'invalid-input',
      /at most 500/,
    );
    await expectAppError(
      writeNote(db, phones[1]!.token, { text: 'a\u0007b' }),
      'invalid-input',
      /text: contains/,
    );
    await expectAppError(
      writeNote(db, phones[1]!.token, { text: '   ' }),
      'invalid-input',
      /write something/,
    );
    await expectAppError(writeNote(db, 'not-a-token', { text: 'hello' }), 'unauthorized');
    // Another phone cannot change it; its writer can.
    await expectAppError(editNote(db, phones[1]!.token, first.id, { text: 'mine now' }), 'not-found');
    await editNote(db, phones[0]!.token, first.id, { text: `${secret}.` });

    const before = await view();
    const step = before.steps.find((s) => s.id === reflect.id)!;
    expect(step).toMatchObject({ noteCount: 3, notes: [], revealed: false });
    const other = await getWorkshopForAttendee(db, phones[1]!.token);
    expect(other.ownNotes).toEqual([]);
    expect(JSON.stringify(other)).not.toContain(secret);
    const own = await getWorkshopForAttendee(db, phones[0]!.token);
    expect(own.ownNotes.map((n) => n.text)).toEqual([`${secret}.`]);
    // No event carries a note's words before its reveal.
    const events = await readWorkshopEvents(db, workshopId, 0);
    expect(JSON.stringify(events)).not.toContain(secret);

    await revealStep(db, workspaceId, workshopId, reflect.id);
    await expectAppError(revealStep(db, workspaceId, workshopId, reflect.id), 'conflict', /revealed already/);
    const notes = (await view()).steps.find((s) => s.id === reflect.id)!.notes;
    const byText = (text: string) => notes.find((n) => n.text.startsWith(text))!;
    // A staff: 6 joined, named. A operational (2) and leadership (3): hidden together (5 in all).
    // B: leadership 2, hidden; a B note never names a level.
    expect(byText(secret)).toMatchObject({ side: 'A', level: 'staff', signedAs: null });
    expect(byText('Operations talk')).toMatchObject({ side: 'A', level: null });
    expect(byText('We want earlier')).toMatchObject({ side: 'B', level: null, signedAs: 'Bea (B)' });
    expect(Object.keys(byText(secret)).sort()).toEqual(['id', 'level', 'side', 'signedAs', 'text']);
    await expectAppError(writeNote(db, phones[2]!.token, { text: 'late' }), 'conflict', /have been shown/);
    await expectAppError(editNote(db, phones[0]!.token, first.id, null), 'conflict', /have been shown/);
  });

  test('notes are grouped into themes; a note not yet revealed cannot be grouped by anyone else', async () => {
    const db = database.db;
    const reflect2 = await stepOf('reflect', 1);
    await goToStep(db, workspaceId, workshopId, reflect2.id);
    const hidden = await writeNote(db, phones[3]!.token, { text: 'Not shown yet' });
    const revealed = (await stepOf('reflect', 0)).notes;
    await goToStep(db, workspaceId, workshopId, (await stepOf('group')).id);
    await expectAppError(
      createTheme(db, { workspaceId }, workshopId, { title: 'Hidden', noteIds: [hidden.id] }),
      'not-found',
      /note not found/,
    );
    await expectAppError(
      createTheme(db, { token: phones[0]!.token }, workshopId, { title: 'Mine' }),
      'forbidden',
      /facilitator groups/,
    );
    const warnings = await createTheme(db, { workspaceId }, workshopId, {
      title: '  Early   warnings ',
      noteIds: [revealed[0]!.id, revealed[1]!.id],
    });
    const rhythm = await createTheme(db, { workspaceId }, workshopId, { title: 'A shared rhythm' });
    const spare = await createTheme(db, { workspaceId }, workshopId, { title: 'Spare' });
    await placeNotes(db, { workspaceId }, workshopId, [revealed[1]!.id], rhythm.id);
    await deleteTheme(db, { workspaceId }, workshopId, spare.id);
    const themes = (await view()).themes;
    expect(themes.map((t) => [t.title, t.noteIds.length])).toEqual([
      ['Early warnings', 1],
      ['A shared rhythm', 1],
    ]);
    expect(warnings.id).toBe(themes[0]!.id);
  });

  test('the dot vote: a ballot replaces, never adds; hidden until revealed, then by side', async () => {
    const db = database.db;
    const [warnings, rhythm] = (await view()).themes;
    await expectAppError(
      castBallot(db, phones[0]!.token, { [warnings!.id]: 1 }),
      'conflict',
      /vote step only/,
    );
    const vote = await stepOf('vote');
    await goToStep(db, workspaceId, workshopId, vote.id);
    await expectAppError(
      castBallot(db, phones[0]!.token, { [warnings!.id]: 4 }),
      'invalid-input',
      /more than the 3/,
    );
    await expectAppError(
      castBallot(db, phones[0]!.token, { nope: 1 }),
      'invalid-input',
      /not one of this vote/,
    );
    // Two tabs of one phone send ballots at once, many times: one ballot stands.
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        castBallot(
          db,
          phones[0]!.token,
          i % 2 ? { [warnings!.id]: 3 } : { [warnings!.id]: 1, [rhythm!.id]: 2 },
        ),
      ),
    );
    const rows = await db.select().from(workshopVotes).where(eq(workshopVotes.stepId, vote.id));
    expect(rows.reduce((sum, row) => sum + row.dots, 0)).toBe(3);
    const own = await getWorkshopForAttendee(db, phones[0]!.token);
    expect(Object.values(own.ownBallot).reduce((a, b) => a + b, 0)).toBe(3);
    await castBallot(db, phones[0]!.token, { [warnings!.id]: 3 });
    for (const phone of phones.slice(1, 11))
      await castBallot(db, phone.token, { [rhythm!.id]: 2, [warnings!.id]: 1 });
    for (const phone of phones.slice(11)) await castBallot(db, phone.token, { [warnings!.id]: 2 });
    const before = (await view()).steps.find((s) => s.id === vote.id)!;
    expect(before.voters).toEqual({ A: 11, B: 3 });
    expect(before.tally).toBeNull();
    expect(JSON.stringify(await readWorkshopEvents(db, workshopId, 0))).not.toMatch(/"tally"/);
    await revealStep(db, workspaceId, workshopId, vote.id);
    await expectAppError(castBallot(db, phones[0]!.token, {}), 'conflict', /vote is closed/);
    const tally = (await view()).steps.find((s) => s.id === vote.id)!.tally!;
    expect(tally.map((t) => [t.themeId, t.bySide.A, t.bySide.B, t.bothSides])).toEqual([
      [rhythm!.id, 20, 0, false],
      [warnings!.id, 13, 6, true],
    ]);
  });

  test('commit: a theme becomes a workstream, a small big thing or a charter principle — or nothing at all', async () => {
    const db = database.db;
    const [warnings, rhythm] = (await view()).themes;
    await goToStep(db, workspaceId, workshopId, (await stepOf('commit')).id);
    const leader = async (side: Side) =>
      (
        await db
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
    const workstream = {
      title: 'Early warnings both ways',
      type: 'operational-fix',
      owners: {
        A: { kind: 'participant', id: await leader('A') },
        B: { kind: 'participant', id: await leader('B') },
      },
      targetDimensions: ['openness'],
      startedOn: '2026-12-05',
    };
    const before = await db.select().from(workstreams);
    // A bad owner: no workstream and no commitment.
    await expectAppError(
      commitWorkshopTheme(
        db,
        workspaceId,
        workshopId,
        warnings!.id,
        {
          kind: 'workstream',
          workstream: { ...workstream, owners: { A: workstream.owners.B, B: workstream.owners.B } },
        },
        author,
      ),
      'invalid-input',
    );
    expect(await db.select().from(workstreams)).toHaveLength(before.length);
    expect(
      await db.select().from(workshopCommitments).where(eq(workshopCommitments.workshopId, workshopId)),
    ).toHaveLength(0);

    const committed = await commitWorkshopTheme(
      db,
      workspaceId,
      workshopId,
      warnings!.id,
      { kind: 'workstream', workstream },
      author,
    );
    expect(committed).toMatchObject({
      kind: 'workstream',
      text: 'Early warnings both ways',
      themeId: warnings!.id,
    });
    expect(committed.reference).toMatch(/^WS-\d+$/);
    await commitWorkshopTheme(
      db,
      workspaceId,
      workshopId,
      rhythm!.id,
      { kind: 'small-big-thing', text: 'Answer the service desk phone before noon', raisedBySide: 'A' },
      author,
    );
    const versionsBefore = (await getCharter(db, workspaceId, relationshipId)).versions.length;
    const principle = await commitWorkshopTheme(
      db,
      workspaceId,
      workshopId,
      rhythm!.id,
      { kind: 'charter-principle', text: 'We warn each other early, even when it is awkward' },
      author,
    );
    const charter = await getCharter(db, workspaceId, relationshipId);
    expect(charter.versions).toHaveLength(versionsBefore + 1);
    expect(charter.versions[0]!.principles.at(-1)).toBe('We warn each other early, even when it is awkward');
    expect(principle.reference).toBe(`charter version ${charter.versions[0]!.version}`);
    expect((await view()).commitments.map((c) => c.kind)).toEqual([
      'workstream',
      'small-big-thing',
      'charter-principle',
    ]);
  });

  test('presenting, a timer, and the end: the code stops working and the summary is kept', async () => {
    const db = database.db;
    await goToStep(db, workspaceId, workshopId, (await stepOf('present')).id);
    await presentFinding(db, workspaceId, workshopId, 2);
    await expectAppError(
      presentFinding(db, workspaceId, workshopId, 99),
      'invalid-input',
      /finding: choose 1 to/,
    );
    const timer = await setWorkshopTimer(db, workspaceId, workshopId, 300);
    expect(Date.parse(timer.endsAt!) - Date.now()).toBeGreaterThan(290_000);
    await expectAppError(setWorkshopTimer(db, workspaceId, workshopId, 0), 'invalid-input');
    expect(await view()).toMatchObject({ presentIndex: 2, timerEndsAt: timer.endsAt });

    await endWorkshop(db, workspaceId, workshopId);
    await expectAppError(endWorkshop(db, workspaceId, workshopId), 'conflict', /has ended/);
    await expectAppError(joinWorkshop(db, code, { side: 'A' }), 'not-found');
    await expectAppError(writeNote(db, phones[0]!.token, { text: 'after' }), 'conflict', /has ended/);
    const attendee = await getWorkshopForAttendee(db, phones[0]!.token);
    expect(attendee.status).toBe('ended');

    // Events: one per change, in order, resumable from any id.
    const events = await readWorkshopEvents(db, workshopId, 0, 10_000);
    const ids = events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(events.at(-1)!.kind).toBe('status');
    const resumed = await readWorkshopEvents(db, workshopId, ids[5]!);
    expect(resumed[0]!.id).toBe(ids[6]);
    const all = await db.select().from(workshopEvents).where(eq(workshopEvents.workshopId, workshopId));
    expect(all).toHaveLength(events.length);
  });

  test('the summary: agenda, revealed notes, themes with votes by side, what was committed', async () => {
    const [row] = await database.db.query.workshops.findMany({
      where: (w, { eq: is }) => is(w.id, workshopId),
    });
    const summary = row!.summary as {
      agenda: { kind: string; notes: unknown[] }[];
      themes: { title: string; votes: Record<Side, number>; bothSides: boolean }[];
      commitments: { kind: string }[];
      joined: Record<Side, number>;
    };
    expect(summary.joined).toEqual({ A: 11, B: 3 });
    expect(summary.agenda.map((s) => s.kind)).toHaveLength(8);
    expect(summary.agenda.find((s) => s.kind === 'reflect')!.notes).toHaveLength(3);
    expect(summary.themes.map((t) => [t.title, t.votes.A, t.votes.B, t.bothSides])).toEqual([
      ['Early warnings', 13, 6, true],
      ['A shared rhythm', 20, 0, false],
    ]);
    expect(summary.commitments.map((c) => c.kind)).toEqual([
      'workstream',
      'small-big-thing',
      'charter-principle',
    ]);
    // The second reflect step was never revealed: its note is in no summary.
    expect(JSON.stringify(summary)).not.toContain('Not shown yet');
  });

  test('an ended workshop goes through export → import → export, and the copy shows the same summary', async () => {
    const db = database.db;
    const exported = await exportBundle(db, workspaceId, relationshipId, { identified: true });
    // The demo's own workshop (imported with the demo) and this one, oldest first.
    const titles = exported.shareAndAct.workshops.map((w) => w.title);
    expect(titles).toEqual(['Joint feedback workshop', 'Joint feedback workshop']);
    const ours = exported.shareAndAct.workshops[1]!;
    expect(ours.joined).toEqual({ A: 11, B: 3 });
    expect(ours.themes.map((t) => t.title)).toEqual(['Early warnings', 'A shared rhythm']);
    expect(ours.commitments.map((c) => [c.kind, c.workstream !== null, c.charterVersion !== null])).toEqual([
      ['workstream', true, false],
      ['small-big-thing', false, false],
      ['charter-principle', false, true],
    ]);
    expect(ours.commitments[1]!.smallBigThing).toBe(ours.commitments[1]!.text);
    const demo = exported.shareAndAct.workshops[0]!;
    expect(demo.commitments.map((c) => c.workstream).filter(Boolean)).toEqual(['WS-1', 'WS-2', 'WS-3']);

    const files = serializeBundle(exported);
    const parsed = parseBundle(files);
    if (!parsed.ok) throw new Error(parsed.problems.map(formatBundleProblem).join('\n'));
    expect(parsed.bundle.shareAndAct.workshops).toEqual(exported.shareAndAct.workshops);
    const imported = await importBundle(db, workspaceId, {
      ...parsed.bundle,
      relationship: { ...parsed.bundle.relationship, name: 'Workshop copy' },
    });
    const again = await exportBundle(db, workspaceId, imported.relationshipId, { identified: true });
    expect(again.shareAndAct.workshops).toEqual(exported.shareAndAct.workshops);

    // The copy is an ended workshop whose pages show the same summary (new ids aside).
    const list = await listWorkshops(db, workspaceId, imported.relationshipId);
    expect(list.workshops.map((w) => [w.status, w.code])).toEqual([
      ['ended', null],
      ['ended', null],
    ]);
    const copyId = list.workshops.find((w) => w.startedAt === ours.startedAt)!.id;
    const copy = await getWorkshopForFacilitator(db, workspaceId, copyId);
    const original = await view();
    const withoutIds = (summary: unknown) =>
      JSON.parse(
        JSON.stringify(summary, (key, value) =>
          ['id', 'themeId', 'noteIds', 'reference'].includes(key) ? undefined : value,
        ),
      );
    expect(withoutIds({ ...copy.summary, relationship: '' })).toEqual(
      withoutIds({ ...original.summary, relationship: '' }),
    );
    expect(copy.summary!.themes.map((t) => t.noteIds.length)).toEqual(
      original.summary!.themes.map((t) => t.noteIds.length),
    );
    expect(copy.steps.map((s) => s.kind)).toEqual(original.steps.map((s) => s.kind));
    expect(copy.commitments.map((c) => c.reference)[0]).toMatch(/^WS-\d+$/);
  });

  test('a de-identified export drops the names people signed notes with; bad references are named', async () => {
    const db = database.db;
    const identified = await exportBundle(db, workspaceId, relationshipId, { identified: true });
    const signed = identified.shareAndAct.workshops[1]!.agenda.flatMap((s) => s.notes).filter(
      (n) => n.signedAs,
    );
    expect(signed.length).toBeGreaterThan(0);
    const bundle = await exportBundle(db, workspaceId, relationshipId);
    const notes = bundle.shareAndAct.workshops.flatMap((w) => w.agenda.flatMap((s) => s.notes));
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.every((n) => n.signedAs === null)).toBe(true);

    const files = serializeBundle(identified);
    const data = JSON.parse(files[SHARE_AND_ACT_FILE]!);
    const w = data.workshops[1];
    w.wave = 'Year 9';
    w.commitments[0].workstream = 'WS-99';
    w.commitments[2].charterVersion = 42;
    w.agenda[1].notes[0].theme = 'T-9';
    w.agenda[0].votes = [];
    const parsed = parseBundle({ ...files, [SHARE_AND_ACT_FILE]: JSON.stringify(data) });
    expect(parsed.ok ? [] : parsed.problems.map(formatBundleProblem)).toEqual(
      expect.arrayContaining([
        'share-and-act.json $.workshops[1].wave: wave "Year 9" is not a wave of relationship.json',
        'share-and-act.json $.workshops[1].commitments[0].workstream: workstream WS-99 is not in $.workstreams',
        'share-and-act.json $.workshops[1].commitments[2].charterVersion: charter version 42 is not in $.charter',
        'share-and-act.json $.workshops[1].agenda[1].notes[0].theme: theme T-9 is not in $.workshops[1].themes',
        'share-and-act.json $.workshops[1].agenda[0].votes: only a vote step holds votes, not a present step',
      ]),
    );
  });

  test('sponsors and facilitators join signed in, without the code; joining again is the same attendee', async () => {
    const db = database.db;
    const { id } = await createWorkshop(
      db,
      workspaceId,
      relationshipId,
      { wave: 'Baseline', title: 'Sponsors’ check-in' },
      author,
    );
    const sponsor = await createUser(db, workspaceId, {
      email: 'nora.workshop@northwater.example',
      name: 'Nora Northwater',
      password: 'correct horse battery staple',
      role: 'sponsor',
    });
    const outsider = await createUser(db, workspaceId, {
      email: 'olaf@elsewhere.example',
      name: 'Olaf Outside',
      password: 'correct horse battery staple',
      role: 'sponsor',
    });
    await db.insert(sponsorGrants).values({ userId: sponsor.id, relationshipId, side: 'A' });
    const asSponsor = { id: sponsor.id, workspaceId, role: 'sponsor' as const };
    const facilitator = { id: outsider.id, workspaceId, role: 'facilitator' as const };
    await expectAppError(joinWorkshopSignedIn(db, asSponsor, id, {}), 'conflict', /not started yet/);
    await startWorkshop(db, workspaceId, id);

    // A sponsor joins on the side of their grant, whatever they ask for; without a grant, no workshop.
    const first = await joinWorkshopSignedIn(db, asSponsor, id, { side: 'B', level: 'leadership' });
    const seen = await getWorkshopForAttendee(db, first.token);
    expect(seen.you).toEqual({ side: 'A', level: 'leadership' });
    await expectAppError(
      joinWorkshopSignedIn(db, { id: outsider.id, workspaceId, role: 'sponsor' }, id, {}),
      'not-found',
    );
    await expectAppError(
      joinWorkshopSignedIn(db, { ...asSponsor, workspaceId: otherWorkspaceId }, id, {}),
      'not-found',
    );
    // A facilitator says which side they are on.
    await expectAppError(joinWorkshopSignedIn(db, facilitator, id, {}), 'invalid-input', /organisation/);
    await joinWorkshopSignedIn(db, facilitator, id, { side: 'B' });
    expect(seen.joined).toEqual({ A: 1, B: 0 });

    // On another device: the same attendee with their note, a new token, the old one signed out.
    const reflect = (await getWorkshopForFacilitator(db, workspaceId, id)).steps.find(
      (s) => s.kind === 'reflect',
    )!;
    await goToStep(db, workspaceId, id, reflect.id);
    await writeNote(db, first.token, { text: 'From the laptop' });
    const again = await joinWorkshopSignedIn(db, asSponsor, id, {});
    expect(again.attendeeId).toBe(first.attendeeId);
    expect((await getWorkshopForAttendee(db, again.token)).ownNotes.map((n) => n.text)).toEqual([
      'From the laptop',
    ]);
    await expectAppError(getWorkshopForAttendee(db, first.token), 'unauthorized');
    const room = await getWorkshopForFacilitator(db, workspaceId, id);
    expect(room.joined).toEqual({ A: 1, B: 1 });
    await endWorkshop(db, workspaceId, id);
  });

  test('where the facilitator lets the room group, phones make themes and move notes, in a group step only', async () => {
    const db = database.db;
    const created = await createWorkshop(
      db,
      workspaceId,
      relationshipId,
      { wave: 'Baseline', title: 'The room groups', attendeesGroup: true },
      author,
    );
    await startWorkshop(db, workspaceId, created.id);
    const [a, b] = [
      await joinWorkshop(db, created.code, { side: 'A' }),
      await joinWorkshop(db, created.code, { side: 'B' }),
    ];
    const steps = (await getWorkshopForFacilitator(db, workspaceId, created.id)).steps;
    const reflect = steps.find((s) => s.kind === 'reflect')!;
    await goToStep(db, workspaceId, created.id, reflect.id);
    const fromA = await writeNote(db, a!.token, { text: 'Tell us early' });
    const fromB = await writeNote(db, b!.token, { text: 'Answer the phone' });
    // One person a side: everyone would know whose note is whose. The facilitator must say so.
    await expectAppError(
      revealStep(db, workspaceId, created.id, reflect.id),
      'invalid-input',
      /showSmallSides: only 1 person from Northwater Utilities and 1 person from Corvid IT Services joined \(fewer than 3\)/,
    );
    expect((await getWorkshopForFacilitator(db, workspaceId, created.id)).smallSides).toEqual(['A', 'B']);
    await revealStep(db, workspaceId, created.id, reflect.id, { showSmallSides: true });
    await expectAppError(
      createTheme(db, { token: a!.token }, created.id, { title: 'Too soon', noteIds: [fromA.id] }),
      'conflict',
      /group step/,
    );
    await goToStep(db, workspaceId, created.id, steps.find((s) => s.kind === 'group')!.id);
    const theme = await createTheme(db, { token: a!.token }, created.id, {
      title: 'Talking',
      noteIds: [fromA.id, fromB.id],
    });
    await placeNotes(db, { token: b!.token }, created.id, [fromB.id], null);
    // Another workshop's token groups nothing here.
    await expectAppError(
      placeNotes(db, { token: phones[0]!.token }, created.id, [fromA.id], null),
      'not-found',
    );
    const after = await getWorkshopForFacilitator(db, workspaceId, created.id);
    expect(after.themes).toEqual([{ id: theme.id, title: 'Talking', noteIds: [fromA.id] }]);
    await endWorkshop(db, workspaceId, created.id);
  });
});
