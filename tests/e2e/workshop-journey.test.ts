import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Level, Side } from '../../src/domain/model.ts';
import { getWorkshopForFacilitator } from '../../src/services/workshop-view.ts';
import { expectNoAxeViolations, launchBrowser, PHONE, screenshot, watchPage } from './support/browser.ts';
import {
  expectNoHorizontalOverflow,
  realErrors,
  signInAsFacilitator,
  waitForHydration,
} from './support/journey.ts';
import { startTestServer, type TestServer } from './support/start-test-server.ts';

// The joint feedback workshop, live (issue 10): the facilitator prepares and starts it, the
// projector shows the code and follows the room, and twelve phones in their own browser contexts
// join (both sides, three levels; one without JavaScript, one on a slow network), write notes in
// private, see them revealed without names, vote with their dots, and see what was committed once
// it ends. Every screen is screenshotted; the phone and projector views are scanned by axe.

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

type Phone = {
  context: BrowserContext;
  page: Page;
  side: Side;
  level: Level | null;
  js: boolean;
  errors: string[];
};

const PLAN: { side: Side; level: Level | null; js?: boolean; slow?: boolean }[] = [
  { side: 'A', level: 'staff' },
  { side: 'A', level: 'staff', slow: true },
  { side: 'A', level: 'staff' },
  { side: 'A', level: 'staff' },
  { side: 'A', level: 'staff' },
  { side: 'A', level: 'operational' },
  { side: 'A', level: 'operational', js: false },
  { side: 'A', level: 'operational' },
  { side: 'A', level: 'leadership' },
  { side: 'A', level: 'leadership' },
  { side: 'B', level: 'staff' },
  { side: 'B', level: null },
];

/** The workshop's id, from the facilitator's address (/relationships/…/workshops/<id>). */
function workshopIdOf(page: Page): string {
  return new URL(page.url()).pathname.split('/').at(-1)!;
}

async function click(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('button', { name }).first().click();
}

/** The facilitator's page, once the post it made has come back and the page shows its outcome. */
async function control(page: Page, name: string | RegExp): Promise<void> {
  const posted = page.waitForResponse((response) => response.request().method() === 'POST');
  await click(page, name);
  await posted;
  await page.waitForLoadState('load');
  await page.waitForFunction(() => {
    const router = (
      window as unknown as {
        __reactRouterDataRouter?: { state: { navigation: { state: string }; revalidation: string } };
      }
    ).__reactRouterDataRouter;
    return (
      router !== undefined && router.state.navigation.state === 'idle' && router.state.revalidation === 'idle'
    );
  });
}

