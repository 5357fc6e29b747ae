import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { relationships, sponsorGrants, waves } from '../db/schema.ts';
import { OVERALL_COLUMN, suppressTable } from '../domain/anonymity.ts';
import { AppError } from '../domain/app-error.ts';
import { LEVELS, type Level, SIDES, type Side, type SideInfo } from '../domain/model.ts';
import type { StageLevel } from '../domain/stage.ts';
import { getRelationshipAnalysis } from './get-relationship-analysis.ts';
import { getRelationshipSetup, type WaveStatus } from './get-relationship-setup.ts';
import { getResponseTracking, type TrackingCell } from './get-response-tracking.ts';

// What a sponsor sees (decision 017): only relationships they hold a grant for; before the results
// are released, each wave's state and dates and its response rates; after release, also each
// wave's trust index per side and its stage, from the same analysis as `trustloop analyze --json`.
// Response counts per level are shown only for groups of at least k invited participants, with
// the same complementary rule as the analysis, so no subtraction from the side's total reveals a
// smaller group. Nothing here says who answered.

export type SponsorViewer = { id: string; workspaceId: string };

export type SponsorRelationshipSummary = {
  id: string;
  name: string;
  /** The side this sponsor leads. */
  side: Side;
  sides: Record<Side, SideInfo>;
  isReleased: boolean;
  waveCount: number;
};

/** A count shown, or why not: a group below k, a group hidden to protect another, or nobody invited. */
export type ResponseRate =
  | { kind: 'shown'; invited: number; submitted: number; rate: number }
  | { kind: 'hidden'; reason: 'too-few' | 'complementary' }
  | { kind: 'none-invited' };

export type SideResponseRates = { total: ResponseRate; levels: Record<Level, ResponseRate> };

export type SponsorWave = {
  label: string;
  status: WaveStatus;
  opens: string;
  closes: string;
  /** k: the smallest group whose counts are shown. */
  anonymityThreshold: number;
  /** Null for a draft wave: nobody has been asked yet. */
  responseRates: Record<Side, SideResponseRates> | null;
};

export type SponsorWaveResults = {
  label: string;
  /** Null when suppressed (fewer than k responses) or not measured, as in the analysis. */
  index: Record<Side, number | null>;
  stage: { level: StageLevel | null; name: string };
};

