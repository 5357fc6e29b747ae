// Everything a relationship bundle carries (docs/formats.md): the analysis's `Bundle` (model.ts)
// plus the workbench's data — incident coding beyond the analysis's fields, the link from an
// incident to the interview it came from, a blind second coder's coding, interview transcripts
// and status, quotes, and the facilitator's theme tags on open answers.
//
// In memory each piece sits with what it belongs to (a second coding on its incident, theme tags
// on their response), so a bundle put together in code cannot point at an incident or an answer
// it does not hold; the files are flat and refer by ref, wave and respondent instead.

import type { IncidentCoding } from '../incident-coding.ts';
import type { InterviewStatus } from '../interview-input.ts';
import type { Bundle, IncidentRecord, InterviewRecord, Level, ResponseRecord, Side } from '../model.ts';
import { type BundleShareAndAct, EMPTY_SHARE_AND_ACT } from './share-and-act-file.ts';

/**
 * One coder's coding of an incident beyond direction, strength, dimensions and themes
 * (incident-coding.ts): trigger '' and contract scope null = not coded.
 */
export type IncidentExtraCoding = Pick<IncidentCoding, 'trigger' | 'smallBigThing' | 'contractScope'>;

/** A blind second coder's coding of one incident (second-codings.csv). */
export type SecondCodingRecord = IncidentCoding & {
  /** Who coded, as named on the agreement page. */
  codedBy: string;
};

export type IncidentWorkbenchFields = IncidentExtraCoding & {
  /** The ref of the interview (interviews.csv) the incident was taken from; '' = none. */
  interviewRef: string;
  /** The passage of that interview it was taken from, as kept; '' = none. */
  sourcePassage: string;
  secondCoding: SecondCodingRecord | null;
};

export type BundleIncident = IncidentRecord & IncidentWorkbenchFields;

export type InterviewWorkbenchFields = {
  transcript: string;
  /** scheduled (`heldOn` is the planned date) or held. */
  status: InterviewStatus;
};

export type BundleInterview = InterviewRecord & InterviewWorkbenchFields;

/** The facilitator's moderation of one open answer (comment-moderation.csv). */
export type OpenAnswerModeration = {
  /** What everyone else reads instead of the participant's words; null = not redacted. */
  redactedText: string | null;
  /** Hidden from everyone but the facilitators. */
  hidden: boolean;
};

export type ResponseWorkbenchFields = {
  /** Open-question code → the facilitator's theme tags on that answer; absent = no tags. */
  openThemes: Record<string, string[]>;
  /** Open-question code → its redaction and whether it is hidden; absent = neither. */
  openModeration: Record<string, OpenAnswerModeration>;
};

export type BundleResponse = ResponseRecord & ResponseWorkbenchFields;

/** A passage of an interview kept as a quote, attributed to side and level only (quotes.csv). */
export type QuoteRecord = {
  /** The ref of the interview it was taken from; '' when that interview was deleted. */
  interviewRef: string;
  side: Side;
  level: Level;
  text: string;
};

/** A bundle with everything it can carry, as parseBundle and exportBundle give it. */
export type FullBundle = Omit<Bundle, 'responses' | 'incidents' | 'interviews'> & {
  responses: BundleResponse[];
  incidents: BundleIncident[];
  interviews: BundleInterview[];
  quotes: QuoteRecord[];
  /** share-and-act.json: findings, releases, workstreams, small big things, the charter. */
  shareAndAct: BundleShareAndAct;
};

/**
 * A bundle as code may hand it to serializeBundle and importBundle: the workbench's data may be
 * left out (an analysis-only `Bundle` is one), and then takes the defaults of completeBundle.
 */
export type BundleInput = Omit<Bundle, 'responses' | 'incidents' | 'interviews'> & {
  responses: Array<ResponseRecord & Partial<ResponseWorkbenchFields>>;
  incidents: Array<IncidentRecord & Partial<IncidentWorkbenchFields>>;
  interviews: Array<InterviewRecord & Partial<InterviewWorkbenchFields>>;
  quotes?: QuoteRecord[];
  shareAndAct?: BundleShareAndAct;
};

/** The defaults of a file or column a bundle leaves out. */
export const INCIDENT_WORKBENCH_DEFAULTS: Readonly<IncidentWorkbenchFields> = {
  trigger: '',
  smallBigThing: false,
  contractScope: null,
  interviewRef: '',
  sourcePassage: '',
  secondCoding: null,
};
export const INTERVIEW_WORKBENCH_DEFAULTS: Readonly<InterviewWorkbenchFields> = {
  transcript: '',
  status: 'held',
};

/** The bundle with every left-out workbench field at its default. */
export function completeBundle(bundle: BundleInput): FullBundle {
  return {
    ...bundle,
    responses: bundle.responses.map((r) => ({
      ...r,
      openThemes: r.openThemes ?? {},
      openModeration: r.openModeration ?? {},
    })),
    incidents: bundle.incidents.map((i) => ({
      ...i,
      trigger: i.trigger ?? INCIDENT_WORKBENCH_DEFAULTS.trigger,
      smallBigThing: i.smallBigThing ?? INCIDENT_WORKBENCH_DEFAULTS.smallBigThing,
      contractScope: i.contractScope ?? INCIDENT_WORKBENCH_DEFAULTS.contractScope,
      interviewRef: i.interviewRef ?? INCIDENT_WORKBENCH_DEFAULTS.interviewRef,
      sourcePassage: i.sourcePassage ?? INCIDENT_WORKBENCH_DEFAULTS.sourcePassage,
      secondCoding: i.secondCoding ?? INCIDENT_WORKBENCH_DEFAULTS.secondCoding,
    })),
    interviews: bundle.interviews.map((i) => ({
      ...i,
      transcript: i.transcript ?? INTERVIEW_WORKBENCH_DEFAULTS.transcript,
      status: i.status ?? INTERVIEW_WORKBENCH_DEFAULTS.status,
    })),
    quotes: bundle.quotes ?? [],
    shareAndAct: bundle.shareAndAct ?? EMPTY_SHARE_AND_ACT,
  };
}
