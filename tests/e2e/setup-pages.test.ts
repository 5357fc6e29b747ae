import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { listParticipants } from '../../src/services/list-participants.ts';
import { listRelationships } from '../../src/services/list-relationships.ts';
import { expectNoAxeViolations, launchBrowser, PHONE, screenshot, watchPage } from './support/browser.ts';
import { realErrors, signInAsFacilitator, waitForHydration } from './support/journey.ts';
import { startTestServer, type TestServer } from './support/start-test-server.ts';

// The facilitator's setup screens in Chromium on a 360-pixel phone: the demo relationship's
// overview and response tracking, a refused removal; then a new relationship: a CSV import with a
// bad row (previewed, refused) and fixed (imported), a participant added, edited and removed, a
// wave created, opened, its links issued (shown once), revoked and re-issued, and the wave closed.
// The same core steps again with JavaScript turned off. Every page is screenshotted and scanned.

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A phone-sized page. */
async function openPage(options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext({ ...PHONE, ...options });
  context.setDefaultTimeout(10_000);
  return { context, page: await context.newPage() };
}

async function check(page: Page, name: string): Promise<void> {
  await screenshot(page, `setup-${name}`);
  await expectNoAxeViolations(page);
}

/** The status shown in the personal links table for one participant. */
async function linkStatusOf(page: Page, name: string): Promise<string | null> {
  return page
    .getByRole('row', { name: new RegExp(name) })
    .locator('.status')
    .textContent();
}

const BAD_CSV = [
  'name,email,side,level,role',
  'Ann Lee,ann@harbour.example,A,leadership,COO',
  'Raj Patel,raj@harbour.example,A,operational,Logistics lead',
  'Mia Chen,mia@harbour.example,a,staff,',
  'Tom Berg,tom@meridian.example,C,leadership,Managing director',
  '"Okafor, Ada",ada@meridian.example,B,operational,Account manager',
  'Lu Wei,lu@meridian.example,B,staff,Dispatcher',
].join('\n');
const GOOD_CSV = BAD_CSV.replace(',C,leadership', ',B,leadership');

