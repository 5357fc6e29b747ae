import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { generateDemoBundle } from '../../src/demo/generate-demo-bundle.ts';
import type { IncidentRecord } from '../../src/domain/model.ts';
import { getRelationshipAnalysis } from '../../src/services/get-relationship-analysis.ts';
import { importBundle } from '../../src/services/import-bundle.ts';
import { listRelationships } from '../../src/services/list-relationships.ts';
import { formatIndex, formatSignedPoints } from '../../src/web/components/portfolio-table.tsx';
import { expectNoAxeViolations, launchBrowser, PHONE, screenshot, watchPage } from './support/browser.ts';
import { signInAsFacilitator } from './support/journey.ts';
import { startTestServer, type TestServer } from './support/start-test-server.ts';

// The portfolio lead's journey over the demo plus a second relationship with diluting incidents
// this quarter: sign in, open the portfolio, read the demo row (its numbers are the analysis
// service's), sort by a column, filter by warning and text, download the CSV, and the same page
// on a 360-pixel phone and with JavaScript off. Every page is screenshotted and scanned by axe.

let server: TestServer;
let browser: Browser;
let demoId: string;
let secondId: string;
const SECOND = 'Harbour Logistics ⇄ Meridian Freight';

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  demoId = (await listRelationships(server.database.db, server.workspaceId))[0]!.id;
  const bundle = generateDemoBundle();
  const today = new Date().toISOString().slice(0, 10);
  const template = bundle.incidents[0]!;
  const diluting = (ref: string): IncidentRecord => ({
    ...template,
    ref,
    occurredOn: today,
    direction: 'dilutes',
    status: 'coded',
    resolvedOn: null,
  });
  secondId = (
    await importBundle(server.database.db, server.workspaceId, {
      ...bundle,
      relationship: {
        ...bundle.relationship,
        name: SECOND,
        sides: {
          A: { name: 'Harbour Logistics', role: 'customer' },
          B: { name: 'Meridian Freight', role: 'supplier' },
        },
      },
      // Without its last wave: its latest results are a year older, with a lower index.
      responses: bundle.responses.filter((r) => r.wave !== bundle.relationship.waves.at(-1)!.label),
      incidents: [diluting('H-1'), diluting('H-2')],
    })
  ).relationshipId;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function check(page: Page, name: string): Promise<void> {
  await screenshot(page, `portfolio-${name}`);
  await expectNoAxeViolations(page);
}

const rowOf = (page: Page, name: string) =>
  page.locator('tbody tr', { has: page.getByRole('rowheader', { name }) });
const rowNames = (page: Page) => page.locator('tbody th[scope="row"] a').allTextContents();

