import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTempFolder } from '../../../tests/support/temp-folder.ts';
import { openTestPglite } from '../../../tests/support/test-stores.ts';
import type { Database } from '../../db/client.ts';
import { waves } from '../../db/schema.ts';
import { loadDemo } from '../../demo/load-demo.ts';
import { parseCsv } from '../../domain/csv.ts';
import { ensureDefaultWorkspace } from '../../services/ensure-default-workspace.ts';
import type { ResultsTableView } from '../components/results-table.tsx';
import { loadAllResultsTables } from './load-results.server.ts';
import { toResultsCsvRows } from './results-csv.ts';
import { buildResultsWorkbook, numberOf, sheetName } from './results-workbook.ts';

// The results workbook (issue 11, item 3) opened by a real spreadsheet: LibreOffice Calc
// (headless) reads the demo's workbook and writes every sheet as shown; each table sheet shows
// exactly the rows of that table's CSV download — suppressed cells in words — while the figures
// are numbers with the page's decimals. CI installs libreoffice-calc (.ci/run); without it, this
// file fails on CI and is skipped elsewhere with a note.

const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((path) => existsSync(path));
if (!SOFFICE && process.env.CI) throw new Error('CI needs LibreOffice: apt-get install libreoffice-calc');

test('a shown figure is a number with the page’s decimals; words stay words', () => {
  expect(numberOf('4.12')).toEqual({ value: 4.12, format: '0.00' });
  expect(numberOf('−0.3')).toEqual({ value: -0.3, format: '0.0' });
  expect(numberOf('52%')).toEqual({ value: 0.52, format: '0%' });
  expect(numberOf('1,204')).toEqual({ value: 1204, format: '#,##0' });
  expect(numberOf('17')).toEqual({ value: 17, format: '0' });
  for (const text of ['', 'fewer than 3', '[3.9, 4.4]', '4.1 (n = 12)', 'Stage 2', '12 of 20']) {
    expect(numberOf(text), text).toBeNull();
  }
});

test('sheet names are what Excel accepts: no []:*?/\\, 31 characters, unique', () => {
  const taken = new Set<string>();
  expect(sheetName('Baseline: heatmap', taken)).toBe('Baseline heatmap');
  expect(sheetName('Baseline heatmap', taken)).toBe('Baseline heatmap (2)');
  const long = sheetName('A very long wave label for a pulse survey trend-dimensions', taken);
  expect(long.length).toBeLessThanOrEqual(31);
});

describe.skipIf(!SOFFICE)('the demo’s workbook in LibreOffice Calc', () => {
  let database: Database;
  let tables: { sheet: string; table: ResultsTableView }[];
  let shown: Map<string, string[][]>;
  let workbook: ExcelJS.Workbook;

  beforeAll(async () => {
    database = await openTestPglite();
    const workspaceId = (await ensureDefaultWorkspace(database.db)).id;
    const { relationshipId } = await loadDemo(database.db, workspaceId);
    // A higher threshold than the demo's 3, so that some groups are suppressed.
    await database.db
      .update(waves)
      .set({ anonymityThreshold: 7 })
      .where(eq(waves.relationshipId, relationshipId));
    const all = await loadAllResultsTables(database.db, workspaceId, relationshipId);
    const buffer = await buildResultsWorkbook({
      relationship: all.loaded.analysis.relationship.name,
      generatedOn: '2026-12-05',
      waves: all.waves,
      trend: all.trend,
    });
    const taken = new Set(['about']);
    tables = [
      ...all.waves.flatMap((wave) =>
        Object.entries(wave.tables).map(([key, table]) => ({
          sheet: sheetName(`${wave.label} ${key}`, taken),
          table,
        })),
      ),
      ...Object.entries(all.trend).map(([key, table]) => ({
        sheet: sheetName(`Trend ${key}`, taken),
        table,
      })),
    ];
    const folder = makeTempFolder();
    writeFileSync(join(folder, 'results.xlsx'), buffer);
    // Every sheet, as shown (filter option token 9), UTF-8, into results-<sheet>.csv.
    execFileSync(
      SOFFICE!,
      [
        `-env:UserInstallation=file://${folder}/profile`,
        '--headless',
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1',
        '--outdir',
        folder,
        join(folder, 'results.xlsx'),
      ],
      { stdio: 'pipe', timeout: 120_000 },
    );
    shown = new Map();
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.csv'))) {
      const parsed = parseCsv(readFileSync(join(folder, file), 'utf8'));
      shown.set(
        file.replace(/^results-/, '').replace(/\.csv$/, ''),
        parsed.rows.map((row) => row.values),
      );
    }
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(buffer).buffer);
  }, 180_000);
  afterAll(async () => {
    await database?.close();
  });

  test('one sheet per table of every closed wave and of the trend, and an About sheet first', () => {
    expect(tables.length).toBe(4 * 8 + 5);
    expect(workbook.worksheets[0]!.name).toBe('About');
    expect(workbook.worksheets.map((w) => w.name).slice(1)).toEqual(tables.map((t) => t.sheet));
    expect([...shown.keys()].sort()).toEqual(['About', ...tables.map((t) => t.sheet)].sort());
    const about = shown.get('About')!.map((row) => row[0]);
    for (const { sheet } of tables) expect(about).toContain(sheet);
  });

  test('each sheet shows the CSV download’s rows, suppressed cells in words', () => {
    const plain = (text: string) => text.replaceAll('\u2212', '-').trim();
    let suppressed = 0;
    for (const { sheet, table } of tables) {
      const expected = toResultsCsvRows(table).map((row) => row.map(plain));
      const actual = shown.get(sheet)!.map((row) => row.map(plain));
      expect(actual, sheet).toEqual(expected);
      suppressed += table.rows
        .flatMap((row) => row.cells)
        .filter((cell) => cell.state === 'too-few' || cell.state === 'complementary').length;
    }
    expect(suppressed).toBeGreaterThan(0);
  });

  test('figures are numbers, header rows frozen and filterable', () => {
    let numbers = 0;
    for (const { sheet, table } of tables) {
      const worksheet = workbook.getWorksheet(sheet)!;
      expect(worksheet.views[0]).toMatchObject({
        state: 'frozen',
        ySplit: 1,
        xSplit: table.rowHeaders.length,
      });
      expect(worksheet.autoFilter).toBeTruthy();
      worksheet.eachRow((row, index) => {
        if (index === 1) return;
        row.eachCell((cell, column) => {
          if (column <= table.rowHeaders.length) return;
          if (typeof cell.value === 'number') {
            numbers++;
            expect(cell.numFmt, `${sheet} ${cell.address}`).toMatch(/^(#,##)?0(\.0+)?%?$/);
          } else if (typeof cell.value === 'string') {
            expect(numberOf(cell.value), `${sheet} ${cell.address}: ${cell.value}`).toBeNull();
          }
        });
      });
    }
    expect(numbers).toBeGreaterThan(500);
  });
});
