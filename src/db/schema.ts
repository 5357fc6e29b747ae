import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Instrument } from '../domain/model.ts';

// One schema for PGlite and PostgreSQL; migrations in ../../drizzle are generated from it
// (`npm run db:generate`) and committed. Side and level values are checked by the database too,
// so nothing but the domain's vocabulary can be stored.

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const workspaces = pgTable(
  'workspaces',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** The colour of its documents (deck, report): #rrggbb, lower case. */
    colour: text('colour').notNull().default('#0b5cad'),
    /** Stage gates for this workspace (domain StageGates); null = the defaults of PRODUCT.md. */
    stageGates: jsonb('stage_gates'),
    createdAt: createdAt(),
  },
  (t) => [check('workspaces_colour_hex', sql`${t.colour} ~ '^#[0-9a-f]{6}$'`)],
);

export const relationships = pgTable(
  'relationships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    anonymityThreshold: smallint('anonymity_threshold').notNull().default(3),
    /** When the facilitator released the findings to the sponsors (the workshop capability). */
    resultsReleasedAt: timestamp('results_released_at', { withTimezone: true }),
    /** Archived: out of lists, the portfolio and dropdowns, kept whole; null = active. */
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('relationships_workspace_idx').on(t.workspaceId),
    check('relationships_threshold_range', sql`${t.anonymityThreshold} between 3 and 10`),
  ],
);

export const sides = pgTable(
  'sides',
  {
    relationshipId: uuid('relationship_id')
      .notNull()
      .references(() => relationships.id, { onDelete: 'cascade' }),
    side: text('side').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.relationshipId, t.side] }),
    check('sides_side_valid', sql`${t.side} in ('A', 'B')`),
  ],
);

export const participants = pgTable(
  'participants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    relationshipId: uuid('relationship_id')
      .notNull()
      .references(() => relationships.id, { onDelete: 'cascade' }),
    /** The pseudonymous key that links a participant to their responses in a bundle. */
    respondentKey: text('respondent_key').notNull(),
    side: text('side').notNull(),
    level: text('level').notNull(),
    name: text('name').notNull().default(''),
    email: text('email').notNull().default(''),
    role: text('role').notNull().default(''),
    /** When they asked for no more survey reminders (from a reminder's link); null: reminders go. */
    remindersOptedOutAt: timestamp('reminders_opted_out_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    unique('participants_relationship_respondent_key').on(t.relationshipId, t.respondentKey),
    check('participants_side_valid', sql`${t.side} in ('A', 'B')`),
    check('participants_level_valid', sql`${t.level} in ('leadership', 'operational', 'staff')`),
  ],
);

export const instruments = pgTable(
  'instruments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    version: text('version').notNull(),
    /** The whole instrument as the bundle's instrument.json holds it; immutable once stored. */
    definition: jsonb('definition').$type<Instrument>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique('instruments_workspace_name_version').on(t.workspaceId, t.name, t.version)],
);

export const waves = pgTable(
  'waves',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    relationshipId: uuid('relationship_id')
      .notNull()
      .references(() => relationships.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    position: smallint('position').notNull(),
    opensOn: date('opens_on', { mode: 'string' }).notNull(),
    closesOn: date('closes_on', { mode: 'string' }).notNull(),
    instrumentId: uuid('instrument_id')
      .notNull()
      .references(() => instruments.id),
    anonymityThreshold: smallint('anonymity_threshold').notNull(),
    /** draft → open → closed; imported waves arrive closed. */
    status: text('status').notNull().default('draft'),
    /** Days after the wave opens on which non-responders are reminded (at most one mail each). */
    reminderDays: integer('reminder_days').array().notNull().default(sql`'{}'::integer[]`),
    createdAt: createdAt(),
  },
  (t) => [
    unique('waves_relationship_label').on(t.relationshipId, t.label),
    check('waves_dates_ordered', sql`${t.opensOn} <= ${t.closesOn}`),
    check('waves_status_valid', sql`${t.status} in ('draft', 'open', 'closed')`),
    check('waves_threshold_range', sql`${t.anonymityThreshold} between 3 and 10`),
  ],
);

