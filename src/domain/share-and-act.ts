import { z } from 'zod';
import { LEVELS, type Level, SIDES, type Side } from './model.ts';

// The other half of the method (PRODUCT.md: Finding, Workstream, Charter): findings with their
// evidence, releases to each side and to both, co-owned workstreams with actions, progress
// updates and small big things, and the charter both sides sign. The vocabularies, the shapes and
// the input schemas live here, once, for the services, the pages, the API, the CLI and the bundle.

// ---------------------------------------------------------------------------------------------
// Vocabularies (the database checks the same values).

export const FINDING_KINDS = ['working', 'not-working', 'small-big-thing', 'blind-spot'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** Whose trust a finding is about: one side (it goes into that side's pre-brief) or both. */
export const FINDING_CONCERNS = ['A', 'B', 'both'] as const;
export type FindingConcerns = (typeof FINDING_CONCERNS)[number];

export const EVIDENCE_KINDS = [
  'cell',
  'side-index',
  'gap',
  'change',
  'incident',
  'quote',
  'comment',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const RELEASE_KINDS = ['pre-brief', 'joint'] as const;
export type ReleaseKind = (typeof RELEASE_KINDS)[number];

export const WORKSTREAM_TYPES = [
  'vision-charter',
  'ways-of-working',
  'operational-fix',
  'small-big-things',
  'people',
] as const;
export type WorkstreamType = (typeof WORKSTREAM_TYPES)[number];

export const WORKSTREAM_STATUSES = ['active', 'closed'] as const;
export type WorkstreamStatus = (typeof WORKSTREAM_STATUSES)[number];

export const ACTION_STATUSES = ['open', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const RAG_STATUSES = ['red', 'amber', 'green'] as const;
export type RagStatus = (typeof RAG_STATUSES)[number];

// ---------------------------------------------------------------------------------------------
// Evidence: what a finding points at, and what it showed when it was picked. A reference names a
// thing the analysis or the workbench holds; the snapshot keeps its numbers (or its shared words)
// as they were, so a finding does not change when the data under it does.

export const EvidenceReferenceSchema = z.discriminatedUnion('kind', [
  /** A result cell: one rater side × level × dimension ('overall' for all trust items). */
  z.strictObject({
    kind: z.literal('cell'),
    wave: z.string().min(1),
    side: z.enum(SIDES),
    level: z.enum(LEVELS),
    dimension: z.string().min(1),
  }),
  /** A side's trust over all its levels on one dimension (or 'overall'), as a Trust Index. */
  z.strictObject({
    kind: z.literal('side-index'),
    wave: z.string().min(1),
    side: z.enum(SIDES),
    dimension: z.string().min(1),
  }),
  /** A perception gap: what `side` believes the other thinks of it against what the other reports. */
  z.strictObject({
    kind: z.literal('gap'),
    wave: z.string().min(1),
    side: z.enum(SIDES),
    dimension: z.string().min(1),
  }),
  /** A change between two waves for one rater side and dimension (the analysis' `changes` row). */
  z.strictObject({
    kind: z.literal('change'),
    from: z.string().min(1),
    to: z.string().min(1),
    side: z.enum(SIDES),
    dimension: z.string().min(1),
  }),
  /** An incident by its ref. */
  z.strictObject({ kind: z.literal('incident'), ref: z.string().min(1) }),
  /** An interview quote by its id. */
  z.strictObject({ kind: z.literal('quote'), id: z.uuid() }),
  /** A comment by its wave and keyed ref (decision 015), as shared: redacted, never hidden. */
  z.strictObject({ kind: z.literal('comment'), wave: z.string().min(1), ref: z.string().min(1) }),
]);
export type EvidenceReference = z.infer<typeof EvidenceReferenceSchema>;

/** What a piece of evidence showed when picked; the shape follows the reference's kind. */
export type EvidenceSnapshot =
  | { kind: 'cell'; n: number; mean: number; sd: number | null; rwg: number | null; index: number }
  | { kind: 'side-index'; n: number; mean: number; index: number; low: number | null; high: number | null }
  | { kind: 'gap'; perceived: number; actual: number; gap: number; gapPoints: number }
  | {
      kind: 'change';
      diff: number;
      ciLow: number;
      ciHigh: number;
      hedgesG: number | null;
      nFrom: number;
      nTo: number;
    }
  | {
      kind: 'incident';
      title: string;
      occurredOn: string;
      direction: 'builds' | 'dilutes';
      strength: number;
      dimensions: string[];
      reporterSide: Side;
      reporterLevel: Level | null;
    }
  | { kind: 'quote'; text: string; side: Side; level: Level }
  | { kind: 'comment'; question: string; text: string; side: Side; level: Level | null };

export type Evidence = { reference: EvidenceReference; snapshot: EvidenceSnapshot; label: string };

// ---------------------------------------------------------------------------------------------
// Findings and releases.

export const FINDING_TITLE_MAX = 200;
export const FINDING_BODY_MAX = 4000;
export const EVIDENCE_MAX = 20;

export const FindingInputSchema = z.strictObject({
  wave: z.string().trim().min(1, 'choose the wave the finding is about'),
  kind: z.enum(FINDING_KINDS, { message: `choose one of ${FINDING_KINDS.join(', ')}` }),
  concerns: z.enum(FINDING_CONCERNS, { message: 'choose A, B or both' }),
  title: z
    .string()
    .trim()
    .min(1, 'say what the finding is, in one line')
    .max(FINDING_TITLE_MAX, `at most ${FINDING_TITLE_MAX} characters`),
  body: z.string().trim().max(FINDING_BODY_MAX, `at most ${FINDING_BODY_MAX} characters`).default(''),
  evidence: z
    .array(EvidenceReferenceSchema)
    .min(1, 'a finding needs at least one piece of evidence')
    .max(EVIDENCE_MAX, `at most ${EVIDENCE_MAX} pieces of evidence`),
  /** The suggestion this finding was accepted from, if any. */
  suggestionKey: z.string().max(200).nullable().default(null),
});
export type FindingInput = z.input<typeof FindingInputSchema>;

export type Finding = {
  id: string;
  ref: string;
  wave: string;
  kind: FindingKind;
  concerns: FindingConcerns;
  title: string;
  body: string;
  position: number;
  version: number;
  suggestionKey: string | null;
  evidence: Evidence[];
  updatedAt: string;
};

/** A finding as a release holds it: its content at that version, without ids. */
export type ReleasedFinding = Omit<Finding, 'id' | 'position' | 'updatedAt'>;

export type Release = {
  id: string;
  wave: string;
  kind: ReleaseKind;
  /** The side a pre-brief went to; null for the joint release. */
  side: Side | null;
  releasedBy: string;
  releasedAt: string;
  findings: ReleasedFinding[];
};

/** A candidate finding Trustloop proposes from the analysis; the facilitator accepts, edits or drops it. */
export type SuggestedFinding = {
  /** Stable for the same analysis: accepting it twice is noticed. */
  key: string;
  kind: FindingKind;
  concerns: FindingConcerns;
  title: string;
  /** Why it is proposed, in one sentence. */
  because: string;
  evidence: EvidenceReference[];
};

// ---------------------------------------------------------------------------------------------
// Workstreams, actions, updates, small big things.

/** An owner on one side: a participant of that side (no account) or a sponsor of that side. */
export const OwnerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('participant'), id: z.uuid() }),
  z.strictObject({ kind: z.literal('sponsor'), id: z.uuid() }),
]);
export type OwnerInput = z.infer<typeof OwnerSchema>;

