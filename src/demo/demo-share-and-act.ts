import { analyzeRelationship } from '../domain/analyze-relationship.ts';
import { bundleToAnalysisInput } from '../domain/bundle/bundle-to-analysis-input.ts';
import type { FullBundle } from '../domain/bundle/full-bundle.ts';
import type { BundleFinding, BundleOwner, BundleShareAndAct } from '../domain/bundle/share-and-act-file.ts';
import type { Side } from '../domain/model.ts';
import { resolveAnalysisEvidence } from '../domain/resolve-evidence.ts';
import type { Evidence, EvidenceReference } from '../domain/share-and-act.ts';
import { suggestFindings } from '../domain/suggest-findings.ts';

// The rest of the seed's story in the demo (issue 9, item 8): after the baseline the facilitator
// writes findings from the analysis' suggestions, releases a pre-brief to each side and then both
// together; the joint workshop gives a vision and charter both sponsors sign, and three
// workstreams — the vision and charter, ways of working, and the small big things, a dozen of them
// fixed over the following months. The evidence is the analysis' own, resolved exactly as the
// findings page resolves it, so the imported demo shows the same numbers. Pure.

const BASELINE = 'Baseline';
/** The facilitator's days after the baseline closed on 2024-01-26. */
const PRE_BRIEF = { A: '2024-02-05T09:00:00.000Z', B: '2024-02-06T09:00:00.000Z' } as const;
const JOINT_RELEASE = '2024-02-13T08:00:00.000Z';
const WORKSHOP = '2024-02-14';
const FACILITATOR = 'Facilitator';

const participant = (respondent: string): BundleOwner => ({ kind: 'participant', respondent });

