import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { refusal } from '../../tests/support/app-error.ts';
import { insertTwoWorkspaces } from '../../tests/support/route-test-app.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { incidents } from '../db/schema.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { BUILT_IN_INTERVIEW_GUIDES } from '../domain/interview-guide.ts';
import { addParticipant } from './add-participant.ts';
import { createRelationship } from './create-relationship.ts';
import { extractInterviewIncident } from './extract-interview-incident.ts';
import { extractQuote } from './extract-quote.ts';
import { getInterview } from './get-interview.ts';
import { getInterviewGuide } from './get-interview-guide.ts';
import { listInterviews } from './list-interviews.ts';
import { listQuotes } from './list-quotes.ts';
import { resetInterviewGuide } from './reset-interview-guide.ts';
import { scheduleInterview } from './schedule-interview.ts';
import { updateInterview } from './update-interview.ts';
import { updateInterviewGuide } from './update-interview-guide.ts';
import { updateParticipant } from './update-participant.ts';

// Interviews (issue 4, item 4): schedule, record, extract quotes and incidents by passage, and the
// workspace's guide. The same suite against PGlite and, with DATABASE_URL, PostgreSQL.

const TRANSCRIPT = [
  'Q: Tell me about a time their team went beyond the contract.',
  'A: In March the storm took out two pumping stations. Their engineer drove',
  'out at night and had telemetry back by six, although the contract said next day.',
  'It changed how my team talks about them.',
].join('\n');