export const responses = pgTable(
  'responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    waveId: uuid('wave_id')
      .notNull()
      .references(() => waves.id, { onDelete: 'cascade' }),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    /** Side and level as they were when the participant answered. */
    side: text('side').notNull(),
    level: text('level').notNull(),
    /** item code → raw value on the instrument scale; only answered items (decision 003). */
    answers: jsonb('answers').$type<Record<string, number>>().notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** When the participant pressed Start on their link (imported responses: null). */
    startedAt: timestamp('started_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    unique('responses_wave_participant').on(t.waveId, t.participantId),
    check('responses_side_valid', sql`${t.side} in ('A', 'B')`),
    check('responses_level_valid', sql`${t.level} in ('leadership', 'operational', 'staff')`),
  ],
);

export const openAnswers = pgTable(
  'open_answers',
  {
    responseId: uuid('response_id')
      .notNull()
      .references(() => responses.id, { onDelete: 'cascade' }),
    questionCode: text('question_code').notNull(),
    /** The participant's own words; only facilitators ever see them once redacted. */
    text: text('text').notNull(),
    /** The facilitator's redaction (a name struck out): what everyone else sees; null = none. */
    redactedText: text('redacted_text'),
    /** Hidden by the facilitator: shown to no one else, counted nowhere shared; null = shown. */
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.questionCode] })],
);

export const incidents = pgTable(
  'incidents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    relationshipId: uuid('relationship_id')
      .notNull()
      .references(() => relationships.id, { onDelete: 'cascade' }),
    ref: text('ref').notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    title: text('title').notNull(),
    narrative: text('narrative').notNull(),
    reporterSide: text('reporter_side').notNull(),
    reporterLevel: text('reporter_level').notNull(),
    sidesInvolved: text('sides_involved').array().notNull(),
    levelsInvolved: text('levels_involved').array().notNull(),
    direction: text('direction').notNull(),
    strength: smallint('strength').notNull(),
    dimensions: text('dimensions').array().notNull(),
    themes: text('themes').array().notNull(),
    source: text('source').notNull(),
    codedBy: text('coded_by').notNull().default(''),
    /** The account that coded it first; a second coder must be another account. */
    codedByUserId: uuid('coded_by_user_id').references((): AnyPgColumn => users.id, { onDelete: 'set null' }),
    status: text('status').notNull(),
    resolvedOn: date('resolved_on', { mode: 'string' }),
    /** The survey response an incident was reported in, if any (never shown in shared views). */
    responseId: uuid('response_id').references(() => responses.id, { onDelete: 'set null' }),
    /** The interview an incident was extracted from, and the passage it was taken from. */
    interviewId: uuid('interview_id').references((): AnyPgColumn => interviews.id, { onDelete: 'set null' }),
    sourcePassage: text('source_passage').notNull().default(''),
    /** Coding beyond the bundle's fields (domain INCIDENT_TRIGGERS, CONTRACT_SCOPES); '' / null = not coded. */
    trigger: text('trigger').notNull().default(''),
    smallBigThing: boolean('small_big_thing').notNull().default(false),
    contractScope: text('contract_scope'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('incidents_relationship_ref').on(t.relationshipId, t.ref),
    check('incidents_contract_scope_valid', sql`${t.contractScope} in ('within', 'beyond', 'breach')`),
    check('incidents_direction_valid', sql`${t.direction} in ('builds', 'dilutes')`),
    check('incidents_strength_range', sql`${t.strength} between 1 and 3`),
    check('incidents_reporter_side_valid', sql`${t.reporterSide} in ('A', 'B')`),
    check(
      'incidents_reporter_level_valid',
      sql`${t.reporterLevel} in ('leadership', 'operational', 'staff')`,
    ),
  ],
);

export const interviews = pgTable(
  'interviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    relationshipId: uuid('relationship_id')
      .notNull()
      .references(() => relationships.id, { onDelete: 'cascade' }),
    ref: text('ref').notNull(),
    participantId: uuid('participant_id').references(() => participants.id, { onDelete: 'set null' }),
    side: text('side').notNull(),
    level: text('level').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    interviewer: text('interviewer').notNull().default(''),
    notes: text('notes').notNull().default(''),
    /** A pasted transcript; quotes and incidents are extracted from passages of it or the notes. */
    transcript: text('transcript').notNull().default(''),
    /** scheduled (heldOn is the planned date) or held. Imported interviews are held. */
    status: text('status').notNull().default('held'),
    createdAt: createdAt(),
  },
  (t) => [
    unique('interviews_relationship_ref').on(t.relationshipId, t.ref),
    check('interviews_status_valid', sql`${t.status} in ('scheduled', 'held')`),
    check('interviews_side_valid', sql`${t.side} in ('A', 'B')`),
    check('interviews_level_valid', sql`${t.level} in ('leadership', 'operational', 'staff')`),
  ],
);

