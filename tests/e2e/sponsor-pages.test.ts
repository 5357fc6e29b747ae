import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { relationships } from '../../src/db/schema.ts';
import { createRelationship } from '../../src/services/create-relationship.ts';
import { SPONSOR_INVITE_SUBJECT } from '../../src/services/create-sponsor.ts';
import { clearShareAndAct } from '../support/clear-share-and-act.ts';
import { expectNoAxeViolations, launchBrowser, PHONE, screenshot, watchPage } from './support/browser.ts';
import { expectNoHorizontalOverflow, realErrors, waitForHydration } from './support/journey.ts';
import { startTestServer, type TestServer } from './support/start-test-server.ts';

// Sponsor accounts in Chromium: the demo facilitator adds a sponsor for side B of the demo
// relationship on /people, the invitation appears in the outbox, the sponsor chooses a password
// through its link, signs in, lands on /sponsor and sees the waves and response rates and no
// results; facilitator pages and another relationship are closed to them; removing the access
// closes the relationship at once. Every page is scanned with axe and screenshotted on a desktop
// and a 360-pixel phone.

const SPONSOR_EMAIL = 'sam.sponsor@example.com';
const SPONSOR_PASSWORD = 'a long sponsor password';
const DESKTOP = { viewport: { width: 1280, height: 900 } };
/** What a sponsor's page must not show before release. */
const RESULT_WORDS = /\b(index|mean|stage|comments?|incidents?|interviews?)\b/i;

let server: TestServer;
let browser: Browser;
let demoId: string;
let otherId: string;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const [demo] = await server.database.db.select({ id: relationships.id }).from(relationships);
  demoId = demo!.id;
  // The journey starts before any release: the demo's findings and charter are taken away.
  await clearShareAndAct(server.database.db, demoId);
  otherId = (
    await createRelationship(server.database.db, server.workspaceId, {
      name: 'Harbour Logistics – Meridian Freight',
      sides: {
        A: { name: 'Harbour Logistics', role: 'customer' },
        B: { name: 'Meridian Freight', role: 'supplier' },
      },
    })
  ).id;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openPage(options: Parameters<Browser['newContext']>[0] = PHONE) {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  return { context, page, watched: watchPage(page) };
}

