import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { instruments, relationships, sides, sponsorGrants, waves, workshops } from '../db/schema.ts';
import { type AnalysisInput, analyzeRelationship } from '../domain/analyze-relationship.ts';
import { OVERALL_COLUMN, suppressTable } from '../domain/anonymity.ts';
import { AppError } from '../domain/app-error.ts';
import { LEVELS, type Level, SIDES, type Side, type SideInfo } from '../domain/model.ts';
import type { Release } from '../domain/share-and-act.ts';
import type { StageLevel } from '../domain/stage.ts';
import { isUuid } from '../domain/uuid.ts';
import { type CharterView, charterOf } from './charter.ts';
import { countResponses } from './count-responses.ts';
import { todayIso } from './find-wave.ts';
import { buildAnalysisInput, isAnalysedWave } from './get-relationship-analysis.ts';
import type { WaveStatus } from './get-relationship-setup.ts';
import type { TrackingCell } from './get-response-tracking.ts';
import { loadReleases } from './list-releases.ts';
import { loadAnswerSets, loadIncidents, loadStageGates } from './load-relationship.ts';
import { loadWorkstreamStatus, type WorkstreamStatusView } from './load-workstream-status.ts';

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
  /**
   * The findings released to this sponsor, oldest release first: the joint releases and the
   * pre-briefs to their own side — never the other side's pre-brief.
   */
  releases: Release[];
  /** The joint work as it stands: each workstream's status and actions (no analysis needed). */
  workstreams: WorkstreamStatusView[];
  /** The charter's versions, newest first, with who signed which; the sponsor signs the newest. */
  charter: CharterView;
  /** Workshops the sponsor can join (running) or read the summary of (ended), newest first. */
  workshops: { id: string; title: string; status: 'live' | 'ended'; endedAt: string | null }[];
  /** Closed waves' results, present only once released; absent (not empty) before. */
  results?: SponsorWaveResults[];
};

/** The relationships a sponsor holds a grant for, by name; all their sides in one query. */
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
  const sidesOf = await readSides(
    db,
    rows.map((row) => row.id),
  );
  return {
    relationships: rows.map((row) => ({
      id: row.id,
      name: row.name,
      side: row.side as Side,
      sides: sidesOf(row.id),
      isReleased: row.releasedAt !== null,
      waveCount: Number(row.waveCount),
    })),
  };
}

/**
 * One relationship as its sponsor sees it. Without a grant (another relationship, even of the same
 * workspace, or a malformed id) it is 'not-found', exactly like a relationship that does not exist.
 * Each row is read once: the grant with its relationship, then the sides, the waves and the
 * response counts, and only after release what the analysis needs besides.
 */