// ---------------------------------------------------------------------------------------------
// Accounts, sessions and mail (the web app, issue 3)

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** Lower-cased; unique across all workspaces, as it is what a person signs in with. */
    email: text('email').notNull().unique(),
    name: text('name').notNull().default(''),
    /** argon2id PHC string (@node-rs/argon2). */
    passwordHash: text('password_hash').notNull(),
    /** facilitator: everything in the workspace; admin: also people; sponsor: their relationships. */
    role: text('role').notNull().default('facilitator'),
    createdAt: createdAt(),
  },
  (t) => [check('users_role_valid', sql`${t.role} in ('admin', 'facilitator', 'sponsor')`)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the session cookie's random value: a stolen table opens no session. */
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Random per session; forms and API calls that change something must echo it. */
    csrfToken: text('csrf_token').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Lower-cased email tried; the client address is kept separately for a per-address limit. */
    email: text('email').notNull(),
    address: text('address').notNull(),
    succeeded: boolean('succeeded').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('sign_in_attempts_email_at_idx').on(t.email, t.at),
    index('sign_in_attempts_address_at_idx').on(t.address, t.at),
  ],
);

export const passwordResets = pgTable('password_resets', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: createdAt(),
});

/**
 * A pending invitation of a facilitator or an admin to the workspace (decision 041): one live row
 * per email and workspace, the link's token kept only as its SHA-256. Accepting creates the account
 * and deletes the row; revoking deletes it; an expired one stays listed until revoked or renewed.
 */
export const teamInvites = pgTable(
  'team_invites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** Lower-cased, as users.email. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    invitedByUserId: uuid('invited_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('team_invites_workspace_email').on(t.workspaceId, t.email),
    check('team_invites_role_valid', sql`${t.role} in ('admin', 'facilitator')`),
  ],
);

/**
 * Mail Trustloop sends (issue 11, decision 053): queued in the same transaction as what caused it,
 * sent by the outbox worker through SMTP when SMTP_URL is set (else it waits here, and the outbox
 * page shows it), retried with back-off, never sent twice under one key.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').references(() => workspaces.id, { onDelete: 'cascade' }),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** The HTML version, when the mail has one (the plain text is always there). */
    html: text('html'),
    /** Files sent with it: [{ filename, contentType, content }] (a workshop's calendar invitation). */
    attachments: jsonb('attachments'),
    /** What the mail is: survey-invitation, survey-reminder, … (null: an account mail). */
    kind: text('kind'),
    /** At most one mail per key: `invitation:<wave>:<participant>`, `reminder:<wave>:<participant>:<n>`. */
    dedupeKey: text('dedupe_key').unique(),
    participantId: uuid('participant_id').references(() => participants.id, { onDelete: 'set null' }),
    waveId: uuid('wave_id').references(() => waves.id, { onDelete: 'cascade' }),
    /** queued → sending → sent, or failed (with the server's reason); see decision 053. */
    status: text('status').notNull().default('queued'),
    attempts: smallint('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** While a worker sends it: another worker may take it over only after this. */
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('outbox_workspace_idx').on(t.workspaceId, t.createdAt),
    index('outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('outbox_wave_idx').on(t.waveId, t.participantId),
    check('outbox_status_valid', sql`${t.status} in ('queued', 'sending', 'sent', 'failed')`),
  ],
);

// ---------------------------------------------------------------------------------------------
// Personal survey links (issue 3): one per participant per wave, stored only as hashes.

export const surveyLinks = pgTable(
  'survey_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    waveId: uuid('wave_id')
      .notNull()
      .references(() => waves.id, { onDelete: 'cascade' }),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    /** SHA-256 (hex) of the link's 128-bit random token. */
    tokenHash: text('token_hash').notNull().unique(),
    /** SHA-256 (hex) of the 8-character typed code. */
    codeHash: text('code_hash').notNull().unique(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('survey_links_wave_participant_idx').on(t.waveId, t.participantId)],
);

