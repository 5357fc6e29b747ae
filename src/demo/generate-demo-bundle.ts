import { BUILT_IN_INSTRUMENT } from '../domain/built-in-instrument.ts';
import type {
  BundleIncident,
  BundleInterview,
  BundleResponse,
  FullBundle,
} from '../domain/bundle/full-bundle.ts';
import { orderThemeTags } from '../domain/bundle/order-theme-tags.ts';
import { findPassage } from '../domain/find-passage.ts';
import type {
  IncidentRecord,
  IncidentSource,
  Level,
  ParticipantRecord,
  ResponseRecord,
  Side,
  WaveInfo,
} from '../domain/model.ts';
import { codeDemoIncidentsOf } from './demo-coding.ts';
import { buildDemoShareAndAct } from './demo-share-and-act.ts';
import { demoThemesOf } from './demo-themes.ts';
import { createSeededRandom, hashString, type SeededRandom } from './seeded-random.ts';

// The demo relationship: the seed article's story (a utilities company and its outsourced IT
// provider, from contractual / risk-based trust to trusted partner in two years) as data.
// Pure and deterministic: every random draw comes from a seeded stream named after what it is
// for, so changing a comment pool or an incident never moves the survey scores.

// ---------------------------------------------------------------------------------------------
// Seeded randomness

type Random = SeededRandom;

/** One stream per purpose, seeded by its name. */
function createRandom(streamName: string): Random {
  return createSeededRandom(hashString(`trustloop-demo:${streamName}`));
}

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random.uniform() * (i + 1));
    const a = copy[i] as T;
    copy[i] = copy[j] as T;
    copy[j] = a;
  }
  return copy;
}

// ---------------------------------------------------------------------------------------------
// The relationship

const SIDE_NAMES = {
  A: { name: 'Northwater Utilities', role: 'customer', domain: 'northwater.example' },
  B: { name: 'Corvid IT Services', role: 'supplier', domain: 'corvid.example' },
} as const;

const WAVES: WaveInfo[] = [
  { label: 'Baseline', opens: '2024-01-08', closes: '2024-01-26' },
  { label: '6 months', opens: '2024-07-08', closes: '2024-07-26' },
  { label: '12 months', opens: '2025-01-13', closes: '2025-01-31' },
  { label: '24 months', opens: '2026-01-12', closes: '2026-01-30' },
];

const FACILITATOR = 'Facilitator';

const LEVEL_LETTER: Record<Level, string> = { leadership: 'L', operational: 'O', staff: 'S' };

/** [name, role title] per level, in respondent-key order. */
const PEOPLE: Record<Side, Record<Level, ReadonlyArray<readonly [string, string]>>> = {
  A: {
    leadership: [
      ['Helen Marsh', 'Chief Information Officer'],
      ['David Okafor', 'Director of Operations'],
      ['Priya Raman', 'Head of Procurement'],
      ['Martin Kowalski', 'Head of IT Service Management'],
      ['Sarah Whitfield', 'Director of Customer Services'],
    ],
    operational: [
      ['Tom Brennan', 'IT Service Delivery Manager'],
      ['Aisha Mensah', 'Commercial Manager, Supplier Contracts'],
      ['Gareth Lloyd', 'Network Operations Manager'],
      ['Fiona McLeod', 'SCADA Systems Lead'],
      ['Raj Patel', 'Change Manager'],
      ['Claire Donnelly', 'Billing Systems Manager'],
      ['Simon Hartley', 'Project Manager, Data Migration'],
      ['Nadia Hussain', 'Information Security Manager'],
      ['Owen Griffiths', 'Field Operations Manager'],
    ],
    staff: [
      ['Chloe Barker', 'Service Desk Analyst'],
      ['Liam Doyle', 'Service Desk Analyst'],
      ['Megan Price', 'Service Desk Analyst'],
      ['Jamal Ahmed', 'Control Room Operator'],
      ['Karen Fletcher', 'Control Room Operator'],
      ['Dylan Evans', 'Field Technician'],
      ['Sophie Turner', 'Field Technician'],
      ['Ben Ashworth', 'Billing Analyst'],
      ["Grace O'Neill", 'Network Engineer'],
      ['Marek Nowak', 'Application Support Analyst'],
      ['Hannah Jones', 'Data Analyst'],
    ],
  },
  B: {
    leadership: [
      ['James Whitaker', 'Client Director'],
      ['Elena Rossi', 'Head of Service Delivery'],
      ['Michael Chen', 'Commercial Director'],
      ['Ruth Adeyemi', 'Chief Technology Officer'],
    ],
    operational: [
      ['Paul Gregson', 'Account Manager'],
      ['Anita Sharma', 'Service Delivery Manager'],
      ['Craig Robertson', 'Service Desk Manager'],
      ['Laura Bennett', 'Infrastructure Lead'],
      ['Vikram Iyer', 'Application Support Lead'],
      ['Emma Clarke', 'Project Manager'],
      ['Stuart Fraser', 'Change and Release Manager'],
      ['Zoe Williams', 'Security Operations Lead'],
      ['Daniel Murphy', 'Transition Manager'],
    ],
    staff: [
      ['Ryan Cooper', 'Service Desk Analyst'],
      ['Amira Haddad', 'Service Desk Analyst'],
      ['Kieran Walsh', 'Service Desk Analyst'],
      ['Jessica Moore', 'Service Desk Analyst'],
      ['Tomasz Zielinski', 'Infrastructure Engineer (on site)'],
      ['Lucy Harrison', 'Infrastructure Engineer'],
      ['Arjun Nair', 'Application Support Engineer'],
      ['Rebecca Scott', 'Application Support Engineer'],
      ['Connor Hughes', 'Network Engineer'],
      ['Mei Lin', 'Database Administrator'],
      ['Adam Forbes', 'Field Engineer'],
      ['Sana Qureshi', 'Release Engineer'],
    ],
  },
};

function emailOf(name: string, domain: string): string {
  const local = name
    .normalize('NFD')
    .toLowerCase()
    .split(' ')
    .map((part) => part.replace(/[^a-z]/g, ''))
    .join('.');
  return `${local}@${domain}`;
}

function buildParticipants(): ParticipantRecord[] {
  const participants: ParticipantRecord[] = [];
  for (const side of ['A', 'B'] as const) {
    for (const level of ['leadership', 'operational', 'staff'] as const) {
      PEOPLE[side][level].forEach(([name, role], index) => {
        participants.push({
          respondent: `${side}-${LEVEL_LETTER[level]}${String(index + 1).padStart(2, '0')}`,
          side,
          level,
          name,
          email: emailOf(name, SIDE_NAMES[side].domain),
          role,
        });
      });
    }
  }
  return participants;
}

// ---------------------------------------------------------------------------------------------
// The survey story, as 0–100 index targets for the trust each side gives the other.
// Side A (customer) rates Corvid, side B (supplier) rates Northwater. One value per wave.

type PerWave = readonly [number, number, number, number];

/** Overall trust each level gives the other side. Customer staff lag: tickets and handovers. */
const LEVEL_TARGET: Record<Side, Record<Level, PerWave>> = {
  A: { leadership: [50, 64, 79, 84], operational: [47, 58, 67, 75], staff: [44, 50, 56, 68] },
  B: { leadership: [48, 63, 79, 84], operational: [47, 57, 68, 77], staff: [46, 53, 62, 73] },
};

