import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTempFolder } from '../../tests/support/temp-folder.ts';
import { openTestPglite } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { loadDemo } from '../demo/load-demo.ts';
import type { RelationshipAnalysis } from '../domain/analyze-relationship.ts';
import { isAppError } from '../domain/app-error.ts';
import { ensureDefaultWorkspace } from '../services/ensure-default-workspace.ts';
import { getRelationshipAnalysis } from '../services/get-relationship-analysis.ts';
import { updateWorkspace } from '../services/workspace-settings.ts';
import { formatIndex } from '../web/results/format-results.ts';
import { loadWaveReport } from './load-wave-report.ts';
import { renderDocument } from './render-document.ts';
import { buildWaveReport, type WaveReport } from './wave-report.ts';

// The workshop deck and the report (issue 11, items 1–2) opened by real clients: LibreOffice
// Impress (headless) turns the deck into a PDF, poppler reads that PDF and the report page by page
// and draws them as images. The slides and pages are counted, and the Trust Index and the stage
// they print are the analysis' (`getRelationshipAnalysis`, what `trustloop analyze --json` prints).
// CI installs libreoffice-impress and poppler-utils (.ci/run); elsewhere, without them, the files
// are still built and checked as zips and PDFs but not opened.

const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((path) => existsSync(path));
const POPPLER = existsSync('/usr/bin/pdftotext') && existsSync('/usr/bin/pdftoppm');
const UNZIP = existsSync('/usr/bin/unzip');
if ((!SOFFICE || !POPPLER || !UNZIP) && process.env.CI) {
  throw new Error(
    'CI needs LibreOffice, poppler and unzip: apt-get install libreoffice-impress poppler-utils unzip',
  );
}

let database: Database;
let workspaceId: string;
let relationshipId: string;
let analysis: RelationshipAnalysis;
const folder = makeTempFolder();

beforeAll(async () => {
  database = await openTestPglite();
  workspaceId = (await ensureDefaultWorkspace(database.db)).id;
  ({ relationshipId } = await loadDemo(database.db, workspaceId));
  await updateWorkspace(database.db, workspaceId, { colour: '#7a1f5c' });
  analysis = await getRelationshipAnalysis(database.db, workspaceId, relationshipId);
}, 120_000);

afterAll(async () => {
  await database?.close();
});

/** The PDF's text, page by page (form feeds split pdftotext's pages). */
function pdfPages(file: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return text.split('\f').slice(0, -1);
}

/** LibreOffice turns a deck into a PDF, one page per slide. */
function deckToPdf(file: string): string {
  execFileSync(
    SOFFICE!,
    [
      `-env:UserInstallation=file://${folder}/profile`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      folder,
      file,
    ],
    { stdio: 'pipe', timeout: 120_000 },
  );
  return file.replace(/\.pptx$/, '.pdf');
}

/** The page images a person would look at: every page drawn, none empty. */
function drawPages(pdf: string, prefix: string): void {
  execFileSync('pdftoppm', ['-r', '30', '-png', pdf, join(folder, prefix)]);
  expect(
    readFileSync(join(folder, `${prefix}-01.png`))
      .subarray(1, 4)
      .toString(),
  ).toBe('PNG');
}

function slideCount(report: WaveReport): number {
  return (
    3 + // title, at a glance, stage
    report.figures.length +
    Math.max(1, report.findings.length) +
    Math.ceil(report.quotes.length / 4) +
    Math.ceil(report.workstreams.length / 8) +
    (report.charter ? 1 : 0)
  );
}

function zipEntry(file: string, entry: string): string {
  return execFileSync('unzip', ['-p', file, entry], { encoding: 'utf8' });
}

function zipList(file: string): string[] {
  return execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).trim().split('\n');
}

