import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sponsorGrants } from '../../src/db/schema.ts';
import { createUser } from '../../src/services/create-user.ts';
import { findRelationship } from '../../src/services/find-relationship.ts';
import { createWorkshop, endWorkshop, goToStep, startWorkshop } from '../../src/services/manage-workshop.ts';
import { revealStep } from '../../src/services/workshop-grouping.ts';
import { joinWorkshop, writeNote } from '../../src/services/workshop-room.ts';
import { getWorkshopForFacilitator } from '../../src/services/workshop-view.ts';
import { expectNoAxeViolations, launchBrowser, screenshot, watchPage } from './support/browser.ts';
import {
  expectNoHorizontalOverflow,
  openPhoneOrDesktopPage,
  realErrors,
  signInAndLeave,
} from './support/journey.ts';
import { startTestServer, type TestServer } from './support/start-test-server.ts';

// Joining a workshop signed in (issue 10, item 2), in Chromium: a sponsor joins from their own
// relationship page on a phone without JavaScript — no code, on their grant's side — and a
// facilitator from the control view; once the workshop ends, the sponsor reads its summary.

let server: TestServer;
let browser: Browser;
const SPONSOR = { email: 'cora@corvid.example', password: 'a long sponsor password' };

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('joining a workshop signed in', () => {
  test('a sponsor joins from their page, a facilitator from the control view; the sponsor reads the summary after', async () => {
    const db = server.database.db;
    const relationship = await findRelationship(db, server.workspaceId, 'Northwater');
    const sponsor = await createUser(db, server.workspaceId, {
      ...SPONSOR,
      name: 'Cora Corvid',
      role: 'sponsor',
    });
    await db.insert(sponsorGrants).values({ userId: sponsor.id, relationshipId: relationship.id, side: 'B' });
    const workshop = await createWorkshop(
      db,
      server.workspaceId,
      relationship.id,
      { wave: 'Baseline', title: 'Quarterly workshop', attendeesGroup: true },
      { name: 'Fran' },
    );
    await startWorkshop(db, server.workspaceId, workshop.id);

    // The sponsor, on a phone without JavaScript.
    const phone = await openPhoneOrDesktopPage(browser, { javaScriptEnabled: false });
    await signInAndLeave(phone.page, server, SPONSOR);
    await phone.page.goto(`${server.url}/sponsor/${relationship.id}`);
    const running = phone.page.locator('.notice', { hasText: 'Quarterly workshop is running now' });
    await running.waitFor();
    expect(await running.textContent()).toMatch(/you will be in the room as Corvid/);
    await screenshot(phone.page, 'workshop-signed-in-01-sponsor-page');
    await expectNoHorizontalOverflow(phone.page);
    await running.getByRole('button', { name: 'Join the workshop' }).click();
    await phone.page.waitForURL(/\/w\/room$/);
    expect(await phone.page.locator('main').textContent()).toMatch(
      /You are in as Corvid IT Services, leadership/,
    );
    await screenshot(phone.page, 'workshop-signed-in-02-sponsor-room');

    // A facilitator who is also one of the room.
    const desk = await openPhoneOrDesktopPage(browser, { desktop: true });
    const errors = watchPage(desk.page).errors;
    await signInAndLeave(desk.page, server);
    await desk.page.goto(`${server.url}/relationships/${relationship.id}/workshops/${workshop.id}`);
    await desk.page.getByText('Take part yourself on this device').click();
    await desk.page.getByRole('radio', { name: 'Northwater Utilities' }).check();
    await desk.page.getByRole('button', { name: 'Join the room' }).click();
    await desk.page.waitForURL(/\/w\/room$/);
    await desk.page.getByText('You are in as Northwater Utilities.').waitFor();
    await desk.page.goBack();
    await expect
      .poll(() => desk.page.locator('.workshop-phone-bar').first().textContent())
      .toMatch(/Northwater Utilities 1, Corvid IT Services 1/);
    expect(realErrors(errors)).toEqual([]);

    // The room groups the notes too: the sponsor makes a theme on the phone, without JavaScript.
    const other = await joinWorkshop(db, workshop.code, { side: 'A' });
    const steps = (await getWorkshopForFacilitator(db, server.workspaceId, workshop.id)).steps;
    const reflect = steps.find((s) => s.kind === 'reflect')!;
    await goToStep(db, server.workspaceId, workshop.id, reflect.id);
    await writeNote(db, other.token, { text: 'Tell us about outages early' });
    await revealStep(db, server.workspaceId, workshop.id, reflect.id, { showSmallSides: true });
    await goToStep(db, server.workspaceId, workshop.id, steps.find((s) => s.kind === 'group')!.id);
    await phone.page.reload();
    await phone.page.getByRole('heading', { level: 1, name: 'Group the notes' }).waitFor();
    await phone.page.getByLabel('Theme', { exact: true }).fill('Early warnings');
    await phone.page.getByRole('checkbox', { name: /Tell us about outages early/ }).check();
    await phone.page.getByRole('button', { name: 'Make the theme' }).click();
    await phone.page.getByRole('heading', { name: /Early warnings \(1 note\)/ }).waitFor();
    await screenshot(phone.page, 'workshop-signed-in-03-phone-grouping');
    await expectNoHorizontalOverflow(phone.page);
    const themes = (await getWorkshopForFacilitator(db, server.workspaceId, workshop.id)).themes;
    expect(themes.map((t) => [t.title, t.noteIds.length])).toEqual([['Early warnings', 1]]);

    // After the end, the sponsor's page links to what the room said and agreed.
    await endWorkshop(db, server.workspaceId, workshop.id);
    await phone.page.goto(`${server.url}/sponsor/${relationship.id}`);
    await phone.page.getByRole('link', { name: 'Quarterly workshop' }).click();
    await phone.page.getByRole('heading', { level: 1, name: 'Quarterly workshop' }).waitFor();
    await phone.page.getByRole('heading', { level: 2, name: 'What we committed to' }).waitFor();
    await screenshot(phone.page, 'workshop-signed-in-04-sponsor-summary');
    await expectNoHorizontalOverflow(phone.page);
    // (axe runs in a page with JavaScript: the sponsor again, on a laptop.)
    const laptop = await openPhoneOrDesktopPage(browser, { desktop: true });
    await signInAndLeave(laptop.page, server, SPONSOR);
    await laptop.page.goto(phone.page.url());
    await laptop.page.getByRole('heading', { level: 2, name: 'What we committed to' }).waitFor();
    await expectNoAxeViolations(laptop.page);
    await laptop.context.close();
    // The demo's own workshop is there too, and another relationship's is not.
    await phone.page.goto(`${server.url}/sponsor/${relationship.id}`);
    expect(await phone.page.getByRole('link', { name: 'Joint feedback workshop' }).count()).toBe(1);
    const missing = await phone.page.goto(
      `${server.url}/sponsor/${relationship.id}/workshops/00000000-0000-4000-8000-000000000000`,
    );
    expect(missing?.status()).toBe(404);
    await phone.context.close();
    await desk.context.close();
  }, 120_000);
});
