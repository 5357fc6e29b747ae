import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { z } from 'zod';
import { expectDeepClose } from '../../tests/support/expect-close.ts';
import { cli } from '../../tests/support/run-cli.ts';
import { makeTempFolder } from '../../tests/support/temp-folder.ts';
import { createBundle } from '../domain/bundle/bundle-factory.ts';
import { serializeBundle } from '../domain/bundle/serialize-bundle.ts';

// The CLI in-process against a PGlite data folder, as a facilitator runs it, plus two real
// processes through bin/trustloop.js for exit codes and streams.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const nullableNumber = z.number().nullable();

// The documented shape of `analyze --json` (issue 2; more fields are allowed).
const AnalysisJsonSchema = z.object({
  relationship: z.object({
    id: z.string(),
    name: z.string(),
    sides: z.record(z.enum(['A', 'B']), z.object({ name: z.string(), role: z.string() })),
  }),
  waves: z.array(
    z.object({
      label: z.string(),
      cells: z.array(
        z.object({
          side: z.enum(['A', 'B']),
          level: z.enum(['leadership', 'operational', 'staff']),
          dimension: z.string(),
          n: z.number().int(),
          mean: nullableNumber,
          sd: nullableNumber,
          rwg: nullableNumber,
          suppressed: z.boolean(),
        }),
      ),
      reliability: z.array(z.object({ dimension: z.string(), alpha: nullableNumber })),
      index: z.object({ A: nullableNumber, B: nullableNumber }),
      gaps: z.array(
        z.object({
          side: z.enum(['A', 'B']),
          dimension: z.string(),
          perceived: nullableNumber,
          actual: nullableNumber,
          gap: nullableNumber,
        }),
      ),
      stage: z.object({
        level: z.number().int().min(0).max(4).nullable(),
        name: z.string(),
        reasons: z.array(z.string()),
      }),
    }),
  ),
  changes: z.array(
    z.object({
      side: z.enum(['A', 'B']),
      dimension: z.string(),
      from: z.string(),
      to: z.string(),
      diff: nullableNumber,
      ciLow: nullableNumber,
      ciHigh: nullableNumber,
      hedgesG: nullableNumber,
    }),
  ),
});

describe('trustloop CLI on a PGlite data folder', () => {
  let dataFolder: string;
  let bundleFolder: string;

  beforeAll(() => {
    dataFolder = makeTempFolder();
    bundleFolder = makeTempFolder(serializeBundle(createBundle()));
    vi.stubEnv('TRUSTLOOP_DATA', join(dataFolder, 'data'));
    vi.stubEnv('DATABASE_URL', '');
  });
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  test('every command has --help', async () => {
    for (const command of [
      'import',
      'export',
      'list',
      'analyze',
      'demo',
      'serve',
      'links',
      'participants',
      'wave',
      'findings',
      'workstreams',
      'charter',
      'relationship',
    ]) {
      const run = await cli(command, '--help');
      expect(run.code).toBe(0);
      expect(run.out.join('\n')).toMatch(new RegExp(`Usage: trustloop ${command}`));
    }
    const top = await cli('--help');
    expect(top.out.join('\n')).toMatch(/import.*\n.*export|Commands:/s);
  });

  test('import prints the new id last; list, analyze and export find it', async () => {
    const imported = await cli('import', bundleFolder);
    expect(imported).toMatchObject({ code: 0, err: [] });
    const id = imported.out.at(-1)!;
    expect(id).toMatch(UUID);

    const listed = await cli('list', '--json');
    expect(JSON.parse(listed.out.join('\n')).relationships.map((r: { id: string }) => r.id)).toContain(id);

    const analyzed = await cli('analyze', id, '--json');
    expect(analyzed.code).toBe(0);
    const json = AnalysisJsonSchema.parse(JSON.parse(analyzed.out.join('\n')));
    expect(json.relationship.id).toBe(id);
    expect(json.waves.map((w) => w.label)).toEqual(['Baseline', 'Pulse 1']);
    // The factory bundle has one or two respondents per cell: everything is suppressed.
    expect(json.waves[0]!.cells.every((c) => c.suppressed && c.mean === null)).toBe(true);

    const report = await cli('analyze', id.slice(0, 8));
    expect(report.out.join('\n')).toMatch(/Trust Index: A —, B —/);

    const exportFolder = join(makeTempFolder(), 'exported');
    const exported = await cli('export', id, exportFolder);
    expect(exported.code).toBe(0);
    const reimported = await cli('import', exportFolder);
    const again = await cli('analyze', reimported.out.at(-1)!, '--json');
    const strip = (text: string) => ({ ...JSON.parse(text), relationship: null });
    expectDeepClose(strip(again.out.join('\n')), strip(analyzed.out.join('\n')));

    const refused = await cli('export', id, exportFolder);
    expect(refused.code).toBe(4);
    expect(refused.err.join('\n')).toMatch(/not empty.*--force/);
  });

  test('a bad bundle exits 2, lists every problem and imports nothing', async () => {
    const before = (await cli('list', '--json')).out.join('\n');
    const files = serializeBundle(createBundle());
    const folder = makeTempFolder({
      ...files,
      'relationship.json': files['relationship.json']!.replace('"Pulse 1"', '"Baseline"'),
      'responses.csv': files['responses.csv']!.replace('respondent,side', 'respondent,sidee'),
    });
    const run = await cli('import', folder);
    expect(run.code).toBe(2);
    expect(run.out).toEqual([]);
    expect(run.err[0]).toMatch(/nothing was imported/);
    expect(run.err.some((l) => /relationship\.json \$\.waves\[1\]\.label/.test(l))).toBe(true);
    expect(run.err.some((l) => /responses\.csv:1:\d+: .*sidee/.test(l))).toBe(true);
    expect((await cli('list', '--json')).out.join('\n')).toBe(before);
  });

  test('missing folder, unknown relationship and ambiguous names are clear errors', async () => {
    const missing = await cli('import', '/nonexistent/bundle');
    expect(missing).toMatchObject({ code: 2, err: ['trustloop: /nonexistent/bundle: no such folder'] });
    const unknown = await cli('analyze', 'no-such-relationship');
    expect(unknown.code).toBe(3);
    expect(unknown.err.join('\n')).toMatch(/"no-such-relationship" not found/);
    const ambiguous = await cli('analyze', 'Northwind');
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.err.join('\n')).toMatch(/matches more than one/);
  });

  test('demo loads the story once', async () => {
    const first = await cli('demo');
    expect(first.out[0]).toBe('Loaded the demo relationship.');
    const second = await cli('demo');
    expect(second.out).toEqual(['The demo relationship is already loaded.', first.out[1]]);
    const report = await cli('analyze', 'Corvid');
    expect(report.out.join('\n')).toMatch(
      /Stage 1: Contractual \/ risk-based[\s\S]*Stage 3: Goodwill \/ trusted partner/,
    );
    const findings = await cli('findings', 'Corvid');
    expect(findings.code).toBe(0);
    expect(findings.out[0]).toMatch(/, 24 months: 0 findings$/);
    expect(findings.out).toContain('Suggested, not accepted yet:');
    const json = JSON.parse((await cli('findings', 'Corvid', '--wave', 'Baseline', '--json')).out.join('\n'));
    // The demo's story: findings of the baseline, a pre-brief to each side, then the joint release.
    expect(json.wave).toBe('Baseline');
    expect(json.findings.length).toBeGreaterThan(3);
    expect(
      json.releases.map((r: { kind: string; side: string | null }) => `${r.kind}:${r.side ?? 'both'}`),
    ).toEqual(['pre-brief:A', 'pre-brief:B', 'joint:both']);
    expect((await cli('workstreams', 'Corvid')).out[0]).toMatch(/: 3 workstreams$/);
    expect((await cli('charter', 'Corvid')).out[0]).toMatch(/charter version 1, signed by both sides$/);
  });
});

