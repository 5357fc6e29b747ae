// Test data: a small, valid bundle on the built-in instrument. Override any part:
// `createBundle({ incidents: [] })`, `createBundle({ relationship: { ...r, anonymityThreshold: 5 } })`.

import { BUILT_IN_INSTRUMENT } from '../built-in-instrument.ts';
import type { Bundle, Level, ResponseRecord, Side } from '../model.ts';

function createResponse(
  respondent: string,
  side: Side,
  level: Level,
  wave: string,
  value: number,
  open: Record<string, string> = {},
): ResponseRecord {
  const answers: Record<string, number> = {};
  for (const item of BUILT_IN_INSTRUMENT.items) answers[item.code] = value;
  return { respondent, side, level, wave, answers, open };
}

export function createBundle(overrides: Partial<Bundle> = {}): Bundle {
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
      createResponse('a-lead-1', 'A', 'leadership', 'Baseline', 3, {
        NOT_WORKING: 'Escalations arrive late, "after the fact", and by e-mail.',
      }),
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
      },
    ],
    ...overrides,
  };
}
