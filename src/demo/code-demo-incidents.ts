import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { incidentSecondCodings, incidents, relationships } from '../db/schema.ts';
import {
  CONTRACT_SCOPES,
  type ContractScope,
  INCIDENT_TRIGGERS,
  type IncidentTrigger,
} from '../domain/model.ts';
import { createSeededRandom, hashString, type SeededRandom } from './seeded-random.ts';

// The demo's coding beyond the bundle's columns: each incident's trigger, contract scope and
// "small big thing" flag, and an independent second coder's coding of about twenty incidents,
// so that the agreement page has something to show. Deterministic: the same demo, the same κ.

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

type DemoRow = {
  id: string;
  ref: string;
  direction: string;
  strength: number;
  dimensions: string[];
  themes: string[];
};

export async function codeDemoIncidents(db: Db, workspaceId: string, relationshipId: string): Promise<void> {
  await db.transaction(async (tx) => {
    // The relationship must be the workspace's: the demo is loaded into one workspace only.
    const owned = await tx
      .select({ id: relationships.id })
      .from(relationships)
      .where(and(eq(relationships.id, relationshipId), eq(relationships.workspaceId, workspaceId)));
    if (owned.length === 0) throw new Error('codeDemoIncidents: not a relationship of this workspace');
    const rows: DemoRow[] = await tx
      .select({
        id: incidents.id,
        ref: incidents.ref,
        direction: incidents.direction,
        strength: incidents.strength,
        dimensions: incidents.dimensions,
        themes: incidents.themes,
      })
      .from(incidents)
      .where(eq(incidents.relationshipId, relationshipId))
      .orderBy(asc(incidents.occurredOn), asc(incidents.ref));
    const random = createSeededRandom(hashString('trustloop-demo-second-coding'));
    const firsts = rows.map((row) => ({ row, coding: firstCodingOf(row) }));
    for (const { row, coding } of firsts) {
      await tx
        .update(incidents)
        .set({ ...coding, updatedAt: sql`now()` })
        .where(eq(incidents.id, row.id));
    }
    const chosen = pickForSecondCoding(firsts, SECOND_CODED);
    for (const { row, coding } of chosen) {
      const second = secondCodingOf(row, coding, random);
      await tx
        .insert(incidentSecondCodings)
        .values({ incidentId: row.id, coderUserId: null, codedBy: DEMO_SECOND_CODER, ...second })
        .onConflictDoUpdate({ target: incidentSecondCodings.incidentId, set: second });
    }
  });
}

function firstCodingOf(row: DemoRow): {
  trigger: IncidentTrigger;
  contractScope: ContractScope;
  smallBigThing: boolean;
} {
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
  row: DemoRow,
  first: { trigger: IncidentTrigger; contractScope: ContractScope; smallBigThing: boolean },
  random: SeededRandom,
) {
  const chance = (p: number): boolean => random.uniform() < p;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random.uniform() * list.length)]!;
  const direction = chance(0.05) ? (row.direction === 'builds' ? 'dilutes' : 'builds') : row.direction;
  const strength = chance(0.3)
    ? Math.min(3, Math.max(1, row.strength + (chance(0.5) ? 1 : -1)))
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
  return { direction, strength, trigger, contractScope, smallBigThing, dimensions, themes };
}
