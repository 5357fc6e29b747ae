import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addParticipant } from '../../src/services/add-participant.ts';
import { createRelationship } from '../../src/services/create-relationship.ts';
import { createWave } from '../../src/services/create-wave.ts';
import { getSurvey } from '../../src/services/get-survey.ts';
import { type IssuedSurveyLink, issueSurveyLinks } from '../../src/services/issue-survey-links.ts';
import { openWave } from '../../src/services/open-wave.ts';
import { resolveSurveyToken, surveyToday } from '../../src/services/resolve-survey-access.ts';
import { launchBrowser, PHONE, screenshot, watchPage } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/start-test-server.ts';

// "Save and continue" always moves on (issue 8, item 10). With JavaScript each answer is saved as
// it is given; a participant who answers and clicks at once races that save. The page must show
// the section its address names, and the answers stored must be the last ones given, however
// quickly the participant clicks: rating then clicking, typing then clicking, typing, leaving the
// box and clicking, and going back and forth. See docs/decisions/047-survey-autosave-and-navigation.md.

let server: TestServer;
let browser: Browser;
let links: IssuedSurveyLink[];

const today = surveyToday(new Date());
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const SECTIONS = 7;
const ROUNDS = 3;

beforeAll(async () => {
  server = await startTestServer({ demo: false });
  const db = server.database.db;
  const ws = server.workspaceId;
  const relationship = await createRelationship(db, ws, {
    name: 'Fabrikam and Tailspin',
    sides: {
      A: { name: 'Fabrikam', role: 'customer' },
      B: { name: 'Tailspin Toys', role: 'supplier' },
    },
    anonymityThreshold: 3,
  });
  for (const [i, side] of (['A', 'B'] as const).entries()) {
    await addParticipant(db, ws, relationship.id, {
      name: `Quick clicker ${i + 1}`,
      email: `quick${i + 1}@example.org`,
      side,
      level: 'staff',
    });
  }
  await createWave(db, ws, relationship.id, { label: 'Baseline', opens: today, closes: inDays(21) });
  await openWave(db, ws, relationship.id, 'Baseline');
  links = await issueSurveyLinks(db, ws, relationship.id, 'Baseline', { baseUrl: server.url });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * A phone on a jittery network: every request the page makes for data (answers saved as given,
 * the section posts, the next section's data) is held for 0–300 ms, by a seeded sequence, so
 * requests overtake each other as they do on a real phone. Counts the requests still open.
 */
async function jitteryPhone(
  seed: number,
): Promise<{ page: Page; open: () => number; close: () => Promise<void> }> {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  await page.route(/\.data(\?|$)/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, Math.floor(next() * 300)));
    await route.continue().catch(() => undefined);
  });
  let inFlight = 0;
  page.on('request', () => inFlight++);
  page.on('requestfinished', () => inFlight--);
  page.on('requestfailed', () => inFlight--);
  return { page, open: () => inFlight, close: () => context.close() };
}

const shownSection = (page: Page) => page.locator('.survey-progress-section').textContent();

/**
 * The page shows the section its address names, and still does once every request has settled
 * (a save that lands late must not paint the section just left over the new one).
 */
async function expectOnSection(
  phone: { page: Page; open: () => number },
  n: number,
  what: string,
): Promise<void> {
  const { page } = phone;
  await page.waitForURL((url) => url.pathname.endsWith(`/questions/${n}`), { timeout: 10_000 });
  const wanted = `Section ${n} of ${SECTIONS}`;
  await expect
    .poll(() => shownSection(page), { message: `${what}: section ${n} shown`, timeout: 5_000 })
    .toBe(wanted);
  // Quiet: nothing in flight for 400 ms.
  let quietSince = Date.now();
  await expect
    .poll(
      () => {
        if (phone.open() > 0) quietSince = Date.now();
        return Date.now() - quietSince >= 400;
      },
      { timeout: 10_000, interval: 50 },
    )
    .toBe(true);
  const shown = await shownSection(page);
  if (shown !== wanted) await screenshot(page, `survey-quick-clicks-stuck-${n}`);
  expect(shown, `${what}: still section ${n} once every request has settled`).toBe(wanted);
  expect(new URL(page.url()).pathname.endsWith(`/questions/${n}`), `${what}: address`).toBe(true);
}

