import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addParticipant } from '../../src/services/add-participant.ts';
import { createRelationship } from '../../src/services/create-relationship.ts';
import { createWave } from '../../src/services/create-wave.ts';
import { getResponseTracking } from '../../src/services/get-response-tracking.ts';
import { getSurvey } from '../../src/services/get-survey.ts';
import { type IssuedSurveyLink, issueSurveyLinks } from '../../src/services/issue-survey-links.ts';
import { openWave } from '../../src/services/open-wave.ts';
import { resolveSurveyToken, surveyToday } from '../../src/services/resolve-survey-access.ts';
import { expectNoAxeViolations, launchBrowser, PHONE, screenshot, watchPage } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/start-test-server.ts';

// A participant answers the survey from a personal link on a phone: opens it (twice, as a mail
// scanner would), reads the consent page, starts, answers half, leaves, comes back with the same
// link, finishes, reports an incident, reviews and submits — with JavaScript and without. And the
// typed code reaches the same survey. Every page is screenshotted and scanned by axe.

let server: TestServer;
let browser: Browser;
let relationshipId: string;
let links: IssuedSurveyLink[];

const today = surveyToday(new Date());
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const tokenOf = (url: string) => url.split('/s/')[1]!;
const linkOf = (name: string) => links.find((link) => link.name === name)!;

beforeAll(async () => {
  server = await startTestServer({ demo: false });
  const db = server.database.db;
  const ws = server.workspaceId;
  const relationship = await createRelationship(db, ws, {
    name: 'Northwind and Contoso',
    sides: {
      A: { name: 'Northwind Utilities', role: 'customer' },
      B: { name: 'Contoso IT', role: 'supplier' },
    },
    anonymityThreshold: 3,
  });
  relationshipId = relationship.id;
  const people = [
    { name: 'Åsa Lindqvist', email: 'asa@northwind.example', side: 'A', level: 'staff' },
    { name: 'Sam Okafor', email: 'sam@contoso.example', side: 'B', level: 'operational' },
    { name: 'Chidi Eze', email: 'chidi@contoso.example', side: 'B', level: 'leadership' },
  ] as const;
  for (const person of people) await addParticipant(db, ws, relationshipId, person);
  await createWave(db, ws, relationshipId, { label: 'Baseline', opens: today, closes: inDays(21) });
  await openWave(db, ws, relationshipId, 'Baseline');
  links = await issueSurveyLinks(db, ws, relationshipId, 'Baseline', { baseUrl: server.url });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh phone-sized context. */
async function newPhoneContext(options: { js?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ ...PHONE, javaScriptEnabled: options.js ?? true });
  return context;
}

/**
 * Screenshot and axe scan of the page as it is now. axe runs inside the page, so a page without
 * JavaScript is scanned as a copy of its HTML (scripts removed) in a page that allows scripts.
 */
async function visit(page: Page, name: string, js = true): Promise<void> {
  await expect.poll(() => page.locator('h1').count()).toBe(1);
  await screenshot(page, name);
  if (js) {
    await expectNoAxeViolations(page);
    return;
  }
  const html = (await page.content())
    .replace(/<script\b[\s\S]*?<\/script>/gi, '')
    .replace(/<link[^>]*modulepreload[^>]*>/gi, '')
    .replace('<head>', `<head><base href="${server.url}/">`);
  const scanContext = await newPhoneContext();
  const scan = await scanContext.newPage();
  await scan.setContent(html, { waitUntil: 'load' });
  await expectNoAxeViolations(scan);
  await scanContext.close();
}

/** Rates every statement of the current section (a value by position), through the labels. */
async function answerSection(page: Page, value: (index: number) => number): Promise<number> {
  const groups = page.locator('fieldset.survey-item');
  const count = await groups.count();
  for (let i = 0; i < count; i++) {
    await groups
      .nth(i)
      .locator(`input[value="${value(i)}"]`)
      .check();
  }
  return count;
}

/** The page's console errors: none is expected. */
function unexpected(errors: string[]): string[] {
  return errors;
}

/** On section n, rendered (a client-side navigation changes the address before the page). */
async function expectSection(page: Page, n: number): Promise<void> {
  await expectPath(page, new RegExp(`/questions/${n}$`));
  await expect.poll(() => page.locator('.survey-progress-section').textContent()).toBe(`Section ${n} of 7`);
}

async function click(page: Page, name: string | RegExp): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name, exact: true }).click()]);
}

async function expectPath(page: Page, path: RegExp): Promise<void> {
  await page.waitForURL((url) => path.test(url.pathname), { timeout: 10_000 });
  await page.waitForLoadState('load');
}