export function buildDemoShareAndAct(bundle: Omit<FullBundle, 'shareAndAct'>): BundleShareAndAct {
  const analysis = analyzeRelationship(bundleToAnalysisInput(bundle, 'demo'));
  // The charter is signed by each side's first leader, the relationship's sponsors in the story.
  const sponsorOf = (side: Side) =>
    bundle.participants.find((p) => p.respondent === `${side}-L01`)?.name ?? `Sponsor ${side}`;
  const suggestions = suggestFindings({ analysis, wave: BASELINE, incidents: bundle.incidents });
  const evidenceOf = (reference: EvidenceReference): Evidence | null => {
    if (reference.kind === 'incident') {
      const incident = bundle.incidents.find((i) => i.ref === reference.ref);
      if (!incident) return null;
      return {
        reference,
        snapshot: {
          kind: 'incident',
          title: incident.title,
          occurredOn: incident.occurredOn,
          direction: incident.direction,
          strength: incident.strength,
          dimensions: [...incident.dimensions],
          reporterSide: incident.reporterSide,
          reporterLevel: incident.source === 'survey' ? null : incident.reporterLevel,
        },
        label: `${incident.ref}: ${incident.title}`,
      };
    }
    if (reference.kind === 'quote' || reference.kind === 'comment') return null;
    const resolved = resolveAnalysisEvidence(analysis, reference);
    return resolved.ok ? { reference, snapshot: resolved.snapshot, label: resolved.label } : null;
  };
  const findings: BundleFinding[] = suggestions.slice(0, 6).flatMap((s, position) => {
    const evidence = s.evidence.map(evidenceOf).filter((e): e is Evidence => e !== null);
    if (evidence.length === 0) return [];
    return [
      {
        ref: `F-${String(position + 1).padStart(3, '0')}`,
        wave: BASELINE,
        kind: s.kind,
        concerns: s.concerns,
        title: s.title,
        body: s.because,
        version: 1,
        suggestionKey: s.key,
        evidence,
        position,
      },
    ];
  });
  const released = (list: readonly BundleFinding[]) =>
    list.map(({ position: _position, ...finding }) => finding);
  const preBrief = (side: Side) => ({
    wave: BASELINE,
    kind: 'pre-brief' as const,
    side,
    releasedBy: FACILITATOR,
    releasedAt: PRE_BRIEF[side],
    findings: released(findings.filter((f) => f.concerns === side)),
  });

  return {
    findings,
    releases: [
      ...(['A', 'B'] as const).map(preBrief).filter((r) => r.findings.length > 0),
      {
        wave: BASELINE,
        kind: 'joint',
        side: null,
        releasedBy: FACILITATOR,
        releasedAt: JOINT_RELEASE,
        findings: released(findings),
      },
    ],
    workstreams: [
      {
        ref: 'WS-1',
        title: 'A shared vision and a charter both sides live by',
        type: 'vision-charter',
        description:
          'From the joint workshop: say what the partnership is for, and how both sides behave in it.',
        status: 'active',
        owners: { A: participant('A-L01'), B: participant('B-L01') },
        targetDimensions: ['intent', 'benevolence'],
        startedOn: WORKSHOP,
        findings: findings
          .filter((f) => f.concerns === 'both' || f.kind === 'not-working')
          .map((f) => f.ref)
          .slice(0, 2),
        incidents: [],
        actions: [
          action('Draft the vision in the joint workshop', 'A', 'A-L01', '2024-02-14', '2024-02-14'),
          action('Write the charter from the workshop notes', 'B', 'B-L01', '2024-03-01', '2024-02-28'),
          action('Both sponsors sign the charter', 'A', 'A-L01', '2024-03-15', '2024-03-12'),
          action('Review the charter with both teams after a year', 'B', 'B-L01', '2025-03-31', '2025-03-20'),
        ],
        updates: [
          { on: '2024-03-12', rag: 'green', note: 'Charter signed by both sponsors.', by: FACILITATOR },
          {
            on: '2025-03-20',
            rag: 'green',
            note: 'Reviewed with both teams; kept as it is.',
            by: FACILITATOR,
          },
        ],
      },
      {
        ref: 'WS-2',
        title: 'Ways of working at the service desk',
        type: 'ways-of-working',
        description: 'Hand-overs, escalations and who to call: one way of working for both teams.',
        status: 'active',
        owners: { A: participant('A-O01'), B: participant('B-O01') },
        targetDimensions: ['reliability', 'openness'],
        startedOn: '2024-03-04',
        findings: [],
        incidents: bundle.incidents
          .filter((i) => i.direction === 'dilutes' && i.occurredOn < WORKSHOP)
          .slice(0, 3)
          .map((i) => i.ref),
        actions: [
          action('Agree one hand-over checklist for both shifts', 'B', 'B-O01', '2024-04-01', '2024-04-10'),
          action('Name one contact per shift on each side', 'A', 'A-O01', '2024-04-15', '2024-04-12'),
          action(
            'Tell the customer about planned outages a week ahead',
            'B',
            'B-O01',
            '2024-05-31',
            '2024-06-20',
          ),
          action(
            'Joint review of every major incident within five days',
            'A',
            'A-O01',
            '2024-09-30',
            '2024-10-02',
          ),
        ],
        updates: [
          { on: '2024-04-15', rag: 'amber', note: 'Checklist agreed ten days late.', by: FACILITATOR },
          {
            on: '2024-06-25',
            rag: 'amber',
            note: 'Outage notices started, three weeks late.',
            by: FACILITATOR,
          },
          { on: '2024-10-05', rag: 'green', note: 'Reviews held for both major incidents.', by: FACILITATOR },
        ],
      },
      {
        ref: 'WS-3',
        title: 'Small big things',
        type: 'small-big-things',
        description: 'The small irritations that cost the most trust: raise them, fix them, count them.',
        status: 'active',
        owners: { A: participant('A-S01'), B: participant('B-S01') },
        targetDimensions: ['reliability', 'benevolence'],
        startedOn: WORKSHOP,
        findings: [],
        incidents: [],
        actions: [
          action(
            'Go through the list in every monthly service meeting',
            'B',
            'B-S01',
            '2024-03-31',
            '2024-03-28',
          ),
        ],
        updates: [
          { on: '2024-06-30', rag: 'green', note: 'Seven of twelve fixed.', by: FACILITATOR },
          { on: '2025-01-10', rag: 'green', note: 'Ten of twelve fixed.', by: FACILITATOR },
        ],
      },
    ],
    smallBigThings: SMALL_BIG_THINGS.map(([text, raisedBySide, owner, fixedOn]) => ({
      text,
      raisedOn: WORKSHOP,
      raisedBySide,
      ownerSide: owner.startsWith('A') ? 'A' : 'B',
      owner: participant(owner),
      workstream: 'WS-3',
      fixedOn,
    })),
    charter: [
      {
        version: 1,
        vision:
          'One team for the utility’s customers: the lights stay on, and when they do not, both sides say so first and fix it together.',
        principles: [
          'Tell each other early, good news and bad',
          'Fix the small things first',
          'Judge by the outcome for customers',
        ],
        behaviours: [
          'Answer within one working day',
          'Escalate to the named contact, never around them',
          'Review every major incident together within five days',
        ],
        commitments: {
          A: ['Share the outage and project plans a quarter ahead', 'Pay undisputed invoices within 30 days'],
          B: ['Name one contact per shift', 'Tell Northwater about planned outages a week ahead'],
        },
        governance: [
          'Sponsors of both sides meet every quarter',
          'Service managers meet every month and go through the small big things',
          'Both teams meet once a year to review this charter',
        ],
        createdBy: FACILITATOR,
        createdAt: '2024-02-28T16:00:00.000Z',
        signOffs: [
          { side: 'A', signedBy: sponsorOf('A'), signedAt: '2024-03-05T10:00:00.000Z' },
          { side: 'B', signedBy: sponsorOf('B'), signedAt: '2024-03-12T14:30:00.000Z' },
        ],
      },
    ],
    workshops: [DEMO_WORKSHOP],
  };
}