export async function getSponsorRelationshipOverview(
  db: Db,
  sponsor: SponsorViewer,
  relationshipId: string,
): Promise<SponsorRelationshipOverview> {
  const notFound = new AppError('not-found', 'no such relationship among the ones you sponsor');
  if (!isUuid(relationshipId)) throw notFound;
  const [grant] = await db
    .select({
      id: relationships.id,
      name: relationships.name,
      side: sponsorGrants.side,
      releasedAt: relationships.resultsReleasedAt,
    })
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

  const [sidesOf, waveRows] = await Promise.all([
    readSides(db, [grant.id]),
    db
      .select({
        id: waves.id,
        label: waves.label,
        opens: waves.opensOn,
        closes: waves.closesOn,
        status: waves.status,
        anonymityThreshold: waves.anonymityThreshold,
        instrumentId: waves.instrumentId,
      })
      .from(waves)
      .where(eq(waves.relationshipId, grant.id))
      .orderBy(asc(waves.position)),
  ]);
  const sideNames = sidesOf(grant.id);
  const counts = await countResponses(
    db,
    grant.id,
    waveRows.map((wave) => wave.id),
  );
  const releases = await loadReleases(db, grant.id, {
    forSide: grant.side as Side,
    waveLabels: new Map(waveRows.map((wave) => [wave.id, wave.label])),
  });
  const [workstreamStatus, charter, workshopRows] = await Promise.all([
    loadWorkstreamStatus(db, grant.id, todayIso()),
    charterOf(db, grant.id),
    db
      .select({
        id: workshops.id,
        title: workshops.title,
        status: workshops.status,
        endedAt: workshops.endedAt,
      })
      .from(workshops)
      .where(and(eq(workshops.relationshipId, grant.id), sql`${workshops.status} <> 'draft'`))
      .orderBy(desc(workshops.createdAt)),
  ]);
  const overview: SponsorRelationshipOverview = {
    id: grant.id,
    name: grant.name,
    side: grant.side as Side,
    sides: sideNames,
    isReleased: grant.releasedAt !== null,
    releasedAt: grant.releasedAt?.toISOString() ?? null,
    waveCount: waveRows.length,
    releases,
    workstreams: workstreamStatus,
    charter,
    workshops: workshopRows.map((row) => ({
      id: row.id,
      title: row.title,
      status: row.status as 'live' | 'ended',
      endedAt: row.endedAt?.toISOString() ?? null,
    })),
    waves: waveRows.map((wave): SponsorWave => {
      const cells = counts.get(wave.id);
      return {
        label: wave.label,
        status: wave.status as WaveStatus,
        opens: wave.opens,
        closes: wave.closes,
        anonymityThreshold: wave.anonymityThreshold,
        responseRates:
          wave.status === 'draft' || !cells ? null : protectResponseRates(cells, wave.anonymityThreshold),
      };
    }),
  };
  // Before release the analysis is not even run: nothing of it can leak into this answer.
  if (grant.releasedAt === null) return overview;
  const analysis = await analyzeReleased(
    db,
    sponsor.workspaceId,
    { id: grant.id, name: grant.name, sides: sideNames },
    waveRows,
  );
  // Only closed waves are analysed (isAnalysedWave): a wave still open shows its counts only.
  return {
    ...overview,
    results: analysis.waves.map((wave) => ({
      label: wave.label,
      index: wave.index,
      stage: { level: wave.stage.level, name: wave.stage.name },
    })),
  };
}

/** The sides of these relationships in one query; a missing side shows as its letter. */
async function readSides(
  db: Db,
  relationshipIds: readonly string[],
): Promise<(relationshipId: string) => Record<Side, SideInfo>> {
  const rows =
    relationshipIds.length === 0
      ? []
      : await db
          .select()
          .from(sides)
          .where(inArray(sides.relationshipId, [...relationshipIds]));
  return (relationshipId) => {
    const side = (key: Side): SideInfo => {
      const row = rows.find((s) => s.relationshipId === relationshipId && s.side === key);
      return { name: row?.name ?? key, role: row?.role ?? '' };
    };
    return { A: side('A'), B: side('B') };
  };
}

/**
 * The same analysis as getRelationshipAnalysis (and so `trustloop analyze --json`), on the
 * relationship and waves already read: the instruments, the answers, the incidents and the stage
 * gates are what is left to load.
 */
async function analyzeReleased(
  db: Db,
  workspaceId: string,
  relationship: AnalysisInput['relationship'],
  waveRows: ReadonlyArray<{
    id: string;
    label: string;
    opens: string;
    closes: string;
    anonymityThreshold: number;
    instrumentId: string;
    status: string;
  }>,
) {
  const instrumentIds = [...new Set(waveRows.map((wave) => wave.instrumentId))];
  const [definitions, answerSets, incidentRecords, storedGates] = await Promise.all([
    instrumentIds.length === 0
      ? []
      : db
          .select({ id: instruments.id, definition: instruments.definition })
          .from(instruments)
          .where(inArray(instruments.id, instrumentIds)),
    loadAnswerSets(
      db,
      waveRows.filter(isAnalysedWave).map((wave) => wave.id),
    ),
    loadIncidents(db, relationship.id),
    loadStageGates(db, workspaceId),
  ]);
  const instrumentOf = new Map(definitions.map((row) => [row.id, row.definition]));
  const definitionOf = (id: string) => {
    const found = instrumentOf.get(id);
    if (!found) throw new Error(`wave instrument ${id} not found`); // a foreign key keeps it
    return found;
  };
  return analyzeRelationship(
    buildAnalysisInput(
      relationship,
      waveRows.map((wave) => ({ ...wave, instrument: definitionOf(wave.instrumentId) })),
      answerSets,
      incidentRecords,
      storedGates,
    ),
  );
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
