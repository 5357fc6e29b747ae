// The vocabulary of Trustloop's domain (PRODUCT.md, "The loop and its objects").
// Plain data only: no IO, no framework. Every other layer speaks in these types.

export const SIDES = ['A', 'B'] as const;
export type Side = (typeof SIDES)[number];

export const LEVELS = ['leadership', 'operational', 'staff'] as const;
export type Level = (typeof LEVELS)[number];

export const DIRECTIONS = ['builds', 'dilutes'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const INCIDENT_SOURCES = ['survey', 'interview', 'workshop', 'facilitator'] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

export const INCIDENT_STATUSES = ['reported', 'coded', 'resolved', 'dismissed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** What set an incident off, as the facilitator codes it (one of these, or '' = not coded). */
export const INCIDENT_TRIGGERS = [
  'delivery',
  'commercial',
  'communication',
  'people',
  'escalation',
  'governance',
  'external',
] as const;
export type IncidentTrigger = (typeof INCIDENT_TRIGGERS)[number];

/** Whether what happened was within the contract, went beyond it, or breached it. */
export const CONTRACT_SCOPES = ['within', 'beyond', 'breach'] as const;
export type ContractScope = (typeof CONTRACT_SCOPES)[number];

export const ITEM_KINDS = ['trust', 'meta'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export function otherSide(side: Side): Side {
  return side === 'A' ? 'B' : 'A';
}

export type SideInfo = { name: string; role: string };

export type Scale = { min: number; max: number };

export type Dimension = { key: string; label: string };

export type Item = {
  code: string;
  dimension: string;
  kind: ItemKind;
  /** Wording; `{other}` stands for the other organisation's name, `{own}` for the respondent's. */
  text: string;
  reverse: boolean;
};

export type OpenQuestion = { code: string; text: string };

export type Instrument = {
  name: string;
  version: string;
  scale: Scale;
  dimensions: Dimension[];
  items: Item[];
  open: OpenQuestion[];
};

export type WaveInfo = {
  label: string;
  /** ISO date, YYYY-MM-DD. */
  opens: string;
  /** ISO date, YYYY-MM-DD. */
  closes: string;
};

/** One respondent's answers in one wave. Item values are raw (not yet reverse-turned). */
export type ResponseRecord = {
  respondent: string;
  side: Side;
  level: Level;
  wave: string;
  /** item code → value on the instrument scale; an absent code means not answered. */
  answers: Record<string, number>;
  /** open question code → text; absent or empty means not answered. */
  open: Record<string, string>;
};

export type ParticipantRecord = {
  respondent: string;
  side: Side;
  level: Level;
  name: string;
  email: string;
  role: string;
};

export type IncidentRecord = {
  ref: string;
  /** ISO date, YYYY-MM-DD. */
  occurredOn: string;
  title: string;
  narrative: string;
  reporterSide: Side;
  reporterLevel: Level;
  sidesInvolved: Side[];
  levelsInvolved: Level[];
  direction: Direction;
  /** 1 (slight) to 3 (strong). */
  strength: 1 | 2 | 3;
  dimensions: string[];
  themes: string[];
  source: IncidentSource;
  codedBy: string;
  status: IncidentStatus;
  /** ISO date the incident was resolved, if it was. */
  resolvedOn: string | null;
};

export type InterviewRecord = {
  ref: string;
  /** The participant interviewed (their respondent key), when known. */
  respondent: string;
  side: Side;
  level: Level;
  /** ISO date. */
  heldOn: string;
  interviewer: string;
  notes: string;
};

export type RelationshipInfo = {
  name: string;
  anonymityThreshold: number;
  sides: Record<Side, SideInfo>;
  waves: WaveInfo[];
};

/** Everything a relationship bundle holds (docs/formats.md), parsed and validated. */
export type Bundle = {
  relationship: RelationshipInfo;
  instrument: Instrument;
  /** True when the bundle carried its own instrument.json. */
  hasCustomInstrument: boolean;
  responses: ResponseRecord[];
  participants: ParticipantRecord[];
  incidents: IncidentRecord[];
  interviews: InterviewRecord[];
};

export const DEFAULT_ANONYMITY_THRESHOLD = 3;
export const MIN_ANONYMITY_THRESHOLD = 3;
export const MAX_ANONYMITY_THRESHOLD = 10;
