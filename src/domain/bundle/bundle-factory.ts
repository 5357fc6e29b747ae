// Test data: a small, valid bundle on the built-in instrument, with some of everything a bundle
// carries (a second coding, an incident taken from an interview, a transcript, quotes, theme tags).
// Override any part:
// `createBundle({ incidents: [] })`, `createBundle({ relationship: { ...r, anonymityThreshold: 5 } })`.

import { BUILT_IN_INSTRUMENT } from '../built-in-instrument.ts';
import type { Level, ResponseRecord, Side } from '../model.ts';
import type { BundleResponse, FullBundle } from './full-bundle.ts';
import { EMPTY_SHARE_AND_ACT } from './share-and-act-file.ts';

function createResponse(
  respondent: string,
  side: Side,
  level: Level,
  wave: string,
  value: number,
  open: Record<string, string> = {},
  openThemes: Record<string, string[]> = {},
): BundleResponse {
  const answers: ResponseRecord['answers'] = {};
  for (const item of BUILT_IN_INSTRUMENT.items) answers[item.code] = value;
  return { respondent, side, level, wave, answers, open, openThemes, openModeration: {} };
}

export function createBundle(overrides: Partial<FullBundle> = {}): FullBundle {
  const bundle = { ...defaultBundle(), ...overrides };
  // The default quotes and incident links point at the default interviews: with other interviews,
  // a default quote whose interview is gone is left out and a default incident is unlinked.
  const refs = new Set(bundle.interviews.map((i) => i.ref));
  const isKept = (ref: string) => ref === '' || refs.has(ref);
  return {
    ...bundle,
    quotes: overrides.quotes ?? bundle.quotes.filter((q) => isKept(q.interviewRef)),
    incidents:
      overrides.incidents ??
      bundle.incidents.map((i) =>
        isKept(i.interviewRef) ? i : { ...i, interviewRef: '', sourcePassage: '' },
      ),
  };
}

function defaultBundle(): FullBundle {
  return {
    relationship: {
      name: 'Northwind Utilities ⇄ Contoso IT',
      anonymityThreshold: 3,
      sides: {
        A: { name: 'Northwind Utilities', role: 'customer' },
        B: { name: 'Contoso IT', role: 'supplier' },
      },
      waves: [
        { label: 'Baseline', opens: '2024-03-01', closes: '2024-03-21' },
        { label: 'Pulse 1', opens: '2024-09-02', closes: '2024-09-20' },
      ],
    },
    instrument: BUILT_IN_INSTRUMENT,
    hasCustomInstrument: false,
    responses: [
      createResponse(
        'a-lead-1',
        'A',
        'leadership',
        'Baseline',
        3,
        { NOT_WORKING: 'Escalations arrive late, "after the fact", and by e-mail.' },
        { NOT_WORKING: ['Escalations', 'Mail; not a call'] },
      ),
      createResponse('a-ops-1', 'A', 'operational', 'Baseline', 4),
      { ...createResponse('b-staff-1', 'B', 'staff', 'Baseline', 5), answers: { REL1: 6, COM1: 2 } },
      createResponse('a-lead-1', 'A', 'leadership', 'Pulse 1', 5, {
        WORKING: 'Weekly stand-up,\nshared backlog.',
      }),
    ],
    participants: [
      {
        respondent: 'a-lead-1',
        side: 'A',
        level: 'leadership',
        name: 'Åsa Lindqvist',
        email: 'asa.lindqvist@northwind.example',
        role: 'Head of IT sourcing',
      },
      {
        respondent: 'b-staff-1',
        side: 'B',
        level: 'staff',
        name: 'Sam Okafor',
        email: '',
        role: 'Service desk',
      },
    ],
    incidents: [
      {
        ref: 'INC-1',
        occurredOn: '2024-02-12',
        title: 'Outage not reported',
        narrative:
          'The supplier knew of the outage for two hours before telling us, and then only by e-mail.',
        reporterSide: 'A',
        reporterLevel: 'operational',
        sidesInvolved: ['A', 'B'],
        levelsInvolved: ['operational'],
        direction: 'dilutes',
        strength: 3,
        dimensions: ['openness', 'integrity'],
        themes: ['incident communication'],
        source: 'interview',
        codedBy: 'facilitator',
        status: 'coded',
        resolvedOn: null,
        trigger: 'communication',
        smallBigThing: false,
        contractScope: 'breach',
        interviewRef: '',
        sourcePassage: '',
        secondCoding: {
          codedBy: 'Second coder',
          direction: 'dilutes',
          strength: 2,
          dimensions: ['openness'],
          themes: ['incident communication', 'escalation'],
          trigger: 'escalation',
          smallBigThing: false,
          contractScope: 'within',
        },
      },
      {
        ref: 'INC-2',
        occurredOn: '2024-02-14',
        title: 'Problems heard before they hit',
        narrative: 'Since the stand-ups started, the supplier raises problems before they reach us.',
        reporterSide: 'A',
        reporterLevel: 'leadership',
        sidesInvolved: ['A', 'B'],
        levelsInvolved: ['leadership'],
        direction: 'builds',
        strength: 2,
        dimensions: ['openness'],
        themes: [],
        source: 'interview',
        codedBy: '',
        status: 'reported',
        resolvedOn: null,
        trigger: '',
        smallBigThing: true,
        contractScope: null,
        interviewRef: 'IV-1',
        sourcePassage: 'We finally hear about problems before they hit us.',
        secondCoding: null,
      },
    ],
    interviews: [
      {
        ref: 'IV-1',
        respondent: 'a-lead-1',
        side: 'A',
        level: 'leadership',
        heldOn: '2024-02-20',
        interviewer: 'J. Facilitator',
        notes: 'Feels the contract is used "as a weapon".',
        transcript:
          'Q: What changed since the stand-ups started?\nA: We finally hear about problems\nbefore they hit us.',
        status: 'held',
      },
      {
        ref: 'IV-2',
        respondent: '',
        side: 'B',
        level: 'staff',
        heldOn: '2024-10-01',
        interviewer: 'J. Facilitator',
        notes: '',
        transcript: '',
        status: 'scheduled',
      },
    ],
    quotes: [
      { interviewRef: 'IV-1', side: 'A', level: 'leadership', text: 'the contract is used "as a weapon"' },
      // Its interview was deleted; the quote keeps its side and level.
      { interviewRef: '', side: 'B', level: 'staff', text: 'We feel like visitors.' },
    ],
    shareAndAct: EMPTY_SHARE_AND_ACT,
  };
}
