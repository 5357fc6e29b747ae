import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { refusal } from '../../tests/support/app-error.ts';
import { insertTwoWorkspaces } from '../../tests/support/route-test-app.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database, Db } from '../db/client.ts';
import { openAnswers, openAnswerThemes, participants, responses, waves } from '../db/schema.ts';
import type { Level, Side } from '../domain/model.ts';
import { createRelationship } from './create-relationship.ts';
import { createWave } from './create-wave.ts';
import { commentRef } from './find-open-answer.ts';
import { importParticipantsCsv } from './import-participants-csv.ts';
import { listOpenAnswers } from './list-open-answers.ts';
import { hideOpenAnswer, redactOpenAnswer } from './redact-open-answer.ts';
import { renameCommentTheme } from './rename-comment-theme.ts';
import { tagOpenAnswer } from './tag-open-answer.ts';
import { untagOpenAnswer } from './untag-open-answer.ts';

// The open-text comments of a wave (issue 4, item 2) on PGlite and, with DATABASE_URL, PostgreSQL:
// only submitted responses, attributed to a level only where it has 5 respondents (and not by
// elimination), in the keyed order, with theme tags counted without regard to case.

/** Respondents per side and level; each submits and answers WORKING; one more A staff has not submitted. */
const GROUPS: Record<Side, Record<Level, number>> = {
  A: { leadership: 4, operational: 5, staff: 6 },
  B: { leadership: 2, operational: 3, staff: 5 },
};

async function seedWave(db: Db, workspaceId: string) {
  const rel = await createRelationship(db, workspaceId, {
    name: 'Harbour ⇄ Meridian',
    sides: { A: { name: 'Harbour', role: 'customer' }, B: { name: 'Meridian', role: 'supplier' } },
    anonymityThreshold: 3,
  });
  const rows = ['name,email,side,level'];
  for (const side of ['A', 'B'] as const) {
    for (const [level, n] of Object.entries(GROUPS[side])) {
      for (let i = 1; i <= n; i++)
        rows.push(`${side} ${level} ${i},${side}-${level}-${i}@x.example,${side},${level}`);
    }
  }
  rows.push('Late Writer,late@x.example,A,staff');
  await importParticipantsCsv(db, workspaceId, rel.id, `${rows.join('\n')}\n`);
  const wave = await createWave(db, workspaceId, rel.id, {
    label: 'Baseline',
    opens: '2030-01-01',
    closes: '2030-01-31',
  });
  const people = await db.select().from(participants).where(eq(participants.relationshipId, rel.id));
  const submittedAt = new Date('2030-01-05T10:00:00Z');
  const inserted = await db
    .insert(responses)
    .values(
      people.map((p) => ({
        waveId: wave.id,
        participantId: p.id,
        side: p.side,
        level: p.level,
        answers: {},
        submittedAt: p.name === 'Late Writer' ? null : submittedAt,
      })),
    )
    .returning({ id: responses.id, participantId: responses.participantId });
  const nameOf = (participantId: string) => people.find((p) => p.id === participantId)!.name;
  // Written in name order, so "submission order" here is alphabetical: the output must not be.
  await db.insert(openAnswers).values(
    inserted.map((r) => ({
      responseId: r.id,
      questionCode: 'WORKING',
      text: `Said by ${nameOf(r.participantId)}`,
    })),
  );
  // Comments exist for anyone only once their wave has closed (decision 022).
  await db.update(waves).set({ status: 'closed' }).where(eq(waves.id, wave.id));
  return { rel, wave, people, inserted, nameOf };
}

