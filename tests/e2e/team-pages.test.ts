import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createRelationship } from '../../src/services/create-relationship.ts';
import { listOutbox } from '../../src/services/list-outbox.ts';
import { listRelationships } from '../../src/services/list-relationships.ts';
import { getWorkspace } from '../../src/services/workspace-settings.ts';
import { expectNoAxeViolations, launchBrowser, screenshot, watchPage } from './support/browser.ts';
import {
  expectNoHorizontalOverflow,
  openPhoneOrDesktopPage,
  realErrors,
  signInAndLeave,
  waitForHydration,
} from './support/journey.ts';
import { startTestServer, type TestServer } from './support/start-test-server.ts';

// The team in Chromium on a 360-pixel phone: the admin renames the workspace and invites a
// facilitator; the invitation's link, read from the outbox, is opened with JavaScript off, the
// new facilitator chooses a password, is signed in, signs out and signs in again, and finds no
// invite form on the team page. Then a relationship is archived (out of the list, under
// "Archived"), restored, refused deletion with a wrong name and deleted with its name typed,
// without JavaScript. Axe and overflow on every page.

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

async function check(page: Page, name: string): Promise<void> {
  await screenshot(page, `team-${name}`);
  await expectNoHorizontalOverflow(page);
  await expectNoAxeViolations(page);
}

test('invite → accept → sign in as the new facilitator; the workspace is renamed', async () => {
  const admin = await openPhoneOrDesktopPage(browser);
  const watched = watchPage(admin.page);
  const page = admin.page;
  await signInAndLeave(page, server);
  await page.goto(`${server.url}/team`);
  await waitForHydration(page);
  expect(await page.getByLabel('Name of your firm or team').inputValue()).toBe('Lakeside Trust Advisory');
  await check(page, '01-team');

  await page.getByLabel('Name of your firm or team').fill('Lakeside Trust Partners');
  await page.getByRole('button', { name: 'Rename the workspace' }).click();
  await page.getByText('The workspace is now called Lakeside Trust Partners.').waitFor();
  expect((await getWorkspace(server.database.db, server.workspaceId)).name).toBe('Lakeside Trust Partners');

  // The colour of decks and reports, from the colour picker.
  await page.getByLabel('New colour').fill('#7a1f5c');
  await page.getByRole('button', { name: 'Use this colour' }).click();
  await page.getByText('Decks and reports now use #7a1f5c.').waitFor();
  expect((await getWorkspace(server.database.db, server.workspaceId)).colour).toBe('#7a1f5c');

  // A bad email is named on the form; a good invitation lands in the outbox.
  await page.getByLabel('Name', { exact: true }).fill('Nia Newcomer');
  await page.getByLabel('Email', { exact: true }).fill('nia@');
  await page.getByRole('button', { name: 'Send the invitation' }).click();
  await page.getByText('enter an email address').first().waitFor();
  await page.getByLabel('Email', { exact: true }).fill('nia.newcomer@example.test');
  await page.getByRole('button', { name: 'Send the invitation' }).click();
  await page.getByText('The invitation, with a link to choose a password, is in the outbox.').waitFor();
  await page.getByRole('heading', { name: 'Invitations not yet accepted' }).waitFor();
  await check(page, '02-invited');

  await page.goto(`${server.url}/outbox`);
  const link = await page.locator('a[href*="/invite/"]').first().getAttribute('href');
  expect(link).toMatch(/\/invite\/[\w-]+$/);
  expect(realErrors(watched.errors)).toEqual([]);
  await admin.context.close();

  // The invitee, without JavaScript.
  const invitee = await openPhoneOrDesktopPage(browser, { javaScriptEnabled: false });
  const next = invitee.page;
  await next.goto(link!);
  await next.getByRole('heading', { level: 1, name: 'Join Lakeside Trust Partners' }).waitFor();
  expect(await next.getByLabel('Your name').inputValue()).toBe('Nia Newcomer');
  // Without JavaScript axe cannot run in the page: screenshot and width only (as the other no-JS journeys).
  await screenshot(next, 'team-03-invite');
  await expectNoHorizontalOverflow(next);
  await next.getByLabel('Password', { exact: true }).fill('nia chooses a long passphrase');
  await next.getByLabel('Password again').fill('nia chooses a different one');
  await next.getByRole('button', { name: 'Join the team' }).click();
  await next.getByText('The two passwords are not the same.').waitFor();
  await next.getByLabel('Password', { exact: true }).fill('nia chooses a long passphrase');
  await next.getByLabel('Password again').fill('nia chooses a long passphrase');
  await next.getByRole('button', { name: 'Join the team' }).click();
  await next.getByRole('heading', { level: 1, name: 'Relationships' }).waitFor();

  // Signed out and in again with the chosen password; a facilitator cannot invite.
  await next.getByRole('button', { name: 'Sign out' }).click();
  await next.waitForURL((u) => u.pathname.startsWith('/sign-in'));
  await signInAndLeave(next, server, {
    email: 'nia.newcomer@example.test',
    password: 'nia chooses a long passphrase',
  });
  await next.goto(`${server.url}/team`);
  await next.getByRole('heading', { level: 2, name: 'Members' }).waitFor();
  expect(await next.getByRole('cell', { name: 'Facilitator' }).count()).toBeGreaterThan(0);
  expect(await next.getByRole('button', { name: 'Send the invitation' }).count()).toBe(0);
  // A facilitator who posts the invite form anyway is refused, and nothing is written.
  const csrf = await next.locator('input[name="_csrf"]').first().inputValue();
  const forged = await next.request.post(`${server.url}/team`, {
    form: { _csrf: csrf, intent: 'invite', inviteName: 'Eve', email: 'eve@example.test', role: 'admin' },
    headers: { origin: server.url },
  });
  expect(forged.status()).toBe(403);
  expect(
    (await listOutbox(server.database.db, server.workspaceId)).filter((m) => m.to === 'eve@example.test'),
  ).toEqual([]);
  await screenshot(next, 'team-04-facilitator');
  await expectNoHorizontalOverflow(next);

  // The link is used up.
  await next.goto(link!);
  await next.getByRole('heading', { level: 1, name: 'This invitation no longer works' }).waitFor();
  await invitee.context.close();
}, 120_000);

