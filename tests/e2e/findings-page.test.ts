import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { relationships, sponsorGrants } from '../../src/db/schema.ts';
import { createUser } from '../../src/services/create-user.ts';
import { clearShareAndAct } from '../support/clear-share-and-act.ts';
import { expectNoAxeViolations, launchBrowser, screenshot, watchPage } from './support/browser.ts';
import {
  expectNoHorizontalOverflow,
  openPhoneOrDesktopPage,
  realErrors,
  signInAndLeave,
  waitForHydration,
} from './support/journey.ts';
import { startTestServer, type TestServer } from './support/start-test-server.ts';

// Findings in Chromium (issue 9, items 1, 2 and 6): the facilitator accepts a suggestion, writes a
// finding of their own with evidence ticked from the list, releases a pre-brief to Corvid's
// sponsors and then the joint release — without JavaScript too; a sponsor of Northwater sees the
// joint release and never Corvid's pre-brief. Every page is scanned with axe and screenshotted.

const PASSWORD = 'a long sponsor password';
let server: TestServer;
let browser: Browser;
let demoId: string;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const db = server.database.db;
  const [demo] = await db.select({ id: relationships.id }).from(relationships);
  demoId = demo!.id;
  // The journeys start the other half of the method from nothing: the demo's own is taken away.
  await clearShareAndAct(db, demoId);
  const nora = await createUser(db, server.workspaceId, {
    email: 'nora@northwater.example',
    name: 'Nora Northwater',
    password: PASSWORD,
    role: 'sponsor',
  });
  await db.insert(sponsorGrants).values({ userId: nora.id, relationshipId: demoId, side: 'A' });
  const colin = await createUser(db, server.workspaceId, {
    email: 'colin@corvid.example',
    name: 'Colin Corvid',
    password: PASSWORD,
    role: 'sponsor',
  });
  await db.insert(sponsorGrants).values({ userId: colin.id, relationshipId: demoId, side: 'B' });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('accept a suggestion, write a finding with evidence, release a pre-brief and then to both sides', async () => {
  const { context, page } = await openPhoneOrDesktopPage(browser, { desktop: true });
  const watched = watchPage(page);
  await signInAndLeave(page, server);
  await page.goto(`${server.url}/relationships/${demoId}/findings`);
  await page.getByRole('heading', { level: 1, name: /Findings: 24 months/ }).waitFor();
  await waitForHydration(page);
  await screenshot(page, 'findings-01-suggestions');
  await expectNoAxeViolations(page);

  // Accept the first suggestion about how Northwater sees Corvid (it goes to Corvid's pre-brief).
  const suggestion = page
    .locator('.suggestion')
    .filter({ hasText: 'about how Northwater Utilities sees Corvid' })
    .first();
  const title = (await suggestion.locator('.suggestion-title').textContent())!.trim();
  await suggestion.getByRole('button', { name: /Accept as a finding/ }).click();
  await page.getByRole('heading', { level: 3, name: title }).waitFor();
  expect(await suggestion.textContent()).toContain('Accepted as F-001');

  // A finding of one's own: refused without evidence, then saved with a gap ticked.
  const write = page.locator('form:has(#new-title)');
  await page
    .getByText('A finding of your own, with its evidence')
    .click()
    .catch(() => {});
  await page.locator('#new-title').fill('Each side misjudges how the other sees its competence');
  await page.locator('#new-concerns').selectOption('both');
  await write.getByRole('button', { name: 'Save the finding' }).click();
  await page.locator('.error-summary').waitFor();
  expect(await page.locator('.error-summary').textContent()).toContain(
    'a finding needs at least one piece of evidence',
  );
  await screenshot(page, 'findings-02-refused');
  await write.locator('summary', { hasText: 'Perception gaps' }).click();
  await write.getByLabel(/Perception gap of Northwater Utilities, competence/).check();
  await write.getByRole('button', { name: 'Save the finding' }).click();
  await page
    .getByRole('heading', { level: 3, name: 'Each side misjudges how the other sees its competence' })
    .waitFor();
  const written = page.locator('#finding-F-002');
  expect(await written.textContent()).toMatch(
    /Perception gap of Northwater Utilities, competence \(24 months\): believes it is rated \d\.\d\d, is rated \d\.\d\d/,
  );

  // The pre-brief to Corvid holds F-001 only.
  const preBrief = page.locator('.release-forms li').filter({ hasText: 'Pre-brief to Corvid' });
  await preBrief.getByLabel('I have read these findings and want to release them').check();
  await preBrief.getByRole('button', { name: /Release the pre-brief to Corvid/ }).click();
  await page.locator('.release-history li').first().waitFor();
  expect(await page.locator('.release-history').textContent()).toMatch(
    /Pre-brief to Corvid IT Services by Demo facilitator on \d{4}-\d\d-\d\d: F-001$/,
  );
  await screenshot(page, 'findings-03-pre-brief');
  await expectNoAxeViolations(page);
  expect(realErrors(watched.errors)).toEqual([]);
  await context.close();

  // Without JavaScript: the joint release is a plain form post too.
  const plain = await openPhoneOrDesktopPage(browser, { javaScriptEnabled: false });
  await signInAndLeave(plain.page, server);
  await plain.page.goto(`${server.url}/relationships/${demoId}/findings`);
  const joint = plain.page.locator('.release-forms li').filter({ hasText: 'Joint release' });
  await joint.getByLabel('I have read these findings and want to release them').check();
  await joint.getByRole('button', { name: 'Release to both sides' }).click();
  await plain.page.waitForURL(/#releases$/);
  expect(await plain.page.locator('.release-history').textContent()).toMatch(
    /Joint release to both sides by Demo facilitator on [\d-]+: F-001, F-002/,
  );
  await expectNoHorizontalOverflow(plain.page);
  await screenshot(plain.page, 'findings-04-joint-phone-nojs');
  await plain.context.close();

  // Northwater's sponsor sees the joint release, never Corvid's pre-brief.
  const sponsor = await openPhoneOrDesktopPage(browser);
  await signInAndLeave(sponsor.page, server, { email: 'nora@northwater.example', password: PASSWORD });
  await sponsor.page.goto(`${server.url}/sponsor/${demoId}`);
  await sponsor.page.getByRole('heading', { level: 2, name: 'Findings' }).waitFor();
  const findings = (await sponsor.page.locator('.sponsor-findings').textContent())!;
  expect(findings).toContain('Shared with both sides — 24 months');
  expect(findings).toContain(title);
  expect(findings).not.toContain('Pre-brief for');
  await expectNoHorizontalOverflow(sponsor.page);
  await screenshot(sponsor.page, 'findings-05-sponsor-phone');
  await expectNoAxeViolations(sponsor.page);
  await sponsor.context.close();
}, 180_000);

test('a workstream with an action and an update, a charter both sponsors sign, and a change that needs signing again', async () => {
  const { context, page } = await openPhoneOrDesktopPage(browser, { desktop: true });
  const watched = watchPage(page);
  await signInAndLeave(page, server);
  await page.goto(`${server.url}/relationships/${demoId}/workstreams`);
  await page.getByRole('heading', { level: 1, name: 'Workstreams' }).waitFor();
  await waitForHydration(page);
  await page.getByLabel('Title').fill('Ways of working at the service desk');
  await page.getByLabel('Owner at Northwater Utilities').selectOption({ index: 1 });
  await page.getByLabel('Owner at Corvid IT Services').selectOption({ index: 1 });
  await page.getByRole('checkbox', { name: 'Reliability' }).check();
  await page.getByLabel('Started on').fill('2024-03-01');
  await page.getByRole('button', { name: 'Start the workstream' }).click();
  const card = page.locator('#WS-1');
  await card.getByRole('heading', { level: 2, name: /Ways of working at the service desk/ }).waitFor();
  // Every change shown is the analysis' own: three waves after the start, two sides.
  expect(await card.locator('table tbody tr').count()).toBe(6);

  await card.getByRole('link', { name: /Add an action/ }).click();
  const addAction = page.locator('form:has(#action-what)');
  expect(await addAction.getByLabel('Workstream').inputValue()).toBe('WS-1');
  await addAction.getByLabel('What will be done').fill('Agree the hand-over checklist');
  await addAction.getByLabel('Owner', { exact: true }).selectOption({ index: 1 });
  await addAction.getByLabel('Due on').fill('2024-04-01');
  await addAction.getByRole('button', { name: 'Add the action' }).click();
  await page.locator('#WS-1 .actions-list li').filter({ hasText: 'Agree the hand-over checklist' }).waitFor();
  expect(await page.locator('#WS-1 .actions-list').textContent()).toContain('overdue');
  await page.locator('#WS-1').getByText('Add a progress update').click();
  await page.locator('#WS-1').getByRole('radio', { name: 'Amber' }).check();
  await page.locator('#WS-1').getByLabel('Note').fill('Checklist drafted, not yet agreed');
  await page.locator('#WS-1').getByRole('button', { name: 'Add the update' }).click();
  await page.locator('#WS-1 .updates-list').filter({ hasText: 'Checklist drafted' }).waitFor();
  await screenshot(page, 'workstreams-01-desktop');
  await expectNoAxeViolations(page);

  await page.goto(`${server.url}/relationships/${demoId}/charter`);
  await waitForHydration(page);
  await page.getByLabel('Shared vision').fill('One team for the utility’s customers');
  await page.getByLabel('Principles').fill('Tell each other early\nFix the small things first');
  await page.getByLabel('How we meet').fill('Sponsors meet every quarter');
  await page.getByRole('button', { name: 'Save the charter' }).click();
  await page.getByRole('heading', { level: 2, name: /Version 1/ }).waitFor();
  await screenshot(page, 'charter-01-version-1');
  await expectNoAxeViolations(page);
  expect(realErrors(watched.errors)).toEqual([]);

  // Each side's sponsor signs on their own page — Corvid's without JavaScript.
  for (const [email, js] of [
    ['nora@northwater.example', true],
    ['colin@corvid.example', false],
  ] as const) {
    const sponsor = await openPhoneOrDesktopPage(browser, { javaScriptEnabled: js });
    await signInAndLeave(sponsor.page, server, { email, password: PASSWORD });
    await sponsor.page.goto(`${server.url}/sponsor/${demoId}`);
    await sponsor.page.getByRole('heading', { level: 2, name: 'Charter' }).waitFor();
    expect(await sponsor.page.locator('.sponsor-workstreams').textContent()).toContain(
      'Ways of working at the service desk',
    );
    await sponsor.page.getByLabel(/I have read version 1 and sign it/).check();
    await sponsor.page.getByRole('button', { name: 'Sign version 1' }).click();
    await sponsor.page.getByRole('status').filter({ hasText: 'signed version 1' }).waitFor();
    await expectNoHorizontalOverflow(sponsor.page);
    await screenshot(sponsor.page, `charter-02-signed-${js ? 'js' : 'nojs'}`);
    await sponsor.context.close();
  }
  await page.reload();
  await page.getByText('Signed by both sides').waitFor();

  // A change makes version 2, which waits for both signatures again.
  await page.getByText('Edit (saves version 2)').click();
  await page.getByLabel('Behaviours').fill('Answer within a working day');
  await page.getByRole('button', { name: 'Save as a new version' }).click();
  await page.getByRole('heading', { level: 2, name: /Version 2/ }).waitFor();
  expect(await page.locator('#current-section').textContent()).toContain('Waiting for sign-off');
  expect(await page.getByText('Version 1 (2 of 2 signatures)').count()).toBe(1);
  await context.close();
}, 180_000);