test('the portfolio lead reads, sorts, filters and downloads the portfolio', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const watched = watchPage(page);
  await signInAsFacilitator(page, server);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Portfolio' }).click();
  await page.getByRole('heading', { level: 1, name: 'Portfolio' }).waitFor();
  expect(await page.locator('.portfolio-summary-line strong').textContent()).toMatch(
    /^\d of 2 relationships have early warnings\.$/,
  );
  await check(page, '01-desktop');

  // The demo row: every number is the analysis service's (what `trustloop analyze --json` prints).
  const analysis = await getRelationshipAnalysis(server.database.db, server.workspaceId, demoId);
  const [previous, last] = analysis.waves.slice(-2);
  const demo = rowOf(page, analysis.relationship.name);
  const cells = demo.locator('td');
  expect(await cells.nth(0).textContent()).toBe(
    `${analysis.relationship.sides.A.name} ${formatIndex(last!.index.A!)}`,
  );
  expect(await cells.nth(1).textContent()).toBe(
    `${analysis.relationship.sides.B.name} ${formatIndex(last!.index.B!)}`,
  );
  expect(await cells.nth(2).textContent()).toContain(last!.stage.name);
  const changeA = last!.index.A! - previous!.index.A!;
  expect(await cells.nth(3).textContent()).toContain(
    `${formatSignedPoints(changeA)} ${changeA > 0 ? 'rose' : 'fell'} since ${previous!.label}`,
  );
  await expect(
    demo.getByRole('link', { name: analysis.relationship.name }).getAttribute('href'),
  ).resolves.toBe(`/relationships/${demoId}/results`);

  // The second relationship warns about this quarter's incidents, with its reason.
  const second = rowOf(page, SECOND);
  expect(await second.locator('.portfolio-flags').textContent()).toMatch(
    /More diluting incidents 2 diluting incidents against 0 building incidents in Q\d \d{4}\./,
  );

  // Sorting: a header link, aria-sort on the sorted column, a second click reverses.
  const header = page.getByRole('columnheader', { name: /^Side A index/ });
  const sortedBy = (label: string, direction: string) =>
    page.locator(`th[aria-sort="${direction}"]`, { hasText: label }).waitFor();
  await header.getByRole('link').click();
  await page.waitForURL(/sort=index-a&dir=desc/);
  await sortedBy('Side A index', 'descending');
  await expect.poll(() => rowNames(page)).toEqual([analysis.relationship.name, SECOND]);
  expect(
    await page.getByRole('columnheader', { name: /^Relationship/ }).getAttribute('aria-sort'),
  ).toBeNull();
  await header.getByRole('link').click();
  await page.waitForURL(/sort=index-a&dir=asc/);
  await sortedBy('Side A index', 'ascending');
  await expect.poll(() => rowNames(page)).toEqual([SECOND, analysis.relationship.name]);
  await page
    .getByRole('columnheader', { name: /^Relationship/ })
    .getByRole('link')
    .click();
  await page.waitForURL(/sort=name&dir=asc/);
  await sortedBy('Relationship', 'ascending');
  await expect
    .poll(() => rowNames(page))
    .toEqual([analysis.relationship.name, SECOND].sort((a, b) => a.localeCompare(b, 'en')));

  // Filtering: only the relationships with a diluting-incident warning; then by text; then nothing.
  await page.getByLabel('Early warnings').selectOption('diluting-incidents');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(/flag=diluting-incidents/);
  await expect.poll(() => rowNames(page)).toEqual([SECOND]);
  await check(page, '02-filtered-warning');
  await page.getByLabel('Early warnings').selectOption('');
  await page.getByLabel('Relationship or organisation').fill('meridian');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(/q=meridian/);
  await expect.poll(() => rowNames(page)).toEqual([SECOND]);
  await page.getByLabel('Relationship or organisation').fill('no such organisation');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.getByText('No relationship matches these filters.').waitFor();
  await check(page, '03-no-match');
  await page.getByRole('link', { name: 'Clear the filters' }).click();
  await page.waitForURL((url) => !url.search.includes('q='));
  await expect.poll(() => rowNames(page)).toHaveLength(2);

  // The CSV: the same rows and numbers, suppression included.
  const csv = await page.request.get(`${server.url}/portfolio-export?sort=name&dir=asc`);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const lines = (await csv.text()).trim().split('\n');
  expect(lines).toHaveLength(3);
  expect(lines[0]).toMatch(
    /^relationship,relationship_id,side_a,side_b,results_wave,side_a_index,side_b_index,/,
  );
  const demoLine = lines.find((line) => line.includes(demoId))!;
  expect(demoLine).toContain(
    `,${last!.label},${formatIndex(last!.index.A!)},${formatIndex(last!.index.B!)},`,
  );
  expect(lines.find((line) => line.includes(secondId))).toContain('diluting-incidents');

  expect(watched.errors).toEqual([]);
  await context.close();
}, 240_000);

test('the portfolio on a 360-pixel phone, and sorting with JavaScript off', async () => {
  const phone = await browser.newContext({ ...PHONE });
  phone.setDefaultTimeout(10_000);
  const page = await phone.newPage();
  await signInAsFacilitator(page, server);
  await page.goto(`${server.url}/portfolio`);
  await page.getByRole('heading', { level: 1, name: 'Portfolio' }).waitFor();
  await check(page, '04-phone');
  await phone.close();

  const noScript = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 1280, height: 900 },
  });
  noScript.setDefaultTimeout(10_000);
  const plain = await noScript.newPage();
  await signInAsFacilitator(plain, server);
  await plain.goto(`${server.url}/portfolio`);
  await plain
    .getByRole('columnheader', { name: /^Response rate/ })
    .getByRole('link')
    .click();
  await plain.waitForURL(/sort=response-rate&dir=desc/);
  expect(await plain.getByRole('columnheader', { name: /^Response rate/ }).getAttribute('aria-sort')).toBe(
    'descending',
  );
  await plain.getByLabel('Stage').selectOption('none');
  await plain.getByRole('button', { name: 'Apply filters' }).click();
  await plain.getByText('No relationship matches these filters.').waitFor();
  // No axe here: it runs inside the page, which has no script; the same page was scanned above.
  await screenshot(plain, 'portfolio-05-no-javascript-filtered');
  await noScript.close();
}, 240_000);
