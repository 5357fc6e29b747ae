import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { incidents, interviews, quotes } from '../../src/db/schema.ts';
import { listIncidents } from '../../src/services/list-incidents.ts';
import { listParticipants } from '../../src/services/list-participants.ts';
import { listRelationships } from '../../src/services/list-relationships.ts';
import { expectNoAxeViolations, launchBrowser, PHONE, screenshot, watchPage } from './support/browser.ts';
import { realErrors, signInAsFacilitator, waitForHydration } from './support/journey.ts';
import { startTestServer, type TestServer } from './support/start-test-server.ts';

// Recording an interview and extracting an incident (issue 4, item 8), in Chromium over the demo:
// the demo facilitator schedules an interview with a demo participant, records it as held with a
// pasted transcript, selects a passage with the browser's own selection (mouse-free: the
// selection API, then Shift + arrow keys) and turns it into an incident and a quote; a passage
// that is not in the interview is refused. The same extraction once more with JavaScript off,
// pasting the passage. The guide is edited and reset. Every page is screenshotted and scanned.

let server: TestServer;
let browser: Browser;
let relationshipId: string;

const DESKTOP = { viewport: { width: 1280, height: 900 } };

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const [demo] = await listRelationships(server.database.db, server.workspaceId);
  relationshipId = demo!.id;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openPage(options: Parameters<Browser['newContext']>[0] = {}) {
  const context: BrowserContext = await browser.newContext(options);
  context.setDefaultTimeout(10_000);
  return { context, page: await context.newPage() };
}

async function check(page: Page, name: string): Promise<void> {
  await screenshot(page, `interviews-${name}`);
  await expectNoAxeViolations(page);
}

const TRANSCRIPT = [
  'Q: Tell me about a moment with Northwater that stayed with you.',
  'A: Last month the night shift reassigned our tickets offshore without any notes.',
  'We lost a whole morning rebuilding the fault history.',
  'Q: What did that lead to?',
  'A: We keep screenshots of everything now, just in case.',
].join('\n');