export type Owner = { kind: 'participant' | 'sponsor'; id: string; name: string; side: Side };

const isoDate = z.iso.date({ message: 'expected a date written YYYY-MM-DD' });

export const WORKSTREAM_TITLE_MAX = 160;

export const WorkstreamInputSchema = z.strictObject({
  title: z
    .string()
    .trim()
    .min(1, 'give the workstream a title')
    .max(WORKSTREAM_TITLE_MAX, `at most ${WORKSTREAM_TITLE_MAX} characters`),
  type: z.enum(WORKSTREAM_TYPES, { message: `choose one of ${WORKSTREAM_TYPES.join(', ')}` }),
  description: z.string().trim().max(4000, 'at most 4000 characters').default(''),
  owners: z.strictObject({ A: OwnerSchema, B: OwnerSchema }),
  targetDimensions: z.array(z.string().trim().min(1)).min(1, 'choose at least one dimension to move').max(12),
  startedOn: isoDate,
  findings: z.array(z.string().trim().min(1)).max(50).default([]),
  incidents: z.array(z.string().trim().min(1)).max(200).default([]),
});
export type WorkstreamInput = z.input<typeof WorkstreamInputSchema>;

export const ActionInputSchema = z.strictObject({
  what: z.string().trim().min(1, 'say what will be done').max(500, 'at most 500 characters'),
  owner: OwnerSchema,
  dueOn: isoDate,
  status: z.enum(ACTION_STATUSES).default('open'),
  doneOn: isoDate.nullable().default(null),
});
export type ActionInput = z.input<typeof ActionInputSchema>;