describe('the workshop deck', () => {
  test.skipIf(!UNZIP)(
    'Baseline: native charts with their data, the workspace colour, notes on every slide, the released findings',
    async () => {
      const report = await loadWaveReport(database.db, workspaceId, relationshipId, 'Baseline');
      expect(report.findings.length).toBeGreaterThan(0);
      const deck = await renderDocument(database.db, workspaceId, relationshipId, 'Baseline', 'pptx');
      expect(deck.fileName).toBe('Northwater-Corvid-IT-outsourcing-Baseline-workshop-deck.pptx');
      expect(deck.notices).toEqual([]);
      const file = join(folder, 'baseline.pptx');
      writeFileSync(file, deck.body);

      const entries = zipList(file);
      const slides = entries.filter((e) => /^ppt\/slides\/slide\d+\.xml$/.test(e));
      expect(slides).toHaveLength(slideCount(report));
      // Every slide has speaker notes in words.
      const notes = entries.filter((e) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(e));
      expect(notes).toHaveLength(slides.length);
      for (const entry of notes) expect(zipEntry(file, entry)).toMatch(/<a:t>[^<]{20,}/);
      // Charts are PowerPoint charts (editable, their data in an embedded workbook), not pictures.
      const charts = entries
        .filter((e) => /^ppt\/charts\/chart\d+\.xml$/.test(e))
        .map((e) => zipEntry(file, e));
      expect(charts.some((xml) => xml.includes('<c:barChart>'))).toBe(true);
      expect(charts.some((xml) => xml.includes('<c:radarChart>'))).toBe(true);
      expect(entries.some((e) => /^ppt\/embeddings\/.+\.xlsx$/.test(e))).toBe(true);
      expect(entries.filter((e) => /\.(png|jpe?g|svg)$/.test(e))).toEqual([]);
      // The master carries the workspace's colour and name.
      const master = entries
        .filter((e) => /^ppt\/slideLayouts\/slideLayout\d+\.xml$/.test(e))
        .map((e) => zipEntry(file, e))
        .join('');
      expect(master).toContain('7A1F5C');
      expect(master).toContain('Lakeside Trust Advisory');
      // A released finding's title is on a slide.
      const all = slides.map((e) => zipEntry(file, e)).join('\n');
      expect(all).toContain(
        report.findings[0]!.title.replaceAll('&', '&amp;').replaceAll("'", '&apos;').slice(0, 30),
      );
    },
  );

  test.skipIf(!SOFFICE || !POPPLER)(
    '24 months in LibreOffice Impress: the slides, and the Trust Index and stage of the analysis',
    async () => {
      const report = await loadWaveReport(database.db, workspaceId, relationshipId, '24 months');
      const file = join(folder, '24-months.pptx');
      writeFileSync(
        file,
        (await renderDocument(database.db, workspaceId, relationshipId, '24 months', 'pptx')).body,
      );
      // The trend since the baseline is a line chart.
      const charts = zipList(file).filter((e) => /^ppt\/charts\/chart\d+\.xml$/.test(e));
      expect(charts.map((e) => zipEntry(file, e)).some((xml) => xml.includes('<c:lineChart>'))).toBe(true);
      const pages = pdfPages(deckToPdf(file));
      expect(pages).toHaveLength(slideCount(report));
      const wave = analysis.waves.find((w) => w.label === '24 months')!;
      const text = pages.join('\n');
      for (const side of ['A', 'B'] as const) expect(text).toContain(formatIndex(wave.index[side]!));
      expect(pages[2]).toContain(`Trust stage: ${wave.stage.level} · ${wave.stage.name}`);
      expect(pages[0]).toContain('Not yet released to the sides');
      drawPages(file.replace(/\.pptx$/, '.pdf'), 'deck');
    },
    180_000,
  );
});

describe('the report', () => {
  test.skipIf(!POPPLER)(
    'a cover, contents that point at each section’s page, numbered pages, the analysis’ numbers',
    async () => {
      const rendered = await renderDocument(database.db, workspaceId, relationshipId, '12 months', 'pdf');
      expect(rendered.fileName).toBe('Northwater-Corvid-IT-outsourcing-12-months-report.pdf');
      const file = join(folder, 'report.pdf');
      writeFileSync(file, rendered.body);
      const pages = pdfPages(file);
      expect(pages.length).toBeGreaterThan(10);
      expect(pages[0]).toContain('Trust diagnostic report · 12 months');
      // Every page after the cover is numbered "page n of N".
      for (const [i, page] of pages.entries()) {
        if (i > 0) expect(page).toContain(`page ${i + 1} of ${pages.length}`);
      }
      // The contents: each entry's page begins with that section's title.
      const entries = [...pages[1]!.matchAll(/^\s*(\S.*?)\s{2,}(\d+)\s*$/gm)].map((m) => ({
        title: m[1]!,
        page: Number(m[2]),
      }));
      expect(entries.map((e) => e.title)).toEqual(
        expect.arrayContaining([
          'At a glance',
          'Trust Index per side',
          'Heatmap: side × level × dimension',
          'Findings',
        ]),
      );
      for (const entry of entries)
        expect(pages[entry.page - 1]!.trimStart().startsWith(entry.title), entry.title).toBe(true);
      const wave = analysis.waves.find((w) => w.label === '12 months')!;
      const indexPage = pages[entries.find((e) => e.title === 'Trust Index per side')!.page - 1]!;
      for (const side of ['A', 'B'] as const) expect(indexPage).toContain(formatIndex(wave.index[side]!));
      expect(pages.join('\n')).toContain(`Trust stage: ${wave.stage.level} · ${wave.stage.name}`);
      drawPages(file, 'report');
    },
    120_000,
  );

  test('a wave that is not closed, or not there, is refused with the closed waves named', async () => {
    const refusal = await renderDocument(database.db, workspaceId, relationshipId, 'Pulse 9', 'pdf').catch(
      (e: unknown) => e,
    );
    expect(isAppError(refusal) && refusal.code).toBe('not-found');
    expect((refusal as Error).message).toBe(
      'there is no wave "Pulse 9" in Northwater ↔ Corvid IT outsourcing (closed waves: Baseline, 6 months, 12 months, 24 months)',
    );
  });
});

