import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { cli } from '../../tests/support/run-cli.ts';
import { makeTempFolder } from '../../tests/support/temp-folder.ts';
import { openDatabase } from '../db/client.ts';
import { createRelationship } from '../services/create-relationship.ts';
import { createWave } from '../services/create-wave.ts';
import { ensureDefaultWorkspace } from '../services/ensure-default-workspace.ts';
import { listParticipants } from '../services/list-participants.ts';

// `trustloop participants import` and `trustloop wave open|close` in-process on a PGlite folder;
// the tests prepare and check it directly where the CLI keeps its store (<data>/pglite).

describe('setup commands on a PGlite data folder', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = join(makeTempFolder(), 'data');
    vi.stubEnv('TRUSTLOOP_DATA', dataDir);
    vi.stubEnv('DATABASE_URL', '');
    const database = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') });
    try {
      const workspaceId = (await ensureDefaultWorkspace(database.db)).id;
      await createRelationship(database.db, workspaceId, {
        name: 'Acme and Globex',
        sides: { A: { name: 'Acme', role: 'customer' }, B: { name: 'Globex', role: 'supplier' } },
      });
      await createWave(database.db, workspaceId, 'Acme and Globex', {
        label: 'Pulse 1',
        opens: '2099-01-01',
        closes: '2099-01-31',
      });
    } finally {
      await database.close();
    }
  });
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  test('each command has --help', async () => {
    for (const argv of [
      ['participants', 'import'],
      ['wave', 'open'],
      ['wave', 'close'],
    ]) {
      const run = await cli(...argv, '--help');
      expect(run.code).toBe(0);
      expect(run.out.join('\n')).toMatch(
        new RegExp(`Usage: trustloop ${argv.join(' ')} \\[options\\] <relationship>`),
      );
    }
  });

  test('a CSV with problems lists them as file:line:column and adds nobody; a good one is added', async () => {
    const folder = makeTempFolder({
      'bad.csv': 'name,email,side,level\nAnn,ann@x,A,staff\nBo,bo@x.example,C,staff\n',
      'good.csv':
        'Level,Side,Email,Name,Role\nstaff,A,ann@x.example,Ann,Analyst\nleadership,B,bo@x.example,Bo,\n',
    });
    const bad = join(folder, 'bad.csv');
    const refused = await cli('participants', 'import', 'Acme', bad);
    expect(refused.code).toBe(2);
    expect(refused.out).toEqual([]);
    expect(refused.err).toEqual([
      `trustloop: ${bad} has 2 problems; no participant was added`,
      `  ${bad}:2:5: email "ann@x" does not look like an email address (name@example.com)`,
      `  ${bad}:3:17: side "C" is not a side: expected A, B, "Acme" or "Globex"`,
    ]);
    const added = await cli('participants', 'import', 'Acme', join(folder, 'good.csv'));
    expect(added).toEqual({ code: 0, out: ['Added 2 participants; the relationship now has 2.'], err: [] });
    const again = await cli('participants', 'import', 'Acme', join(folder, 'good.csv'));
    expect(again.code).toBe(2);
    expect(again.err.join('\n')).toMatch(/good\.csv:2:\d+: email "ann@x\.example" already belongs to "Ann"/);

    const database = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') });
    try {
      const workspaceId = (await ensureDefaultWorkspace(database.db)).id;
      expect((await listParticipants(database.db, workspaceId, 'Acme')).map((p) => p.name).sort()).toEqual([
        'Ann',
        'Bo',
      ]);
    } finally {
      await database.close();
    }
    const missing = await cli('participants', 'import', 'Acme', join(folder, 'none.csv'));
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toMatch(/none\.csv: no such file/);
  });

  test('wave open and close follow the life cycle; wrong transitions exit 4', async () => {
    expect(await cli('wave', 'close', 'Acme', 'Pulse 1')).toMatchObject({
      code: 4,
      err: [expect.stringMatching(/has not opened yet/)],
    });
    expect(await cli('wave', 'open', 'Acme', 'Pulse 1')).toEqual({
      code: 0,
      out: ['Opened wave "Pulse 1" (2099-01-01 to 2099-01-31, anonymity threshold 3).'],
      err: [],
    });
    expect((await cli('wave', 'open', 'Acme', 'Pulse 1')).code).toBe(4);
    expect(await cli('wave', 'close', 'Acme', 'Pulse 1')).toEqual({
      code: 0,
      out: ['Closed wave "Pulse 1".'],
      err: [],
    });
    expect((await cli('wave', 'open', 'Acme', 'Nope')).code).toBe(3);
    expect((await cli('wave', 'open', 'Nobody', 'Pulse 1')).code).toBe(3);
  });

  test('workspace shows the name and colour, rename renames it, colour recolours it; a blank name exits 2', async () => {
    expect(await cli('workspace')).toEqual({
      code: 0,
      out: ['My workspace', 'Decks and reports in #0b5cad'],
      err: [],
    });
    expect(await cli('workspace', 'rename', 'Harbour Partners')).toEqual({
      code: 0,
      out: ['The workspace is now called Harbour Partners.'],
      err: [],
    });
    expect((await cli('workspace')).out[0]).toBe('Harbour Partners');
    expect(await cli('workspace', 'rename', ' ')).toMatchObject({
      code: 2,
      err: expect.arrayContaining([expect.stringMatching(/name: enter the name of your firm or team/)]),
    });
    expect((await cli('workspace', 'colour', '#1A6B34')).out).toEqual([
      'Decks and reports of Harbour Partners now use #1a6b34.',
    ]);
    expect(await cli('workspace', 'colour', 'green')).toMatchObject({
      code: 2,
      err: expect.arrayContaining([expect.stringMatching(/colour: give the colour as #rrggbb/)]),
    });
  });

  test('a relationship and a wave from the command line alone; bad values exit 2 naming the field', async () => {
    const created = await cli(
      'relationship',
      'create',
      'Harbour and Quay',
      '--side-a',
      'Harbour Logistics',
      '--side-b',
      'Quay Freight',
      '--role-a',
      'customer',
      '--threshold',
      '5',
    );
    expect(created.code).toBe(0);
    expect(created.out[0]).toBe(
      'Created "Harbour and Quay" (Harbour Logistics / Quay Freight, anonymity threshold 5).',
    );
    expect(created.out[1]).toMatch(/^[0-9a-f-]{36}$/);
    const wave = await cli(
      'wave',
      'create',
      'Harbour',
      'Baseline',
      '--opens',
      '2099-02-01',
      '--closes',
      '2099-02-21',
    );
    expect(wave).toMatchObject({ code: 0, err: [] });
    expect(wave.out[0]).toMatch(/^Created wave "Baseline" \(2099-02-01 to 2099-02-21\), a draft/);
    const opened = await cli('wave', 'open', 'Harbour', 'Baseline');
    expect(opened.code).toBe(0);

    const backwards = await cli(
      'wave',
      'create',
      'Harbour',
      'Pulse',
      '--opens',
      '2099-03-10',
      '--closes',
      '2099-03-01',
    );
    expect(backwards.code).toBe(2);
    expect(backwards.err.join('\n')).toContain('closes: must not be before opens');
    const long = await cli('relationship', 'create', 'x'.repeat(300), '--side-a', 'A', '--side-b', 'B');
    expect(long.code).toBe(2);
    expect(long.err.join('\n')).toContain('name: at most 200 characters');
    const missing = await cli('relationship', 'create', 'No sides');
    expect(missing.code).not.toBe(0);
    expect(missing.err.join('\n')).toMatch(/--side-a/);
  });
});
