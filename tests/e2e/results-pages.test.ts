import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { RelationshipAnalysis } from '../../src/domain/analyze-relationship.ts';
import { parseCsv } from '../../src/domain/csv.ts';
import { LEVELS, SIDES } from '../../src/domain/model.ts';
import { getRelationshipAnalysis } from '../../src/services/get-relationship-analysis.ts';
import { importBundleFolder } from '../../src/services/import-bundle-folder.ts';
import { listRelationships } from '../../src/services/list-relationships.ts';
import { expectNoAxeViolations, launchBrowser, PHONE, screenshot, watchPage } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/start-test-server.ts';

// The results dashboard in Chromium over the demo (Northwater ↔ Corvid IT): every wave's page, its
// numbers read from the table cells and compared with the analysis JSON (`trustloop analyze
// --json`, from the same service) after the CLI's rounding; the trend; a CSV download; and, on the
// golden bundle, which has small groups, suppressed cells shown as "fewer than k" on screen and
// carried into the CSV as words, never numbers. Desktop and 360-pixel phone, axe on every page.

let server: TestServer;
let browser: Browser;
let demo: { id: string; analysis: RelationshipAnalysis };
let golden: { id: string; analysis: RelationshipAnalysis };

/** The analysis as `trustloop analyze --json` prints it: through JSON, nulls and all. */
async function analysisJson(id: string): Promise<RelationshipAnalysis> {
  const analysis = await getRelationshipAnalysis(server.database.db, server.workspaceId, id);
  return JSON.parse(JSON.stringify(analysis)) as RelationshipAnalysis;
}