describe.each(testStores)('interviews on $kind', (store) => {
  let database: Database;
  let mine: string;
  let theirs: string;
  let relationshipId: string;
  let participantId: string;

  beforeAll(async () => {
    database = await store.open();
    ({ mine, theirs } = await insertTwoWorkspaces(database));
    const relationship = await createRelationship(database.db, mine, {
      name: 'Northwind ⇄ Contoso',
      sides: { A: { name: 'Northwind', role: 'customer' }, B: { name: 'Contoso', role: 'supplier' } },
    });
    relationshipId = relationship.id;
    const participant = await addParticipant(database.db, mine, relationshipId, {
      name: 'Ann Lee',
      email: 'ann@northwind.example',
      side: 'A',
      level: 'operational',
    });
    participantId = participant.id;
  });
  afterAll(async () => {
    await database?.close();
  });

  test('an interview is scheduled with a participant, takes their side and level, and is recorded as held', async () => {
    const scheduled = await scheduleInterview(database.db, mine, relationshipId, {
      participantId,
      heldOn: '2026-03-02',
      interviewer: 'Jo Facilitator',
    });
    expect(scheduled).toMatchObject({
      ref: 'INT-001',
      participantName: 'Ann Lee',
      side: 'A',
      level: 'operational',
      status: 'scheduled',
      notes: '',
    });

    const held = await updateInterview(database.db, mine, relationshipId, 'INT-001', {
      status: 'held',
      transcript: TRANSCRIPT,
      notes: 'Storm night: engineer went beyond the contract.',
    });
    expect(held).toMatchObject({ status: 'held', transcript: TRANSCRIPT });

    // A later move of the participant does not re-attribute the interview.
    await updateParticipant(database.db, mine, relationshipId, participantId, { level: 'leadership' });
    const [listed] = await listInterviews(database.db, mine, relationshipId);
    expect(listed).toMatchObject({
      ref: 'INT-001',
      level: 'operational',
      status: 'held',
      hasNotes: true,
      hasTranscript: true,
      quotes: 0,
      incidents: 0,
    });
    await updateParticipant(database.db, mine, relationshipId, participantId, { level: 'operational' });

    const second = await scheduleInterview(database.db, mine, relationshipId, {
      participantId,
      heldOn: '2026-04-01',
    });
    expect(second.ref).toBe('INT-002');
  });

  test('scheduling refuses a participant of another relationship and a bad date, naming the field', async () => {
    const other = await createRelationship(database.db, mine, {
      name: 'Elsewhere',
      sides: { A: { name: 'X', role: '' }, B: { name: 'Y', role: '' } },
    });
    const stranger = await addParticipant(database.db, mine, other.id, {
      name: 'Stranger',
      email: 's@x.example',
      side: 'B',
      level: 'staff',
    });
    const wrongPerson = await refusal(
      scheduleInterview(database.db, mine, relationshipId, {
        participantId: stranger.id,
        heldOn: '2026-03-02',
      }),
    );
    expect(wrongPerson.code).toBe('invalid-input');
    expect(wrongPerson.details).toEqual([
      { field: 'participantId', message: 'is not a participant of this relationship' },
    ]);

    const badDate = await refusal(
      scheduleInterview(database.db, mine, relationshipId, { participantId, heldOn: '2026-02-30' }),
    );
    expect(badDate.message).toBe('heldOn: is not a real date written YYYY-MM-DD');
  });

  test('a passage of the transcript becomes a quote attributed to side and level only', async () => {
    // Selected in a browser: the line break came back as a space.
    const quote = await extractQuote(database.db, mine, relationshipId, 'INT-001', {
      passage: '  It changed how   my team talks about them. ',
    });
    expect(quote).toMatchObject({
      text: 'It changed how my team talks about them.',
      side: 'A',
      level: 'operational',
      interviewRef: 'INT-001',
    });
    expect(Object.keys(quote)).not.toContain('participantName');
    const all = await listQuotes(database.db, mine, relationshipId);
    expect(all.map((q) => q.text)).toEqual(['It changed how my team talks about them.']);
    expect(JSON.stringify(all)).not.toContain('Ann Lee');
  });

  test('a passage that is not in the saved texts is refused with a clear error on the passage field', async () => {
    const error = await refusal(
      extractQuote(database.db, mine, relationshipId, 'INT-001', {
        passage: 'Their engineer never came out at night.',
      }),
    );
    expect(error.code).toBe('invalid-input');
    expect(error.details).toEqual([
      expect.objectContaining({
        field: 'passage',
        message: expect.stringContaining('is not in the saved notes or transcript of INT-001'),
      }),
    ]);
    expect((await listQuotes(database.db, mine, relationshipId)).length).toBe(1);
  });

  test('a passage becomes an incident from the interview, reported by the interviewee’s side and level', async () => {
    const created = await extractInterviewIncident(database.db, mine, relationshipId, 'INT-001', {
      passage: 'Their engineer drove out at night and had telemetry back by six',
      title: 'Storm night call-out',
      occurredOn: '2026-03-01',
      direction: 'builds',
      strength: '3',
      dimensions: ['benevolence'],
    });
    expect(created.ref).toMatch(/^INC-\d{3}$/);
    const [row] = await database.db.select().from(incidents).where(eq(incidents.id, created.id));
    expect(row).toMatchObject({
      source: 'interview',
      reporterSide: 'A',
      reporterLevel: 'operational',
      sourcePassage: 'Their engineer drove out at night and had telemetry back by six',
      narrative: 'Their engineer drove out at night and had telemetry back by six',
      direction: 'builds',
      strength: 3,
      dimensions: ['benevolence'],
    });
    const detail = await getInterview(database.db, mine, relationshipId, 'INT-001');
    expect(detail.incidents).toEqual([
      expect.objectContaining({
        ref: created.ref,
        title: 'Storm night call-out',
        sourcePassage: row!.sourcePassage,
      }),
    ]);
    expect(detail.quotes.length).toBe(1);
    expect(detail.guide).toMatchObject({ level: 'operational', isCustom: false });
    expect(detail.dimensions.map((d) => d.key)).toContain('benevolence');

    const refused = await refusal(
      extractInterviewIncident(database.db, mine, relationshipId, 'INT-001', {
        passage: 'a storm that never happened',
        title: 'x',
        occurredOn: '2026-03-01',
        direction: 'dilutes',
        strength: 1,
      }),
    );
    expect(refused.details).toEqual([expect.objectContaining({ field: 'passage' })]);
  });

  test('another workspace sees none of it: not-found', async () => {
    // Thunks, so each refusal is awaited as it happens (no unhandled rejection in between).
    for (const attempt of [
      () => listInterviews(database.db, theirs, relationshipId),
      () => getInterview(database.db, theirs, relationshipId, 'INT-001'),
      () => updateInterview(database.db, theirs, relationshipId, 'INT-001', { notes: 'x' }),
      () => extractQuote(database.db, theirs, relationshipId, 'INT-001', { passage: 'It changed' }),
      () => scheduleInterview(database.db, theirs, relationshipId, { participantId, heldOn: '2026-03-02' }),
    ]) {
      expect((await refusal(attempt())).code).toBe('not-found');
    }
    expect((await refusal(getInterview(database.db, mine, relationshipId, 'INT-999'))).code).toBe(
      'not-found',
    );
  });

  test('the guide is the built-in one until a level is edited, and can be reset', async () => {
    const before = await getInterviewGuide(database.db, mine);
    expect(before.map((g) => [g.level, g.isCustom])).toEqual([
      ['leadership', false],
      ['operational', false],
      ['staff', false],
    ]);
    expect(before[2]!.body).toBe(BUILT_IN_INTERVIEW_GUIDES.staff);

    const edited = await updateInterviewGuide(database.db, mine, {
      level: 'staff',
      body: '## Context\n- Who do you call?',
    });
    expect(edited).toMatchObject({ level: 'staff', isCustom: true, body: '## Context\n- Who do you call?' });
    expect((await getInterviewGuide(database.db, theirs))[2]!.isCustom).toBe(false);

    const empty = await refusal(updateInterviewGuide(database.db, mine, { level: 'staff', body: '  ' }));
    expect(empty.details).toEqual([expect.objectContaining({ field: 'body' })]);

    const reset = await resetInterviewGuide(database.db, mine, 'staff');
    expect(reset).toMatchObject({ isCustom: false, body: BUILT_IN_INTERVIEW_GUIDES.staff });
  });

  test('the demo’s interviews arrive held, with notes, quotes can be taken from them', async () => {
    const demo = await loadDemo(database.db, mine);
    const list = await listInterviews(database.db, mine, demo.relationshipId);
    expect(list.length).toBe(16);
    expect(list.every((i) => i.status === 'held' && i.hasNotes && i.participantName)).toBe(true);
    const quote = await extractQuote(database.db, mine, demo.relationshipId, 'INT-005', {
      passage: 'nobody owned it',
    });
    expect(quote).toMatchObject({ side: 'A', level: 'staff' });
  });
});