test('a facilitator records an interview and turns passages into an incident and a quote', async () => {
  const { context, page } = await openPage(DESKTOP);
  const watched = watchPage(page);
  await signInAsFacilitator(page, server);
  const base = `${server.url}/relationships/${relationshipId}`;

  // The demo's interviews: 16 held, with the quotes section still empty.
  await page.goto(`${base}/interviews`);
  await page.getByRole('heading', { level: 1, name: 'Interviews' }).waitFor();
  expect(await page.locator('.interviews-table tbody tr').count()).toBe(16);
  await check(page, '01-list-demo');

  // Schedule an interview with a demo participant who has none yet.
  const people = await listParticipants(server.database.db, server.workspaceId, relationshipId);
  const interviewed = new Set(
    (await server.database.db.select({ id: interviews.participantId }).from(interviews)).map((r) => r.id),
  );
  const person = people.find((p) => p.side === 'B' && p.level === 'staff' && !interviewed.has(p.id))!;
  await page.getByRole('link', { name: 'Schedule or record an interview' }).click();
  await page.getByRole('heading', { level: 1, name: 'Schedule or record an interview' }).waitFor();
  await waitForHydration(page);
  await check(page, '02-new');
  await page.getByRole('button', { name: 'Save the interview' }).click();
  await page.locator('.error-summary').waitFor();
  expect(await page.locator('.error-summary').textContent()).toContain('choose a participant');
  await check(page, '03-new-refused');
  await page.getByLabel('Participant').selectOption(person.id);
  await page.getByLabel('Date').fill('2026-06-03');
  expect(await page.getByLabel('Interviewer').inputValue()).not.toBe('');
  await page.getByRole('button', { name: 'Save the interview' }).click();
  await page.waitForURL(/\/interviews\/INT-017\?done=created$/);
  await page.getByRole('heading', { level: 1, name: `INT-017: ${person.name}` }).waitFor();
  expect(await page.locator('h1 .status').textContent()).toBe('Scheduled');
  // The guide for the interviewee's level sits beside the notes.
  await page.getByRole('heading', { level: 2, name: 'Interview guide: staff level' }).waitFor();
  await check(page, '04-scheduled');

  // Record it as held with a pasted transcript.
  await page.getByLabel('Transcript', { exact: true }).fill(TRANSCRIPT);
  await page.getByLabel('The interview has been held').check();
  await page.getByRole('button', { name: 'Save the interview' }).click();
  await page.getByText('The interview was saved.').waitFor();
  expect(await page.locator('h1 .status').textContent()).toBe('Held');
  await waitForHydration(page);

  // Nothing selected yet: the button says what to do instead of filling the field.
  await page.getByRole('button', { name: 'Make an incident' }).click();
  // The message is React state set by the click: poll until the re-render has committed.
  await expect
    .poll(() => page.locator('.interview-picker-status').textContent())
    .toContain('Select a passage');

  // Select two lines of the transcript with the browser's selection API and make an incident.
  const selected = await page.locator('#field-transcript').evaluate((area: HTMLTextAreaElement) => {
    const start = area.value.indexOf('reassigned our tickets');
    const end = area.value.indexOf('whole morning') + 'whole morning'.length;
    area.focus();
    area.setSelectionRange(start, end);
    return area.value.slice(start, end);
  });
  expect(selected).toContain('\n');
  await page.getByRole('button', { name: 'Make an incident' }).click();
  const incidentPassage = page.locator('textarea[data-passage-target="incident"]');
  expect(await incidentPassage.inputValue()).toBe(selected);
  expect(await incidentPassage.evaluate((el) => el === document.activeElement)).toBe(true);
  await expect
    .poll(() => page.locator('.interview-picker-status').textContent())
    .toContain("incident form's passage field");
  await check(page, '05-passage-taken');

  const incidentForm = page.locator('form', { has: page.getByRole('heading', { name: 'Make an incident' }) });
  await incidentForm.getByLabel('Title').fill('Night tickets reassigned without notes');
  await incidentForm.getByLabel('When it happened').fill('2026-05-12');
  await incidentForm.getByLabel('Dilutes trust').check();
  await incidentForm.getByLabel('2 — clear').check();
  await incidentForm.getByLabel('Openness').check();
  await incidentForm.getByRole('button', { name: 'Make the incident' }).click();
  await page.getByText('The passage became incident').waitFor();
  const incidentLink = page.locator('.notice a');
  const incidentRef = (await incidentLink.textContent())!.split(':')[0]!;
  expect(await incidentLink.getAttribute('href')).toBe(
    `/relationships/${relationshipId}/incidents/${incidentRef}`,
  );
  await check(page, '06-incident-made');
  // Sign-out, record, quote, incident: a re-rendered page holds each form once.
  expect(await page.locator('form').count()).toBe(4);

  // The incident list data has it, from the interview, with the passage as it stands in the transcript.
  const list = await listIncidents(server.database.db, server.workspaceId, relationshipId);
  expect(list.incidents.find((i) => i.ref === incidentRef)).toMatchObject({
    source: 'interview',
    reporterSide: 'B',
    reporterLevel: 'staff',
    direction: 'dilutes',
    strength: 2,
    dimensions: ['openness'],
  });
  const [stored] = await server.database.db.select().from(incidents).where(eq(incidents.ref, incidentRef));
  const [interview] = await server.database.db.select().from(interviews).where(eq(interviews.ref, 'INT-017'));
  expect(stored!.interviewId).toBe(interview!.id);
  expect(stored!.sourcePassage).toBe(
    'reassigned our tickets offshore without any notes. We lost a whole morning',
  );

  // A quote, selected with the keyboard: caret before "We keep", then Shift + arrow keys.
  const quoteText = 'We keep screenshots of everything now';
  await page.locator('#field-transcript').evaluate((area: HTMLTextAreaElement, words: string) => {
    const at = area.value.indexOf(words);
    area.focus();
    area.setSelectionRange(at, at);
  }, quoteText);
  for (let i = 0; i < quoteText.length; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.getByRole('button', { name: 'Make a quote' }).focus();
  await page.keyboard.press('Enter');
  const quotePassage = page.locator('textarea[data-passage-target="quote"]');
  expect(await quotePassage.inputValue()).toBe(quoteText);
  await page.getByRole('button', { name: 'Keep as a quote' }).click();
  await page.getByText('The passage was kept as a quote').waitFor();
  expect(await page.locator('form').count()).toBe(4);
  const quote = page.locator('.interview-quotes li', { hasText: quoteText });
  expect(await quote.locator('figcaption').textContent()).toBe('— Staff, Corvid IT Services (B)');

  // A passage that is not in the interview is refused, naming the field.
  await quotePassage.fill('We never keep screenshots');
  await page.getByRole('button', { name: 'Keep as a quote' }).click();
  await page.locator('.error-summary').waitFor();
  expect(await page.locator('#field-passage-error').textContent()).toContain(
    'is not in the saved notes or transcript',
  );
  expect(await page.locator('#field-passage').getAttribute('data-passage-target')).toBe('quote');
  await check(page, '07-quote-refused');

  // The list: the quote attributed to side and level, never the interviewee's name.
  await page.goto(`${base}/interviews`);
  const listed = page.locator('.interview-quotes li', { hasText: quoteText });
  expect(await listed.textContent()).not.toContain(person.name);
  expect(await listed.textContent()).toContain('Staff, Corvid IT Services (B)');
  expect(await page.getByRole('row', { name: /INT-017/ }).textContent()).toContain('1 quote, 1 incident');
  await check(page, '08-list-with-quote');

  // The CSV downloads carry no names, notes or transcripts.
  const interviewsCsv = await (await page.request.get(`${base}/interviews-export/interviews`)).text();
  expect(interviewsCsv.split('\n')[0]).toBe('interview,side,level,date,status,quotes,incidents');
  expect(interviewsCsv).toContain('INT-017,B,staff,2026-06-03,held,1,1');
  expect(interviewsCsv).not.toContain(person.name);
  const quotesCsv = await (await page.request.get(`${base}/interviews-export/quotes`)).text();
  expect(quotesCsv).toContain(`INT-017,B,staff,${quoteText}`);
  expect(quotesCsv).not.toContain(person.name);

  // The guide: edited for one level, then reset to the built-in guide.
  await page.goto(`${server.url}/interview-guide`);
  await page.getByRole('heading', { level: 1, name: 'Interview guide' }).waitFor();
  await check(page, '09-guide');
  const staffGuide = page.getByLabel('Staff guide');
  await staffGuide.fill('## Context\n- Who do you call when the night shift needs help?');
  await page.getByRole('button', { name: 'Save the staff guide' }).click();
  await page.getByText('The staff guide was saved.').waitFor();
  await page.goto(`${base}/interviews/INT-017`);
  await page.getByText('Who do you call when the night shift needs help?').waitFor();
  await page.goto(`${server.url}/interview-guide`);
  await page.getByRole('button', { name: 'Reset to the built-in guide' }).click();
  await page.getByText('The staff guide is the built-in guide again.').waitFor();
  expect(await page.getByRole('button', { name: 'Reset to the built-in guide' }).count()).toBe(0);

  expect(realErrors(watched.errors)).toEqual([]);
  await context.close();
}, 240_000);

test('on a 360-pixel phone the interview pages fit and pass axe', async () => {
  const { context, page } = await openPage(PHONE);
  await signInAsFacilitator(page, server);
  const base = `${server.url}/relationships/${relationshipId}`;
  for (const [path, name] of [
    ['/interviews', '10-phone-list'],
    ['/interviews/INT-001', '11-phone-interview'],
    ['/interviews/new', '12-phone-new'],
  ] as const) {
    await page.goto(`${base}${path}`);
    await page.locator('h1').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${path} is wider than the phone`).toBeLessThanOrEqual(0);
    await check(page, name);
  }
  await context.close();
}, 120_000);

test('without JavaScript the facilitator pastes the passage, and the server checks it', async () => {
  const { context, page } = await openPage({ ...DESKTOP, javaScriptEnabled: false });
  await signInAsFacilitator(page, server);
  await page.goto(`${server.url}/relationships/${relationshipId}/interviews/INT-005`);
  await page.getByRole('heading', { level: 1, name: /^INT-005/ }).waitFor();
  expect(await page.getByRole('button', { name: 'Make a quote' }).count()).toBe(0);
  expect(await page.getByText('Copy a passage of the saved notes or transcript').count()).toBe(1);
  // No axe here: it runs inside the page, which has no script; the same pages were scanned above.
  await screenshot(page, 'interviews-13-nojs-interview');

  const before = (await server.database.db.select().from(quotes)).length;
  const quoteForm = page.locator('form', { has: page.getByRole('heading', { name: 'Make a quote' }) });
  // Pasted from elsewhere with other spacing: the words are what count.
  await quoteForm
    .getByLabel('Passage')
    .fill('a telemetry fault sat in three different   Corvid queues\nover four days');
  await page.getByRole('button', { name: 'Keep as a quote' }).click();
  await page.getByText('The passage was kept as a quote').waitFor();
  const after = await server.database.db.select().from(quotes);
  expect(after.length).toBe(before + 1);
  expect(after.map((q) => q.text)).toContain(
    'a telemetry fault sat in three different Corvid queues over four days',
  );

  const incidentForm = page.locator('form', { has: page.getByRole('heading', { name: 'Make an incident' }) });
  await incidentForm.getByLabel('Passage').fill('the fault was fixed within the hour');
  await incidentForm.getByLabel('Title').fill('Invented');
  await incidentForm.getByLabel('When it happened').fill('2023-12-01');
  await incidentForm.getByLabel('Builds trust').check();
  await incidentForm.getByLabel('1 — slight').check();
  await incidentForm.getByLabel('Integrity').check();
  await incidentForm.getByLabel('Openness').check();
  await incidentForm.getByRole('button', { name: 'Make the incident' }).click();
  await page.locator('.error-summary').waitFor();
  expect(await page.locator('#field-passage-error').textContent()).toContain(
    'is not in the saved notes or transcript of INT-005',
  );
  expect(await page.locator('#field-passage').getAttribute('data-passage-target')).toBe('incident');
  expect(await incidentForm.getByLabel('Title').inputValue()).toBe('Invented');
  // What was typed and ticked is still there, every ticked dimension included.
  expect(await incidentForm.getByLabel('Integrity').isChecked()).toBe(true);
  expect(await incidentForm.getByLabel('Openness').isChecked()).toBe(true);
  expect(await incidentForm.getByLabel('Builds trust').isChecked()).toBe(true);
  await screenshot(page, 'interviews-14-nojs-incident-refused');
  await context.close();
}, 120_000);
