import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { createGroupCommit, type GroupCommit } from '../db/group-commit.ts';
import { toPgArrayLiteral } from '../db/pg-array.ts';
import { queryRows } from '../db/query-rows.ts';
import type { Instrument } from '../domain/model.ts';
import { invalidFields } from '../domain/parse-input.ts';
import {
  parseFields,
  type SurveyAnswerChanges,
  type SurveyAnswersInput,
  SurveyAnswersInputSchema,
  validateSurveyAnswers,
} from '../domain/validate-survey-answers.ts';
import { loadSurveyInstrument } from './get-survey.ts';
import {
  requireOpenSurveyAccess,
  resolveSurveyKey,
  type SurveyAccess,
  type SurveyKey,
  surveyAccessState,
  surveyKeyLookup,
  surveyToday,
} from './resolve-survey-access.ts';
import { alreadySubmitted } from './save-survey-answers.ts';

export type SubmittedSurvey = { responseId: string; submittedAt: Date };

const NO_CHANGES: SurveyAnswerChanges = { setAnswers: {}, clearAnswers: [], setOpen: {}, clearOpen: [] };

/**
 * Submits the participant's response. Every item is optional, so no minimum is asked (the review
 * step shows what is unanswered). The submission may carry last answers (`{ answers, open }`, as
 * for a save): they are saved in the same statement. Submitting twice is a `conflict`.
 *
 * Without open texts it is one statement (an upsert), started or not; only open texts need a
 * transaction (bench/RESULTS.md, survey submissions).
 */
export async function submitSurvey(
  db: Db,
  access: SurveyAccess | null,
  now: Date = new Date(),
  input?: unknown,
): Promise<SubmittedSurvey> {
  const open = requireOpenSurveyAccess(access);
  let changes = NO_CHANGES;
  if (input !== undefined && input !== null) {
    const parsed = parseFields(SurveyAnswersInputSchema, input);
    const checked = validateSurveyAnswers(await loadSurveyInstrument(db, open.waveId), parsed);
    if (!checked.ok) throw invalidFields(checked.problems);
    changes = checked.changes;
  }
  const at = now.toISOString();
  const setAnswers = JSON.stringify(changes.setAnswers);
  const hasOpenChanges = Object.keys(changes.setOpen).length > 0 || changes.clearOpen.length > 0;

  const submit = async (executor: Pick<Db, 'execute'>) => {
    // One statement whether or not the survey was started; a submitted response is left alone and
    // returns no row, which means it was submitted already.
    const [row] = await queryRows<{ id: string }>(
      executor,
      sql`insert into responses (wave_id, participant_id, side, level, answers, started_at, submitted_at)
          select ${open.waveId}::uuid, p.id, p.side, p.level, ${setAnswers}::jsonb, ${at}::timestamptz, ${at}::timestamptz
          from participants p where p.id = ${open.participantId}::uuid
          on conflict (wave_id, participant_id) do update
            set answers = (responses.answers || ${setAnswers}::jsonb) - ${toPgArrayLiteral(changes.clearAnswers)}::text[],
                started_at = coalesce(responses.started_at, excluded.started_at),
                submitted_at = excluded.submitted_at
            where responses.submitted_at is null
          returning id`,
    );
    if (!row) throw alreadySubmitted();
    const responseId = row.id;
    if (Object.keys(changes.setOpen).length > 0) {
      await executor.execute(sql`
        insert into open_answers (response_id, question_code, text)
        select ${responseId}::uuid, code, text
        from unnest(${toPgArrayLiteral(Object.keys(changes.setOpen))}::text[], ${toPgArrayLiteral(Object.values(changes.setOpen))}::text[]) as t(code, text)
        on conflict (response_id, question_code) do update set text = excluded.text`);
    }
    if (changes.clearOpen.length > 0) {
      await executor.execute(sql`
        delete from open_answers
        where response_id = ${responseId}::uuid and question_code = any(${toPgArrayLiteral(changes.clearOpen)}::text[])`);
    }
    return { responseId, submittedAt: now };
  };
  return hasOpenChanges ? db.transaction((tx) => submit(tx)) : submit(db);
}

/**
 * `submitSurvey` for a link's token or typed code, as the survey API receives it: the same rules,
 * errors and result, but without open texts it is ONE round trip — a statement that resolves the
 * key, checks the link works today and upserts the submission (decision 019). The answers are
 * validated before it runs, against the instruments this process has seen, and the statement
 * writes only if the wave's instrument is one they passed; otherwise (first submission of an
 * instrument here, invalid answers, open texts) it falls back to resolving, validating and
 * submitting in steps, so every error is the same as `submitSurvey`'s.
 */