describe('when the anonymity rules hide everything', () => {
  test.skipIf(!POPPLER || !UNZIP)('the report and the deck say so and print no index', async () => {
    // Keep two answers per side of 24 months: every group, and so every index, is under k = 3.
    await database.db.execute(sql`
      delete from responses r using waves w
      where r.wave_id = w.id and w.label = '24 months' and w.relationship_id = ${relationshipId}
        and r.id not in (
          select id from (
            select r2.id, row_number() over (partition by p.side order by r2.id) as n
            from responses r2 join participants p on p.id = r2.participant_id
            where r2.wave_id = w.id
          ) kept where kept.n <= 2
        )`);
    const report = await loadWaveReport(database.db, workspaceId, relationshipId, '24 months');
    expect(report.isAllHidden).toBe(true);
    expect(report.index).toEqual({ A: null, B: null });
    const pdf = await renderDocument(database.db, workspaceId, relationshipId, '24 months', 'pdf');
    expect(pdf.notices.join(' ')).toMatch(/Every index of 24 months is hidden/);
    const file = join(folder, 'hidden.pdf');
    writeFileSync(file, pdf.body);
    const text = pdfPages(file).join('\n');
    expect(text).toContain('Hidden to keep small groups anonymous');
    expect(text).toMatch(/trust in Corvid IT Services: hidden/);
    const deck = await renderDocument(database.db, workspaceId, relationshipId, '24 months', 'pptx');
    const deckFile = join(folder, 'hidden.pptx');
    writeFileSync(deckFile, deck.body);
    // A hidden value is no number in a chart's data: the trend keeps the earlier waves and has nothing at 24 months; incident counts stay.
    const charts = zipList(deckFile)
      .filter((e) => /^ppt\/charts\/chart\d+\.xml$/.test(e))
      .map((e) => zipEntry(deckFile, e));
    const valuesOf = (xml: string) =>
      [...xml.matchAll(/<c:val>[\s\S]*?<\/c:val>/g)].map((series) =>
        [...series[0].matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => m[1]),
      );
    const waveCharts = charts.filter(
      (xml) => !xml.includes('<c:lineChart>') && !xml.includes('<c:barDir val="bar"/>'),
    );
    // A figure with nothing to show is no chart at all, but the sentence that says why.
    expect(waveCharts).toEqual([]);
    const slides = zipList(deckFile).filter((e) => /^ppt\/slides\/slide\d+\.xml$/.test(e));
    const saying = slides.filter((e) =>
      zipEntry(deckFile, e).includes('Hidden to keep small groups anonymous'),
    );
    expect(saying.length).toBeGreaterThanOrEqual(4);
    const trend = charts.find((xml) => xml.includes('<c:lineChart>'))!;
    for (const series of valuesOf(trend)) expect(series.at(-1)).toBe('');
  });
});

test('quotes come only from the released findings’ evidence, with side and level, never a name', () => {
  const wave = analysis.waves[0]!;
  const report = buildWaveReport({
    workspace: { name: 'W', colour: '#0b5cad' },
    analysis,
    incidents: [],
    wave: wave.label,
    tables: Object.fromEntries(
      ['indices', 'stages', 'heatmap', 'dimensions', 'reliability', 'gaps', 'levels', 'responses'].map(
        (key) => [key, { key, caption: key, rowHeaders: [], columns: [], rows: [] }],
      ),
    ) as never,
    generatedOn: '2026-12-05',
    release: {
      releasedAt: '2026-02-01T10:00:00Z',
      releasedBy: 'Fran Facilitator',
      findings: [
        {
          ref: 'F-009',
          wave: wave.label,
          kind: 'not-working',
          concerns: 'B',
          title: 'Escalations stall',
          body: '',
          version: 1,
          suggestionKey: null,
          evidence: [
            {
              reference: { kind: 'quote', id: '00000000-0000-4000-8000-000000000001' },
              snapshot: {
                kind: 'quote',
                text: 'We only hear about outages from our customers.',
                side: 'A',
                level: 'operational',
              },
              label: 'Quote',
            },
            {
              reference: { kind: 'comment', wave: wave.label, ref: 'C-1' },
              snapshot: {
                kind: 'comment',
                question: 'Q',
                text: 'Nobody answers after five.',
                side: 'A',
                level: null,
              },
              label: 'Comment',
            },
          ],
        },
      ],
    },
    workstreams: [],
    charter: null,
  });
  expect(report.quotes).toEqual([
    {
      text: 'We only hear about outages from our customers.',
      side: 'A',
      level: 'operational',
      source: 'interview',
      who: 'Northwater Utilities, operational',
    },
    {
      text: 'Nobody answers after five.',
      side: 'A',
      level: null,
      source: 'comment',
      who: 'Northwater Utilities',
    },
  ]);
  expect(report.released).toEqual({ on: '2026-02-01', by: 'Fran Facilitator' });
});