describe.each(testStores)('open-text comments on $kind', (store) => {
  let database: Database;
  let workspaceId: string;
  let otherWorkspaceId: string;
  let seeded: Awaited<ReturnType<typeof seedWave>>;

  beforeAll(async () => {
    database = await store.open();
    ({ mine: workspaceId, theirs: otherWorkspaceId } = await insertTwoWorkspaces(database));
    seeded = await seedWave(database.db, workspaceId);
  });
  afterAll(async () => {
    await database?.close();
  });

  const list = (theme?: string) =>
    listOpenAnswers(database.db, workspaceId, seeded.rel.id, { wave: 'Baseline', theme });
  const refOf = (name: string) => {
    const person = seeded.people.find((p) => p.name === name)!;
    const response = seeded.inserted.find((r) => r.participantId === person.id)!;
    return commentRef(seeded.wave.id, response.id, 'WORKING');
  };

  test('only submitted comments, each once, attributed to a level only where it is safe', async () => {
    const view = await list();
    expect(view.wave).toMatchObject({ label: 'Baseline', attributionThreshold: 5 });
    expect(view.submittedResponses).toBe(25);
    const working = view.comments!.questions.find((q) => q.code === 'WORKING')!;
    const [a, b] = working.sides;
    expect(a!.comments).toHaveLength(15);
    expect(b!.comments).toHaveLength(10);
    expect(a!.comments.map((c) => c.text)).not.toContain('Said by Late Writer');
    // A: leadership 4 is small, and hides operational (5) with it so it is not found by elimination.
    expect(view.comments!.levels.A).toEqual({
      named: ['staff'],
      hidden: ['leadership', 'operational'],
      threshold: 5,
    });
    // B: leadership 2 + operational 3 hide each other (5 together); staff, exactly 5, is named.
    expect(view.comments!.levels.B).toEqual({
      named: ['staff'],
      hidden: ['leadership', 'operational'],
      threshold: 5,
    });
    for (const side of [a!, b!]) {
      for (const comment of side.comments) {
        const writerLevel = comment.text.split(' ')[3];
        expect(comment.attribution).toEqual(
          writerLevel === 'staff'
            ? { kind: 'level', side: side.side, level: 'staff' }
            : { kind: 'side', side: side.side, reason: 'small-level', threshold: 5 },
        );
      }
    }
  });

  test('the order is the keyed one: not the order written, the same every time, different per wave key', async () => {
    const first = await list();
    const refs = first.comments!.questions[0]!.sides[0]!.comments.map((c) => c.ref);
    expect(refs).toEqual([...refs].sort());
    const texts = first.comments!.questions[0]!.sides[0]!.comments.map((c) => c.text);
    expect(texts).not.toEqual([...texts].sort());
    expect((await list()).comments).toEqual(first.comments);
    expect(refOf('A staff 1')).not.toBe(commentRef('another wave id', seeded.inserted[0]!.id, 'WORKING'));
  });

  test('nothing in the view names a person, a response or a time', async () => {
    const json = JSON.stringify(await list());
    for (const r of seeded.inserted) expect(json).not.toContain(r.id);
    for (const p of seeded.people) {
      expect(json).not.toContain(p.id);
      expect(json).not.toContain(p.email);
    }
    expect(json).not.toMatch(/2030-01-05|submitted_?at|participant_?id|T\d\d:\d\d/i);
  });

  test('themes: added once whatever the case, counted per side, filtered, removed', async () => {
    const db = database.db;
    const staffRef = refOf('A staff 2');
    const leaderRef = refOf('B leadership 1');
    expect(
      await tagOpenAnswer(db, workspaceId, seeded.rel.id, 'Baseline', staffRef, '  Ways of   working '),
    ).toEqual({
      ref: staffRef,
      themes: ['Ways of working'],
    });
    await tagOpenAnswer(db, workspaceId, seeded.rel.id, 'Baseline', staffRef, 'WAYS OF WORKING');
    await tagOpenAnswer(db, workspaceId, seeded.rel.id, 'Baseline', staffRef, 'Charter');
    await tagOpenAnswer(db, workspaceId, seeded.rel.id, 'Baseline', leaderRef, 'ways of working');
    const stored = await db.select().from(openAnswerThemes);
    // The second comment's "ways of working" takes the spelling the wave already uses.
    expect(stored.map((t) => t.theme).sort()).toEqual(['Charter', 'Ways of working', 'Ways of working']);

    const before = await list();
    const working = before.comments!.questions.find((q) => q.code === 'WORKING')!;
    expect(working.themeCounts).toEqual([
      { key: 'ways of working', label: 'Ways of working', bySide: { A: 1, B: 1 }, total: 2 },
      { key: 'charter', label: 'Charter', bySide: { A: 1, B: 0 }, total: 1 },
    ]);
    const filtered = await list('Ways of Working');
    expect(filtered.comments!.questions[0]!.sides.map((s) => s.comments.map((c) => c.ref))).toEqual([
      [staffRef],
      [leaderRef],
    ]);
    // Tagging does not move anything.
    const order = (view: typeof before) =>
      view.comments!.questions[0]!.sides.map((s) => s.comments.map((c) => c.ref));
    expect(order(before)).toEqual(
      order(await listOpenAnswers(db, workspaceId, seeded.rel.id, { wave: 'Baseline' })),
    );

    expect(
      await untagOpenAnswer(db, workspaceId, seeded.rel.id, 'Baseline', staffRef, 'ways of working'),
    ).toEqual({
      ref: staffRef,
      themes: ['Charter'],
    });
    const after = (await list()).comments!.questions[0]!;
    expect(after.themeCounts.map((t) => [t.key, t.bySide])).toEqual([
      ['charter', { A: 1, B: 0 }],
      ['ways of working', { A: 0, B: 1 }],
    ]);
  });

  test('refusals: a blank or too long theme names the field; unknown, unsubmitted and foreign comments are not found', async () => {
    const db = database.db;
    const ref = refOf('A staff 3');
    const blank = await refusal(tagOpenAnswer(db, workspaceId, seeded.rel.id, 'Baseline', ref, '   '));
    expect(blank.code).toBe('invalid-input');
    expect(blank.details).toEqual([{ field: 'theme', message: expect.stringMatching(/type a theme/) }]);
    const long = await refusal(
      tagOpenAnswer(db, workspaceId, seeded.rel.id, 'Baseline', ref, 'x'.repeat(41)),
    );
    expect(long.details).toEqual([
      { field: 'theme', message: expect.stringMatching(/at most 40 characters/) },
    ]);

    const late = refOf('Late Writer');
    expect((await refusal(tagOpenAnswer(db, workspaceId, seeded.rel.id, 'Baseline', late, 'x'))).code).toBe(
      'not-found',
    );
    expect((await refusal(tagOpenAnswer(db, workspaceId, seeded.rel.id, 'Baseline', 'f00d', 'x'))).code).toBe(
      'not-found',
    );
    expect((await refusal(tagOpenAnswer(db, workspaceId, seeded.rel.id, 'Pulse', ref, 'x'))).code).toBe(
      'not-found',
    );
    expect(
      (await refusal(tagOpenAnswer(db, otherWorkspaceId, seeded.rel.id, 'Baseline', ref, 'x'))).code,
    ).toBe('not-found');
    expect(
      (await refusal(untagOpenAnswer(db, otherWorkspaceId, seeded.rel.id, 'Baseline', ref, 'x'))).code,
    ).toBe('not-found');
    expect((await refusal(listOpenAnswers(db, otherWorkspaceId, seeded.rel.id))).code).toBe('not-found');
    expect((await refusal(listOpenAnswers(db, workspaceId, seeded.rel.id, { wave: 'Nope' }))).code).toBe(
      'not-found',
    );
  });

  test('redaction and hiding: everyone else reads the redacted text and no hidden comment; facilitators keep the original', async () => {
    const db = database.db;
    const named = refOf('A staff 4');
    const hidden = refOf('B staff 2');
    expect(
      await redactOpenAnswer(db, workspaceId, seeded.rel.id, 'Baseline', named, '  Said by [name]  '),
    ).toEqual({ ref: named, redacted: true, hidden: false });
    expect(await hideOpenAnswer(db, workspaceId, seeded.rel.id, 'Baseline', hidden, true)).toEqual({
      ref: hidden,
      redacted: false,
      hidden: true,
    });
    await tagOpenAnswer(db, workspaceId, seeded.rel.id, 'Baseline', hidden, 'Only on a hidden one');

    const all = (view: Awaited<ReturnType<typeof list>>) =>
      view.comments!.questions.flatMap((q) => q.sides.flatMap((s) => s.comments));
    const mine = all(await list());
    expect(mine.find((c) => c.ref === named)).toMatchObject({
      text: 'Said by [name]',
      original: 'Said by A staff 4',
      hidden: false,
    });
    expect(mine.find((c) => c.ref === hidden)).toMatchObject({ text: 'Said by B staff 2', hidden: true });

    const shared = await listOpenAnswers(db, workspaceId, seeded.rel.id, {
      wave: 'Baseline',
      audience: 'shared',
    });
    const json = JSON.stringify(shared);
    expect(json).not.toContain('Said by A staff 4');
    expect(json).not.toContain('Said by B staff 2');
    expect(json).not.toContain('Only on a hidden one');
    expect(all(shared).find((c) => c.ref === named)).toMatchObject({
      text: 'Said by [name]',
      original: null,
    });
    expect(all(shared).some((c) => c.ref === hidden)).toBe(false);
    // The stored words are the participant's, untouched.
    const [stored] = await db
      .select({ text: openAnswers.text })
      .from(openAnswers)
      .where(eq(openAnswers.text, 'Said by A staff 4'));
    expect(stored).toBeDefined();

    // Typing the original back, or nothing, undoes the redaction; showing it again brings it back.
    expect(
      await redactOpenAnswer(db, workspaceId, seeded.rel.id, 'Baseline', named, 'Said by A staff 4'),
    ).toMatchObject({ redacted: false });
    await hideOpenAnswer(db, workspaceId, seeded.rel.id, 'Baseline', hidden, false);
    const again = all(
      await listOpenAnswers(db, workspaceId, seeded.rel.id, { wave: 'Baseline', audience: 'shared' }),
    );
    expect(again.find((c) => c.ref === named)?.text).toBe('Said by A staff 4');
    expect(again.some((c) => c.ref === hidden)).toBe(true);
    await untagOpenAnswer(db, workspaceId, seeded.rel.id, 'Baseline', hidden, 'Only on a hidden one');

    const tooLong = await refusal(
      redactOpenAnswer(db, workspaceId, seeded.rel.id, 'Baseline', named, 'x'.repeat(4001)),
    );
    expect(tooLong.details).toEqual([
      expect.objectContaining({ field: 'text', message: expect.stringMatching(/at most 4,000/) }),
    ]);
    expect(
      (await refusal(redactOpenAnswer(db, otherWorkspaceId, seeded.rel.id, 'Baseline', named, 'x'))).code,
    ).toBe('not-found');
  });

  test('a theme is renamed or removed on every comment of the wave at once, merging into one in use', async () => {
    const db = database.db;
    const one = refOf('A staff 5');
    const two = refOf('B staff 3');
    await tagOpenAnswer(db, workspaceId, seeded.rel.id, 'Baseline', one, 'Tickts');
    await tagOpenAnswer(db, workspaceId, seeded.rel.id, 'Baseline', two, 'tickts');
    await tagOpenAnswer(db, workspaceId, seeded.rel.id, 'Baseline', two, 'Tickets');
    expect(await renameCommentTheme(db, workspaceId, seeded.rel.id, 'Baseline', 'TICKTS', 'tickets')).toEqual(
      {
        theme: 'Tickets',
        comments: 2,
      },
    );
    const themes = async () =>
      (await db.select().from(openAnswerThemes)).map((t) => t.theme).filter((t) => /tick/i.test(t));
    expect((await themes()).sort()).toEqual(['Tickets', 'Tickets']);
    expect(await renameCommentTheme(db, workspaceId, seeded.rel.id, 'Baseline', 'tickets', null)).toEqual({
      theme: null,
      comments: 2,
    });
    expect(await themes()).toEqual([]);
    expect(
      (await refusal(renameCommentTheme(db, workspaceId, seeded.rel.id, 'Baseline', 'nothing', 'x'))).code,
    ).toBe('not-found');
    const blank = await refusal(
      renameCommentTheme(db, workspaceId, seeded.rel.id, 'Baseline', 'Charter', ' '),
    );
    expect(blank.details).toEqual([
      expect.objectContaining({ field: 'to', message: expect.stringMatching(/type a theme/) }),
    ]);
  });

  test('an open wave gives its submitted count and no comment; its comments cannot be tagged', async () => {
    const db = database.db;
    await db.update(waves).set({ status: 'open' }).where(eq(waves.id, seeded.wave.id));
    try {
      const view = await list();
      expect(view).toMatchObject({
        wave: { label: 'Baseline', status: 'open' },
        comments: null,
        submittedResponses: 25,
      });
      expect(JSON.stringify(view)).not.toContain('Said by');
      const refused = await refusal(
        tagOpenAnswer(db, workspaceId, seeded.rel.id, 'Baseline', refOf('A staff 1'), 'x'),
      );
      expect(refused.code).toBe('not-found');
      expect(refused.message).toMatch(/still open/);
    } finally {
      await db.update(waves).set({ status: 'closed' }).where(eq(waves.id, seeded.wave.id));
    }
  });

  test('without a wave asked for, the latest closed one, else the latest that is not a draft; without waves, none', async () => {
    const db = database.db;
    expect((await listOpenAnswers(db, workspaceId, seeded.rel.id)).wave?.label).toBe('Baseline');
    const empty = await createRelationship(db, workspaceId, {
      name: 'Empty',
      sides: { A: { name: 'One', role: '' }, B: { name: 'Two', role: '' } },
      anonymityThreshold: 3,
    });
    expect(await listOpenAnswers(db, workspaceId, empty.id)).toMatchObject({
      wave: null,
      comments: null,
      waves: [],
    });
  });
});