// ---------------------------------------------------------------------------------------------
// The results workbench (issue 4): theme tags, a second coder, quotes, interview guides,
// sponsors and the portfolio's cached summaries.

/** The facilitator's theme tags on one open-text answer. */
export const openAnswerThemes = pgTable(
  'open_answer_themes',
  {
    responseId: uuid('response_id').notNull(),
    questionCode: text('question_code').notNull(),
    theme: text('theme').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.responseId, t.questionCode, t.theme] }),
    foreignKey({
      name: 'open_answer_themes_answer_fk',
      columns: [t.responseId, t.questionCode],
      foreignColumns: [openAnswers.responseId, openAnswers.questionCode],
    }).onDelete('cascade'),
  ],
);

/**
 * A second, independent coding of an incident (the first is the incident row itself), for
 * inter-coder agreement (Cohen's kappa per coded field).
 */
export const incidentSecondCodings = pgTable(
  'incident_second_codings',
  {
    incidentId: uuid('incident_id')
      .primaryKey()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    coderUserId: uuid('coder_user_id').references(() => users.id, { onDelete: 'set null' }),
    codedBy: text('coded_by').notNull(),
    direction: text('direction').notNull(),
    strength: smallint('strength').notNull(),
    dimensions: text('dimensions').array().notNull(),
    themes: text('themes').array().notNull(),
    trigger: text('trigger').notNull().default(''),
    smallBigThing: boolean('small_big_thing').notNull().default(false),
    contractScope: text('contract_scope'),
    codedAt: timestamp('coded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('incident_second_codings_direction_valid', sql`${t.direction} in ('builds', 'dilutes')`),
    check('incident_second_codings_strength_range', sql`${t.strength} between 1 and 3`),
    check(
      'incident_second_codings_contract_scope_valid',
      sql`${t.contractScope} in ('within', 'beyond', 'breach')`,
    ),
  ],
);

/** A passage of an interview kept as a quote (attributed to side and level only). */
export const quotes = pgTable(
  'quotes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    relationshipId: uuid('relationship_id')
      .notNull()
      .references(() => relationships.id, { onDelete: 'cascade' }),
    interviewId: uuid('interview_id').references(() => interviews.id, { onDelete: 'set null' }),
    text: text('text').notNull(),
    side: text('side').notNull(),
    level: text('level').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('quotes_relationship_idx').on(t.relationshipId),
    check('quotes_side_valid', sql`${t.side} in ('A', 'B')`),
    check('quotes_level_valid', sql`${t.level} in ('leadership', 'operational', 'staff')`),
  ],
);

/** The workspace's interview guide for one level (absent = the built-in guide). */
export const interviewGuides = pgTable(
  'interview_guides',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    level: text('level').notNull(),
    body: text('body').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.level] }),
    check('interview_guides_level_valid', sql`${t.level} in ('leadership', 'operational', 'staff')`),
  ],
);

/** Which relationship (and side) a sponsor account belongs to; one or more sponsors per side. */
export const sponsorGrants = pgTable(
  'sponsor_grants',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    relationshipId: uuid('relationship_id')
      .notNull()
      .references(() => relationships.id, { onDelete: 'cascade' }),
    side: text('side').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.relationshipId] }),
    index('sponsor_grants_relationship_idx').on(t.relationshipId),
    check('sponsor_grants_side_valid', sql`${t.side} in ('A', 'B')`),
  ],
);

/**
 * The portfolio's per-relationship summary, computed by the real analysis and kept until its key
 * (the closed waves, the incidents' count and last change, the workspace's gates) changes.
 */
export const relationshipSummaries = pgTable('relationship_summaries', {
  relationshipId: uuid('relationship_id')
    .primaryKey()
    .references(() => relationships.id, { onDelete: 'cascade' }),
  key: text('key').notNull(),
  summary: jsonb('summary').notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Fixed-window rate limits shared by every app process (code guessing, password resets): one row
 * per bucket, client key and window. Expired windows are deleted by their start time (indexed), never
 * by scanning the keys.
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    bucket: text('bucket').notNull(),
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    hits: integer('hits').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.bucket, t.key, t.windowStart] }),
    index('rate_limits_window_start_idx').on(t.windowStart),
  ],
);