describe('a whole workshop, live', () => {
  test('prepare, join, reflect in private, reveal, group, vote by side, commit, end', async () => {
    const facilitatorContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const facilitator = await facilitatorContext.newPage();
    const watched = watchPage(facilitator);
    await signInAsFacilitator(facilitator, server);
    await facilitator
      .getByRole('link', { name: /Northwater/ })
      .first()
      .click();
    await facilitator.getByRole('link', { name: 'Workshops', exact: true }).click();
    await facilitator.getByRole('heading', { level: 1, name: 'Workshops' }).waitFor();
    await screenshot(facilitator, 'workshop-01-list');
    await control(facilitator, 'Prepare the workshop');
    await facilitator.getByRole('heading', { level: 2, name: 'Agenda' }).waitFor();
    await screenshot(facilitator, 'workshop-02-prepared');
    await control(facilitator, 'Start the workshop');
    const code = (await facilitator.locator('.workshop-code-inline').textContent())!.trim();
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
    await waitForHydration(facilitator);

    // The projector, in its own window.
    const projector = await facilitatorContext.newPage();
    await projector.goto(facilitator.url().replace(/#.*$/, '') + '/present');
    await projector.locator('.workshop-code').waitFor();
    await waitForHydration(projector);
    expect((await projector.locator('.workshop-code').textContent())!.replace(' ', '')).toBe(code);
    expect(await projector.locator('svg[aria-label="QR code to join the workshop"]').count()).toBe(1);

    // Twelve phones join: the QR code's address carries the code.
    const phones: Phone[] = [];
    for (const [i, plan] of PLAN.entries()) {
      const context = await browser.newContext({ ...PHONE, javaScriptEnabled: plan.js ?? true });
      context.setDefaultTimeout(20_000);
      const page = await context.newPage();
      if (plan.slow) {
        await page.route('**/*', async (route) => {
          await new Promise((resolve) => setTimeout(resolve, 400));
          await route.continue().catch(() => undefined);
        });
      }
      const errors = watchPage(page).errors;
      await page.goto(`${server.url}/w?code=${i % 2 ? code.toLowerCase() : code}`);
      if (i === 0) await screenshot(page, 'workshop-03-phone-code');
      await click(page, 'Continue');
      await page.getByRole('group', { name: 'Which organisation are you from?' }).waitFor();
      if (i === 0) {
        await screenshot(page, 'workshop-04-phone-side');
        await expectNoAxeViolations(page);
      }
      const sides = page.getByRole('group', { name: 'Which organisation are you from?' }).getByRole('radio');
      await sides.nth(plan.side === 'A' ? 0 : 1).check();
      if (plan.level) {
        await page
          .getByRole('group', { name: 'Your level (optional)' })
          .getByRole('radio', { name: new RegExp(`^${plan.level}$`, 'i') })
          .check();
      }
      await click(page, 'Join');
      await page.waitForURL((url) => url.pathname === '/w/room');
      await page.getByText(/You are in as/).waitFor();
      phones.push({ context, page, side: plan.side, level: plan.level, js: plan.js ?? true, errors });
    }
    await expect.poll(() => projector.locator('.workshop-joined').textContent()).toMatch(/: 10.*: 2/);
    await screenshot(projector, 'workshop-05-projector-joined');
    await expectNoAxeViolations(projector);
    const first = phones[0]!.page;
    await screenshot(first, 'workshop-06-phone-waiting');
    await expectNoHorizontalOverflow(first);

    // Step 2: reflect. The phones with JavaScript follow by themselves.
    await control(facilitator, 'Go to step 2');
    for (const phone of phones.filter((p) => p.js)) {
      await phone.page.getByRole('heading', { level: 1, name: /surprised you/ }).waitFor();
    }
    const secret = 'The supplier hides outages from us';
    for (const [i, phone] of phones.entries()) {
      if (!phone.js) await phone.page.reload();
      const text =
        i === 0 ? secret : `Note ${i + 1} from ${phone.side === 'A' ? 'the customer' : 'the supplier'}`;
      await phone.page.getByLabel('Your note', { exact: true }).fill(text);
      if (i === 11) {
        await phone.page.getByText('Sign this note with your name (optional)').click();
        await phone.page.getByLabel('Your name, shown with the note').fill('Bea');
      }
      await click(phone.page, 'Add my note');
      await phone.page.getByRole('heading', { name: /Your notes \(1\)/ }).waitFor();
    }
    await screenshot(first, 'workshop-07-phone-note-written');
    await expectNoAxeViolations(first);
    // Private: the projector shows a count, never the words; nor does another phone.
    await expect.poll(() => projector.locator('main').textContent()).toMatch(/12 notes written so far/);
    expect(await projector.locator('main').textContent()).not.toContain(secret);
    expect(await phones[1]!.page.locator('main').textContent()).not.toContain(secret);
    await screenshot(projector, 'workshop-08-projector-counting');

    // Only 2 from the supplier joined (fewer than the threshold, 3): the reveal asks first.
    const currentReveal = facilitator.locator('li[aria-current="step"] form.workshop-reveal');
    await control(facilitator, 'Show the notes');
    await facilitator
      .getByRole('alert')
      .getByRole('link', { name: /only 2 people from Corvid IT Services joined/ })
      .waitFor();
    expect(await projector.locator('.workshop-note').count()).toBe(0);
    await currentReveal.getByRole('checkbox', { name: /Show anyway/ }).check();
    // Reveal: on the projector and on every phone, without names; the level only where 5 joined.
    await control(facilitator, 'Show the notes');
    await expect.poll(() => projector.locator('.workshop-note').count()).toBe(12);
    const secretNote = projector.locator('.workshop-note', { hasText: secret });
    // Side A staff: 5 joined, so the level shows (operational and leadership, 5 together, do not);
    // side B staff: 1, so it does not.
    await expect.poll(() => secretNote.locator('.workshop-note-by').textContent()).toMatch(/, staff$/);
    const signed = projector.locator('.workshop-note', { hasText: 'Note 12' });
    expect(await signed.locator('.workshop-note-by').textContent()).toMatch(/signed Bea/);
    expect(
      await projector
        .locator('.workshop-note', { hasText: 'Note 8 ' })
        .locator('.workshop-note-by')
        .textContent(),
    ).not.toMatch(/staff/);
    await screenshot(projector, 'workshop-09-projector-revealed');
    await phones[1]!.page.getByText(secret).waitFor();
    await screenshot(phones[1]!.page, 'workshop-10-phone-revealed');

    // Group: two themes from the revealed notes (ticked), one note moved with its select.
    await control(facilitator, 'Go to step 5');
    const theme = async (title: string, notes: RegExp) => {
      await facilitator.getByLabel('Theme', { exact: true }).fill(title);
      const boxes = facilitator
        .locator('form .workshop-notes li')
        .filter({ hasText: notes })
        .locator('input[type=checkbox]');
      const count = await boxes.count();
      expect(count).toBeGreaterThan(0);
      for (let i = 0; i < count; i++) await boxes.nth(i).check();
      await control(facilitator, 'Make the theme');
    };
    await theme('Early warnings', /outages|Note [2-6] /);
    await theme('A shared rhythm', /Note/);
    // A note dragged onto another theme, then moved back with its list (the keyboard's way).
    const themeBox = (title: string) =>
      facilitator
        .locator('.workshop-themes > li')
        .filter({ has: facilitator.getByRole('heading', { name: title }) });
    const placedIn = async () => {
      const view = await getWorkshopForFacilitator(
        server.database.db,
        server.workspaceId,
        workshopIdOf(facilitator),
      );
      const note = view.steps.flatMap((s) => s.notes).find((n) => n.text.startsWith('Note 2 from'))!;
      return view.themes.find((t) => t.noteIds.includes(note.id))?.title ?? null;
    };
    expect(await placedIn()).toBe('Early warnings');
    await themeBox('Early warnings')
      .locator('.workshop-note', { hasText: 'Note 2 from' })
      .dragTo(themeBox('A shared rhythm'));
    await expect.poll(placedIn).toBe('A shared rhythm');
    await expect
      .poll(() => themeBox('A shared rhythm').locator('.workshop-note', { hasText: 'Note 2 from' }).count())
      .toBe(1);
    const noteRow = facilitator.locator('.workshop-group-note', { hasText: 'Note 2 from' });
    // Its list shows where it is now.
    await expect
      .poll(() =>
        noteRow.getByRole('combobox').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text),
      )
      .toBe('A shared rhythm');
    await noteRow.getByRole('combobox').selectOption({ label: 'Early warnings' });
    await noteRow.getByRole('button', { name: 'Move' }).click();
    await expect.poll(placedIn).toBe('Early warnings');
    await screenshot(facilitator, 'workshop-11-grouped');
    await expect.poll(() => projector.locator('.workshop-themes > li').count()).toBe(2);
    await screenshot(projector, 'workshop-12-projector-themes');

    // Vote: three dots each; the tally stays hidden until shown, then by side.
    await control(facilitator, 'Go to step 6');
    for (const [i, phone] of phones.entries()) {
      if (!phone.js) await phone.page.reload();
      await phone.page.getByRole('heading', { level: 1, name: /Which themes matter most/ }).waitFor();
      await phone.page.getByLabel('Early warnings').fill(i < 7 ? '1' : '3');
      await phone.page.getByLabel('A shared rhythm').fill(i < 7 ? '2' : '0');
      await click(phone.page, /Cast my dots/);
      await phone.page.getByText(/Your dots are in: 3 of 3/).waitFor();
    }
    await screenshot(first, 'workshop-13-phone-voted');
    await expectNoAxeViolations(first);
    await expect.poll(() => projector.locator('main').textContent()).toMatch(/Voted so far: .* 10, .* 2/);
    expect(await projector.locator('.workshop-tally').count()).toBe(0);
    await currentReveal.getByRole('checkbox', { name: /Show anyway/ }).check();
    await control(facilitator, 'Show the result');
    await projector.locator('.workshop-tally').waitFor();
    const rows = await projector.locator('.workshop-tally tbody tr').allTextContents();
    expect(rows[0]).toMatch(/Early warnings.*matters to both.*16.*6/);
    expect(rows[1]).toMatch(/A shared rhythm.*14.*0/);
    await screenshot(projector, 'workshop-14-projector-tally');
    await expectNoAxeViolations(projector);

    // Commit: a workstream with an owner on each side, and a small big thing.
    await control(facilitator, 'Go to step 8');
    await facilitator.getByText('Make a theme a workstream').click();
    await facilitator.getByLabel('Workstream', { exact: true }).fill('Early warnings both ways');
    for (const label of [/^Owner at /]) {
      const selects = facilitator.getByLabel(label);
      for (let i = 0; i < 2; i++) await selects.nth(i).selectOption({ index: 1 });
    }
    await facilitator.getByRole('checkbox', { name: /Openness/ }).check();
    await control(facilitator, 'Start the workstream');
    // A second workstream, from the other theme.
    const workstreamForm = facilitator.locator('details', {
      has: facilitator.getByText('Make a theme a workstream'),
    });
    if ((await workstreamForm.getAttribute('open')) === null) await workstreamForm.locator('summary').click();
    await workstreamForm.getByLabel('From the theme').selectOption({ label: 'A shared rhythm' });
    await workstreamForm.getByLabel('Workstream', { exact: true }).fill('One shared monthly rhythm');
    const owners = workstreamForm.getByLabel(/^Owner at /);
    for (let i = 0; i < 2; i++) await owners.nth(i).selectOption({ index: 1 });
    await workstreamForm.getByRole('checkbox', { name: /Openness/ }).check();
    await control(facilitator, 'Start the workstream');
    await facilitator.getByText('Add a small big thing').click();
    await facilitator.getByLabel('The small thing').fill('Answer the service desk phone before noon');
    await control(facilitator, 'Add the small big thing');
    await expect
      .poll(() => facilitator.locator('.workshop-commitments').textContent())
      .toMatch(
        /Workstream: Early warnings both ways.*Workstream: One shared monthly rhythm.*Small big thing: Answer the service desk/s,
      );
    await expect.poll(() => projector.locator('.workshop-commitments li').count()).toBe(3);
    await screenshot(projector, 'workshop-15-projector-committed');
    await screenshot(facilitator, 'workshop-16-facilitator');

    // End: the phones show what was agreed.
    await facilitator.getByRole('checkbox', { name: /The room is done/ }).check();
    await control(facilitator, 'End the workshop');
    for (const phone of phones) {
      if (!phone.js) await phone.page.reload();
      await phone.page.getByRole('heading', { level: 1, name: 'Thank you for joining' }).waitFor();
    }
    expect(await first.locator('main').textContent()).toMatch(/Early warnings both ways/);
    await screenshot(first, 'workshop-17-phone-ended');
    await expectNoAxeViolations(first);
    await expectNoHorizontalOverflow(first);

    // The workstream is linked to the theme it came from.
    // (The demo brings its own ended workshop, imported: this is the one run here.)
    const [workshopRow] = await server.database.db.query.workshops.findMany({
      where: (w, { ne }) => ne(w.createdBy, 'import'),
    });
    const view = await getWorkshopForFacilitator(server.database.db, server.workspaceId, workshopRow!.id);
    const early = view.themes.find((t) => t.title === 'Early warnings')!;
    const rhythm = view.themes.find((t) => t.title === 'A shared rhythm')!;
    expect(view.commitments.map((c) => [c.kind, c.themeId])).toEqual([
      ['workstream', early.id],
      ['workstream', rhythm.id],
      ['small-big-thing', early.id],
    ]);

    for (const phone of phones) expect(realErrors(phone.errors), `phone ${phone.side}`).toEqual([]);
    expect(realErrors(watched.errors)).toEqual([]);
    for (const phone of phones) await phone.context.close();
    await facilitatorContext.close();
  }, 400_000);
});