type DemoNote = readonly [text: string, side: Side, level: 'operational' | null, theme: string];
const notes = (list: readonly DemoNote[]) =>
  list.map(([text, side, level, theme]) => ({ text, side, level, signedAs: null, theme }));

/**
 * The seed's joint feedback workshop, run live on the day after the joint release: 11 people from
 * Northwater and 9 from Corvid on their phones. Only the operational level reached 5 on each side,
 * so only operational notes name their level. Its themes became the three workstreams, a charter
 * principle and the first small big things.
 */
const DEMO_WORKSHOP: BundleShareAndAct['workshops'][number] = {
  title: 'Joint feedback workshop',
  wave: BASELINE,
  dots: 3,
  startedAt: `${WORKSHOP}T09:00:00.000Z`,
  endedAt: `${WORKSHOP}T12:30:00.000Z`,
  joined: { A: 11, B: 9 },
  themes: [
    { ref: 'T-1', title: 'Say it early, good news and bad' },
    { ref: 'T-2', title: 'One way of working at the service desk' },
    { ref: 'T-3', title: 'The small things that cost the most' },
    { ref: 'T-4', title: 'Invoices and paperwork' },
  ],
  agenda: [
    { kind: 'present', prompt: null, notes: [], votes: null },
    {
      kind: 'reflect',
      prompt: 'What surprised you in the findings?',
      notes: notes([
        ['How differently our two leadership teams see the same year.', 'A', null, 'T-1'],
        ['We thought outages were announced in time. They were not.', 'B', 'operational', 'T-1'],
        ['Trust is lost at the service desk, not in the contract.', 'B', null, 'T-2'],
        ['Corvid engineers feel like visitors on our sites.', 'A', 'operational', 'T-3'],
      ]),
      votes: null,
    },
    {
      kind: 'reflect',
      prompt: 'What should we keep doing together?',
      notes: notes([
        ['The joint stand-up on Mondays.', 'B', 'operational', 'T-2'],
        ['Engineers who stay until it is fixed.', 'A', 'operational', 'T-2'],
        ['Sponsors who pick up the phone.', 'B', null, 'T-1'],
      ]),
      votes: null,
    },
    {
      kind: 'reflect',
      prompt: 'One small big thing: a small change that would make a big difference to trust',
      notes: notes([
        ['Answer the desk phone before noon.', 'A', 'operational', 'T-3'],
        ['Visitor badges for our engineers.', 'B', null, 'T-3'],
        ['Send the change calendar on Fridays.', 'A', null, 'T-3'],
        ['Invoices the ledger can read.', 'A', null, 'T-4'],
        ['A name in every ticket reply.', 'A', 'operational', 'T-2'],
      ]),
      votes: null,
    },
    { kind: 'group', prompt: null, notes: [], votes: null },
    {
      kind: 'vote',
      prompt: 'Which themes matter most to the relationship?',
      notes: [],
      votes: [
        { theme: 'T-1', A: 10, B: 9 },
        { theme: 'T-2', A: 6, B: 10 },
        { theme: 'T-3', A: 14, B: 7 },
        { theme: 'T-4', A: 3, B: 1 },
      ],
    },
    { kind: 'discuss', prompt: null, notes: [], votes: null },
    { kind: 'commit', prompt: null, notes: [], votes: null },
  ],
  commitments: [
    commitment('workstream', 'A shared vision and a charter both sides live by', 'T-1', {
      workstream: 'WS-1',
    }),
    commitment('charter-principle', 'Tell each other early, good news and bad', 'T-1', { charterVersion: 1 }),
    commitment('workstream', 'Ways of working at the service desk', 'T-2', { workstream: 'WS-2' }),
    commitment('workstream', 'Small big things', 'T-3', { workstream: 'WS-3' }),
    commitment('small-big-thing', 'Answer the service desk phone before noon, every day', 'T-3', {
      smallBigThing: 'Answer the service desk phone before noon, every day',
    }),
    commitment('small-big-thing', 'Visitor badges for Corvid engineers on site', 'T-3', {
      smallBigThing: 'Visitor badges for Corvid engineers on site',
    }),
  ],
};