export async function submitSurveyByKey(
  db: Db,
  key: SurveyKey,
  now: Date = new Date(),
  input?: unknown,
): Promise<SubmittedSurvey> {
  const today = surveyToday(now);
  const lookup = surveyKeyLookup(key);
  const parsed = input === undefined || input === null ? {} : SurveyAnswersInputSchema.safeParse(input).data;
  // Malformed bodies and open texts take the steps (errors in the same order as submitSurvey's).
  if (!lookup || !parsed || (parsed.open && Object.keys(parsed.open).length > 0)) {
    return submitSurvey(db, await resolveSurveyKey(db, key, today), now, input);
  }
  const fitting = instrumentsFitting(parsed);
  const row = await submitBatches(db).submit({
    by: lookup.by,
    hash: lookup.hash,
    answers: JSON.stringify(fitting.changes.setAnswers),
    clear: toPgArrayLiteral(fitting.changes.clearAnswers),
    at: now.toISOString(),
    today,
    instruments: toPgArrayLiteral(fitting.instrumentIds),
  });
  if (!row) return submitSurvey(db, null, now, input);
  const revokedAt = row.revoked_at === null ? null : new Date(row.revoked_at);
  const access: SurveyAccess = {
    linkId: row.link_id,
    waveId: row.wave_id,
    participantId: row.participant_id,
    relationshipId: row.relationship_id,
    waveLabel: row.wave_label,
    opensOn: row.opens_on,
    closesOn: row.closes_on,
    state: surveyAccessState(
      { revokedAt, status: row.status, closesOn: row.closes_on, archivedAt: row.archived_at },
      today,
    ),
  };
  requireOpenSurveyAccess(access);
  if (row.response_id) return { responseId: row.response_id, submittedAt: now };
  if (fitting.instrumentIds.includes(row.instrument_id)) throw alreadySubmitted();
  // Not validated against this wave's instrument yet: the steps, which also report invalid fields.
  rememberInstrument(row.instrument_id, await loadSurveyInstrument(db, row.wave_id));
  return submitSurvey(db, access, now, parsed);
}

// Instruments are immutable once stored (src/db/schema.ts), so answers that pass one instrument's
// rules pass them for every wave on it. A process answers few instruments; the most recent are kept.
const recentInstruments = new Map<string, Instrument>();
const RECENT_INSTRUMENT_LIMIT = 16;

function rememberInstrument(id: string, instrument: Instrument): void {
  recentInstruments.delete(id);
  if (recentInstruments.size >= RECENT_INSTRUMENT_LIMIT) {
    const oldest = recentInstruments.keys().next().value;
    if (oldest !== undefined) recentInstruments.delete(oldest);
  }
  recentInstruments.set(id, instrument);
}

/** The ids of the recent instruments the input is valid for, and its changes (the same for each). */
function instrumentsFitting(input: SurveyAnswersInput): {
  instrumentIds: string[];
  changes: SurveyAnswerChanges;
} {
  const instrumentIds: string[] = [];
  let changes = NO_CHANGES;
  for (const [id, instrument] of recentInstruments) {
    const checked = validateSurveyAnswers(instrument, input);
    if (checked.ok) {
      instrumentIds.push(id);
      changes = checked.changes;
    }
  }
  return { instrumentIds, changes };
}

type SubmitRow = {
  link_id: string;
  wave_id: string;
  participant_id: string;
  relationship_id: string;
  wave_label: string;
  opens_on: string;
  closes_on: string;
  revoked_at: string | Date | null;
  archived_at: string | Date | null;
  status: string;
  instrument_id: string;
  response_id: string | null;
};