describe('bin/trustloop.js as a real process', () => {
  const bin = new URL('../../bin/trustloop.js', import.meta.url).pathname;
  const run = promisify(execFile);

  test('a bad bundle: exit code 2, problems on stderr, nothing on stdout', async () => {
    const env = { ...process.env, TRUSTLOOP_DATA: join(makeTempFolder(), 'data'), DATABASE_URL: '' };
    const folder = makeTempFolder({ 'relationship.json': '{ "name": "x", }' });
    const error = await run(process.execPath, [bin, 'import', folder], { env }).catch((e: unknown) => e);
    const failed = error as { code: number; stdout: string; stderr: string };
    expect(failed.code).toBe(2);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toMatch(/relationship\.json:1:\d+: /);
    expect(failed.stderr).toMatch(/responses\.csv: /);
  });

  test('demo then analyze --json prints exactly one JSON document; report prints its numbers', async () => {
    const env = { ...process.env, TRUSTLOOP_DATA: join(makeTempFolder(), 'data'), DATABASE_URL: '' };
    const demo = await run(process.execPath, [bin, 'demo'], { env });
    const id = demo.stdout.trim().split('\n').at(-1)!;
    const analyzed = await run(process.execPath, [bin, 'analyze', id, '--json'], {
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    const json = AnalysisJsonSchema.parse(JSON.parse(analyzed.stdout));
    expect(json.waves.map((w) => w.stage.level)).toEqual([1, 2, 2, 3]);
    expect(analyzed.stderr).toBe('');

    // The report of the 24 months wave prints the same Trust Index and stage (issue 11, item 7).
    const folder = makeTempFolder();
    const written = await run(
      process.execPath,
      [bin, 'report', id, '--wave', '24 months', '--format', 'pdf', '-o', join(folder, 'report.pdf')],
      { env },
    );
    expect(written.stdout).toMatch(/^Wrote the report to .+report\.pdf \(\d+ KiB\)\./);
    if (existsSync('/usr/bin/pdftotext')) {
      const text = (await run('pdftotext', [join(folder, 'report.pdf'), '-'], {})).stdout;
      const wave = json.waves.at(-1)!;
      for (const side of ['A', 'B'] as const) expect(text).toContain(wave.index[side]!.toFixed(1));
      expect(text).toContain(`Trust stage: ${wave.stage.level} · ${wave.stage.name}`);
    }
    // Not over an existing file without --force (exit 4, a conflict); a format it does not make exits 2.
    const again = await run(
      process.execPath,
      [bin, 'report', id, '--wave', '24 months', '-o', join(folder, 'report.pdf')],
      { env },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(again).toMatchObject({
      code: 4,
      stderr: expect.stringMatching(
        /report\.pdf exists: choose another file with -o, or replace it with --force/,
      ),
    });
    const docx = await run(process.execPath, [bin, 'report', id, '--wave', '24 months', '--format', 'docx'], {
      env,
    }).catch((error: { code: number; stderr: string }) => error);
    expect(docx).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/format: choose one of pptx, pdf, xlsx/),
    });
  }, 120_000);
});