// ---------------------------------------------------------------------------------------------
// Share and act (issue 9): findings with their evidence, releases, co-owned workstreams with
// actions, progress updates and small big things, the charter both sides sign, and personal links
// for participants who own actions. Vocabularies are domain/share-and-act.ts's.

/** A statement for the workshop about one closed wave: what works, what does not, … */
export const findings = pgTable(
  'findings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    relationshipId: uuid('relationship_id')
      .notNull()
      .references(() => relationships.id, { onDelete: 'cascade' }),
    waveId: uuid('wave_id')
      .notNull()
      .references(() => waves.id, { onDelete: 'cascade' }),
    /** F-001, F-002, … per relationship. */
    ref: text('ref').notNull(),
    /** working | not-working | small-big-thing | blind-spot */
    kind: text('kind').notNull(),
    /** Whose trust it is about: A, B (that side's pre-brief) or both. */
    concerns: text('concerns').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    /** Order on the page and in a release. */
    position: smallint('position').notNull().default(0),
    /** Bumped by every edit: a release keeps the version it released. */
    version: integer('version').notNull().default(1),
    /** The suggestion it was accepted from (its stable key), or null when written by hand. */
    suggestionKey: text('suggestion_key'),
    createdByUserId: uuid('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('findings_relationship_ref').on(t.relationshipId, t.ref),
    index('findings_wave_idx').on(t.waveId),
    check(
      'findings_kind_valid',
      sql`${t.kind} in ('working', 'not-working', 'small-big-thing', 'blind-spot')`,
    ),
    check('findings_concerns_valid', sql`${t.concerns} in ('A', 'B', 'both')`),
  ],
);

/**
 * One piece of a finding's evidence: what it points at (`reference`, e.g. a result cell or an
 * incident ref) and what it showed when picked (`snapshot`: the numbers or the redacted words).
 */
export const findingEvidence = pgTable(
  'finding_evidence',
  {
    findingId: uuid('finding_id')
      .notNull()
      .references(() => findings.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull(),
    /** cell | side-index | gap | change | incident | quote | comment */
    kind: text('kind').notNull(),
    reference: jsonb('reference').notNull(),
    snapshot: jsonb('snapshot').notNull(),
  },
  (t) => [primaryKey({ columns: [t.findingId, t.position] })],
);

/** A release of findings: a pre-brief to one side's sponsors, or the joint release to both. */
export const releases = pgTable(
  'releases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    relationshipId: uuid('relationship_id')
      .notNull()
      .references(() => relationships.id, { onDelete: 'cascade' }),
    waveId: uuid('wave_id')
      .notNull()
      .references(() => waves.id, { onDelete: 'cascade' }),
    /** pre-brief | joint */
    kind: text('kind').notNull(),
    /** The side a pre-brief goes to; null for the joint release. */
    side: text('side'),
    releasedByUserId: uuid('released_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** Who released it, by name, as it was then (the account may go). */
    releasedBy: text('released_by').notNull(),
    releasedAt: timestamp('released_at', { withTimezone: true }).notNull().defaultNow(),
    /** The findings with their evidence as released: never changed afterwards. */
    content: jsonb('content').notNull(),
  },
  (t) => [
    index('releases_relationship_idx').on(t.relationshipId, t.releasedAt),
    check('releases_kind_valid', sql`${t.kind} in ('pre-brief', 'joint')`),
    check(
      'releases_side_matches_kind',
      sql`(${t.kind} = 'joint' and ${t.side} is null) or (${t.kind} = 'pre-brief' and ${t.side} in ('A', 'B'))`,
    ),
  ],
);

/** Co-owned work: one owner on each side, a participant or a sponsor (exactly one of the two ids). */
export const workstreams = pgTable(
  'workstreams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    relationshipId: uuid('relationship_id')
      .notNull()
      .references(() => relationships.id, { onDelete: 'cascade' }),
    /** WS-1, WS-2, … per relationship. */
    ref: text('ref').notNull(),
    title: text('title').notNull(),
    /** vision-charter | ways-of-working | operational-fix | small-big-things | people */
    type: text('type').notNull(),
    description: text('description').notNull().default(''),
    ownerAParticipantId: uuid('owner_a_participant_id').references(() => participants.id, {
      onDelete: 'set null',
    }),
    ownerAUserId: uuid('owner_a_user_id').references(() => users.id, { onDelete: 'set null' }),
    ownerBParticipantId: uuid('owner_b_participant_id').references(() => participants.id, {
      onDelete: 'set null',
    }),
    ownerBUserId: uuid('owner_b_user_id').references(() => users.id, { onDelete: 'set null' }),
    targetDimensions: text('target_dimensions').array().notNull(),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    /** active | closed */
    status: text('status').notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('workstreams_relationship_ref').on(t.relationshipId, t.ref),
    check(
      'workstreams_type_valid',
      sql`${t.type} in ('vision-charter', 'ways-of-working', 'operational-fix', 'small-big-things', 'people')`,
    ),
    check('workstreams_status_valid', sql`${t.status} in ('active', 'closed')`),
    check(
      'workstreams_one_owner_a',
      sql`not (${t.ownerAParticipantId} is not null and ${t.ownerAUserId} is not null)`,
    ),
    check(
      'workstreams_one_owner_b',
      sql`not (${t.ownerBParticipantId} is not null and ${t.ownerBUserId} is not null)`,
    ),
  ],
);

