import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
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
  uuid,
} from 'drizzle-orm/pg-core';
import type { Instrument } from '../domain/model.ts';

// One schema for PGlite and PostgreSQL; migrations in ../../drizzle are generated from it
// (`npm run db:generate`) and committed. Side and level values are checked by the database too,
// so nothing but the domain's vocabulary can be stored.

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const workspaces = pgTable('workspaces', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** Stage gates for this workspace (domain StageGates); null = the defaults of PRODUCT.md. */
  stageGates: jsonb('stage_gates'),
  createdAt: createdAt(),
});

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

/** Mail Trustloop would send; the outbox page shows it until the email capability sends it. */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').references(() => workspaces.id, { onDelete: 'cascade' }),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('outbox_workspace_idx').on(t.workspaceId, t.createdAt)],
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