/** Screenshot, axe scan, and no sideways scrolling: what every page here gets. */
async function check(page: Page, name: string): Promise<void> {
  await screenshot(page, `sponsor-${name}`);
  await expectNoHorizontalOverflow(page);
  await expectNoAxeViolations(page);
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a facilitator invites a sponsor, who sees status and response rates only, and loses access when removed', async () => {
  const facilitator = await openPage(DESKTOP);
  await signIn(facilitator.page, server.facilitator.email, server.facilitator.password);
  await facilitator.page.getByRole('heading', { level: 1, name: 'Relationships' }).waitFor();

  // /people: the accounts, then the add form refused empty, then filled.
  await facilitator.page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'People' })
    .click();
  await facilitator.page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
  await waitForHydration(facilitator.page);
  expect(await facilitator.page.getByRole('row', { name: /Demo facilitator/ }).textContent()).toContain(
    'Admin',
  );
  await check(facilitator.page, '01-people-desktop');

  await facilitator.page.getByRole('button', { name: 'Add sponsor and send the invitation' }).click();
  await facilitator.page.locator('.error-summary').waitFor();
  expect(await facilitator.page.getByRole('textbox', { name: 'Name' }).getAttribute('aria-invalid')).toBe(
    'true',
  );
  expect(
    await facilitator.page.getByRole('combobox', { name: 'Sponsor of' }).getAttribute('aria-invalid'),
  ).toBe('true');
  await check(facilitator.page, '02-people-errors');

  await facilitator.page.getByRole('textbox', { name: 'Name' }).fill('Sam Sponsor');
  await facilitator.page.getByRole('textbox', { name: 'Email' }).fill(SPONSOR_EMAIL);
  await facilitator.page.getByRole('combobox', { name: 'Sponsor of' }).selectOption(`${demoId}|B`);
  await facilitator.page.getByRole('button', { name: 'Add sponsor and send the invitation' }).click();
  await facilitator.page.getByRole('status').filter({ hasText: 'was added as a sponsor' }).waitFor();
  const samRow = facilitator.page.getByRole('row', { name: /Sam Sponsor/ });
  expect(await samRow.textContent()).toMatch(/Sponsor.*\(B\)/);
  await check(facilitator.page, '03-people-added');

  // The invitation waits in the outbox, with its link.
  await facilitator.page.getByRole('link', { name: 'Open the outbox' }).click();
  await facilitator.page.getByRole('heading', { level: 1, name: 'Outbox' }).waitFor();
  const invitation = facilitator.page.locator('article').filter({ hasText: SPONSOR_INVITE_SUBJECT }).first();
  expect(await invitation.textContent()).toContain(SPONSOR_EMAIL);
  const link = await invitation.getByRole('link', { name: /\/reset-password\// }).getAttribute('href');
  expect(link).toMatch(/\/reset-password\/[\w-]+$/);

  // The sponsor, on a phone: set a password through the link, sign in, land on /sponsor.
  const sponsor = await openPage(PHONE);
  await sponsor.page.goto(new URL(link!).pathname.replace(/^/, server.url));
  await sponsor.page.getByLabel('New password', { exact: true }).fill(SPONSOR_PASSWORD);
  await sponsor.page.getByLabel('New password again').fill(SPONSOR_PASSWORD);
  await sponsor.page.getByRole('button', { name: 'Save the new password' }).click();
  await sponsor.page.waitForURL(/\/sign-in\?notice=password-reset/);
  await sponsor.page.getByLabel('Email address').fill(SPONSOR_EMAIL);
  await sponsor.page.getByLabel('Password', { exact: true }).fill(SPONSOR_PASSWORD);
  await sponsor.page.getByRole('button', { name: 'Sign in' }).click();
  await sponsor.page.getByRole('heading', { level: 1, name: 'Your relationships' }).waitFor();
  expect(new URL(sponsor.page.url()).pathname).toBe('/sponsor');
  expect(await sponsor.page.locator('.card-list > li').count()).toBe(1);
  expect(await sponsor.page.locator('main').textContent()).toContain('not released yet');
  await check(sponsor.page, '04-sponsor-home-phone');

  await sponsor.page.locator('.card-title a').click();
  await sponsor.page.waitForURL(new RegExp(`/sponsor/${demoId}$`));
  await sponsor.page.getByRole('heading', { level: 2, name: 'Waves and response rates' }).waitFor();
  const tables = sponsor.page.locator('table.sponsor-rates');
  expect(await tables.count()).toBeGreaterThan(1);
  expect(await tables.first().locator('caption').textContent()).toMatch(/^Response rates, /);
  expect(await tables.first().locator('td').first().textContent()).toMatch(/^\d+$/);
  expect(await sponsor.page.locator('main').textContent()).toMatch(/\d+%/);
  // No results before release: not in the page, not in the data the client router was handed.
  expect(await sponsor.page.locator('main').textContent()).not.toMatch(RESULT_WORDS);
  expect(await sponsor.page.content()).not.toMatch(/"(index|stage|results)"/);
  expect(await sponsor.page.getByRole('heading', { name: 'Results' }).count()).toBe(0);
  await check(sponsor.page, '05-sponsor-relationship-phone');

  // The same page on a desktop.
  const desktop = await sponsor.context.browser()!.newContext(DESKTOP);
  await desktop.addCookies(await sponsor.context.cookies());
  const desktopPage = await desktop.newPage();
  await desktopPage.goto(`${server.url}/sponsor/${demoId}`);
  await desktopPage.getByRole('heading', { level: 2, name: 'Waves and response rates' }).waitFor();
  await check(desktopPage, '06-sponsor-relationship-desktop');
  await desktop.close();

  // Facilitator pages and another relationship are closed.
  for (const path of [`/relationships/${demoId}`, '/people', '/outbox', '/portfolio']) {
    const response = await sponsor.page.goto(`${server.url}${path}`);
    expect(response?.status(), path).toBe(403);
    expect(await sponsor.page.locator('main').textContent(), path).not.toContain('Sam Sponsor');
  }
  const other = await sponsor.page.goto(`${server.url}/sponsor/${otherId}`);
  expect(other?.status()).toBe(404);
  await check(sponsor.page, '07-sponsor-other-relationship-404');
  await sponsor.page.goto(`${server.url}/`);
  await sponsor.page.waitForURL(/\/sponsor$/);

  // The facilitator removes the access; the sponsor's next click finds nothing.
  await facilitator.page.goto(`${server.url}/people`);
  await waitForHydration(facilitator.page);
  await samRow.getByRole('link', { name: /Remove access/ }).click();
  await facilitator.page.getByRole('heading', { level: 2, name: /Remove Sam Sponsor’s access/ }).waitFor();
  await check(facilitator.page, '08-people-confirm-remove');
  await facilitator.page.getByRole('button', { name: 'Yes, remove the access' }).click();
  await facilitator.page.getByRole('status').filter({ hasText: 'access was removed' }).waitFor();
  expect(await samRow.textContent()).toContain('no relationship at the moment');

  const gone = await sponsor.page.goto(`${server.url}/sponsor/${demoId}`);
  expect(gone?.status()).toBe(404);
  await sponsor.page.goto(`${server.url}/sponsor`);
  expect(await sponsor.page.locator('main').textContent()).toContain('do not sponsor any relationship');

  expect(realErrors(facilitator.watched.errors)).toEqual([]);
  expect(realErrors(sponsor.watched.errors)).toEqual([]);
  await facilitator.context.close();
  await sponsor.context.close();
}, 180_000);

