import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { OutboxWorker, smtpTransport } from '../../src/services/outbox-worker.ts';
import { createOpenSurvey } from '../support/open-survey.ts';
import { type SmtpTestServer, startSmtpTestServer } from '../support/smtp-test-server.ts';
import { expectNoAxeViolations, launchBrowser, screenshot, watchPage } from './support/browser.ts';
import {
  expectNoHorizontalOverflow,
  openPhoneOrDesktopPage,
  realErrors,
  signInAndLeave,
  waitForHydration,
} from './support/journey.ts';
import { startTestServer, type TestServer } from './support/start-test-server.ts';

// Survey mail in Chromium (issue 11, item 4): the facilitator emails the invitations from the
// wave's page, sees each person's delivery (one refused by the mail server, with its reason), sets
// a reminder schedule and sends a reminder; a participant on a phone without JavaScript stops the
// reminders from the reminder's link, and the facilitator sees it. A real SMTP server takes the
// mail; the outbox worker sends it.

let server: TestServer;
let browser: Browser;
let smtp: SmtpTestServer;

beforeAll(async () => {
  server = await startTestServer({ demo: false });
  browser = await launchBrowser();
  smtp = await startSmtpTestServer();
  smtp.refuse.add('gone@other.test');
});

afterAll(async () => {
  await browser?.close();
  await smtp?.close();
  await server?.close();
});

async function check(page: Page, name: string): Promise<void> {
  await screenshot(page, `mail-${name}`);
  await expectNoHorizontalOverflow(page);
  await expectNoAxeViolations(page);
}

async function send(): Promise<void> {
  const transport = smtpTransport(smtp.url);
  try {
    await new OutboxWorker(server.database.db, {
      transport,
      fromAddress: 'trust@lakeside.test',
      perDomainPerMinute: 600,
    }).drain();
  } finally {
    transport.close();
  }
}

test('invitations and a reminder from the wave page; a participant stops the reminders without JavaScript', {
  timeout: 180_000,
}, async () => {
  const survey = await createOpenSurvey(server.database.db, {
    people: [
      { name: 'Ada Ames', email: 'ada@example.test' },
      { name: 'Ben Bell', email: 'ben@example.test' },
      { name: 'Cy Cole', email: 'cy@example.test' },
      { name: 'Gus Gone', email: 'gone@other.test' },
    ],
  });
  const { page } = await openPhoneOrDesktopPage(browser, { desktop: true });
  const watched = watchPage(page);
  await signInAndLeave(page, server);
  const wavePage = `${server.url}/relationships/${survey.relationshipId}/waves/Baseline`;
  await page.goto(wavePage);
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Email the invitations (4 not invited yet)' }).click();
  await page.getByText('4 invitations are queued').waitFor();
  const row = (name: string) => page.getByRole('row', { name: new RegExp(name) });
  expect(await row('Ada Ames').textContent()).toContain('Invitation queued');

  await send();
  await page.reload();
  expect(await row('Ada Ames').textContent()).toMatch(/Invitation sent \d{4}-\d{2}-\d{2}/);
  expect(await row('Gus Gone').textContent()).toMatch(/Invitation failed: 550 .*user unknown/);
  expect(
    await page.getByRole('button', { name: /Email the invitations \(0 not invited yet\)/ }).isDisabled(),
  ).toBe(true);
  const invitation = smtp.received.find((m) => m.to === 'ada@example.test')!;
  expect(invitation.subject).toBe('How do you see Contoso IT? A 10-minute survey for Northwind Utilities');

  // A schedule, with a bad day named on the field first.
  const days = page.getByLabel('Remind those who have not submitted, this many days after opening');
  await days.fill('3, soon');
  await page.getByRole('button', { name: 'Save the schedule' }).click();
  await page.getByText('"soon" is not a whole number of days').first().waitFor();
  await days.fill('3, 7');
  await page.getByRole('button', { name: 'Save the schedule' }).click();
  await page.getByText('The reminder schedule is saved.').waitFor();
  await page.getByRole('button', { name: 'Send the next reminder now' }).click();
  // Not to Gus, whose address the server refused.
  await page.getByText('3 reminders are queued').waitFor();
  await send();
  await check(page, '01-wave');

  // Ben, on a phone without JavaScript, opens the reminder's "no more reminders" link.
  const reminder = smtp.received.find(
    (m) => m.to === 'ben@example.test' && m.subject.startsWith('Reminder'),
  )!;
  const optOut = /https?:\/\/\S+\/no-reminders/.exec(reminder.text)![0];
  expect(optOut.startsWith(server.url)).toBe(true);
  const phone = await openPhoneOrDesktopPage(browser, { javaScriptEnabled: false });
  await phone.page.goto(optOut);
  await phone.page.getByRole('heading', { name: 'No more reminders' }).waitFor();
  await screenshot(phone.page, 'mail-02-no-reminders');
  await expectNoHorizontalOverflow(phone.page);
  await phone.page.getByRole('button', { name: 'Stop the reminders' }).click();
  await phone.page.getByText('You will get no more reminders about this survey.').waitFor();
  // The survey itself still opens from the reminder's link.
  await phone.page.getByRole('link', { name: 'open it' }).click();
  await phone.page.getByRole('button', { name: /Start/ }).waitFor();
  await phone.context.close();

  await page.goto(optOut);
  await page.getByRole('heading', { name: 'No more reminders' }).waitFor();
  await expectNoAxeViolations(page);
  await page.goto(wavePage);
  expect(await row('Ben Bell').textContent()).toContain('1 reminder sent; no more reminders (asked)');
  expect(realErrors(watched.errors)).toEqual([]);
});