test('archive a relationship, find it under Archived, restore it, and delete it with its name typed', async () => {
  const { id } = await createRelationship(server.database.db, server.workspaceId, {
    name: 'Short-lived Partnership',
    sides: { A: { name: 'Short' }, B: { name: 'Lived' } },
  });
  const { context, page } = await openPhoneOrDesktopPage(browser);
  const watched = watchPage(page);
  await signInAndLeave(page, server);
  await page.goto(`${server.url}/relationships/${id}`);
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Archive the relationship' }).click();
  await page.getByText('The relationship was archived. Its survey links no longer work.').waitFor();
  await check(page, '05-archived');
  await page.goto(`${server.url}/`);
  await page.getByRole('heading', { level: 1, name: 'Relationships' }).waitFor();
  expect(await page.getByRole('link', { name: 'Short-lived Partnership' }).count()).toBe(0);
  await page.getByRole('link', { name: 'Archived relationships' }).click();
  await page.getByRole('heading', { level: 1, name: 'Archived relationships' }).waitFor();
  await page.getByRole('link', { name: 'Short-lived Partnership' }).click();
  await page.getByRole('button', { name: 'Restore the relationship' }).click();
  await page.getByText('The relationship was restored.').waitFor();
  expect((await listRelationships(server.database.db, server.workspaceId)).map((r) => r.id)).toContain(id);
  expect(realErrors(watched.errors)).toEqual([]);
  await context.close();

  // Deleting, without JavaScript: a wrong name is refused and nothing is deleted.
  const noJs = await openPhoneOrDesktopPage(browser, { javaScriptEnabled: false });
  await signInAndLeave(noJs.page, server);
  await noJs.page.goto(`${server.url}/relationships/${id}`);
  const confirm = noJs.page.getByLabel('Type the relationship’s name, Short-lived Partnership, to delete it');
  await confirm.fill('Short-lived');
  await noJs.page.getByRole('button', { name: 'Delete for good' }).click();
  await noJs.page
    .getByText("type the relationship's name, Short-lived Partnership, exactly to delete it")
    .first()
    .waitFor();
  expect((await listRelationships(server.database.db, server.workspaceId)).map((r) => r.id)).toContain(id);
  await screenshot(noJs.page, 'team-06-delete-refused');
  await expectNoHorizontalOverflow(noJs.page);
  await noJs.page
    .getByLabel('Type the relationship’s name, Short-lived Partnership, to delete it')
    .fill('Short-lived Partnership');
  await noJs.page.getByRole('button', { name: 'Delete for good' }).click();
  await noJs.page.getByText('The relationship was deleted with all its data.').waitFor();
  expect((await listRelationships(server.database.db, server.workspaceId)).map((r) => r.id)).not.toContain(
    id,
  );
  await noJs.context.close();
}, 120_000);