export const workstreamFindings = pgTable(
  'workstream_findings',
  {
    workstreamId: uuid('workstream_id')
      .notNull()
      .references(() => workstreams.id, { onDelete: 'cascade' }),
    findingId: uuid('finding_id')
      .notNull()
      .references(() => findings.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.workstreamId, t.findingId] })],
);

export const workstreamIncidents = pgTable(
  'workstream_incidents',
  {
    workstreamId: uuid('workstream_id')
      .notNull()
      .references(() => workstreams.id, { onDelete: 'cascade' }),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.workstreamId, t.incidentId] })],
);

/** What someone will do, by when: an owner on one side (a participant or a sponsor). */
export const actions = pgTable(
  'actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workstreamId: uuid('workstream_id')
      .notNull()
      .references(() => workstreams.id, { onDelete: 'cascade' }),
    what: text('what').notNull(),
    ownerSide: text('owner_side').notNull(),
    ownerParticipantId: uuid('owner_participant_id').references(() => participants.id, {
      onDelete: 'set null',
    }),
    ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    /** open | done | dropped */
    status: text('status').notNull().default('open'),
    doneOn: date('done_on', { mode: 'string' }),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('actions_workstream_idx').on(t.workstreamId),
    index('actions_owner_participant_idx').on(t.ownerParticipantId),
    check('actions_owner_side_valid', sql`${t.ownerSide} in ('A', 'B')`),
    check('actions_status_valid', sql`${t.status} in ('open', 'done', 'dropped')`),
    check(
      'actions_one_owner',
      sql`not (${t.ownerParticipantId} is not null and ${t.ownerUserId} is not null)`,
    ),
  ],
);

/** A dated progress update of a workstream: red, amber or green, with a note. */
export const workstreamUpdates = pgTable(
  'workstream_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workstreamId: uuid('workstream_id')
      .notNull()
      .references(() => workstreams.id, { onDelete: 'cascade' }),
    on: date('on', { mode: 'string' }).notNull(),
    /** red | amber | green */
    rag: text('rag').notNull(),
    note: text('note').notNull().default(''),
    /** Who wrote it, by name as it was then. */
    by: text('by').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    index('workstream_updates_workstream_idx').on(t.workstreamId, t.on),
    check('workstream_updates_rag_valid', sql`${t.rag} in ('red', 'amber', 'green')`),
  ],
);