test('after release the sponsor also sees each closed wave’s index and stage, on a phone', async () => {
  // Adding the sponsor again for side B: the account exists, so only the grant is added.
  const facilitator = await openPage(PHONE);
  await signIn(facilitator.page, server.facilitator.email, server.facilitator.password);
  await facilitator.page.getByRole('heading', { level: 1, name: 'Relationships' }).waitFor();
  await facilitator.page.goto(`${server.url}/people`);
  await waitForHydration(facilitator.page);
  await facilitator.page.getByRole('textbox', { name: 'Name' }).fill('Sam Sponsor');
  await facilitator.page.getByRole('textbox', { name: 'Email' }).fill(SPONSOR_EMAIL);
  await facilitator.page.getByRole('combobox', { name: 'Sponsor of' }).selectOption(`${demoId}|B`);
  await facilitator.page.getByRole('button', { name: 'Add sponsor and send the invitation' }).click();
  await facilitator.page.getByRole('status').filter({ hasText: 'already had a sponsor account' }).waitFor();
  await check(facilitator.page, '09-people-phone');
  await facilitator.context.close();

  // There is no release button yet (the workshop capability brings it): set the date directly.
  await server.database.db
    .update(relationships)
    .set({ resultsReleasedAt: new Date('2030-01-15T10:00:00Z') })
    .where(eq(relationships.id, demoId));
  const sponsor: { context: BrowserContext; page: Page; watched: { errors: string[] } } =
    await openPage(PHONE);
  await signIn(sponsor.page, SPONSOR_EMAIL, SPONSOR_PASSWORD);
  await sponsor.page.getByRole('heading', { level: 1, name: 'Your relationships' }).waitFor();
  await sponsor.page.goto(`${server.url}/sponsor/${demoId}`);
  await sponsor.page.getByRole('heading', { level: 2, name: 'Results' }).waitFor();
  const results = sponsor.page.locator('table.sponsor-results');
  expect(await results.locator('tbody tr').count()).toBeGreaterThan(1);
  expect(await results.locator('tbody td').first().textContent()).toMatch(
    /^\d+\.\d$|fewer than \d responses/,
  );
  await check(sponsor.page, '10-sponsor-released-phone');
  expect(realErrors(sponsor.watched.errors)).toEqual([]);
  await sponsor.context.close();
}, 120_000);