export type SponsorRelationshipOverview = SponsorRelationshipSummary & {
  releasedAt: string | null;
  waves: SponsorWave[];
  /** Closed waves' results, present only once released; absent (not empty) before. */
  results?: SponsorWaveResults[];
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A well-formed id: anything else cannot be a grant, and must not reach a uuid column. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** The relationships a sponsor holds a grant for, by name. */
export async function getSponsorOverview(
  db: Db,
  sponsor: SponsorViewer,
): Promise<{ relationships: SponsorRelationshipSummary[] }> {
  const rows = await db
    .select({
      id: relationships.id,
      name: relationships.name,
      side: sponsorGrants.side,
      releasedAt: relationships.resultsReleasedAt,
      waveCount: sql<number>`(select count(*)::int from ${waves} where ${waves.relationshipId} = ${relationships.id})`,
    })
    .from(sponsorGrants)
    .innerJoin(relationships, eq(relationships.id, sponsorGrants.relationshipId))
    .where(and(eq(sponsorGrants.userId, sponsor.id), eq(relationships.workspaceId, sponsor.workspaceId)))
    .orderBy(asc(relationships.name));
  const summaries = await Promise.all(
    rows.map(async (row): Promise<SponsorRelationshipSummary> => {
      const setup = await getRelationshipSetup(db, sponsor.workspaceId, row.id);
      return {
        id: row.id,
        name: row.name,
        side: row.side as Side,
        sides: setup.sides,
        isReleased: row.releasedAt !== null,
        waveCount: Number(row.waveCount),
      };
    }),
  );
  return { relationships: summaries };
}

/**
 * One relationship as its sponsor sees it. Without a grant (another relationship, even of the same
 * workspace, or a malformed id) it is 'not-found', exactly like a relationship that does not exist.
 */
export async function getSponsorRelationshipOverview(
  db: Db,
  sponsor: SponsorViewer,
  relationshipId: string,
): Promise<SponsorRelationshipOverview> {
  const notFound = new AppError('not-found', 'no such relationship among the ones you sponsor');
  if (!isUuid(relationshipId)) throw notFound;
  const [grant] = await db
    .select({ side: sponsorGrants.side, releasedAt: relationships.resultsReleasedAt })
    .from(sponsorGrants)
    .innerJoin(relationships, eq(relationships.id, sponsorGrants.relationshipId))
    .where(
      and(
        eq(sponsorGrants.userId, sponsor.id),
        eq(sponsorGrants.relationshipId, relationshipId.toLowerCase()),
        eq(relationships.workspaceId, sponsor.workspaceId),
      ),
    );
  if (!grant) throw notFound;

  const setup = await getRelationshipSetup(db, sponsor.workspaceId, relationshipId);
  const tracking = await getResponseTracking(db, sponsor.workspaceId, setup.id);
  const waveList = setup.waves.map((wave): SponsorWave => {
    const tracked = tracking.waves.find((t) => t.label === wave.label);
    return {
      label: wave.label,
      status: wave.status,
      opens: wave.opens,
      closes: wave.closes,
      anonymityThreshold: wave.anonymityThreshold,
      responseRates:
        wave.status === 'draft' || !tracked
          ? null
          : protectResponseRates(tracked.cells, wave.anonymityThreshold),
    };
  });
  const overview: SponsorRelationshipOverview = {
    id: setup.id,
    name: setup.name,
    side: grant.side as Side,
    sides: setup.sides,
    isReleased: grant.releasedAt !== null,
    releasedAt: grant.releasedAt?.toISOString() ?? null,
    waveCount: setup.waves.length,
    waves: waveList,
  };
  // Before release the analysis is not even run: nothing of it can leak into this answer.
  if (grant.releasedAt === null) return overview;
  const analysis = await getRelationshipAnalysis(db, sponsor.workspaceId, setup.id);
  // A wave still open has partial answers that nobody has looked at, let alone released.
  const closed = new Set(setup.waves.filter((w) => w.status === 'closed').map((w) => w.label));
  return {
    ...overview,
    results: analysis.waves
      .filter((wave) => closed.has(wave.label))
      .map((wave) => ({
        label: wave.label,
        index: wave.index,
        stage: { level: wave.stage.level, name: wave.stage.name },
      })),
  };
}

/**
 * Response counts per side and level, protected like the analysis protects means: a level is
 * shown when at least k were invited, and a shown side total never sits over a single hidden
 * level or hidden levels with fewer than k together (`suppressTable`, decision 005), since the
 * total minus the shown levels would give it away.
 */
export function protectResponseRates(
  cells: readonly TrackingCell[],
  k: number,
): Record<Side, SideResponseRates> {
  const ofSide = (side: Side): SideResponseRates => {
    const cellOf = (level: Level) =>
      cells.find((c) => c.side === side && c.level === level) ?? { invited: 0, submitted: 0 };
    const table = suppressTable(
      {
        dimensions: [],
        levels: {
          leadership: { [OVERALL_COLUMN]: cellOf('leadership').invited },
          operational: { [OVERALL_COLUMN]: cellOf('operational').invited },
          staff: { [OVERALL_COLUMN]: cellOf('staff').invited },
        },
      },
      k,
    );
    const describe = (
      protection: { n: number; suppressed: boolean; reason: 'too-few' | 'complementary' | null },
      submitted: number,
    ): ResponseRate => {
      if (protection.n === 0) return { kind: 'none-invited' };
      if (protection.suppressed) return { kind: 'hidden', reason: protection.reason ?? 'too-few' };
      return { kind: 'shown', invited: protection.n, submitted, rate: submitted / protection.n };
    };
    const levels = Object.fromEntries(
      LEVELS.map((level) => [level, describe(table.cells[level][OVERALL_COLUMN]!, cellOf(level).submitted)]),
    ) as Record<Level, ResponseRate>;
    const submitted = LEVELS.reduce((sum, level) => sum + cellOf(level).submitted, 0);
    return { total: describe(table.totals[OVERALL_COLUMN]!, submitted), levels };
  };
  return Object.fromEntries(SIDES.map((side) => [side, ofSide(side)])) as Record<Side, SideResponseRates>;
}
