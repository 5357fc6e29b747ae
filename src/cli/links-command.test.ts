import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { cli } from '../../tests/support/run-cli.ts';
import { makeTempFolder } from '../../tests/support/temp-folder.ts';
import { openConfiguredDatabase } from '../db/open-configured-database.ts';
import { createBundle } from '../domain/bundle/bundle-factory.ts';
import { serializeBundle } from '../domain/bundle/serialize-bundle.ts';
import { readEnv } from '../env.ts';

// `trustloop links` in-process on a PGlite data folder, as a facilitator who sends links runs it.

describe('trustloop links', () => {
  let dataFolder: string;
  let relationshipId: string;

  beforeAll(async () => {
    dataFolder = join(makeTempFolder(), 'data');
    vi.stubEnv('TRUSTLOOP_DATA', dataFolder);
    vi.stubEnv('DATABASE_URL', '');
    const bundle = createBundle({ responses: [], incidents: [], interviews: [] });
    const imported = await cli('import', makeTempFolder(serializeBundle(bundle)));
    relationshipId = imported.out.at(-1)!;
    // Imported waves arrive closed; open the baseline as `trustloop wave open` would.
    const database = await openConfiguredDatabase(readEnv());
    await database.db.execute(
      sql`update waves set status = 'open', closes_on = '2099-12-31' where label = 'Baseline'`,
    );
    await database.close();
  });
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  test('issues and prints each link once; later runs say why they cannot be shown; --reissue replaces', async () => {
    const first = await cli(
      'links',
      relationshipId,
      '--wave',
      'Baseline',
      '--base-url',
      'https://t.example/',
    );
    expect(first.err).toEqual([]);
    expect(first.code).toBe(0);
    expect(first.out[0]).toMatch(
      /^Åsa Lindqvist <asa\.lindqvist@northwind\.example> {2}A leadership {2}https:\/\/t\.example\/s\/[\w-]{22} {2}code [A-Z0-9]{4}-[A-Z0-9]{4}$/,
    );
    expect(first.out[1]).toMatch(/^Sam Okafor {2}B staff {2}https:\/\/t\.example\/s\//);
    expect(first.out.at(-1)).toMatch(/Issued 2 new links/);

    const again = await cli('links', relationshipId, '--wave', 'Baseline', '--json');
    const json = JSON.parse(again.out.join('\n'));
    expect(json.links.map((l: { status: string; url: unknown }) => [l.status, l.url])).toEqual([
      ['active', null],
      ['active', null],
    ]);
    expect(json.note).toMatch(/Only hashes.*cannot be shown again.*--reissue/);

    const replaced = await cli('links', relationshipId, '--wave', 'Baseline', '--reissue', '--json');
    const links = JSON.parse(replaced.out.join('\n')).links as Array<{ status: string; url: string }>;
    expect(links.map((l) => l.status)).toEqual(['new', 'new']);
    expect(links[0]!.url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/s\//);
    expect(first.out.join('\n')).not.toContain(links[0]!.url);

    // The public address the server is reached at, where one is configured.
    vi.stubEnv('PUBLIC_URL', 'https://trust.example.com');
    const published = await cli('links', relationshipId, '--wave', 'Baseline', '--reissue', '--json');
    vi.stubEnv('PUBLIC_URL', '');
    const publishedLinks = JSON.parse(published.out.join('\n')).links as Array<{ url: string }>;
    expect(publishedLinks[0]!.url).toMatch(/^https:\/\/trust\.example\.com\/s\//);
  });

  test('a closed wave and an unknown wave are clear errors', async () => {
    const closed = await cli('links', relationshipId, '--wave', 'Pulse 1');
    expect(closed.code).toBe(4);
    expect(closed.err.join('\n')).toMatch(/wave "Pulse 1" is closed/);
    const unknown = await cli('links', relationshipId, '--wave', 'Nope');
    expect(unknown.code).toBe(3);
    const missing = await cli('links', relationshipId);
    expect(missing.code).not.toBe(0);
  });
});