/** The button, clicked at once: no wait for the save the last answer started. */
const clickNow = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).click();

describe('"Save and continue" right after answering, many times over (JavaScript on)', () => {
  test('a rating then an immediate click, on every section, in several rounds', async () => {
    const link = links[0]!;
    const phone = await jitteryPhone(8);
    const { page } = phone;
    const watched = watchPage(page);
    const given: Record<string, number> = {};
    for (let round = 1; round <= ROUNDS; round++) {
      await page.goto(`${link.url}/questions/1`);
      await expectOnSection(phone, 1, `round ${round} start`);
      for (let section = 1; section < SECTIONS; section++) {
        const items = page.locator('fieldset.survey-item');
        const count = await items.count();
        // Answer the last two statements (so a save is in flight when the button is pressed).
        for (let i = Math.max(0, count - 2); i < count; i++) {
          const value = ((round + section + i) % 7) + 1;
          await items.nth(i).locator(`input[value="${value}"]`).check();
          const code = (await items.nth(i).locator('input').first().getAttribute('name'))!.slice(
            'answers.'.length,
          );
          given[code] = value;
        }
        if (round === 1 && section === 1) {
          // The count of answered questions follows the answers as they are given.
          await expect
            .poll(() => page.locator('.survey-progress').textContent())
            .toMatch(/\(2 of 26 questions answered\)/);
        }
        await clickNow(page, 'Save and continue');
        await expectOnSection(phone, section + 1, `round ${round}, after section ${section}`);
      }
      if (round === 1) {
        expect(await page.locator('.survey-progress').textContent()).toMatch(
          /\(12 of 26 questions answered\)/,
        );
      }
      // Back from the open questions, at once.
      await clickNow(page, 'Back');
      await expectOnSection(phone, SECTIONS - 1, `round ${round}, back`);
    }
    await phone.close();
    expect(watched.errors).toEqual([]);
    const access = await resolveSurveyToken(server.database.db, link.url.split('/s/')[1]!, today);
    const view = await getSurvey(server.database.db, access);
    // The last value given to each statement is the one stored.
    for (const [code, value] of Object.entries(given)) expect(view.answers[code], code).toBe(value);
  }, 240_000);

  test('typing then an immediate click, and typing, leaving the box, then a click', async () => {
    const link = links[1]!;
    const phone = await jitteryPhone(10);
    const { page } = phone;
    const watched = watchPage(page);
    let last = '';
    for (let round = 1; round <= ROUNDS + 1; round++) {
      await page.goto(`${link.url}/questions/${SECTIONS}`);
      await expectOnSection(phone, SECTIONS, `round ${round} start`);
      const box = page.getByLabel(/What is working well/);
      last = `Round ${round}: weekly stand-ups with both teams.`;
      await box.fill('');
      await box.pressSequentially(last, { delay: 0 });
      // Odd rounds leave the box first (its save starts), even rounds click straight from it.
      if (round % 2 === 1) await box.press('Tab');
      await clickNow(page, 'Back');
      await expectOnSection(phone, SECTIONS - 1, `round ${round}, back after typing`);
      // And forward again at once after a rating.
      await page.locator('fieldset.survey-item').first().locator('input[value="4"]').check();
      await clickNow(page, 'Save and continue');
      await expectOnSection(phone, SECTIONS, `round ${round}, forward after a rating`);
      expect(await page.getByLabel(/What is working well/).inputValue()).toBe(last);
    }
    await phone.close();
    expect(watched.errors).toEqual([]);
    const access = await resolveSurveyToken(server.database.db, link.url.split('/s/')[1]!, today);
    const view = await getSurvey(server.database.db, access);
    expect(view.openAnswers.WORKING).toBe(last);
  }, 240_000);
});