/** The quick list of small things that make a big difference: raised, owned, fixed. */
export const smallBigThings = pgTable(
  'small_big_things',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    relationshipId: uuid('relationship_id')
      .notNull()
      .references(() => relationships.id, { onDelete: 'cascade' }),
    workstreamId: uuid('workstream_id').references(() => workstreams.id, { onDelete: 'set null' }),
    text: text('text').notNull(),
    raisedOn: date('raised_on', { mode: 'string' }).notNull(),
    /** The side that raised it, when known. */
    raisedBySide: text('raised_by_side'),
    ownerSide: text('owner_side'),
    ownerParticipantId: uuid('owner_participant_id').references(() => participants.id, {
      onDelete: 'set null',
    }),
    ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
    fixedOn: date('fixed_on', { mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('small_big_things_relationship_idx').on(t.relationshipId),
    check('small_big_things_raised_by_valid', sql`${t.raisedBySide} in ('A', 'B')`),
    check('small_big_things_owner_side_valid', sql`${t.ownerSide} in ('A', 'B')`),
    check(
      'small_big_things_one_owner',
      sql`not (${t.ownerParticipantId} is not null and ${t.ownerUserId} is not null)`,
    ),
  ],
);

/** A version of the relationship's charter; any change after a sign-off is a new version. */
export const charterVersions = pgTable(
  'charter_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    relationshipId: uuid('relationship_id')
      .notNull()
      .references(() => relationships.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    vision: text('vision').notNull(),
    /** Shared principles and behaviours, each a short line. */
    principles: text('principles').array().notNull(),
    behaviours: text('behaviours').array().notNull(),
    commitmentsA: text('commitments_a').array().notNull(),
    commitmentsB: text('commitments_b').array().notNull(),
    /** Governance cadence: who meets, how often (one line each). */
    governance: text('governance').array().notNull(),
    createdBy: text('created_by').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [unique('charter_versions_relationship_version').on(t.relationshipId, t.version)],
);

/** A sponsor's sign-off of one charter version for their side. */
export const charterSignoffs = pgTable(
  'charter_signoffs',
  {
    charterVersionId: uuid('charter_version_id')
      .notNull()
      .references(() => charterVersions.id, { onDelete: 'cascade' }),
    side: text('side').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** The sponsor's name as it was when they signed. */
    signedBy: text('signed_by').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.charterVersionId, t.side] }),
    check('charter_signoffs_side_valid', sql`${t.side} in ('A', 'B')`),
  ],
);

/**
 * A participant's personal link to the actions they own (no account): stored only as a hash, used
 * only by a deliberate POST, revocable — the survey links' rules (decision 010).
 */
export const actionLinks = pgTable(
  'action_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('action_links_participant_idx').on(t.participantId)],
);

/** A joint feedback workshop of one relationship, on one wave's released findings (decision 049). */
export const workshops = pgTable(
  'workshops',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    relationshipId: uuid('relationship_id')
      .notNull()
      .references(() => relationships.id, { onDelete: 'cascade' }),
    waveId: uuid('wave_id')
      .notNull()
      .references(() => waves.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    /** The 6-character code phones type on /w; only a live workshop can be joined. */
    code: text('code').notNull(),
    /** draft | live | ended */
    status: text('status').notNull().default('draft'),
    dots: integer('dots').notNull().default(3),
    /** When and where it meets, once scheduled (issue 11: the invitation's calendar file). */
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    durationMinutes: integer('duration_minutes'),
    location: text('location'),
    /** How many times the invitation was sent: the calendar file's SEQUENCE, so a change replaces it. */
    invitationSequence: integer('invitation_sequence').notNull().default(0),
    /** Whether attendees may group notes into themes too (the facilitator always may). */
    attendeesGroup: boolean('attendees_group').notNull().default(false),
    currentStepId: uuid('current_step_id'),
    /** The finding shown on the projector during a present step (0-based, in release order). */
    presentIndex: integer('present_index').notNull().default(0),
    timerEndsAt: timestamp('timer_ends_at', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** What was said and agreed, saved when it ends: never changed afterwards. */
    summary: jsonb('summary'),
    createdBy: text('created_by').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    index('workshops_relationship_idx').on(t.relationshipId),
    uniqueIndex('workshops_code_not_ended').on(t.code).where(sql`${t.status} <> 'ended'`),
    check('workshops_status_valid', sql`${t.status} in ('draft', 'live', 'ended')`),
    check('workshops_dots_valid', sql`${t.dots} between 1 and 10`),
  ],
);

/** One step of a workshop's agenda, in order; a step can be repeated as a new step. */
export const workshopSteps = pgTable(
  'workshop_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workshopId: uuid('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    /** present | reflect | group | vote | discuss | commit */
    kind: text('kind').notNull(),
    prompt: text('prompt'),
    /** A reflect step's notes, or a vote's tally, shown to the room from this moment. */
    revealedAt: timestamp('revealed_at', { withTimezone: true }),
  },
  (t) => [
    index('workshop_steps_workshop_idx').on(t.workshopId, t.position),
    check(
      'workshop_steps_kind_valid',
      sql`${t.kind} in ('present', 'reflect', 'group', 'vote', 'discuss', 'commit')`,
    ),
  ],
);