async function journey(link: IssuedSurveyLink, options: { js: boolean; prefix: string }) {
  const { js, prefix } = options;
  const shot = (n: number, name: string) => `${prefix}-${String(n).padStart(2, '0')}-${name}`;

  // First visit: a GET, twice (a mail scanner first, then the person): nothing is used.
  const first = await newPhoneContext({ js });
  const page = await first.newPage();
  const watched = watchPage(page);
  const response = await page.goto(link.url);
  expect(response?.status()).toBe(200);
  // same-origin, not no-referrer: see SURVEY_HEADERS in src/web/survey.server.ts.
  expect(response?.headers()['referrer-policy']).toBe('same-origin');
  expect(response?.headers()['cache-control']).toBe('no-store');
  await page.goto(link.url);
  const access = await resolveSurveyToken(server.database.db, tokenOf(link.url), today);
  expect((await getSurvey(server.database.db, access)).startedAt).toBeNull();
  await expect.poll(() => page.locator('h1').textContent()).toMatch(/Northwind Utilities|Contoso IT/);
  const consent = await page.locator('main').textContent();
  expect(consent).toMatch(/10 minutes/);
  expect(consent).toMatch(/Every question is optional/);
  expect(consent).toMatch(/least of all/);
  expect(await page.locator('meta[name="referrer"]').getAttribute('content')).toBe('same-origin');
  await visit(page, shot(1, 'start'), js);

  await click(page, 'Start');
  await expectSection(page, 1);
  expect(await page.locator('.survey-progress').textContent()).toMatch(/Section 1 of 7/);
  await visit(page, shot(2, 'section-1'), js);

  // Half the items: sections 1–3 (13 of 26 on the built-in instrument).
  let answered = 0;
  for (let section = 1; section <= 3; section++) {
    answered += await answerSection(page, (i) => ((i + section) % 7) + 1);
    if (js) {
      // Saved as given: the polite status says so, with no button pressed.
      await expect.poll(() => page.locator('[role="status"].survey-save-status').textContent()).toBe('Saved');
      if (section === 3) await visit(page, shot(3, 'section-3-saved'), js);
    }
    if (section < 3 || !js) {
      await click(page, 'Save and continue');
      await expectSection(page, section + 1);
    }
  }
  if (!js) {
    // "Save and finish later" says until when the link works.
    await click(page, 'Save and finish later');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Your answers are saved');
    await visit(page, shot(3, 'saved-for-later'), js);
  }
  expect(answered).toBe(13);
  await expect.poll(async () => (await getSurvey(server.database.db, access)).progress.answered).toBe(13);
  await first.close();
  expect(unexpected(watched.errors)).toEqual([]);

  // Back later, in a new context with the same link: Continue resumes at section 4.
  const second = await newPhoneContext({ js });
  const again = await second.newPage();
  const watchedAgain = watchPage(again);
  await again.goto(link.url);
  await visit(again, shot(4, 'start-again'), js);
  await click(again, 'Continue');
  await expectSection(again, 4);
  expect(await again.locator('.survey-progress').textContent()).toMatch(/13 of 26/);
  await visit(again, shot(5, 'section-4'), js);
  for (let section = 4; section <= 6; section++) {
    await answerSection(again, (i) => ((i + section) % 7) + 1);
    await click(again, 'Save and continue');
    await expectSection(again, section + 1);
  }
  await visit(again, shot(6, 'open-questions'), js);
  await again.getByLabel(/What is working well/).fill('Weekly stand-ups with both teams.');
  await again.getByLabel(/small thing/).fill('Answer the service desk phone before noon.');
  await click(again, 'Save and continue');
  await expectPath(again, /\/incident$/);
  // With JavaScript the address changes before the incident page renders: wait for its heading.
  await expect.poll(() => again.locator('h1').textContent()).toBe('A moment that built or weakened trust');
  await visit(again, shot(7, 'incident'), js);

  // The incident form asks for what happened before anything else.
  await click(again, 'Add this moment');
  await expect.poll(() => again.locator('.error-summary').count()).toBe(1);
  await visit(again, shot(8, 'incident-errors'), js);
  // The form's 400 is expected; the browser logs every 4xx response.
  watchedAgain.errors.splice(0);
  await again
    .getByLabel('What happened?')
    .fill('They warned us two weeks before the outage and helped plan it.');
  await again.getByLabel(/When did it happen/).fill(today.slice(0, 7));
  await again.getByRole('checkbox', { name: 'Contoso IT' }).check();
  await again.getByRole('checkbox', { name: 'Northwind Utilities' }).check();
  await again.getByRole('checkbox', { name: /operational/ }).check();
  await again.getByRole('radio', { name: 'It built trust' }).check();
  await again.getByRole('radio', { name: 'Strongly' }).check();
  await again.getByRole('checkbox', { name: 'Openness' }).check();
  await click(again, 'Add this moment');
  await expectPath(again, /\/incident$/);
  await expect.poll(() => again.locator('h1').textContent()).toBe('Another moment that mattered?');
  await visit(again, shot(9, 'incident-added'), js);

  await Promise.all([
    again.waitForLoadState('load'),
    again.getByRole('link', { name: 'Go on: check your answers' }).click(),
  ]);
  await expectPath(again, /\/review$/);
  await expect.poll(() => again.locator('h1').textContent()).toBe('Check your answers');
  const review = await again.locator('main').textContent();
  expect(review).toMatch(/26 of 26 questions/);
  expect(review).toMatch(/Weekly stand-ups with both teams\./);
  // The moment just added is listed before submitting (known defect: it was not).
  expect(review).toMatch(/You described this moment:.*They warned us.*built trust/s);
  await visit(again, shot(10, 'review'), js);
  await click(again, 'Submit my answers');
  await expectPath(again, /\/thanks$/);
  await expect.poll(() => again.locator('h1').textContent()).toBe('Thank you');
  await visit(again, shot(11, 'thanks'), js);

  // After submitting, the sections lead to the thank-you page.
  await again.goto(`${link.url}/questions/2`);
  await expectPath(again, /\/thanks$/);
  await second.close();
  expect(unexpected(watchedAgain.errors)).toEqual([]);

  const view = await getSurvey(server.database.db, access);
  expect(view.submitted).toBe(true);
  expect(view.progress).toEqual({ answered: 26, total: 26 });
  expect(view.answers.COM1).toBe(2); // section 1, first item: ((0 + 1) % 7) + 1
  expect(view.openAnswers.SMALL_BIG).toBe('Answer the service desk phone before noon.');
  return view;
}