beforeAll(async () => {
  server = await startTestServer();
  const [found] = await listRelationships(server.database.db, server.workspaceId);
  demo = { id: found!.id, analysis: await analysisJson(found!.id) };
  const folder = new URL('../fixtures/golden-bundle/', import.meta.url).pathname;
  const imported = await importBundleFolder(server.database.db, server.workspaceId, folder);
  golden = { id: imported.relationshipId, analysis: await analysisJson(imported.relationshipId) };
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signedIn(options: Parameters<Browser['newContext']>[0] = {}): Promise<{
  context: BrowserContext;
  page: Page;
}> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel('Email address').fill(server.facilitator.email);
  await page.getByLabel('Password', { exact: true }).fill(server.facilitator.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Relationships' }).waitFor();
  return { context, page };
}

async function check(page: Page, name: string): Promise<void> {
  await screenshot(page, `results-${name}`);
  await expectNoAxeViolations(page);
}

type ScreenCell = { main: string; parts: Record<string, string>; warnings: string[] };

/** Every results table cell on the page, read at once: `heatmap:A/staff/openness` → its texts. */
async function readCells(page: Page): Promise<Map<string, ScreenCell>> {
  const cells = await page.evaluate(() =>
    [...document.querySelectorAll('table[data-table] td[data-cell]')].map((td) => ({
      key: `${td.closest('table')?.getAttribute('data-table')}:${td.getAttribute('data-cell')}`,
      main: td.querySelector('.results-main')?.textContent?.trim() ?? '',
      parts: Object.fromEntries(
        [...td.querySelectorAll('[data-part]')].map((p) => [
          p.getAttribute('data-part'),
          p.textContent?.trim(),
        ]),
      ),
      warnings: [...td.querySelectorAll('.results-warning')].map((w) => w.textContent?.trim() ?? ''),
    })),
  );
  return new Map(cells.map(({ key, ...cell }) => [key, cell as ScreenCell]));
}

/** The main text of one cell, or of one of its parts ("n", "rwg(j)", "95% CI"). */
function textOf(
  cells: Map<string, ScreenCell>,
  table: string,
  cell: string,
  part?: string,
): string | undefined {
  const found = cells.get(`${table}:${cell}`);
  return part ? found?.parts[part] : found?.main;
}

const signed = (x: number, digits = 2) => `${x >= 0 ? '+' : ''}${x.toFixed(digits)}`;

test('every demo wave shows the analysis numbers, rounded as the CLI rounds them', {
  timeout: 240_000,
}, async () => {
  const { context, page } = await signedIn();
  const watched = watchPage(page);
  const scripts: string[] = [];
  page.on('response', async (response) => {
    if (response.request().resourceType() === 'script') scripts.push(await response.text());
  });

  // The Results tab goes to the latest wave with responses.
  await page.goto(`${server.url}/relationships/${demo.id}/results`);
  const latest = demo.analysis.waves.at(-1)!;
  await page.waitForURL(new RegExp(`/results/${encodeURIComponent(latest.label)}$`));

  for (const [w, wave] of demo.analysis.waves.entries()) {
    await page.goto(`${server.url}/relationships/${demo.id}/results/${encodeURIComponent(wave.label)}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(`results of ${wave.label}$`) }).waitFor();
    const cells = await readCells(page);

    for (const side of SIDES) {
      expect(textOf(cells, 'indices', `${side}/index`)).toBe(wave.index[side]!.toFixed(1));
      const ci = wave.indexInterval[side]!;
      expect(textOf(cells, 'indices', `${side}/index`, '95% CI')).toBe(
        `95% CI ${ci.low.toFixed(1)}–${ci.high.toFixed(1)}`,
      );
      for (const level of LEVELS) {
        for (const cell of wave.cells.filter((c) => c.side === side && c.level === level)) {
          const key = `${side}/${level}/${cell.dimension}`;
          expect(textOf(cells, 'heatmap', key), key).toBe(cell.mean!.toFixed(2));
          expect(textOf(cells, 'heatmap', key, 'n')).toBe(`n ${cell.n}`);
          expect(textOf(cells, 'heatmap', key, 'rwg(j)')).toBe(`rwg(j) ${cell.rwg!.toFixed(2)}`);
          const warnings = cells.get(`heatmap:${key}`)!.warnings.filter((w) => w.includes('low agreement'));
          expect(warnings, `${key} warning`).toHaveLength(cell.rwg! < 0.7 ? 1 : 0);
        }
        expect(textOf(cells, 'heatmap', `${side}/${level}/index`)).toBe(
          wave.indexByLevel[side][level]!.toFixed(1),
        );
        expect(textOf(cells, 'levels', `${side}/${level}`)).toBe(wave.indexByLevel[side][level]!.toFixed(1));
      }
      for (const dimension of wave.dimensions) {
        expect(textOf(cells, 'dimensions', `${side}/${dimension.key}`)).toBe(
          wave.indexByDimension[side][dimension.key]!.toFixed(1),
        );
      }
    }
    for (const gap of wave.gaps) {
      expect(textOf(cells, 'gaps', `${gap.side}/${gap.dimension}/points`)).toBe(signed(gap.gapPoints!, 1));
      expect(textOf(cells, 'gaps', `${gap.side}/${gap.dimension}/perceived`)).toBe(gap.perceived!.toFixed(2));
    }
    for (const r of wave.reliability) {
      expect(textOf(cells, 'reliability', `${r.dimension}/alpha`)).toBe(r.alpha!.toFixed(2));
    }
    // The relationship's stage is on its card, its reasons once under "Why this stage".
    expect(await page.locator('[data-stage] .results-card-number').textContent()).toBe(
      `${wave.stage.level} · ${wave.stage.name}`,
    );
    expect(cells.has('stages:relationship/stage')).toBe(false);
    for (const level of LEVELS) {
      expect(textOf(cells, 'stages', `${level}/stage`)).toBe(
        `${wave.stageByLevel[level].level} · ${wave.stageByLevel[level].name}`,
      );
    }
    for (const reason of wave.stage.reasons) {
      expect(await page.locator('.results-reasons li', { hasText: reason }).count()).toBe(1);
    }
    // The charts are SVG drawn on the server, each with a summary for screen readers.
    expect(await page.locator('figure.chart-figure svg').count()).toBe(2);
    expect(await page.locator('.chart-svg[role="img"][aria-label*="Heatmap"]').count()).toBe(1);
    await check(page, `0${w + 1}-wave-${wave.label.replaceAll(' ', '-')}`);
  }

  // The demo's story, in the headlines computed from the numbers.
  const twelve = demo.analysis.waves.find((w) => w.label === '12 months')!;
  await page.goto(`${server.url}/relationships/${demo.id}/results/${encodeURIComponent(twelve.label)}`);
  const spread = twelve.indexByLevel.A.leadership! - twelve.indexByLevel.A.staff!;
  await page
    .locator('.results-headlines li', {
      hasText: `Northwater Utilities' staff trust Corvid IT Services ${spread.toFixed(1)} points less than its leadership`,
    })
    .waitFor();

  // A download: the heatmap's CSV has the screen's numbers.
  const csv = await page.request.get(
    `${server.url}/relationships/${demo.id}/results-export/heatmap?wave=${encodeURIComponent(twelve.label)}`,
  );
  expect(csv.headers()['content-type']).toContain('text/csv');
  const rows = parseCsv(await csv.text()).rows.map((r) => r.values);
  const header = rows[0]!;
  const staffRow = rows.find((r) => r[0]?.startsWith('Northwater Utilities') && r[1] === 'Staff')!;
  const staffOpenness = twelve.cells.find(
    (c) => c.side === 'A' && c.level === 'staff' && c.dimension === 'openness',
  )!;
  expect(staffRow[header.indexOf('Openness (mean)')]).toBe(staffOpenness.mean!.toFixed(2));
  expect(staffRow[header.indexOf('Openness (rwg(j))')]).toBe(staffOpenness.rwg!.toFixed(2));
  expect(staffRow.at(-1)).toContain('Openness: low agreement');
  // The hand-over links on the page: the deck (.pptx, a zip), the report (PDF) and the workbook.
  const handOver = page.getByRole('navigation', { name: 'Files to hand over' });
  for (const [name, type, file, magic] of [
    [
      /workshop deck/,
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      /12-months-workshop-deck\.pptx/,
      'PK',
    ],
    [/the report/, 'application/pdf', /12-months-report\.pdf/, '%P'],
    [
      /every table of every wave/,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      /-results\.xlsx/,
      'PK',
    ],
  ] as const) {
    const href = await handOver.getByRole('link', { name }).getAttribute('href');
    const file_ = await page.request.get(`${server.url}${href}`);
    expect(file_.status(), String(name)).toBe(200);
    expect(file_.headers()['content-type']).toBe(type);
    expect(file_.headers()['content-disposition']).toMatch(file);
    expect((await file_.body()).subarray(0, 2).toString()).toBe(magic);
  }
  // A format that is not one of the three is not found, not a server error.
  const deckHref = await handOver.getByRole('link', { name: /workshop deck/ }).getAttribute('href');
  expect((await page.request.get(`${server.url}${deckHref!.replace(/pptx$/, 'docx')}`)).status()).toBe(404);

  // Printed, the page is its content alone: no site navigation or hand-over links, and each chart's
  // numbers (behind a disclosure on screen) are printed under it.
  await page.emulateMedia({ media: 'print' });
  expect(await page.locator('header.site').isVisible()).toBe(false);
  expect(await handOver.isVisible()).toBe(false);
  expect(await page.locator('details.chart-table table').first().isVisible()).toBe(true);
  await page.emulateMedia({ media: 'screen' });
  expect(await page.locator('details.chart-table table').first().isVisible()).toBe(false);

  // No chart library reached the browser: the charts arrived drawn.
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((s) => /echarts|zrender/i.test(s))).toEqual([]);
  expect(watched.errors).toEqual([]);
  await context.close();
});

test('the trend shows each side across waves, the stage history, changes and incident periods', {
  timeout: 120_000,
}, async () => {
  const { context, page } = await signedIn();
  const watched = watchPage(page);
  await page.goto(`${server.url}/relationships/${demo.id}/trend`);
  await page.getByRole('heading', { level: 1, name: /trend across waves/ }).waitFor();
  const cells = await readCells(page);
  for (const wave of demo.analysis.waves) {
    for (const side of SIDES) {
      expect(textOf(cells, 'trend-index', `${wave.label}/${side}`)).toBe(wave.index[side]!.toFixed(1));
      for (const dimension of wave.dimensions) {
        expect(textOf(cells, 'trend-dimensions', `${side}/${dimension.key}/${wave.label}`)).toBe(
          wave.indexByDimension[side][dimension.key]!.toFixed(1),
        );
      }
    }
    expect(textOf(cells, 'stage-history', `${wave.label}/stage`)).toBe(
      `${wave.stage.level} · ${wave.stage.name}`,
    );
  }
  for (const change of demo.analysis.changes) {
    const key = `${change.from}/${change.to}/${change.side}/${change.dimension}`;
    expect(textOf(cells, 'changes', `${key}/diff`)).toBe(signed(change.diff!));
    expect(textOf(cells, 'changes', `${key}/ci`)).toBe(
      `${signed(change.ciLow!)} to ${signed(change.ciHigh!)}`,
    );
    expect(textOf(cells, 'changes', `${key}/g`)).toBe(change.hedgesG!.toFixed(2));
  }
  // Incidents per period link to the incident list of that period.
  const first = page.locator('table[data-table="incident-periods"] tbody tr').first();
  const firstWave = demo.analysis.waves[0]!;
  expect(await first.locator('[data-cell$="/list"] a').getAttribute('href')).toBe(
    `/relationships/${demo.id}/incidents?to=${firstWave.closes.slice(0, 7)}`,
  );
  const second = page.locator('table[data-table="incident-periods"] tbody tr').nth(1);
  expect(await second.locator('[data-cell$="/list"] a').getAttribute('href')).toMatch(
    new RegExp(`incidents\\?from=\\d{4}-\\d{2}&to=${demo.analysis.waves[1]!.closes.slice(0, 7)}$`),
  );
  const path = demo.analysis.waves.map((w) => `${w.stage.level} · ${w.stage.name} (${w.label})`).join(' → ');
  await page.locator('.results-headlines li', { hasText: path }).waitFor();
  await check(page, '05-trend');
  expect(watched.errors).toEqual([]);
  await context.close();
});

test('small groups are shown as "fewer than k responses", on screen and in the CSV', async () => {
  const { context, page } = await signedIn();
  const wave = golden.analysis.waves[0]!;
  const k = wave.anonymityThreshold;
  await page.goto(`${server.url}/relationships/${golden.id}/results/${encodeURIComponent(wave.label)}`);
  await page.getByRole('heading', { level: 1, name: new RegExp(`results of ${wave.label}$`) }).waitFor();
  const cells = await readCells(page);
  const hidden = wave.cells.filter((c) => c.suppressed);
  expect(hidden.some((c) => c.suppression === 'too-few')).toBe(true);
  expect(hidden.some((c) => c.suppression === 'complementary')).toBe(true);
  for (const cell of hidden) {
    const key = `${cell.side}/${cell.level}/${cell.dimension}`;
    const text = textOf(cells, 'heatmap', key);
    expect(text, key).toBe(
      cell.suppression === 'too-few'
        ? `fewer than ${k} responses`
        : `hidden to protect a group of fewer than ${k}`,
    );
    expect(cells.get(`heatmap:${key}`)?.parts['rwg(j)']).toBeUndefined();
  }
  await check(page, '06-wave-with-small-groups');

  const response = await page.request.get(
    `${server.url}/relationships/${golden.id}/results-export/heatmap?wave=${encodeURIComponent(wave.label)}`,
  );
  const rows = parseCsv(await response.text()).rows.map((r) => r.values);
  const header = rows[0]!;
  const sideName = (side: 'A' | 'B') => golden.analysis.relationship.sides[side].name;
  for (const cell of hidden) {
    const row = rows.find(
      (r) => r[0]?.startsWith(sideName(cell.side)) && r[1]?.toLowerCase() === cell.level,
    )!;
    const label =
      cell.dimension === 'overall' ? 'Overall' : wave.dimensions.find((d) => d.key === cell.dimension)!.label;
    const column = (part: string) =>
      header.findIndex((h) => h.toLowerCase() === `${label} (${part})`.toLowerCase());
    const mean = row[column('mean')]!;
    expect(mean, `${cell.side}/${cell.level}/${cell.dimension}`).not.toMatch(/^\s*[+-]?\d/);
    expect(mean).toMatch(/fewer than/);
    expect(row[column('rwg(j)')]).toBe('');
  }
  await context.close();
});

test('on a 360-pixel phone the charts scale and the page does not scroll sideways', {
  timeout: 120_000,
}, async () => {
  const { context, page } = await signedIn({ ...PHONE });
  for (const path of [`results/${encodeURIComponent('12 months')}`, 'trend']) {
    await page.goto(`${server.url}/relationships/${demo.id}/${path}`);
    await page.locator('figure.chart-figure svg').first().waitFor();
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      charts: [...document.querySelectorAll('figure.chart-figure svg')].map(
        (svg) => svg.getBoundingClientRect().width,
      ),
    }));
    expect(widths.page).toBeLessThanOrEqual(360);
    for (const width of widths.charts) expect(width).toBeLessThanOrEqual(360);
    await check(page, `07-phone-${path.startsWith('trend') ? 'trend' : 'wave-12-months'}`);
  }
  await context.close();
});

test('without JavaScript the dashboard is complete: charts arrive as SVG', async () => {
  const { context, page } = await signedIn({ javaScriptEnabled: false });
  await page.goto(`${server.url}/relationships/${demo.id}/results/Baseline`);
  const cells = await readCells(page);
  expect(await page.locator('figure.chart-figure svg').count()).toBe(2);
  expect(textOf(cells, 'indices', 'A/index')).toBe(demo.analysis.waves[0]!.index.A!.toFixed(1));
  await context.close();
});
