import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseCsv } from '../../src/domain/csv.ts';
import { createUser } from '../../src/services/create-user.ts';
import { listOpenAnswers } from '../../src/services/list-open-answers.ts';
import { listRelationships } from '../../src/services/list-relationships.ts';
import { expectNoAxeViolations, launchBrowser, screenshot, watchPage } from './support/browser.ts';
import { openPhoneOrDesktopPage, signInAndLeave, waitForHydration } from './support/journey.ts';
import { startTestServer, type TestServer } from './support/start-test-server.ts';

// "What is working / what is not" over the demo in Chromium: the Baseline comments by question and
// side, attributed as the service says (the same numbers as the API), a theme added, counted,
// filtered by and removed with the order unchanged, a refused theme, the same add with JavaScript
// off, the CSV download, and a sponsor refused. Phone and desktop screenshots, axe on every page.

let server: TestServer;
let browser: Browser;
let relationshipId: string;

const SPONSOR = { email: 'sponsor@northwater.example', password: 'a sponsor password 42' };

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const [demo] = await listRelationships(server.database.db, server.workspaceId);
  relationshipId = demo!.id;
  await createUser(server.database.db, server.workspaceId, {
    ...SPONSOR,
    name: 'Sam Sponsor',
    role: 'sponsor',
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function check(page: Page, name: string): Promise<void> {
  await screenshot(page, `comments-${name}`);
  await expectNoAxeViolations(page);
}

/** The ids of the comments under one question and side, in page order. */
async function commentIds(page: Page, question: string, side: string): Promise<string[]> {
  return page
    .getByRole('region', { name: question })
    .locator('.comments-side')
    .filter({ has: page.getByRole('heading', { level: 3, name: new RegExp(`^${side}`) }) })
    .locator('li.comment')
    .evaluateAll((items) => items.map((item) => item.id));
}

// The question as the customer's side was asked it: the organisations' names, not placeholders.
const WORKING = 'What is working well between Northwater Utilities and Corvid IT Services?';
const CUSTOMER = 'Northwater Utilities';

test('a facilitator reads, tags, filters and exports the Baseline comments', async () => {
  const { context, page } = await openPhoneOrDesktopPage(browser);
  const { errors } = watchPage(page);
  await signInAndLeave(page, server);
  await page.goto(`${server.url}/relationships/${relationshipId}`);
  await page
    .getByRole('navigation', { name: 'Relationship' })
    .getByRole('link', { name: 'Comments' })
    .click();
  await page.getByRole('navigation', { name: 'Waves' }).getByRole('link', { name: 'Baseline' }).click();
  await page.getByRole('heading', { level: 1, name: /Baseline/ }).waitFor();
  await waitForHydration(page);

  // Every question a section with its heading; every comment the service lists, attributed alike.
  const expected = await listOpenAnswers(server.database.db, server.workspaceId, relationshipId, {
    wave: 'Baseline',
  });
  const questions = expected.comments!.questions;
  expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(
    expect.arrayContaining([WORKING, 'What is not working, or is getting in the way of trust?']),
  );
  const all = questions.flatMap((q) => q.sides.flatMap((s) => s.comments));
  expect(await page.locator('li.comment').count()).toBe(all.length);
  const hidden = all.filter((c) => c.attribution.kind === 'side').length;
  expect(hidden).toBeGreaterThan(0);
  expect(await page.getByText('level not shown (fewer than 5 respondents)').count()).toBe(hidden);
  const firstSide = questions[0]!.sides[0]!;
  expect(await commentIds(page, WORKING, CUSTOMER)).toEqual(
    firstSide.comments.map((c) => `comment-${c.ref}`),
  );
  // Nothing on the page names a person or a date.
  const body = (await page.locator('main').textContent()) ?? '';
  expect(body).not.toMatch(/Helen Marsh|Chloe Barker|2024-01|@northwater/);
  await check(page, '1-baseline-phone');

  // Tag one comment; it is counted, and nothing moves.
  const before = await commentIds(page, WORKING, CUSTOMER);
  const target = page.locator(`#${before[1]}`);
  await target.getByLabel('Add a theme to this comment').fill('  Ticket   ownership ');
  await target.getByRole('button', { name: 'Add' }).click();
  await target.getByText('Ticket ownership', { exact: true }).waitFor();
  const table = page.getByRole('region', { name: WORKING }).getByRole('table');
  await expect.poll(() => table.getByRole('row', { name: /Ticket ownership/ }).textContent()).toMatch(/1 of/);
  expect(await commentIds(page, WORKING, CUSTOMER)).toEqual(before);
  const third = page.locator(`#${before[2]}`);
  await third.getByLabel('Add a theme to this comment').fill('TICKET OWNERSHIP');
  await third.getByRole('button', { name: 'Add' }).click();
  await third.getByText('Ticket ownership', { exact: true }).waitFor();
  await check(page, '2-tagged-phone');

  // Filter by the theme: only the two tagged comments are left.
  await page.getByLabel('Show comments tagged').selectOption({ label: 'Ticket ownership (2)' });
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await page.getByText(/Showing only comments tagged/).waitFor();
  expect((await page.locator('li.comment').evaluateAll((items) => items.map((i) => i.id))).sort()).toEqual(
    [before[1], before[2]].sort(),
  );
  await check(page, '3-filtered-phone');

  // The CSV: the same comments, attribution and order as the screen (filter included).
  const csvUrl = await page
    .getByRole('link', { name: 'Download these comments as CSV' })
    .getAttribute('href');
  const csv = await context.request.get(`${server.url}${csvUrl}`);
  expect(csv.headers()['content-type']).toMatch(/text\/csv/);
  const rows = parseCsv(await csv.text()).rows.map((r) => r.values);
  expect(rows[0]).toEqual(['question', 'side', 'level', 'level_not_shown_because', 'text', 'themes']);
  // Both rows carry the new theme (beside any the demo gave them).
  expect(rows.slice(1).map((r) => r[5]?.split('; ').includes('Ticket ownership'))).toEqual([true, true]);
  const tagged = firstSide.comments.filter((c) =>
    [`comment-${c.ref}`].some((id) => [before[1], before[2]].includes(id)),
  );
  expect(rows.slice(1).map((r) => r[4])).toEqual(tagged.map((c) => c.text));

  // Remove the theme again (still filtered: the comment leaves the list).
  await page
    .locator(`#${before[1]}`)
    .getByRole('button', { name: 'Remove theme Ticket ownership from this comment' })
    .click();
  await expect.poll(() => page.locator('li.comment').count()).toBe(1);

  // A theme over 40 characters is refused, naming the field.
  await page.getByRole('link', { name: 'Show all comments' }).click();
  await page.getByText(/Showing only comments tagged/).waitFor({ state: 'detached' });
  const fourth = page.locator(`#${before[3]}`);
  await fourth.getByLabel('Add a theme to this comment').fill('x'.repeat(41));
  await fourth.getByRole('button', { name: 'Add' }).click();
  await page
    .getByRole('alert')
    .getByText(/at most 40 characters/)
    .first()
    .waitFor();
  await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('error-summary');
  await check(page, '4-refused-phone');
  expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  await context.close();
}, 180_000);

test('tagging works with JavaScript off, and the desktop layout', async () => {
  const { context, page } = await openPhoneOrDesktopPage(browser, { javaScriptEnabled: false });
  await signInAndLeave(page, server);
  await page.goto(`${server.url}/relationships/${relationshipId}/comments?wave=12%20months`);
  const first = page.locator('li.comment').first();
  const id = await first.getAttribute('id');
  await first.getByLabel('Add a theme to this comment').fill('Charter');
  await first.getByRole('button', { name: 'Add' }).click();
  await page.waitForURL((url) => url.hash === `#${id}`);
  await page.locator(`#${id}`).getByText('Charter', { exact: true }).waitFor();
  await context.close();

  const desktop = await openPhoneOrDesktopPage(browser, { desktop: true });
  await signInAndLeave(desktop.page, server);
  await desktop.page.goto(`${server.url}/relationships/${relationshipId}/comments?wave=12%20months`);
  await desktop.page.locator(`#${id}`).getByText('Charter', { exact: true }).waitFor();
  await check(desktop.page, '5-desktop');
  await desktop.context.close();
}, 180_000);

test('redact one comment and hide another, without JavaScript: the CSV shares only what may be shared', async () => {
  const { context, page } = await openPhoneOrDesktopPage(browser, { javaScriptEnabled: false });
  await signInAndLeave(page, server);
  const url = `${server.url}/relationships/${relationshipId}/comments?wave=24%20months`;
  await page.goto(url);
  // No evaluate(): with JavaScript off, Playwright reads attributes and texts only.
  const first = await page.locator('li.comment').nth(0).getAttribute('id');
  const second = await page.locator('li.comment').nth(1).getAttribute('id');
  const one = page.locator(`#${first}`);
  const original = (await one.locator('.comment-text').textContent())!.trim();
  await one.getByText('Redact or hide').click();
  await one.getByLabel('What everyone else reads').fill('Someone [name] made this work.');
  await one.getByRole('button', { name: 'Save the redaction' }).click();
  await page.waitForURL((u) => u.hash === `#${first}`);
  await page.locator(`#${first}`).getByText('Redacted', { exact: true }).waitFor();
  await page.locator(`#${first}`).getByText("The participant's own words (facilitators only)").click();
  await page.locator(`#${first}`).getByText(original, { exact: true }).waitFor();
  const two = page.locator(`#${second}`);
  const hiddenText = (await two.locator('.comment-text').textContent())!.trim();
  await two.getByText('Redact or hide').click();
  await two.getByRole('button', { name: 'Hide it from everyone else' }).click();
  await page.locator(`#${second}`).getByText('Hidden from everyone else').waitFor();
  // axe runs in the page: without JavaScript only a screenshot; the scan follows with JavaScript on.
  await screenshot(page, 'comments-6-moderated-phone-no-js');
  const withJs = await openPhoneOrDesktopPage(browser);
  await signInAndLeave(withJs.page, server);
  await withJs.page.goto(`${url}#${first}`);
  await withJs.page.locator(`#${first}`).getByText('Redact or hide').click();
  await withJs.page.locator(`#${first}`).getByText("The participant's own words (facilitators only)").click();
  await withJs.page.locator(`#${second}`).getByText('Redact or hide').click();
  await check(withJs.page, '7-moderation-open-phone');
  await withJs.context.close();

  const csv = await context.request.get(
    `${server.url}/relationships/${relationshipId}/comments-export?wave=24%20months`,
  );
  const shared = parseCsv(await csv.text())
    .rows.slice(1)
    .map((row) => row.values[4]);
  expect(shared).toContain('Someone [name] made this work.');
  // The demo has comments with the same words: the CSV holds a text exactly as often as the page
  // shows it on a comment that is not hidden — never as the redacted original or the hidden one.
  const shownAs = async (text: string) =>
    (await page.locator('li.comment:not(.comment-hidden) .comment-text').allTextContents()).filter(
      (shown) => shown.trim() === text,
    ).length;
  expect(shared.filter((t) => t === original).length).toBe(await shownAs(original));
  expect(shared.filter((t) => t === hiddenText).length).toBe(await shownAs(hiddenText));
  // Undo both, by the same forms.
  await page.locator(`#${first}`).getByText('Redact or hide').click();
  await page.locator(`#${first}`).getByRole('button', { name: 'Undo the redaction' }).click();
  await page.locator(`#${second}`).getByText('Redact or hide').click();
  await page
    .locator(`#${second}`)
    .getByRole('button', { name: /Show it again/ })
    .click();
  await page.waitForURL((u) => u.hash === `#${second}`);
  expect(await page.getByText('Hidden from everyone else').count()).toBe(0);
  await context.close();
}, 180_000);

test('a sponsor is refused the page and the CSV', async () => {
  const { context, page } = await openPhoneOrDesktopPage(browser);
  await signInAndLeave(page, server, SPONSOR);
  const response = await page.goto(`${server.url}/relationships/${relationshipId}/comments`);
  expect(response?.status()).toBe(403);
  const csv = await context.request.get(`${server.url}/relationships/${relationshipId}/comments-export`);
  expect(csv.status()).toBe(403);
  expect(await csv.text()).not.toMatch(/question,side/);
  await context.close();
});