/** How many have submitted at one side and level of the open wave. */
async function submittedIn(side: 'A' | 'B', level: 'staff' | 'operational'): Promise<number | undefined> {
  const tracking = await getResponseTracking(server.database.db, server.workspaceId, relationshipId);
  return tracking.waves[0]?.cells.find((cell) => cell.side === side && cell.level === level)?.submitted;
}

describe('the survey as a participant sees it, on a phone', () => {
  test('with JavaScript: answers save as given, the link resumes, and the response counts', async () => {
    const link = linkOf('Åsa Lindqvist');
    await journey(link, { js: true, prefix: 'survey' });
    // The wave is still open: what it shows is how many have submitted, per side and level.
    expect(await submittedIn('A', 'staff')).toBe(1);
  }, 180_000);

  test('without JavaScript: plain form posts do the same', async () => {
    const link = linkOf('Sam Okafor');
    await journey(link, { js: false, prefix: 'survey-nojs' });
    expect(await submittedIn('B', 'operational')).toBe(1);
  }, 180_000);

  test('the typed code, in lower case with a space, reaches the same survey', async () => {
    const link = linkOf('Chidi Eze');
    const context = await newPhoneContext();
    const page = await context.newPage();
    const watched = watchPage(page);
    await page.goto(`${server.url}/code`);
    const input = page.getByLabel('Survey code');
    expect(await input.getAttribute('autocomplete')).toBe('off');
    expect(await input.getAttribute('autocapitalize')).toBe('characters');
    await visit(page, 'survey-code-01-form');

    await input.fill('ACDE FGHJ');
    await click(page, 'Continue');
    await expect.poll(() => page.locator('.error-summary').textContent()).toMatch(/could not find that code/);
    await visit(page, 'survey-code-02-unknown');
    // The unknown code's 400 is expected; the browser logs every 4xx response.
    watched.errors.splice(0);

    await input.fill(link.code.toLowerCase().replace('-', ' '));
    await click(page, 'Continue');
    await expectPath(page, new RegExp(`^/s/${link.code}$`));
    await expect
      .poll(() => page.locator('main').textContent())
      .toMatch(/Nobody sees your individual answers/);
    await visit(page, 'survey-code-03-start');
    await click(page, 'Start');
    await expectPath(page, new RegExp(`^/s/${link.code}/questions/1$`));
    await page.locator('fieldset.survey-item').first().locator('input[value="6"]').check();
    await click(page, 'Save and continue');
    await expectPath(page, /\/questions\/2$/);
    await context.close();
    expect(unexpected(watched.errors)).toEqual([]);
    // The answer given through the code is on the link's survey.
    const view = await getSurvey(
      server.database.db,
      await resolveSurveyToken(server.database.db, tokenOf(link.url), today),
    );
    expect(view.answers.COM1).toBe(6);
  });

  test('an unknown link is a friendly 404', async () => {
    const context = await newPhoneContext();
    const page = await context.newPage();
    const response = await page.goto(`${server.url}/s/${'A'.repeat(22)}`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('This link or code is not valid');
    await visit(page, 'survey-err-01-unknown');
    await context.close();
  });
});