/**
 * Offset of each dimension from the level target. Baseline: the contract is trusted a little
 * (reliability), goodwill is not. 24 months: trusted partner, but relational intent still lags
 * on the customer side (stage 3, not co-creation yet).
 */
const DIMENSION_OFFSET: Record<Side, Record<string, PerWave>> = {
  A: {
    competence: [6, 9, 6, 3],
    reliability: [10, 9, 5, 2],
    integrity: [-3, -4, -2, 0],
    benevolence: [-7, -2, -3, -2],
    openness: [-4, 1, 0, 0],
    intent: [-2, 2, 2, -5],
  },
  B: {
    competence: [8, 10, 3, 1],
    reliability: [10, 11, 2, 0],
    integrity: [-2, -2, 0, 0],
    benevolence: [-10, 2, 1, -1],
    openness: [-4, 0, 0, 1],
    intent: [0, 2, 2, -4],
  },
};

/**
 * How much better each side believes the other sees it than the other really does, in scale
 * points: a wide blind spot at baseline that the workshop and the charter close.
 */
const PERCEPTION_GAP: PerWave = [1.3, 0.8, 0.45, 0.15];

/**
 * The agreement story. The co-located service desk opened in September 2024, so at 12 months
 * some of Northwater's staff already work beside it (service desk, control room, application
 * support) while the rest still log faults through the portal and by email. The group's mean
 * stays on its target, but its members disagree: the two halves sit this many scale points apart
 * on each dimension, most on reliability and openness, so that group's rwg(j) drops well below
 * every other group's. By 24 months the desk has reached everyone and the split is gone.
 */
const DIVIDED_GROUP = { side: 'A', level: 'staff', wave: 2 } as const;
const FELT_THE_JOINT_DESK: ReadonlySet<string> = new Set([
  'A-S01',
  'A-S02',
  'A-S03',
  'A-S04',
  'A-S05',
  'A-S10',
]);
const DIVIDE: Record<string, number> = {
  competence: 1.1,
  reliability: 2.6,
  integrity: 0.6,
  benevolence: 0.8,
  openness: 2.5,
  intent: 0.6,
};

/** A person's share of the divide: positive if they felt the joint desk, zero-sum over the group. */
function divideShare(participant: ParticipantRecord, wave: number): number {
  const { side, level } = DIVIDED_GROUP;
  if (wave !== DIVIDED_GROUP.wave || participant.side !== side || participant.level !== level) return 0;
  const size = PEOPLE[side][level].length;
  const felt = FELT_THE_JOINT_DESK.size;
  return FELT_THE_JOINT_DESK.has(participant.respondent) ? (size - felt) / size : -felt / size;
}

const RESPONSE_RATE: PerWave = [0.88, 0.82, 0.86, 0.84];
const LEADERSHIP_EXTRA_RATE = 0.06;
const SKIP_RATE = 0.03;
const OPEN_ANSWER_RATE = { WORKING: 0.6, NOT_WORKING: 0.6, SMALL_BIG: 0.45 } as const;

// The answer model. A respondent's answer to a trust item is their level's target for the
// dimension plus, in scale points:
//   a person-general trust component (stable leaning + this wave's mood), shared by every
//     dimension, because people answer ability, benevolence and integrity much like one factor;
//   a person × dimension component (stable + this wave), shared by the items of one dimension;
//   a small item noise, then rounding to the scale.
// Shared components dominate the item noise, so every dimension's Cronbach's alpha lands where
// real trust scales do (about 0.75–0.92), and groups still agree (rwg(j) mostly above 0.8).
const SD_GENERAL = 0.5;
const SD_GENERAL_WAVE = 0.3;
const SD_DIMENSION = 0.3;
const SD_DIMENSION_WAVE = 0.2;
const SD_ITEM = 0.38;
const SD_META_BIAS = 0.3;
const SD_META_ITEM = 0.5;