// The statement behind the group commit (decision 020): it takes a batch of submissions as arrays
// (one element per submission) and returns one row per submission whose key names a link, so the
// caller can say why nothing was written. A submission is written if its link works today
// (surveyAccessState's 'open': relationship not archived, not revoked, wave open, today ≤ closes_on) and its answers were
// validated against the wave's instrument; a submitted response is left alone and gets no id. Two
// submissions of one batch for the same participant (a token and its code, say) write only the
// first, so the second reads as submitted already — as if they had come one after the other.
const SUBMIT_BATCH_STATEMENT = `
with input as (
  select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::date[], $7::text[])
    with ordinality as i(by, hash, answers, clear, at, today, instruments, ord)
), found as (
  select i.ord, l.id, l.wave_id, l.participant_id, l.revoked_at
  from input i join survey_links l on l.token_hash = i.hash where i.by = 'token'
  union all
  select i.ord, l.id, l.wave_id, l.participant_id, l.revoked_at
  from input i join survey_links l on l.code_hash = i.hash where i.by = 'code'
), link as (
  select i.ord, i.answers, i.clear, i.at, i.today, i.instruments,
         f.id as link_id, f.wave_id, f.participant_id, f.revoked_at, w.relationship_id,
         w.label as wave_label, w.opens_on, w.closes_on, w.status, w.instrument_id, r.archived_at
  from input i join found f on f.ord = i.ord join waves w on w.id = f.wave_id
    join relationships r on r.id = w.relationship_id
), writable as (
  select distinct on (link.participant_id, link.wave_id)
         link.ord, link.wave_id, link.participant_id, link.answers::jsonb as answers, link.clear::text[] as clear, link.at
  from link
  where link.revoked_at is null and link.archived_at is null and link.status = 'open' and link.closes_on >= link.today
    and link.instrument_id = any(link.instruments::uuid[])
  order by link.participant_id, link.wave_id, link.ord
), submitted as (
  insert into responses (wave_id, participant_id, side, level, answers, started_at, submitted_at)
  select s.wave_id, p.id, p.side, p.level, s.answers, s.at, s.at
  from writable s join participants p on p.id = s.participant_id
  order by s.participant_id, s.wave_id
  on conflict (wave_id, participant_id) do update
    set answers = (responses.answers || excluded.answers)
                  - (select s.clear from writable s
                     where s.wave_id = excluded.wave_id and s.participant_id = excluded.participant_id),
        started_at = coalesce(responses.started_at, excluded.started_at),
        submitted_at = excluded.submitted_at
    where responses.submitted_at is null
  returning id, wave_id, participant_id
)
select link.ord, link.link_id, link.wave_id, link.participant_id, link.relationship_id, link.wave_label,
       link.opens_on::text as opens_on, link.closes_on::text as closes_on, link.revoked_at, link.status,
       link.instrument_id, link.archived_at, s.id as response_id
from link
  left join writable w on w.ord = link.ord
  left join submitted s on s.wave_id = w.wave_id and s.participant_id = w.participant_id
order by link.ord`;

type SubmitInput = {
  by: 'token' | 'code';
  hash: string;
  answers: string;
  clear: string;
  at: string;
  today: string;
  instruments: string;
};

// Gathering: at most 4 batches in flight (of the pool's 10 connections: the rest stay free for
// every other request), each of at most 64 submissions; 8 when all of them have run for 100 ms (a
// batch waiting for a lock must not hold up every other relationship's submissions). Measured in
// bench/RESULTS.md.
const GROUP_COMMIT = { maxBatch: 64, maxInFlight: 4, maxStalled: 8, stalledAfterMs: 100 };

const batchesByDb = new WeakMap<Db, GroupCommit<SubmitInput, SubmitRow | undefined>>();

function submitBatches(db: Db): GroupCommit<SubmitInput, SubmitRow | undefined> {
  let batches = batchesByDb.get(db);
  if (!batches) {
    // A named prepared statement: PostgreSQL parses and plans it once per connection.
    const params = ['by', 'hash', 'answers', 'clear', 'at', 'today', 'instruments'].map((name) =>
      sql.placeholder(name),
    );
    const statement = db._.session.prepareQuery(
      { sql: SUBMIT_BATCH_STATEMENT, params },
      undefined,
      'survey_submit_batch',
      false,
    );
    batches = createGroupCommit<SubmitInput, SubmitRow | undefined>({
      ...GROUP_COMMIT,
      run: async (inputs) => {
        const column = (key: keyof SubmitInput) => toPgArrayLiteral(inputs.map((input) => input[key]));
        const result = (await statement.execute({
          by: column('by'),
          hash: column('hash'),
          answers: column('answers'),
          clear: column('clear'),
          at: column('at'),
          today: column('today'),
          instruments: column('instruments'),
        })) as { rows: (SubmitRow & { ord: string | number })[] };
        const byOrd = new Map(result.rows.map((row) => [Number(row.ord), row]));
        return inputs.map((_, i) => byOrd.get(i + 1));
      },
    });
    batchesByDb.set(db, batches);
  }
  return batches;
}
