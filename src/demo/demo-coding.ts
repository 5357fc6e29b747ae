import type { IncidentExtraCoding, SecondCodingRecord } from '../domain/bundle/full-bundle.ts';
import {
  CONTRACT_SCOPES,
  type ContractScope,
  INCIDENT_TRIGGERS,
  type IncidentRecord,
  type IncidentTrigger,
} from '../domain/model.ts';
import { createSeededRandom, hashString, type SeededRandom } from './seeded-random.ts';

// The demo's coding beyond the analysis's fields: each incident's trigger, contract scope and
// "small big thing" flag, and an independent second coder's coding of about twenty incidents, so
// that the agreement page has something to show. Pure and deterministic: the same incidents, the
// same codings, the same κ — whether the demo bundle carries them (generate-demo-bundle.ts) or
// they are written onto a stored relationship (code-demo-incidents.ts).

export const DEMO_SECOND_CODER = 'Second coder (demo)';
const SECOND_CODED = 20;

/** The trigger a theme points to; an incident takes the first of its themes found here. */
const TRIGGER_BY_THEME: Record<string, IncidentTrigger> = {
  'leadership change': 'people',
  'going the extra mile': 'people',
  recognition: 'people',
  outage: 'delivery',
  'root cause': 'delivery',
  'data migration': 'delivery',
  'service desk': 'delivery',
  tickets: 'delivery',
  handovers: 'delivery',
  'sla penalties': 'commercial',
  invoicing: 'commercial',
  contract: 'commercial',
  blame: 'escalation',
  'change freeze': 'governance',
  'change management': 'governance',
  governance: 'governance',
  'status reporting': 'governance',
  'relationship charter': 'governance',
  'joint planning': 'communication',
  'joint workshop': 'communication',
  'joint stand-up': 'communication',
  'ways of working': 'communication',
  'shared dashboards': 'communication',
  access: 'people',
  'small big things': 'people',
};

/** What the demo's coding is derived from: the first coder's analysis fields of an incident. */
export type DemoIncident = Pick<
  IncidentRecord,
  'ref' | 'occurredOn' | 'direction' | 'strength' | 'dimensions' | 'themes'
>;

export type DemoCoding = {
  first: IncidentExtraCoding & { trigger: IncidentTrigger; contractScope: ContractScope };
  second: SecondCodingRecord | null;
};

/**
 * The coding of every incident, by ref. The incidents are taken in date order, then by ref (as
 * the incident workbench lists them), which fixes which twenty are coded twice and what the second
 * coder's seeded stream gives each.
 */
export function codeDemoIncidentsOf(incidents: readonly DemoIncident[]): Map<string, DemoCoding> {
  const ordered = [...incidents].sort(
    (a, b) => compareText(a.occurredOn, b.occurredOn) || compareText(a.ref, b.ref),
  );
  const random = createSeededRandom(hashString('trustloop-demo-second-coding'));
  const firsts = ordered.map((row) => ({ row, coding: firstCodingOf(row) }));
  const codings = new Map<string, DemoCoding>(
    firsts.map(({ row, coding }) => [row.ref, { first: coding, second: null }]),
  );
  for (const { row, coding } of pickForSecondCoding(firsts, SECOND_CODED)) {
    codings.get(row.ref)!.second = { codedBy: DEMO_SECOND_CODER, ...secondCodingOf(row, coding, random) };
  }
  return codings;
}

function firstCodingOf(row: DemoIncident): DemoCoding['first'] {
  const themes = row.themes.map((t) => t.toLowerCase());
  const trigger = themes.map((t) => TRIGGER_BY_THEME[t]).find((t) => t !== undefined) ?? 'communication';
  const contractScope: ContractScope =
    row.direction === 'builds'
      ? row.strength >= 2
        ? 'beyond'
        : 'within'
      : themes.includes('sla penalties') || row.strength === 3
        ? 'breach'
        : 'within';
  return { trigger, contractScope, smallBigThing: themes.includes('small big things') };
}

/**
 * Every incident flagged a "small big thing" (few, so the flag's κ has both codes to work with),
 * then every k-th of the others up to `count`, so the second coder sees the whole story.
 */
function pickForSecondCoding<T extends { coding: { smallBigThing: boolean } }>(
  items: readonly T[],
  count: number,
): T[] {
  if (items.length <= count) return [...items];
  const flagged = items.filter((item) => item.coding.smallBigThing);
  const others = items.filter((item) => !item.coding.smallBigThing);
  const wanted = Math.max(0, count - flagged.length);
  const step = others.length / Math.max(1, wanted);
  const spread = Array.from(
    { length: Math.min(wanted, others.length) },
    (_, i) => others[Math.floor(i * step)]!,
  );
  const chosen = new Set([...flagged, ...spread]);
  return items.filter((item) => chosen.has(item));
}

/**
 * A second coder who reads the same narrative: the direction is almost never in doubt, the
 * strength and the contract scope often are, the trigger sometimes, and dimensions and themes
 * are read a little more or less widely.
 */
function secondCodingOf(
  row: DemoIncident,
  first: DemoCoding['first'],
  random: SeededRandom,
): Omit<SecondCodingRecord, 'codedBy'> {
  const chance = (p: number): boolean => random.uniform() < p;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random.uniform() * list.length)]!;
  const direction = chance(0.05) ? (row.direction === 'builds' ? 'dilutes' : 'builds') : row.direction;
  const strength = chance(0.3)
    ? (Math.min(3, Math.max(1, row.strength + (chance(0.5) ? 1 : -1))) as 1 | 2 | 3)
    : row.strength;
  const trigger = chance(0.2) ? pick(INCIDENT_TRIGGERS) : first.trigger;
  const contractScope = chance(0.25) ? pick(CONTRACT_SCOPES) : first.contractScope;
  const smallBigThing = chance(0.1) ? !first.smallBigThing : first.smallBigThing;
  let dimensions = [...row.dimensions];
  if (dimensions.length > 1 && chance(0.25)) dimensions = dimensions.slice(0, -1);
  else if (chance(0.2))
    dimensions = [...new Set([...dimensions, pick(['competence', 'reliability', 'openness'])])];
  let themes = [...row.themes];
  if (themes.length > 1 && chance(0.3)) themes = themes.slice(1);
  return { direction, strength, dimensions, themes, trigger, smallBigThing, contractScope };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
