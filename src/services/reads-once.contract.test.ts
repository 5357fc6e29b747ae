import { eq } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectAppError } from '../../tests/support/app-error.ts';
import { testStores } from '../../tests/support/test-stores.ts';
import type { Database, Db } from '../db/client.ts';
import * as schema from '../db/schema.ts';
import { interviews, relationships } from '../db/schema.ts';
import { loadDemo } from '../demo/load-demo.ts';
import type { Side } from '../domain/model.ts';
import { charterOf } from './charter.ts';
import { createIncident } from './create-incident.ts';
import { createRelationship } from './create-relationship.ts';
import { createSponsor } from './create-sponsor.ts';
import { ensureDefaultWorkspace } from './ensure-default-workspace.ts';
import { extractInterviewIncident } from './extract-interview-incident.ts';
import { findRelationship } from './find-relationship.ts';
import { todayIso } from './find-wave.ts';
import { getIncident } from './get-incident.ts';
import { getRelationshipAnalysis } from './get-relationship-analysis.ts';
import { getRelationshipSetup } from './get-relationship-setup.ts';
import { getResponseTracking } from './get-response-tracking.ts';
import {
  getSponsorOverview,
  getSponsorRelationshipOverview,
  protectResponseRates,
  type SponsorRelationshipOverview,
} from './get-sponsor-overview.ts';
import { loadReleases } from './list-releases.ts';
import { listWorkshops } from './list-workshops.ts';
import { loadWorkstreamStatus } from './load-workstream-status.ts';

// Services that used to read the same rows several times per request, on PGlite and (with
// DATABASE_URL) PostgreSQL: every statement is logged through a second Drizzle instance on the
// same connection, and each table is read as often as the answer needs, once. The answers stay
// what the setup, tracking and analysis services give.

/** A Db on the same store that records every SQL statement it runs. */
function loggedDb(database: Database): { db: Db; statements: string[] } {
  const statements: string[] = [];
  const logger = { logQuery: (query: string) => statements.push(query) };
  const client = (database.db as unknown as { $client: never }).$client;
  const db =
    database.kind === 'pglite'
      ? drizzlePglite(client, { schema, logger })
      : drizzleNodePg(client, { schema, logger });
  return { db: db as unknown as Db, statements };
}

/** How many statements read the table (in a FROM or a JOIN). */
function readsOf(statements: readonly string[], table: string): number {
  const reads = new RegExp(`\\b(from|join)\\s+"?${table}"?(\\s|$|\\))`, 'i');
  return statements.filter((statement) => reads.test(statement)).length;
}