async function createRelationship(page: Page, name: string): Promise<string> {
  await page.goto(`${server.url}/relationships/new`);
  await page.getByRole('textbox', { name: 'Relationship name' }).fill(name);
  const sideA = page.getByRole('group', { name: 'Side A' });
  const sideB = page.getByRole('group', { name: 'Side B' });
  await sideA.getByLabel('Organisation').fill('Harbour Logistics');
  await sideA.getByLabel('Role in the relationship').fill('customer');
  await sideB.getByLabel('Organisation').fill('Meridian Freight');
  await sideB.getByLabel('Role in the relationship').fill('supplier');
  await page.getByRole('button', { name: 'Create the relationship' }).click();
  await page.waitForURL(/\/relationships\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname;
}

// A long journey (about 50 s on this machine alone, more when the machine is busy).
test('a facilitator sets a relationship up: participants, CSV import, a wave, its links', async () => {
  const { context, page } = await openPage();
  const watched = watchPage(page);
  await signInAsFacilitator(page, server);

  // The demo relationship: sides, participants by side × level, waves, response tracking.
  const [demo] = await listRelationships(server.database.db, server.workspaceId);
  await page.locator('.card-list a').first().click();
  await page.getByRole('heading', { level: 1, name: demo!.name }).waitFor();
  expect(new URL(page.url()).pathname).toBe(`/relationships/${demo!.id}`);
  expect(await page.locator('caption', { hasText: 'Participants by level and side' }).count()).toBe(1);
  expect(await page.locator('caption', { hasText: /^Responses to / }).count()).toBe(demo!.waves);
  // The demo's waves were imported: who was invited and who started is not known, as the results
  // page says too; only the submitted responses are counted.
  const imported = page.locator('table', {
    has: page.locator('caption', { hasText: 'Responses to Baseline' }),
  });
  const totals = await imported.locator('tfoot td').allTextContents();
  expect(totals.slice(0, 2)).toEqual(['not known', 'not known']);
  expect(Number(totals[2])).toBeGreaterThan(0);
  await waitForHydration(page);
  await check(page, '01-relationship-demo');

  // Someone who answered cannot be removed: the service's reason is shown.
  const demoPeople = await listParticipants(server.database.db, server.workspaceId, demo!.id);
  const answered = demoPeople.find((p) => p.hasResponses)!;
  await page.goto(`${server.url}/relationships/${demo!.id}/participants?remove=${answered.id}`);
  await page.getByRole('heading', { level: 2, name: `Remove ${answered.name}?` }).waitFor();
  await check(page, '02-participants-demo-confirm-remove');
  await page.getByRole('button', { name: `Yes, remove ${answered.name}` }).click();
  await page.locator('.error-summary').waitFor();
  expect(await page.locator('.error-summary').textContent()).toContain('cannot be removed');
  await check(page, '03-participants-demo-remove-refused');

  // A new relationship, empty.
  const base = await createRelationship(page, 'Harbour Logistics – Meridian Freight');
  const relationshipId = base.split('/').pop()!;
  await page.getByRole('heading', { level: 1, name: 'Harbour Logistics – Meridian Freight' }).waitFor();
  expect(await page.getByText('No participants yet.').count()).toBe(1);
  await check(page, '04-relationship-empty');

  // CSV import: a bad row is listed with its place, and nothing can be imported.
  await page.getByRole('link', { name: 'Import participants from CSV' }).click();
  await page.getByRole('heading', { level: 1, name: 'Import participants from CSV' }).waitFor();
  await waitForHydration(page);
  await check(page, '05-import');
  await page.getByLabel('CSV text').fill(BAD_CSV);
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('heading', { level: 2, name: 'Preview' }).waitFor();
  const problems = page.locator('table', { has: page.locator('caption', { hasText: 'problem' }) });
  expect(await problems.locator('tbody tr').count()).toBe(1);
  const problemCells = await problems.locator('tbody tr td').allTextContents();
  expect(problemCells.slice(0, 3)).toEqual(['5', '31', 'side']);
  expect(problemCells[3]).toContain('side "C" is not a side');
  expect(await page.locator('.warning').textContent()).toContain('nothing can be imported yet');
  expect(await page.getByRole('button', { name: /^Import / }).count()).toBe(0);
  expect(await page.locator('table', { hasText: 'Ready to import' }).locator('tbody tr').count()).toBe(6);
  await check(page, '06-import-preview-problem');

  // Posting the import anyway is refused whole: nothing is saved.
  const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
  const forced = await page.request.post(`${server.url}${base}/participants/import`, {
    form: { _csrf: csrf, intent: 'import', csv: BAD_CSV },
  });
  expect(forced.status()).toBe(400);
  expect(await forced.text()).toContain('Nothing was imported');
  expect(await listParticipants(server.database.db, server.workspaceId, relationshipId)).toEqual([]);

  // Fixed, and uploaded as a file this time (a multipart post): preview, then import.
  await page.getByLabel('Or choose a CSV file').setInputFiles({
    name: 'people.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(GOOD_CSV),
  });
  await page.getByRole('button', { name: 'Preview' }).click();
  const importButton = page.getByRole('button', { name: 'Import 6 participants' });
  await importButton.waitFor();
  expect(await page.getByLabel('CSV text').inputValue()).toBe(GOOD_CSV);
  await check(page, '07-import-preview-ready');
  await importButton.click();
  await page.getByRole('heading', { level: 1, name: 'Participants', exact: true }).waitFor();
  expect(await page.getByRole('status').textContent()).toBe('6 participants were imported.');
  expect(await page.getByRole('row', { name: /Okafor, Ada/ }).count()).toBe(1);
  await check(page, '08-participants-imported');

  // Add one: a bad email first, tied to its field.
  await page.getByLabel('Name').fill('Zoe Park');
  await page.getByLabel('Email').fill('zoe-at-meridian');
  await page.getByLabel('Side').selectOption('B');
  await page.getByLabel('Level').selectOption('staff');
  await page.getByRole('button', { name: 'Add participant' }).click();
  await page.locator('.error-summary').waitFor();
  const email = page.getByLabel('Email');
  expect(await email.getAttribute('aria-invalid')).toBe('true');
  expect(await page.locator('#field-email-error').textContent()).toContain('does not look like an email');
  expect(await page.getByLabel('Name').inputValue()).toBe('Zoe Park');
  await check(page, '09-participants-add-error');
  await email.fill('zoe@meridian.example');
  await page.getByRole('button', { name: 'Add participant' }).click();
  await page.getByText('Zoe Park was added.').waitFor();
  await check(page, '10-participants-added');

  // Edit her: staff → operational, with a role.
  await page.getByRole('link', { name: 'Edit Zoe Park' }).click();
  await page.getByRole('heading', { level: 1, name: 'Edit Zoe Park' }).waitFor();
  expect(await page.getByLabel('Level').inputValue()).toBe('staff');
  await waitForHydration(page);
  await check(page, '11-participant-edit');
  await page.getByLabel('Level').selectOption('operational');
  await page.getByLabel('Role (optional)').fill('Planner');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('Zoe Park was saved.').waitFor();
  const zoe = page.getByRole('row', { name: /Zoe Park/ });
  expect(await zoe.locator('th').textContent()).toBe('Zoe Parkzoe@meridian.example');
  expect(await zoe.locator('td').allTextContents()).toEqual([
    'Operational',
    'Planner',
    'Edit Zoe ParkRemove Zoe Park',
  ]);

  // Remove one, after the confirmation step.
  await page.getByRole('link', { name: 'Remove Lu Wei' }).click();
  await page.getByRole('heading', { level: 2, name: 'Remove Lu Wei?' }).waitFor();
  await page.getByRole('button', { name: 'Yes, remove Lu Wei' }).click();
  await page.getByText('The participant was removed.').waitFor();
  expect(await page.getByRole('row', { name: /Lu Wei/ }).count()).toBe(0);

  // A wave: the threshold is shown, the built-in instrument is offered.
  await page.goto(`${server.url}${base}`);
  await page.getByRole('link', { name: 'New wave' }).click();
  await page.getByRole('heading', { level: 1, name: 'New wave' }).waitFor();
  expect(await page.locator('.notice').textContent()).toContain('Anonymity threshold: k = 3.');
  expect(await page.getByLabel('Instrument version').locator('option').count()).toBeGreaterThan(0);
  await waitForHydration(page);
  await check(page, '12-wave-new');
  await page.getByLabel('Label').fill('Baseline');
  await page.getByRole('button', { name: 'Create wave' }).click();
  await page.waitForURL((url) => url.pathname === `${base}/waves/Baseline`);
  await page.getByRole('heading', { level: 1, name: 'Baseline Draft' }).waitFor();
  await check(page, '13-wave-draft');

  await page.getByLabel('I understand Baseline cannot go back to draft').check();
  await page.getByRole('button', { name: 'Open Baseline now' }).click();
  await page.getByRole('heading', { level: 1, name: 'Baseline Open' }).waitFor();
  expect(await page.getByRole('status').textContent()).toContain('Baseline is open');

  // Issue links: shown once, with a warning and a CSV to copy.
  await page.getByRole('button', { name: 'Issue links for everyone without one (6)' }).click();
  const issued = page.locator('section.issued-links');
  await issued.waitFor();
  expect(await issued.getByRole('alert').textContent()).toContain('they cannot be shown again');
  const annRow = issued.getByRole('row', { name: /Ann Lee/ });
  const [code, url] = await annRow.locator('td').allTextContents();
  expect(url).toMatch(new RegExp(`^${server.url}/s/[A-Za-z0-9_-]{20,}$`));
  expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  const csv = await issued.getByLabel('Copy as CSV').inputValue();
  expect(csv.split('\n')[0]).toBe('name,email,url,code');
  expect(csv).toContain(`Ann Lee,ann@harbour.example,${url},${code}`);
  expect(csv).toContain('"Okafor, Ada"');
  await check(page, '14-wave-links-issued');

  // Loaded again, the page shows each link's status and never a secret.
  await page.goto(`${server.url}${base}/waves/Baseline`);
  await page.getByRole('heading', { level: 1, name: 'Baseline Open' }).waitFor();
  const html = await page.content();
  expect(html).not.toContain(url!);
  expect(html).not.toContain(code!);
  expect(await linkStatusOf(page, 'Ann Lee')).toBe('Active');
  await waitForHydration(page);
  await check(page, '15-wave-open');

  // Revoke Ann's link, then re-issue it: one new link, shown once.
  await page.getByRole('button', { name: 'Revoke link for Ann Lee' }).click();
  await page.getByText("Ann Lee's link was revoked").waitFor();
  expect(await linkStatusOf(page, 'Ann Lee')).toBe('Revoked');
  await page.getByRole('button', { name: 'Re-issue link for Ann Lee' }).click();
  await page.locator('section.issued-links').waitFor();
  expect(await page.locator('section.issued-links tbody tr').count()).toBe(1);
  expect(await page.locator('section.issued-links td.secret-url').textContent()).not.toBe(url);
  await check(page, '16-wave-link-reissued');

  // Close: links stop working, the tracking stays.
  await page.getByLabel('I understand Baseline cannot be opened again').check();
  await page.getByRole('button', { name: 'Close Baseline now' }).click();
  await page.getByRole('heading', { level: 1, name: 'Baseline Closed' }).waitFor();
  expect(await page.getByRole('button', { name: /Issue links|Re-issue|Revoke/ }).count()).toBe(0);
  expect(await linkStatusOf(page, 'Ann Lee')).toBe('Expired');
  await check(page, '17-wave-closed');

  // The overview: 6 participants, one wave, its tracking.
  await page.goto(`${server.url}${base}`);
  await page.getByRole('link', { name: 'Manage participants (6)' }).waitFor();
  const tracking = page.locator('table', {
    has: page.locator('caption', { hasText: 'Responses to Baseline' }),
  });
  expect(await tracking.locator('tfoot td').allTextContents()).toEqual(['6', '0', '0']);
  await check(page, '18-relationship-set-up');

  expect(realErrors(watched.errors)).toEqual([]);
  await context.close();
}, 150_000);

test('the setup screens work without JavaScript', async () => {
  const { context, page } = await openPage({ javaScriptEnabled: false });
  await signInAsFacilitator(page, server);
  const base = await createRelationship(page, 'No-script relationship');

  await page.goto(`${server.url}${base}/participants/import`);
  await page.getByLabel('CSV text').fill('name,email,side,level\nKim Ito,kim@x.example,A,staff\n');
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('button', { name: 'Import 1 participant' }).click();
  await page.getByText('1 participant was imported.').waitFor();

  await page.getByLabel('Name').fill('Sam Ruiz');
  await page.getByLabel('Email').fill('sam@y.example');
  await page.getByLabel('Side').selectOption('B');
  await page.getByRole('button', { name: 'Add participant' }).click();
  await page.getByText('Sam Ruiz was added.').waitFor();

  await page.goto(`${server.url}${base}/waves/new`);
  await page.getByRole('button', { name: 'Create wave' }).click();
  await page.getByRole('heading', { level: 1, name: 'Baseline Draft' }).waitFor();
  await page.getByLabel('I understand Baseline cannot go back to draft').check();
  await page.getByRole('button', { name: 'Open Baseline now' }).click();
  await page.getByRole('heading', { level: 1, name: 'Baseline Open' }).waitFor();
  await page.getByRole('button', { name: 'Issue links for everyone without one (2)' }).click();
  await page.locator('section.issued-links').waitFor();
  expect(await page.locator('section.issued-links tbody tr').count()).toBe(2);
  // No axe here: it runs inside the page, which has no script; the same page was scanned above.
  await screenshot(page, 'setup-19-no-script-links-issued');
  await context.close();
});