function commitment(
  kind: 'workstream' | 'small-big-thing' | 'charter-principle',
  text: string,
  theme: string,
  link: { workstream?: string; smallBigThing?: string; charterVersion?: number },
) {
  return {
    kind,
    text,
    theme,
    workstream: link.workstream ?? null,
    smallBigThing: link.smallBigThing ?? null,
    charterVersion: link.charterVersion ?? null,
  };
}

function action(what: string, side: Side, owner: string, dueOn: string, doneOn: string | null) {
  return {
    what,
    side,
    owner: participant(owner),
    dueOn,
    status: doneOn === null ? ('open' as const) : ('done' as const),
    doneOn,
  };
}

/** What was raised in the joint workshop, by which side, who fixes it, and when it was fixed. */
const SMALL_BIG_THINGS: ReadonlyArray<readonly [string, Side, string, string | null]> = [
  ['Answer the service desk phone before noon, every day', 'A', 'B-S01', '2024-03-01'],
  ['Invoices in the format the ledger reads', 'A', 'B-O01', '2024-03-20'],
  ['Send the change calendar on Fridays, not Mondays', 'A', 'B-O01', '2024-04-05'],
  ['A named contact in every ticket reply', 'A', 'B-S01', '2024-04-12'],
  ['Visitor badges for Corvid engineers on site', 'B', 'A-O01', '2024-04-26'],
  ['Meeting rooms for the joint stand-up', 'B', 'A-S01', '2024-05-10'],
  ['Read access to the outage dashboard for Corvid', 'B', 'A-O01', '2024-06-14'],
  ['Close tickets only after the caller confirms', 'A', 'B-S01', '2024-09-06'],
  ['One shared glossary of priority levels', 'B', 'A-O01', '2024-11-15'],
  ['Corvid staff invited to the Northwater town hall', 'B', 'A-S01', '2025-01-08'],
  ['Same-day answer to a password-reset request', 'A', 'B-S01', null],
  ['Parking for the night-shift engineers', 'B', 'A-S01', null],
];