export const UpdateInputSchema = z.strictObject({
  on: isoDate,
  rag: z.enum(RAG_STATUSES, { message: 'choose red, amber or green' }),
  note: z.string().trim().max(2000, 'at most 2000 characters').default(''),
});
export type UpdateInput = z.input<typeof UpdateInputSchema>;

export const SmallBigThingInputSchema = z.strictObject({
  text: z.string().trim().min(1, 'say what the small thing is').max(500, 'at most 500 characters'),
  raisedOn: isoDate,
  raisedBySide: z.enum(SIDES).nullable().default(null),
  owner: OwnerSchema.nullable().default(null),
  workstream: z.string().trim().min(1).nullable().default(null),
  fixedOn: isoDate.nullable().default(null),
});
export type SmallBigThingInput = z.input<typeof SmallBigThingInputSchema>;

export type Action = {
  id: string;
  what: string;
  owner: Owner | null;
  dueOn: string;
  status: ActionStatus;
  doneOn: string | null;
};

export type WorkstreamUpdate = { id: string; on: string; rag: RagStatus; note: string; by: string };

export type SmallBigThing = {
  id: string;
  text: string;
  raisedOn: string;
  raisedBySide: Side | null;
  owner: Owner | null;
  workstream: string | null;
  fixedOn: string | null;
};

/** An open action past its due date on `today`. */
export function isOverdue(action: Pick<Action, 'status' | 'dueOn'>, today: string): boolean {
  return action.status === 'open' && action.dueOn < today;
}

// ---------------------------------------------------------------------------------------------
// The charter.

const lines = (field: string, max: number) =>
  z
    .array(
      z
        .string()
        .trim()
        .min(1, `${field}: a line may not be blank`)
        .max(500, `${field}: at most 500 characters a line`),
    )
    .max(max, `${field}: at most ${max} lines`);

export const CharterInputSchema = z.strictObject({
  vision: z.string().trim().min(1, 'write the shared vision').max(2000, 'at most 2000 characters'),
  principles: lines('principles', 30),
  behaviours: lines('behaviours', 30),
  commitments: z.strictObject({
    A: lines('commitments of side A', 30),
    B: lines('commitments of side B', 30),
  }),
  governance: lines('governance', 20),
});
export type CharterInput = z.input<typeof CharterInputSchema>;

export type CharterSignOff = { side: Side; signedBy: string; signedAt: string };

export type CharterVersion = {
  version: number;
  vision: string;
  principles: string[];
  behaviours: string[];
  commitments: Record<Side, string[]>;
  governance: string[];
  createdBy: string;
  createdAt: string;
  signOffs: CharterSignOff[];
};

/** A version both sides have signed. */
export function isFullySigned(version: Pick<CharterVersion, 'signOffs'>): boolean {
  return SIDES.every((side) => version.signOffs.some((s) => s.side === side));
}

/** The charter's versions, newest first, and whether the newest carries both sides' sign-off. */
export type CharterView = { versions: CharterVersion[]; isSigned: boolean };

/** A workstream as a sponsor follows it: what, its status and how far its actions are. */
export type WorkstreamStatusView = {
  key: string;
  title: string;
  type: WorkstreamType;
  status: WorkstreamStatus;
  started: string;
  rag: RagStatus | null;
  /** The latest update's day and note, if any. */
  latest: { on: string; note: string } | null;
  actions: { open: number; done: number; overdue: number };
};
