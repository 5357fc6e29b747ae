import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { signInClient } from '../../tests/support/api-client.ts';
import { createOpenSurvey, type OpenSurvey } from '../../tests/support/open-survey.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import { createTestWebApp } from '../../tests/support/web-app.ts';
import type { Database } from '../db/client.ts';
import { queryRows } from '../db/query-rows.ts';
import { BUILT_IN_INSTRUMENT } from '../domain/built-in-instrument.ts';
import { createUser } from '../services/create-user.ts';
import { createApp } from './create-app.ts';

// The server's log never carries a participant's words, a name, an email or a survey token: a whole
// survey session, with its failures, through the real pino logger as `trustloop serve` makes it,
// and everything else the process writes (stderr, console), searched for each of them.

const PARTICIPANT = { name: 'Zelda Quillfeather', email: 'zelda.quillfeather@example.com' };
const FACILITATOR = { name: 'Franziska Oberholtzer', email: 'franziska.o@example.com' };
const PASSWORD = 'correct horse battery';
const ANSWER = 'Their night shift covers for ours without being asked';
const FAILING_ANSWER = 'The weekly call with Bartholomew goes nowhere';

describe.each(testStores)('the log of a survey session on $kind', (store) => {
  let database: Database;
  let survey: OpenSurvey;
  let app: ReturnType<typeof createApp>;
  const lines: string[] = [];

  beforeAll(async () => {
    database = await store.open();
    survey = await createOpenSurvey(database.db, {
      people: [PARTICIPANT, { name: 'Yusuf Other', email: 'yusuf.other@example.com' }],
    });
    await createUser(database.db, survey.workspaceId, {
      ...FACILITATOR,
      password: PASSWORD,
      role: 'facilitator',
    });
    const log = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    app = createApp({ db: database.db, storeKind: store.kind, log, web: await createTestWebApp() });
  });
  afterAll(async () => {
    await database?.close();
  });

  test('no token, code, name, email or answer reaches a log line, errors included', async () => {
    const written: string[] = [];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    for (const method of ['log', 'info', 'warn', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        written.push(args.map(String).join(' '));
      });
    }

    // The facilitator issues links (the reply carries names and emails).
    const facilitator = await signInClient(app, FACILITATOR.email, PASSWORD);
    const issued = await facilitator.request(
      `/api/relationships/${survey.relationshipId}/waves/Baseline/links`,
      {
        method: 'POST',
        json: { reissue: true },
      },
    );
    const link = (
      (await issued.json()) as { links: Array<{ url: string; code: string; email: string }> }
    ).links.find((l) => l.email === PARTICIPANT.email)!;
    const token = link.url.split('/s/')[1]!;
    const code = link.code;
    const sections = BUILT_IN_INSTRUMENT.dimensions.length + 1;
    const statuses: Record<string, number> = {};
    const call = async (label: string, path: string, init: RequestInit = {}) => {
      statuses[label] = (await app.request(path, init)).status;
    };
    const json = (method: string, body: unknown): RequestInit => ({
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const form = (fields: Record<string, string>): RequestInit => ({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });

    // The participant's session, by link and by code, in every spelling of the paths.
    await call('start page', `/s/${token}`);
    await call('start page, upper case', `/S/${token}`);
    await call('start data', `/s/${token}.data`);
    await call('start', `/api/survey/${token}/start`, { method: 'POST' });
    await call('answers', `/api/survey/${token}/answers`, json('PUT', { open: { WORKING: ANSWER } }));
    await call('section page', `/s/${token}/questions/${sections}`);
    await call(
      'section form',
      `/s/${token}/questions/${sections}`,
      form({ 'open.NOT_WORKING': ANSWER, intent: 'later' }),
    );
    await call('by code', `/api/survey/code/${code}`);
    await call('by code, page', `/s/${code.toLowerCase()}.data`);
    await call('code form', '/code', form({ code }));
    await call('no such page', `/s/${token}/nowhere`);
    await call('no such page, upper case', `/S/${token}/NOWHERE.data`);
    await call('a reset link', `/reset-password/${token}`);
    await call(
      'bad text',
      `/api/survey/${token}/answers`,
      json('PUT', { open: { WORKING: `${ANSWER}\u0000` } }),
    );

    // The store refuses the next answers: errors whose query parameters hold the answer's words.
    await database.db.execute(sql`create or replace function refuse_open_answers() returns trigger
      language plpgsql as $$ begin raise exception 'refused for the test'; end $$`);
    await database.db.execute(sql`create trigger refuse_open_answers before insert or update on open_answers
      for each row execute function refuse_open_answers()`);
    try {
      await call(
        'failing answers',
        `/api/survey/${token}/answers`,
        json('PUT', { open: { SMALL_BIG: FAILING_ANSWER } }),
      );
      await call(
        'failing section form',
        `/s/${token}/questions/${sections}`,
        form({ 'open.SMALL_BIG': FAILING_ANSWER, intent: 'later' }),
      );
    } finally {
      await database.db.execute(sql`drop trigger refuse_open_answers on open_answers`);
    }
    await call('submit', `/api/survey/${token}/submit`, json('POST', { open: { SMALL_BIG: ANSWER } }));
    stderr.mockRestore();

    // The session did what it should, failures included…
    expect(statuses).toMatchObject({
      'start page': 200,
      'start page, upper case': 200,
      answers: 200,
      'section form': 302,
      'by code': 200,
      'code form': 302,
      'no such page': 404,
      'bad text': 400,
      'failing answers': 500,
      'failing section form': 500,
      submit: 200,
    });
    const [stored] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from open_answers where text = ${ANSWER}`,
    );
    expect(stored?.n).toBeGreaterThan(0);

    // …and the log says what happened, in its kind and place only.
    const all = [...lines, ...written].join('\n');
    expect(lines.filter((line) => line.includes('"msg":"request"')).length).toBeGreaterThanOrEqual(15);
    expect(all).toMatch(/"msg":"unhandled error"/);
    expect(all).toMatch(/"msg":"page error"/);
    expect(all).toMatch(/"sqlState":"P0001"/);
    expect(all).toContain('"path":"/s/…/questions/7"');
    expect(all).toContain('"path":"/api/survey/code/…"');
    for (const secret of [
      token,
      token.toLowerCase(),
      code,
      code.replace('-', ''),
      code.toLowerCase(),
      PARTICIPANT.name,
      PARTICIPANT.email,
      FACILITATOR.name,
      FACILITATOR.email,
      PASSWORD,
      ANSWER,
      FAILING_ANSWER,
      'Bartholomew',
      'Quillfeather',
    ]) {
      expect(all.includes(secret), `the log carries ${secret}`).toBe(false);
    }
  });
});