/** What the overview answered before it read each row once: setup, tracking and analysis. */
async function overviewFromTheServices(
  db: Db,
  workspaceId: string,
  relationshipId: string,
  side: Side,
  releasedAt: Date | null,
): Promise<SponsorRelationshipOverview> {
  const setup = await getRelationshipSetup(db, workspaceId, relationshipId);
  const tracking = await getResponseTracking(db, workspaceId, setup.id);
  const overview: SponsorRelationshipOverview = {
    id: setup.id,
    name: setup.name,
    side,
    sides: setup.sides,
    isReleased: releasedAt !== null,
    releasedAt: releasedAt?.toISOString() ?? null,
    waveCount: setup.waves.length,
    releases: await loadReleases(db, setup.id, { forSide: side }),
    workstreams: await loadWorkstreamStatus(db, setup.id, todayIso()),
    charter: await charterOf(db, setup.id),
    workshops: (await listWorkshops(db, workspaceId, setup.id)).workshops.flatMap((w) =>
      w.status === 'draft' ? [] : [{ id: w.id, title: w.title, status: w.status, endedAt: w.endedAt }],
    ),
    waves: setup.waves.map((wave) => {
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
    }),
  };
  if (releasedAt === null) return overview;
  const analysis = await getRelationshipAnalysis(db, workspaceId, setup.id);
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

describe.each(testStores)('each row read once on $kind', (store) => {
  let database: Database;
  let workspaceId: string;
  let demoId: string;
  let otherId: string;
  let sponsor: { id: string; workspaceId: string };

  beforeAll(async () => {
    database = await store.open();
    const { db } = database;
    workspaceId = (await ensureDefaultWorkspace(db)).id;
    demoId = (await loadDemo(db, workspaceId)).relationshipId;
    otherId = (
      await createRelationship(db, workspaceId, {
        name: 'Harbour – Meridian',
        sides: { A: { name: 'Harbour', role: 'customer' }, B: { name: 'Meridian', role: 'supplier' } },
      })
    ).id;
    const baseUrl = 'https://trustloop.test';
    const granted = await createSponsor(db, workspaceId, {
      name: 'Sam Sponsor',
      email: 'sam@example.com',
      relationship: demoId,
      side: 'B',
      baseUrl,
    });
    await createSponsor(db, workspaceId, {
      name: 'Sam Sponsor',
      email: 'sam@example.com',
      relationship: otherId,
      side: 'A',
      baseUrl,
    });
    sponsor = { id: granted.userId, workspaceId };
  });
  afterAll(async () => {
    await database?.close();
  });

  const release = (at: Date | null) =>
    database.db.update(relationships).set({ resultsReleasedAt: at }).where(eq(relationships.id, demoId));

  test('a sponsor’s relationship, before release: the relationship, its sides and waves read once', async () => {
    await release(null);
    const { db, statements } = loggedDb(database);
    const overview = await getSponsorRelationshipOverview(db, sponsor, demoId);
    expect(overview).toEqual(await overviewFromTheServices(database.db, workspaceId, demoId, 'B', null));
    expect(overview.results).toBeUndefined();
    expect({
      relationships: readsOf(statements, 'relationships'),
      sides: readsOf(statements, 'sides'),
      waves: readsOf(statements, 'waves'),
      responses: readsOf(statements, 'responses'),
    }).toEqual({ relationships: 1, sides: 1, waves: 1, responses: 1 });
    // Nothing of the analysis is read before release.
    expect(readsOf(statements, 'instruments') + readsOf(statements, 'incidents')).toBe(0);
  });

  test('a sponsor’s relationship, after release: the analysis runs on the rows already read', async () => {
    const releasedAt = new Date('2030-03-04T09:00:00Z');
    await release(releasedAt);
    const { db, statements } = loggedDb(database);
    const overview = await getSponsorRelationshipOverview(db, sponsor, demoId);
    expect(overview).toEqual(
      await overviewFromTheServices(database.db, workspaceId, demoId, 'B', releasedAt),
    );
    expect(overview.results!.length).toBeGreaterThan(0);
    expect({
      relationships: readsOf(statements, 'relationships'),
      sides: readsOf(statements, 'sides'),
      // The incidents' statement looks up the waves of survey incidents' responses (an incident
      // reported in a wave still open is not shared: services/shared-incidents.ts); not a re-read.
      waves: readsOf(
        statements.filter((s) => readsOf([s], 'incidents') === 0),
        'waves',
      ),
      instruments: readsOf(statements, 'instruments'),
      incidents: readsOf(statements, 'incidents'),
    }).toEqual({ relationships: 1, sides: 1, waves: 1, instruments: 1, incidents: 1 });
    await release(null);
  });

  test('a sponsor’s home: one query for the sides of every relationship they sponsor', async () => {
    const { db, statements } = loggedDb(database);
    const home = await getSponsorOverview(db, sponsor);
    expect(home.relationships.map((r) => [r.id, r.side])).toEqual([
      [otherId, 'A'],
      [demoId, 'B'],
    ]);
    for (const summary of home.relationships) {
      expect(summary.sides).toEqual((await getRelationshipSetup(database.db, workspaceId, summary.id)).sides);
    }
    expect(readsOf(statements, 'sides')).toBe(1);
    expect(readsOf(statements, 'relationships')).toBe(1);
  });

  test('an incident from an interview passage looks the relationship up once (and locks it)', async () => {
    const [interview] = await database.db
      .select({ ref: interviews.ref, notes: interviews.notes })
      .from(interviews)
      .where(eq(interviews.relationshipId, demoId))
      .limit(1);
    const passage = interview!.notes.slice(0, 80);
    const { db, statements } = loggedDb(database);
    const created = await extractInterviewIncident(db, workspaceId, demoId, interview!.ref, {
      passage,
      title: 'From the interview',
      occurredOn: '2026-03-01',
      direction: 'builds',
      strength: 2,
    });
    const lookups = statements.filter((s) => readsOf([s], 'relationships') === 1);
    expect(lookups.filter((s) => !/for update/i.test(s))).toHaveLength(1);
    expect(lookups.filter((s) => /for update/i.test(s))).toHaveLength(1);
    const incident = await getIncident(database.db, workspaceId, demoId, created.ref);
    expect(incident.incident).toMatchObject({
      title: 'From the interview',
      source: 'interview',
      interview: { ref: interview!.ref },
    });
  });

  test('a relationship passed to createIncident already found is still checked against the workspace', async () => {
    const [elsewhere] = await database.db.insert(schema.workspaces).values({ name: 'Elsewhere' }).returning();
    const found = await findRelationship(database.db, workspaceId, demoId);
    await expectAppError(
      createIncident(database.db, elsewhere!.id, found, {
        occurredOn: '2026-03-01',
        title: 'Not theirs',
        narrative: 'Written into a relationship of another workspace',
        reporterSide: 'A',
        reporterLevel: 'staff',
        sidesInvolved: ['A'],
        levelsInvolved: ['staff'],
        direction: 'dilutes',
        strength: 1,
        dimensions: [],
        themes: [],
        source: 'workshop',
      }),
      'not-found',
    );
  });
});
