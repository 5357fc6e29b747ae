import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { relationships, sponsorGrants } from '../../src/db/schema.ts';
import { createUser } from '../../src/services/create-user.ts';
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
  const nora = await createUser(db, server.workspaceId, {
    email: 'nora@northwater.example',
    name: 'Nora Northwater',
    password: PASSWORD,
    role: 'sponsor',
  });
  await db.insert(sponsorGrants).values({ userId: nora.id, relationshipId: demoId, side: 'A' });
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