/** Someone in the room: a phone (its token's SHA-256) or a signed-in account; a side, maybe a level. */
export const workshopAttendees = pgTable(
  'workshop_attendees',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workshopId: uuid('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    side: text('side').notNull(),
    level: text('level'),
    joinedAt: createdAt(),
  },
  (t) => [
    uniqueIndex('workshop_attendees_token').on(t.tokenHash),
    index('workshop_attendees_workshop_idx').on(t.workshopId),
    check('workshop_attendees_side_valid', sql`${t.side} in ('A', 'B')`),
    check(
      'workshop_attendees_level_valid',
      sql`${t.level} is null or ${t.level} in ('leadership', 'operational', 'staff')`,
    ),
  ],
);

/** A note written in a reflect step: private to its writer until the step is revealed. */
export const workshopNotes = pgTable(
  'workshop_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workshopId: uuid('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    stepId: uuid('step_id')
      .notNull()
      .references(() => workshopSteps.id, { onDelete: 'cascade' }),
    attendeeId: uuid('attendee_id')
      .notNull()
      .references(() => workshopAttendees.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    /** The writer's name, only when they chose to sign the note. */
    signedAs: text('signed_as'),
    /** The level the revealed note shows (fixed at the reveal; null = side only). */
    shownLevel: text('shown_level'),
    themeId: uuid('theme_id').references((): AnyPgColumn => workshopThemes.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('workshop_notes_step_idx').on(t.stepId),
    index('workshop_notes_workshop_idx').on(t.workshopId),
  ],
);

/** A theme the room grouped notes into. */
export const workshopThemes = pgTable(
  'workshop_themes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workshopId: uuid('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    position: integer('position').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('workshop_themes_workshop_idx').on(t.workshopId, t.position)],
);

/** One attendee's dots on one theme in one vote step; a ballot replaces all of its rows. */
export const workshopVotes = pgTable(
  'workshop_votes',
  {
    stepId: uuid('step_id')
      .notNull()
      .references(() => workshopSteps.id, { onDelete: 'cascade' }),
    attendeeId: uuid('attendee_id')
      .notNull()
      .references(() => workshopAttendees.id, { onDelete: 'cascade' }),
    themeId: uuid('theme_id')
      .notNull()
      .references(() => workshopThemes.id, { onDelete: 'cascade' }),
    dots: integer('dots').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.stepId, t.attendeeId, t.themeId] }),
    check('workshop_votes_dots_valid', sql`${t.dots} between 1 and 10`),
  ],
);

/** What a theme became in the room: a workstream, a small big thing or a charter principle. */
export const workshopCommitments = pgTable(
  'workshop_commitments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workshopId: uuid('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    themeId: uuid('theme_id').references(() => workshopThemes.id, { onDelete: 'set null' }),
    /** workstream | small-big-thing | charter-principle */
    kind: text('kind').notNull(),
    workstreamId: uuid('workstream_id').references(() => workstreams.id, { onDelete: 'set null' }),
    smallBigThingId: uuid('small_big_thing_id').references(() => smallBigThings.id, {
      onDelete: 'set null',
    }),
    charterVersionId: uuid('charter_version_id').references(() => charterVersions.id, {
      onDelete: 'set null',
    }),
    /** What it said when committed (the workstream's title, the thing, the principle). */
    text: text('text').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('workshop_commitments_workshop_idx').on(t.workshopId),
    check(
      'workshop_commitments_kind_valid',
      sql`${t.kind} in ('workstream', 'small-big-thing', 'charter-principle')`,
    ),
  ],
);

/** Every change to a workshop, in order: the SSE stream's events and its Last-Event-ID (decision 049). */
export const workshopEvents = pgTable(
  'workshop_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workshopId: uuid('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    /** Only what every viewer of the workshop may see. */
    payload: jsonb('payload').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('workshop_events_workshop_idx').on(t.workshopId, t.id)],
);