function toScale(index: number, min: number, max: number): number {
  return min + ((max - min) * index) / 100;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function at(values: PerWave, wave: number): number {
  return values[wave] as number;
}

/** The target index one side gives the other on a dimension, weighted by level head-count. */
function sideTarget(side: Side, dimension: string, wave: number): number {
  let total = 0;
  let count = 0;
  for (const level of ['leadership', 'operational', 'staff'] as const) {
    const n = PEOPLE[side][level].length;
    total += n * at(LEVEL_TARGET[side][level], wave);
    count += n;
  }
  return total / count + at(DIMENSION_OFFSET[side][dimension] as PerWave, wave);
}

// ---------------------------------------------------------------------------------------------
// Open-text pools that change with the story: before the workshop, while it is being built,
// and once the two are partners.

type OpenCode = keyof typeof OPEN_ANSWER_RATE;
type Phase = 'baseline' | 'building' | 'partner';

const PHASE_OF_WAVE: readonly Phase[] = ['baseline', 'building', 'building', 'partner'];

const COMMENTS: Record<Side, Record<Phase, Record<OpenCode, readonly string[]>>> = {
  A: {
    baseline: {
      WORKING: [
        'Individual engineers on site are helpful when you can get hold of them.',
        'The overnight SCADA fix before Christmas showed what their people can do.',
        'Escalations to their new client director do get answered.',
        'Honestly, not much at the moment.',
        'Monthly service reviews happen on time, even if they are tense.',
        'Some of the Corvid field engineers know our network better than we do.',
      ],
      NOT_WORKING: [
        'Tickets get bounced between Corvid queues and nobody owns them.',
        'Every outage turns into finger-pointing about whose change caused it.',
        'Status reports say green until the day something is red.',
        'The data migration date slipped with two days of warning.',
        'We have to chase for every update.',
        'They quote the contract at us instead of fixing the problem.',
        'We only talk at the monthly service review, and that is about penalties.',
      ],
      SMALL_BIG: [
        'One named owner per ticket, from logging to closure.',
        'Tell us early when a date is going to slip.',
        'Put their service desk where our control room can reach it.',
        'Share root-cause reports without waiting for a legal review.',
        'A single status report that both sides agree on.',
      ],
    },
    building: {
      WORKING: [
        'The joint workshop was the first time we heard their side of the story.',
        'The relationship charter gives us a common language when things go wrong.',
        'The weekly joint stand-up catches problems before they escalate.',
        'Service credits now go into improvements instead of disputes.',
        'Root-cause reviews are done together and shared openly.',
        'Leaders on both sides are visibly working together.',
        'The co-located service desk: I can walk over and ask.',
      ],
      NOT_WORKING: [
        'Some status reports still need double-checking.',
        'The charter is strong at the top but has not reached the service desk yet.',
        'Decisions on their side still go up and down the chain.',
        'Tickets still get reassigned to the offshore team without notes.',
        'Handovers between shifts lose information.',
      ],
      SMALL_BIG: [
        'A shared handover template for every shift.',
        'One ticketing channel instead of portal plus email.',
        'Let the service desk join the weekly stand-up.',
        'Show the shared dashboard on the control room screens.',
        'Ask staff, not only managers, what the charter should change.',
      ],
    },
    partner: {
      WORKING: [
        'The storm response last summer: one team, one incident room.',
        'Corvid flags its own mistakes before we find them.',
        'The co-located service desk has changed the day-to-day.',
        'Joint roadmap planning means far fewer surprises.',
        'We co-own the dashboards and trust the numbers.',
        'The charter kept the relationship steady through our restructure.',
      ],
      NOT_WORKING: [
        'Duplicate ticket logging still wastes time.',
        'Turnover at Corvid means we re-explain our systems to new engineers.',
        'The offshore team is still less connected than the on-site desk.',
        'Innovation ideas take a long time to get funded on our side.',
        'Small irritations rather than trust issues.',
      ],
      SMALL_BIG: [
        'Close the email route for tickets once and for all.',
        'Joint onboarding for new Corvid engineers.',
        'Bring the offshore team into the weekly stand-up.',
        'A shared innovation budget.',
        'Keep celebrating the small wins together.',
      ],
    },
  },
  B: {
    baseline: {
      WORKING: [
        'The new CIO is willing to talk about the relationship, not only the contract.',
        'Control room staff are friendly to our engineers on site.',
        'The weekly change board at least happens.',
        'Not a lot, to be frank.',
        'Some of their operations managers are straight with us.',
      ],
      NOT_WORKING: [
        'SLA penalties are invoiced before anyone has discussed the root cause.',
        'Change freezes land on us with two days of notice.',
        'We are blamed for outages before the investigation starts.',
        'Our engineers wait weeks for VPN and badge access.',
        'Extra work is requested verbally, then the invoice is disputed.',
        'Procurement treats every conversation as a negotiation.',
      ],
      SMALL_BIG: [
        'Give our on-site engineers VPN access on day one.',
        'Warn us before a change freeze, even by a week.',
        'Talk to us before invoking a penalty.',
        'Put verbal change requests in writing, both ways.',
        'Invite our service desk lead to their morning ops call.',
      ],
    },
    building: {
      WORKING: [
        'VPN access was fixed within weeks of the workshop. That said a lot.',
        'Change freezes are now planned with us, weeks ahead.',
        'Penalty arguments have given way to joint service reviews.',
        'The charter: both sides signed it and both sides refer to it.',
        'The weekly joint stand-up.',
        'Shared dashboards mean we argue about fixes, not about numbers.',
        'Being invited into their planning for next year.',
      ],
      NOT_WORKING: [
        'Some of their managers still escalate to procurement first.',
        'Security changes access rules without telling us.',
        'A penalty mindset creeps back into the monthly review now and then.',
        'Decisions take a long time on their side.',
        'Their field teams still send tickets back without the details we need.',
      ],
      SMALL_BIG: [
        'Include our engineers in their site safety briefings.',
        'A joint calendar of change freezes and peak periods.',
        'Badge access that does not expire without notice.',
        'One shared incident bridge for every P1.',
        'Celebrate joint wins in both newsletters.',
      ],
    },
    partner: {
      WORKING: [
        'Being held up as best practice at our own leadership conference.',
        'Northwater shares its strategy with us early.',
        'The winter change freeze was agreed eight weeks ahead.',
        'Service credits reinvested in automation, together.',
        'Their staff treat ours as colleagues.',
        'The charter refresh after their restructure.',
      ],
      NOT_WORKING: [
        'Access changes after security audits still surprise us now and then.',
        'Funding decisions for joint ideas are slow.',
        'Some new Northwater managers do not know the charter yet.',
        'An occasional reflex to check our work twice.',
      ],
      SMALL_BIG: [
        'A charter induction for every new manager on both sides.',
        'A named contact in their security team.',
        'Faster sign-off for joint innovation ideas.',
        'Keep the joint stand-up even when things are calm.',
        'Shared recognition awards for joint teams.',
      ],
    },
  },
};

/** Customer staff in the building phase: the day-to-day has not caught up with the leaders. */
const CUSTOMER_STAFF_BUILDING_NOT_WORKING: readonly string[] = [
  'Tickets still bounce between their L2 queue and our field team.',
  'Handovers from the night shift lose half the detail.',
  'I still log the same fault twice, in the portal and by email.',
  'Partnership is talked about at town halls; on the desk it feels the same as before.',
  'Offshore reassignments without notes waste hours every week.',
  'We still chase Corvid for updates on P3 tickets.',
];

function commentPool(side: Side, level: Level, phase: Phase, code: OpenCode): readonly string[] {
  if (side === 'A' && level === 'staff' && phase === 'building' && code === 'NOT_WORKING') {
    return CUSTOMER_STAFF_BUILDING_NOT_WORKING;
  }
  return COMMENTS[side][phase][code];
}

// ---------------------------------------------------------------------------------------------
// Responses

function buildResponses(participants: readonly ParticipantRecord[]): ResponseRecord[] {
  const { min, max } = BUILT_IN_INSTRUMENT.scale;
  const items = BUILT_IN_INSTRUMENT.items;
  const dimensions = BUILT_IN_INSTRUMENT.dimensions.map((d) => d.key);
  const openCodes = Object.keys(OPEN_ANSWER_RATE) as OpenCode[];

  const people = participants.map((p) => {
    const random = createRandom(`person:${p.respondent}`);
    const general = random.normal(SD_GENERAL);
    const affinity = new Map(dimensions.map((d) => [d, random.normal(SD_DIMENSION)]));
    const metaBias = random.normal(SD_META_BIAS);
    return { participant: p, general, affinity, metaBias };
  });

  const responses: ResponseRecord[] = [];
  WAVES.forEach((wave, w) => {
    const phase = PHASE_OF_WAVE[w] as Phase;
    // Each (side, level, question) walks through its own shuffled pool, so one wave's
    // comments vary instead of repeating the same line.
    const cursors = new Map<string, { pool: string[]; next: number }>();
    const nextComment = (side: Side, level: Level, code: OpenCode): string => {
      const key = `${side}:${level}:${code}`;
      let cursor = cursors.get(key);
      if (!cursor) {
        const pool = commentPool(side, level, phase, code);
        cursor = { pool: shuffled(pool, createRandom(`comments:${wave.label}:${key}`)), next: 0 };
        cursors.set(key, cursor);
      }
      const text = cursor.pool[cursor.next % cursor.pool.length] as string;
      cursor.next++;
      return text;
    };

    for (const person of people) {
      const { participant: p } = person;
      const random = createRandom(`response:${wave.label}:${p.respondent}`);
      // Draw every number in a fixed order, whether or not it is used, so the streams stay aligned.
      const rate = at(RESPONSE_RATE, w) + (p.level === 'leadership' ? LEADERSHIP_EXTRA_RATE : 0);
      const responds = random.uniform() < rate;
      const mood = random.normal(SD_GENERAL_WAVE);
      const dimensionMood = new Map(dimensions.map((d) => [d, random.normal(SD_DIMENSION_WAVE)]));
      const share = divideShare(p, w);
      const answers: Record<string, number> = {};
      for (const item of items) {
        const noise = random.normal(item.kind === 'meta' ? SD_META_ITEM : SD_ITEM);
        const skipped = random.uniform() < SKIP_RATE;
        let latent: number;
        if (item.kind === 'trust') {
          const d = item.dimension;
          const index = at(LEVEL_TARGET[p.side][p.level], w) + at(DIMENSION_OFFSET[p.side][d] as PerWave, w);
          latent =
            toScale(index, min, max) +
            person.general +
            mood +
            (person.affinity.get(d) ?? 0) +
            (dimensionMood.get(d) ?? 0) +
            share * (DIVIDE[d] ?? 0) +
            noise;
          // A respondent who trusts a lot disagrees with a statement worded against trust.
          if (item.reverse) latent = min + max - latent;
        } else {
          // "How would they rate us?": what the other side really gives, plus the blind spot.
          const other = p.side === 'A' ? 'B' : 'A';
          latent =
            toScale(sideTarget(other, item.dimension, w), min, max) +
            at(PERCEPTION_GAP, w) +
            person.metaBias +
            noise;
        }
        if (!skipped) answers[item.code] = Math.round(clamp(latent, min, max));
      }
      const open: Record<string, string> = {};
      for (const code of openCodes) {
        const answersIt = random.uniform() < OPEN_ANSWER_RATE[code];
        if (responds && answersIt) open[code] = nextComment(p.side, p.level, code);
      }
      if (!responds) continue;
      responses.push({
        respondent: p.respondent,
        side: p.side,
        level: p.level,
        wave: wave.label,
        answers,
        open,
      });
    }
  });
  return responses;
}

// ---------------------------------------------------------------------------------------------
// Critical incidents, coded by the facilitator. Listed in date order; refs follow that order.

type IncidentSeed = {
  on: string;
  title: string;
  narrative: string;
  reporter: [Side, Level];
  sides: Side[];
  levels: Level[];
  direction: 'builds' | 'dilutes';
  strength: 1 | 2 | 3;
  dimensions: string[];
  themes: string[];
  source: IncidentSource;
  resolvedOn?: string;
  /**
   * The interview the incident was taken from: the interviewee (their respondent key) and the
   * passage of that interview's notes or transcript it stands in. Only where an interview with
   * someone of the reporter's side and level, held after the incident, tells it.
   */
  heardIn?: { interviewee: string; passage: string };
};

const BOTH: Side[] = ['A', 'B'];

const INCIDENTS: readonly IncidentSeed[] = [
  {
    on: '2023-08-28',
    title: 'New CIO and new client director meet without the contract on the table',
    narrative:
      'Weeks after both took up their roles, the new Northwater CIO and the new Corvid client director met informally and agreed that the relationship, not the contract, was the problem to solve.',
    reporter: ['A', 'leadership'],
    sides: BOTH,
    levels: ['leadership'],
    direction: 'builds',
    strength: 2,
    dimensions: ['intent', 'openness'],
    themes: ['leadership change'],
    source: 'interview',
    heardIn: {
      interviewee: 'A-L01',
      passage:
        'first meeting with Corvid’s new client director was deliberately without the contract; both agreed trust was the problem',
    },
  },
  {
    on: '2023-09-14',
    title: 'Billing outage blamed on the customer’s change',
    narrative:
      'A six-hour billing-system outage. Corvid’s incident report blamed an unapproved Northwater change; three weeks later the cause turned out to be a Corvid patch.',
    reporter: ['A', 'operational'],
    sides: BOTH,
    levels: ['operational', 'staff'],
    direction: 'dilutes',
    strength: 3,
    dimensions: ['integrity', 'openness'],
    themes: ['outage', 'blame', 'change management'],
    source: 'interview',
    heardIn: {
      interviewee: 'A-O06',
      passage:
        'in September a six-hour billing outage was blamed in Corvid’s report on our change; three weeks later it turned out to be their patch',
    },
    resolvedOn: '2024-04-10',
  },
  {
    on: '2023-10-02',
    title: 'Penalty clause invoked without a conversation',
    narrative:
      'Northwater procurement invoked a never-used SLA penalty clause for the ticket backlog and sent the invoice before any service review. Corvid learned of it from its finance team.',
    reporter: ['B', 'leadership'],
    sides: BOTH,
    levels: ['leadership', 'operational'],
    direction: 'dilutes',
    strength: 3,
    dimensions: ['benevolence', 'integrity'],
    themes: ['SLA penalties', 'contract'],
    source: 'interview',
    heardIn: {
      interviewee: 'B-L01',
      passage:
        'A month later their procurement team sent us a penalty invoice. No call, no service review, nothing.',
    },
    resolvedOn: '2024-06-03',
  },
  {
    on: '2023-10-20',
    title: 'Telemetry ticket bounced between three queues',
    narrative:
      'A telemetry fault logged by the Northwater service desk moved between three Corvid queues over four days with nobody owning it; the control room worked around it by phoning an engineer directly.',
    reporter: ['A', 'staff'],
    sides: BOTH,
    levels: ['staff', 'operational'],
    direction: 'dilutes',
    strength: 2,
    dimensions: ['reliability', 'competence'],
    themes: ['service desk', 'tickets'],
    source: 'interview',
    heardIn: {
      interviewee: 'A-S01',
      passage: 'a telemetry fault sat in three different Corvid queues over four days and nobody owned it',
    },
    resolvedOn: '2024-09-30',
  },
  {
    on: '2023-11-06',
    title: 'Data-migration go-live missed by three weeks',
    narrative:
      'Corvid missed the customer-data migration go-live and told Northwater two days before the date. Customer communications had to be re-planned and the board lost confidence.',
    reporter: ['A', 'operational'],
    sides: BOTH,
    levels: ['operational', 'leadership'],
    direction: 'dilutes',
    strength: 3,
    dimensions: ['reliability', 'competence'],
    themes: ['data migration', 'delivery'],
    source: 'interview',
    heardIn: {
      interviewee: 'A-O07',
      passage:
        'Corvid told us two days before go-live that the date would slip by three weeks; the risk had been on their internal log for a month',
    },
    resolvedOn: '2024-03-12',
  },
  {
    on: '2023-11-21',
    title: 'Year-end change freeze announced with two days of notice',
    narrative:
      'Northwater imposed its year-end change freeze at two days’ notice. A Corvid release was stranded and its team worked the weekend to back it out.',
    reporter: ['B', 'operational'],
    sides: BOTH,
    levels: ['operational', 'staff'],
    direction: 'dilutes',
    strength: 2,
    dimensions: ['openness', 'benevolence'],
    themes: ['change freeze'],
    source: 'interview',
    heardIn: {
      interviewee: 'B-O07',
      passage:
        'the year-end change freeze arrived with two days of notice and stranded a release we had tested for a month',
    },
    resolvedOn: '2024-07-15',
  },
  {
    on: '2023-12-05',
    title: 'Upgrade status reported green while the team knew it was red',
    narrative:
      'Corvid’s account manager reported the ERP upgrade as on track at the steering committee while the project team already knew the test phase had failed. Northwater found out a week later.',
    reporter: ['A', 'leadership'],
    sides: BOTH,
    levels: ['leadership', 'operational'],
    direction: 'dilutes',
    strength: 3,
    dimensions: ['integrity', 'openness'],
    themes: ['status reporting', 'governance'],
    source: 'interview',
    heardIn: {
      interviewee: 'A-L01',
      passage: 'the ERP upgrade was reported green at the steering committee and turned out to be red',
    },
    resolvedOn: '2024-10-01',
  },
  {
    on: '2023-12-11',
    title: 'On-site engineers wait five weeks for VPN access',
    narrative:
      'Corvid engineers based at the Northwater operations centre could not get VPN access for five weeks and worked from borrowed desks; routine fixes waited for a Northwater colleague to log in.',
    reporter: ['B', 'staff'],
    sides: BOTH,
    levels: ['staff'],
    direction: 'dilutes',
    strength: 1,
    dimensions: ['benevolence', 'reliability'],
    themes: ['small big things', 'access'],
    source: 'interview',
    heardIn: {
      interviewee: 'B-S05',
      passage: 'waited five weeks for VPN access and borrowed desks',
    },
    resolvedOn: '2024-05-20',
  },
  {
    on: '2023-12-18',
    title: 'Finger-pointing on the weekly operations call',
    narrative:
      'A P2 incident review on the weekly operations call turned into a dispute about whose queue the ticket sat in; tickets were sent back to Corvid without the fault details.',
    reporter: ['B', 'staff'],
    sides: BOTH,
    levels: ['staff', 'operational'],
    direction: 'dilutes',
    strength: 2,
    dimensions: ['openness'],
    themes: ['blame', 'governance'],
    source: 'interview',
    heardIn: {
      interviewee: 'B-S01',
      passage:
        'on the weekly operations call the discussion is about whose queue a ticket sat in, not how to fix it',
    },
    resolvedOn: '2024-06-27',
  },
  {
    on: '2023-12-20',
    title: 'Corvid engineer stays overnight to restore SCADA reporting',
    narrative:
      'When SCADA reporting failed on a night shift, a Corvid engineer stayed until morning to restore it, although the contract only required a next-day fix.',
    reporter: ['A', 'staff'],
    sides: BOTH,
    levels: ['staff'],
    direction: 'builds',
    strength: 2,
    dimensions: ['benevolence', 'competence'],
    themes: ['going the extra mile'],
    source: 'interview',
    heardIn: {
      interviewee: 'A-S05',
      passage:
        'before Christmas a Corvid engineer stayed all night to get SCADA reporting back, although the contract said next day',
    },
  },
  {
    on: '2024-01-22',
    title: 'Invoice for verbally requested work disputed',
    narrative:
      'Northwater disputed a Corvid invoice for out-of-scope work that a Northwater manager had requested verbally; Corvid stopped doing any work without a signed change request.',
    reporter: ['B', 'leadership'],
    sides: BOTH,
    levels: ['leadership', 'operational'],
    direction: 'dilutes',
    strength: 2,
    dimensions: ['integrity', 'reliability'],
    themes: ['invoicing', 'contract'],
    source: 'interview',
    heardIn: {
      interviewee: 'B-L03',
      passage:
        'a Northwater manager asked verbally for out-of-scope work during the migration; the invoice was then disputed',
    },
    resolvedOn: '2024-06-03',
  },
  {
    on: '2024-02-27',
    title: 'Root-cause report held back for legal review',
    narrative:
      'Corvid held the root-cause report for the September billing outage for a month of legal review; Northwater operations started keeping their own incident logs.',
    reporter: ['A', 'operational'],
    sides: BOTH,
    levels: ['operational'],
    direction: 'dilutes',
    strength: 2,
    dimensions: ['openness', 'integrity'],
    themes: ['outage', 'root cause'],
    source: 'interview',
    resolvedOn: '2024-04-10',
  },
  {
    on: '2024-03-12',
    title: 'Data migration completed by a joint weekend team',
    narrative:
      'The re-planned data migration went live over a weekend with Northwater and Corvid staff in one room and a shared cut-over checklist.',
    reporter: ['A', 'operational'],
    sides: BOTH,
    levels: ['operational', 'staff'],
    direction: 'builds',
    strength: 2,
    dimensions: ['competence', 'reliability'],
    themes: ['data migration', 'joint planning'],
    source: 'interview',
  },
  {
    on: '2024-04-10',
    title: 'First joint feedback workshop',
    narrative:
      'Both organisations met together for the first time to hear the diagnostic findings from both sides and all levels. Corvid shared the withheld root-cause report in the room.',
    reporter: ['A', 'leadership'],
    sides: BOTH,
    levels: ['leadership', 'operational', 'staff'],
    direction: 'builds',
    strength: 3,
    dimensions: ['openness', 'intent'],
    themes: ['joint workshop'],
    source: 'workshop',
  },
  {
    on: '2024-05-14',
    title: 'Relationship vision and charter signed',
    narrative:
      'Sponsors on both sides signed a relationship vision and charter: shared principles, behaviours, each side’s commitments and a governance cadence.',
    reporter: ['B', 'leadership'],
    sides: BOTH,
    levels: ['leadership'],
    direction: 'builds',
    strength: 3,
    dimensions: ['intent', 'integrity', 'benevolence'],
    themes: ['relationship charter'],
    source: 'workshop',
  },
  {
    on: '2024-05-20',
    title: 'VPN access for supplier staff fixed',
    narrative:
      'Within six weeks of the workshop every on-site Corvid engineer had VPN and badge access on day one, a small big thing raised by staff on both sides.',
    reporter: ['B', 'staff'],
    sides: BOTH,
    levels: ['staff'],
    direction: 'builds',
    strength: 2,
    dimensions: ['benevolence', 'reliability'],
    themes: ['small big things', 'access'],
    source: 'survey',
  },
  {
    on: '2024-06-03',
    title: 'Penalties replaced by service credits reinvested in improvement',
    narrative:
      'The two commercial teams replaced the penalty regime with service credits that fund joint improvement work, and settled the disputed invoice.',
    reporter: ['B', 'leadership'],
    sides: BOTH,
    levels: ['leadership', 'operational'],
    direction: 'builds',
    strength: 3,
    dimensions: ['benevolence', 'integrity'],
    themes: ['SLA penalties', 'relationship charter'],
    source: 'interview',
    heardIn: {
      interviewee: 'B-L02',
      passage: 'the confidence to invest the service credits in automation rather than argue about them',
    },
  },
  {
    on: '2024-06-27',
    title: 'Weekly joint stand-up starts',
    narrative:
      'Operations managers from both sides started a 20-minute weekly joint stand-up on open risks and upcoming changes, replacing the blame-heavy operations call.',
    reporter: ['A', 'operational'],
    sides: BOTH,
    levels: ['operational'],
    direction: 'builds',
    strength: 2,
    dimensions: ['openness', 'reliability'],
    themes: ['joint stand-up', 'ways of working'],
    source: 'survey',
  },
  {
    on: '2024-07-09',
    title: 'Fault ticket bounced three times between supplier L2 and field operations',
    narrative:
      'A substation comms fault ticket went back and forth three times between Corvid second-line support and Northwater field operations; the field crew lost a day.',
    reporter: ['A', 'staff'],
    sides: BOTH,
    levels: ['staff'],
    direction: 'dilutes',
    strength: 2,
    dimensions: ['reliability'],
    themes: ['service desk', 'tickets', 'handovers'],
    source: 'survey',
    resolvedOn: '2024-09-30',
  },
  {
    on: '2024-07-15',
    title: 'Summer change freeze planned jointly',
    narrative:
      'The storm-season change freeze was agreed in the joint stand-up six weeks ahead, with Corvid’s releases moved forward rather than stranded.',
    reporter: ['B', 'operational'],
    sides: BOTH,
    levels: ['operational'],
    direction: 'builds',
    strength: 2,
    dimensions: ['openness', 'benevolence'],
    themes: ['change freeze', 'joint planning'],
    source: 'interview',
    heardIn: {
      interviewee: 'B-O03',
      passage:
        'The summer change freeze was the first one we planned with them, in the stand-up, six weeks ahead.',
    },
  },
  {
    on: '2024-08-20',
    title: 'Supplier escalates a weekend outage early',
    narrative:
      'Corvid called Northwater operations within ten minutes of a weekend network outage and both sides joined one bridge; service was back in two hours.',
    reporter: ['A', 'operational'],
    sides: BOTH,
    levels: ['operational', 'staff'],
    direction: 'builds',
    strength: 2,
    dimensions: ['openness', 'reliability'],
    themes: ['outage', 'joint stand-up'],
    source: 'interview',
  },
  {
    on: '2024-09-30',
    title: 'Co-located service desk opens',
    narrative:
      'Corvid’s service desk team moved into the Northwater operations centre beside the control room, with one queue and named ticket owners.',
    reporter: ['A', 'operational'],
    sides: BOTH,
    levels: ['operational', 'staff'],
    direction: 'builds',
    strength: 3,
    dimensions: ['reliability', 'competence', 'openness'],
    themes: ['service desk', 'ways of working'],
    source: 'interview',
  },
  {
    on: '2024-10-01',
    title: 'Client director corrects the upgrade status record',
    narrative:
      'Corvid’s client director presented the true history of last year’s ERP upgrade status to the steering committee, apologised and changed the account lead.',
    reporter: ['A', 'leadership'],
    sides: BOTH,
    levels: ['leadership'],
    direction: 'builds',
    strength: 2,
    dimensions: ['integrity', 'openness'],
    themes: ['status reporting', 'leadership change'],
    source: 'interview',
    heardIn: {
      interviewee: 'A-L02',
      passage:
        'Corvid’s client director corrected the upgrade status history in front of the steering committee and changed the account lead',
    },
  },
  {
    on: '2024-10-22',
    title: 'Night-shift handover notes missing',
    narrative:
      'Handover notes between the Corvid night shift and the Northwater morning desk were missing for a week; open faults were rediscovered by customers.',
    reporter: ['A', 'staff'],
    sides: BOTH,
    levels: ['staff'],
    direction: 'dilutes',
    strength: 1,
    dimensions: ['reliability'],
    themes: ['service desk', 'handovers'],
    source: 'interview',
    heardIn: {
      interviewee: 'A-S03',
      passage:
        'In October we had a week with no handover notes at all from their night shift. We only found the open faults when customers rang about them.',
    },
    resolvedOn: '2025-05-15',
  },
  {
    on: '2024-11-12',
    title: 'Weekend change overtime invoiced twice',
    narrative:
      'Overtime for a weekend change was invoiced twice. Northwater’s commercial team found it; the correction took three months.',
    reporter: ['A', 'operational'],
    sides: BOTH,
    levels: ['operational'],
    direction: 'dilutes',
    strength: 2,
    dimensions: ['integrity'],
    themes: ['invoicing'],
    source: 'interview',
    resolvedOn: '2025-02-14',
  },
  {
    on: '2024-11-28',
    title: 'Shared service dashboards go live',
    narrative:
      'Both sides now read the same service dashboards, built from one data source; the monthly review stopped arguing about the numbers.',
    reporter: ['B', 'operational'],
    sides: BOTH,
    levels: ['operational', 'leadership'],
    direction: 'builds',
    strength: 2,
    dimensions: ['openness', 'reliability'],
    themes: ['shared dashboards'],
    source: 'interview',
    heardIn: {
      interviewee: 'B-O03',
      passage:
        'Since the shared dashboards went live there is one set of numbers. We stopped arguing about whose figures were right.',
    },
  },
  {
    on: '2024-12-10',
    title: 'Corvid invited into Northwater’s 2025 planning',
    narrative:
      'For the first time Northwater invited Corvid into its annual IT roadmap planning, before the budget was fixed.',
    reporter: ['B', 'leadership'],
    sides: BOTH,
    levels: ['leadership', 'operational'],
    direction: 'builds',
    strength: 2,
    dimensions: ['intent', 'competence'],
    themes: ['joint planning'],
    source: 'interview',
    heardIn: {
      interviewee: 'B-L02',
      passage:
        'Northwater invited us into its 2025 roadmap planning for the first time, before the budget was set',
    },
  },
  {
    on: '2025-01-09',
    title: 'Tickets reassigned offshore without notes',
    narrative:
      'Service desk staff reported that night-time tickets were still reassigned to Corvid’s offshore team without notes, so callers had to explain the fault again.',
    reporter: ['A', 'staff'],
    sides: BOTH,
    levels: ['staff'],
    direction: 'dilutes',
    strength: 2,
    dimensions: ['reliability', 'competence'],
    themes: ['tickets', 'handovers'],
    source: 'interview',
    heardIn: {
      interviewee: 'A-S03',
      passage:
        'a ticket goes offshore overnight without a note, and the caller has to explain the fault all over again',
    },
    resolvedOn: '2025-06-30',
  },
  {
    on: '2025-01-20',
    title: 'Leadership offsite agrees a joint innovation backlog',
    narrative:
      'The leadership teams of both organisations spent a day together and agreed a joint innovation backlog funded by reinvested service credits.',
    reporter: ['A', 'leadership'],
    sides: BOTH,
    levels: ['leadership'],
    direction: 'builds',
    strength: 2,
    dimensions: ['intent'],
    themes: ['joint planning'],
    source: 'facilitator',
  },
  {
    on: '2025-03-18',
    title: 'Northwater shares its asset-management strategy early',
    narrative:
      'Northwater briefed Corvid on its asset-management strategy months before any tender, so Corvid could propose how to support it.',
    reporter: ['B', 'leadership'],
    sides: BOTH,
    levels: ['leadership'],
    direction: 'builds',
    strength: 2,
    dimensions: ['openness', 'intent'],
    themes: ['joint planning'],
    source: 'facilitator',
  },
  {
    on: '2025-04-08',
    title: 'Corvid flags its own firewall mistake before it bites',
    narrative:
      'A Corvid engineer spotted an error in his own firewall change and raised it on the joint stand-up before it caused an outage.',
    reporter: ['A', 'operational'],
    sides: BOTH,
    levels: ['operational', 'staff'],
    direction: 'builds',
    strength: 3,
    dimensions: ['integrity', 'openness'],
    themes: ['joint stand-up', 'change management'],
    source: 'survey',
  },
  {
    on: '2025-05-15',
    title: 'Shared handover template and joint shift briefing',
    narrative:
      'A one-page handover template and a ten-minute joint shift briefing, designed by service desk staff from both sides, replaced free-text handovers.',
    reporter: ['A', 'staff'],
    sides: BOTH,
    levels: ['staff'],
    direction: 'builds',
    strength: 2,
    dimensions: ['reliability'],
    themes: ['small big things', 'service desk', 'handovers'],
    source: 'workshop',
  },
  {
    on: '2025-06-10',
    title: 'Northwater operations director leaves in a restructure',
    narrative:
      'Northwater’s restructure removed the operations director who co-sponsored the charter; Corvid worried the joint workstreams would stall.',
    reporter: ['B', 'leadership'],
    sides: BOTH,
    levels: ['leadership'],
    direction: 'dilutes',
    strength: 1,
    dimensions: ['intent'],
    themes: ['leadership change'],
    source: 'facilitator',
    resolvedOn: '2025-08-19',
  },
  {
    on: '2025-07-01',
    title: 'Storm response from one joint incident room',
    narrative:
      'During a summer storm both sides ran one incident room; telemetry and customer systems were restored within six hours.',
    reporter: ['A', 'leadership'],
    sides: BOTH,
    levels: ['leadership', 'operational', 'staff'],
    direction: 'builds',
    strength: 3,
    dimensions: ['competence', 'reliability', 'benevolence'],
    themes: ['joint planning', 'outage'],
    source: 'survey',
  },
  {
    on: '2025-08-19',
    title: 'Charter refreshed and signed by the new operations director',
    narrative:
      'The charter was reviewed jointly and version 2 signed by Northwater’s new operations director and Corvid’s client director.',
    reporter: ['B', 'leadership'],
    sides: BOTH,
    levels: ['leadership'],
    direction: 'builds',
    strength: 2,
    dimensions: ['intent'],
    themes: ['relationship charter', 'leadership change'],
    source: 'workshop',
  },
  {
    on: '2025-09-09',
    title: 'Supplier badge access revoked after a security audit',
    narrative:
      'A Northwater security audit revoked badge access for Corvid’s on-site engineers without notice; it was restored within two weeks.',
    reporter: ['B', 'staff'],
    sides: BOTH,
    levels: ['staff'],
    direction: 'dilutes',
    strength: 1,
    dimensions: ['benevolence', 'openness'],
    themes: ['small big things', 'access'],
    source: 'survey',
    resolvedOn: '2025-09-23',
  },
  {
    on: '2025-10-14',
    title: 'Joint service desk meets its SLA for twelve months running',
    narrative:
      'The co-located desk met its SLA every month for a year; the remaining service credits were reinvested in ticket automation.',
    reporter: ['B', 'operational'],
    sides: BOTH,
    levels: ['operational', 'staff'],
    direction: 'builds',
    strength: 2,
    dimensions: ['reliability', 'intent'],
    themes: ['service desk', 'SLA penalties'],
    source: 'survey',
  },
  {
    on: '2025-11-04',
    title: 'Winter change freeze agreed eight weeks ahead',
    narrative:
      'The winter change freeze was agreed jointly eight weeks ahead, with both release plans adjusted.',
    reporter: ['B', 'operational'],
    sides: BOTH,
    levels: ['operational'],
    direction: 'builds',
    strength: 1,
    dimensions: ['openness'],
    themes: ['change freeze', 'joint planning'],
    source: 'survey',
  },
  {
    on: '2025-11-25',
    title: 'Relationship held up as best practice at Corvid’s leadership conference',
    narrative:
      'Corvid presented the Northwater relationship as a best-practice example at its supplier leadership conference, with Northwater’s CIO on stage.',
    reporter: ['B', 'leadership'],
    sides: BOTH,
    levels: ['leadership'],
    direction: 'builds',
    strength: 2,
    dimensions: ['intent'],
    themes: ['recognition'],
    source: 'facilitator',
  },
  {
    on: '2025-12-09',
    title: 'Faults still logged twice, in the portal and by email',
    narrative:
      'Northwater staff still log some faults both in the portal and by email because the email route was never closed; duplicates cost the desk time.',
    reporter: ['A', 'staff'],
    sides: BOTH,
    levels: ['staff'],
    direction: 'dilutes',
    strength: 1,
    dimensions: ['reliability'],
    themes: ['service desk', 'small big things'],
    source: 'survey',
  },
];

/**
 * The incidents, coded by the facilitator (demo-coding.ts adds the trigger, contract scope and
 * small-big flag, and a second coder's coding of twenty), linked to the interviews they were
 * taken from. The links and coding change none of the fields the analysis reads.
 */
function buildIncidents(interviews: readonly BundleInterview[]): BundleIncident[] {
  const records = INCIDENTS.map((seed, index) => ({
    record: buildIncident(seed, index),
    source: seed.heardIn ? sourceOf(seed, interviews) : { interviewRef: '', sourcePassage: '' },
  }));
  const codings = codeDemoIncidentsOf(records.map(({ record }) => record));
  return records.map(({ record, source }) => {
    const { first, second } = codings.get(record.ref)!;
    return { ...record, ...first, ...source, secondCoding: second };
  });
}

/** The interview a seed was heard in, checked as the interview page would check the passage. */
function sourceOf(
  seed: IncidentSeed,
  interviews: readonly BundleInterview[],
): { interviewRef: string; sourcePassage: string } {
  const { interviewee, passage } = seed.heardIn!;
  const interview = interviews.find((i) => i.respondent === interviewee);
  const problem = !interview
    ? 'no interview with them'
    : interview.side !== seed.reporter[0] || interview.level !== seed.reporter[1]
      ? `they are not on the reporter's side and level`
      : interview.heldOn < seed.on
        ? 'the interview was held before the incident'
        : undefined;
  const match = interview ? findPassage(interview, passage) : undefined;
  if (problem || !interview || match?.kind !== 'found') {
    throw new Error(
      `demo incident "${seed.title}" heard from ${interviewee}: ${problem ?? 'the passage is not in the interview'}`,
    );
  }
  return { interviewRef: interview.ref, sourcePassage: match.text };
}

function buildIncident(seed: IncidentSeed, index: number): IncidentRecord {
  return {
    ref: `INC-${String(index + 1).padStart(3, '0')}`,
    occurredOn: seed.on,
    title: seed.title,
    narrative: seed.narrative,
    reporterSide: seed.reporter[0],
    reporterLevel: seed.reporter[1],
    sidesInvolved: [...seed.sides],
    levelsInvolved: [...seed.levels],
    direction: seed.direction,
    strength: seed.strength,
    dimensions: [...seed.dimensions],
    themes: [...seed.themes],
    source: seed.source,
    codedBy: FACILITATOR,
    status: seed.resolvedOn ? 'resolved' : 'coded',
    resolvedOn: seed.resolvedOn ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// Interviews: critical-incident style notes (context, what happened, what it led to), and for a
// few the transcript the facilitator pasted in.

const INTERVIEWS: ReadonlyArray<readonly [respondent: string, heldOn: string, notes: string]> = [
  [
    'A-L01',
    '2024-01-15',
    'Context: joined as CIO in summer 2023 and inherited a relationship run entirely through the contract. What happened: first meeting with Corvid’s new client director was deliberately without the contract; both agreed trust was the problem. Two months later the ERP upgrade was reported green at the steering committee and turned out to be red. What it led to: "I cannot take a status report at face value. I want a relationship where I do not have to check."',
  ],
  [
    'A-L03',
    '2024-01-16',
    'Context: owns the commercial relationship. What happened: invoked the SLA penalty clause in October because the ticket backlog kept growing and "the contract was the only lever that worked". Admits the clause had never been used and Corvid was not warned. What it led to: every conversation since has been a negotiation; Corvid now asks for everything in writing.',
  ],
  [
    'A-O06',
    '2024-01-17',
    'Context: runs billing systems. What happened: in September a six-hour billing outage was blamed in Corvid’s report on our change; three weeks later it turned out to be their patch, and the root-cause report is still "in legal review". What it led to: my team keeps its own incident log and no longer believes Corvid’s reports.',
  ],
  [
    'A-O07',
    '2024-01-18',
    'Context: project manager for the customer-data migration. What happened: Corvid told us two days before go-live that the date would slip by three weeks; the risk had been on their internal log for a month. What it led to: customer letters re-planned, the board lost confidence, we moved to weekly checkpoints. Credit where due: their migration lead is very capable.',
  ],
  [
    'A-S01',
    '2024-01-19',
    'Context: service desk analyst, logs faults for the control room. What happened: a telemetry fault sat in three different Corvid queues over four days and nobody owned it. What it led to: we phone the engineers we know personally and bypass the process; new starters do not know whom to call.',
  ],
  [
    'A-S05',
    '2024-01-22',
    'Context: control room operator on nights. What happened: before Christmas a Corvid engineer stayed all night to get SCADA reporting back, although the contract said next day. The same week the handover from their night shift said nothing about two open faults. What it led to: "That engineer is the Corvid I want to work with. The process is the Corvid I get."',
  ],
  [
    'B-L01',
    '2024-01-23',
    'Context: client director since September 2023. What happened: agreed with the new CIO to start over; a month later procurement sent a penalty invoice without a conversation. What it led to: "My team believes they are being set up to fail. I need to show them something has changed, and so does Northwater."',
  ],
  [
    'B-O02',
    '2024-01-24',
    'Context: service delivery manager, runs the monthly service review. What happened: every P1 becomes a blame exercise. On the September outage our first report was wrong and legal held the correction back. What it led to: the team writes reports to defend itself rather than to learn; admits that hurts Northwater’s trust in us.',
  ],
  [
    'B-O07',
    '2024-01-25',
    'Context: change and release manager. What happened: the year-end change freeze arrived with two days of notice and stranded a release we had tested for a month; the team worked the weekend to back it out. What it led to: we now plan around Northwater, not with them.',
  ],
  [
    'B-S05',
    '2024-01-29',
    'Context: infrastructure engineer based at the Northwater operations centre. What happened: waited five weeks for VPN access and borrowed desks; control room staff were kind, but every fix waited for someone to log in for me. On the weekly ops call, tickets came back to us without the fault details. What it led to: "We feel like visitors, not part of the team."',
  ],
  [
    'B-L03',
    '2024-01-30',
    'Context: commercial director. What happened: a Northwater manager asked verbally for out-of-scope work during the migration; the invoice was then disputed. What it led to: we stopped doing anything without a signed change request, which slows both sides down and everybody knows it.',
  ],
  [
    'B-S01',
    '2024-02-01',
    'Context: service desk analyst. What happened: on the weekly operations call the discussion is about whose queue a ticket sat in, not how to fix it. What it led to: we keep screenshots of everything to protect ourselves; asks for one shared queue.',
  ],
  [
    'A-L02',
    '2025-01-20',
    'Context: a year after the joint workshop. What happened: Corvid’s client director corrected the upgrade status history in front of the steering committee and changed the account lead; the co-located desk opened in September. What it led to: "At my level I would now call them a partner. I am less sure my service desk would say the same."',
  ],
  [
    'A-S03',
    '2025-01-22',
    'Context: service desk analyst, now sitting beside the Corvid desk. What happened: in the day it is much better; at night tickets are still reassigned offshore without notes, and some faults get logged twice, in the portal and by email. What it led to: frustration; "the charter has not reached the desk yet".',
  ],
  [
    'B-O03',
    '2025-01-27',
    'Context: runs the co-located service desk since September. What happened: shared dashboards ended the arguments about numbers; in November we invoiced a weekend change twice, our mistake, and the credit is still going through. What it led to: we now raise our own mistakes first, on the stand-up.',
  ],
  [
    'B-L02',
    '2025-02-04',
    'Context: head of service delivery. What happened: Northwater invited us into its 2025 roadmap planning for the first time, before the budget was set. What it led to: the confidence to invest the service credits in automation rather than argue about them.',
  ],
];

/** Transcripts by interviewee: the interviewee's own words, beside the interviewer's notes. */
const TRANSCRIPTS: Readonly<Record<string, string>> = {
  'B-L01': [
    'Q: Tell me how it started with Northwater.',
    'A: I came in last September. Their new CIO and I had a coffee with no contract on the table, and we agreed that trust was the problem, not the service levels.',
    'Q: And then?',
    'A: A month later their procurement team sent us a penalty invoice.',
    'No call, no service review, nothing. Our finance team found it before I did.',
    'Q: What did that do to your people?',
    'A: My team believes they are being set up to fail. I need to show them something has changed, and so does Northwater.',
  ].join('\n'),
  'A-S03': [
    'Q: How is the desk now that you sit beside Corvid?',
    'A: In the day it is much better. I can lean over and ask.',
    'Q: And at night?',
    'A: In October we had a week with no handover notes at all from their night shift.',
    'We only found the open faults when customers rang about them.',
    'It still happens that a ticket goes offshore overnight without a note, and the caller has to explain the fault all over again.',
    'Q: What would fix it?',
    'A: One handover template that both shifts use. The charter has not reached the desk yet.',
  ].join('\n'),
  'B-O03': [
    'Q: What changed on your side this year?',
    'A: The summer change freeze was the first one we planned with them, in the stand-up, six weeks ahead.',
    'We moved our releases forward instead of losing them.',
    'Q: And the monthly review?',
    'A: Since the shared dashboards went live there is one set of numbers.',
    'We stopped arguing about whose figures were right.',
    'Q: Anything that went wrong?',
    'A: We invoiced a weekend change twice in November. Our mistake; we said so on the stand-up before they found it.',
  ].join('\n'),
};

function buildInterviews(participants: readonly ParticipantRecord[]): BundleInterview[] {
  return INTERVIEWS.map(([respondent, heldOn, notes], index) => {
    const participant = participants.find((p) => p.respondent === respondent);
    if (!participant) throw new Error(`demo interview names an unknown respondent ${respondent}`);
    return {
      ref: `INT-${String(index + 1).padStart(3, '0')}`,
      respondent,
      side: participant.side,
      level: participant.level,
      heldOn,
      interviewer: FACILITATOR,
      notes,
      transcript: TRANSCRIPTS[respondent] ?? '',
      status: 'held',
    };
  });
}

/**
 * The facilitator's theme tags on every comment (demo-themes.ts), each comment's in the order an
 * export writes them (orderThemeTags), so the demo is exactly what it exports.
 */
function withThemes(responses: readonly ResponseRecord[]): BundleResponse[] {
  return responses.map((response) => {
    const openThemes: Record<string, string[]> = {};
    for (const [code, text] of Object.entries(response.open)) {
      const themes = orderThemeTags(demoThemesOf(text));
      if (themes.length > 0) openThemes[code] = themes;
    }
    return { ...response, openThemes, openModeration: {} };
  });
}

// ---------------------------------------------------------------------------------------------

/**
 * The demo relationship: Northwater Utilities and Corvid IT Services over two years, with the
 * workbench's data (coding, a second coder, interview links and transcripts, comment themes), so
 * loading it is one import. Pure.
 */
export function generateDemoBundle(): FullBundle {
  const participants = buildParticipants();
  const interviews = buildInterviews(participants);
  const bundle = {
    relationship: {
      name: 'Northwater ↔ Corvid IT outsourcing',
      anonymityThreshold: 3,
      sides: {
        A: { name: SIDE_NAMES.A.name, role: SIDE_NAMES.A.role },
        B: { name: SIDE_NAMES.B.name, role: SIDE_NAMES.B.role },
      },
      waves: WAVES.map((wave) => ({ ...wave })),
    },
    instrument: structuredClone(BUILT_IN_INSTRUMENT),
    hasCustomInstrument: false,
    responses: withThemes(buildResponses(participants)),
    participants,
    incidents: buildIncidents(interviews),
    interviews,
    quotes: [],
  };
  return { ...bundle, shareAndAct: buildDemoShareAndAct(bundle) };
}
