import { desc, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { outbox } from '../../src/db/schema.ts';
import { BUILT_IN_INSTRUMENT } from '../../src/domain/built-in-instrument.ts';
import { expectNoAxeViolations, launchBrowser, PHONE, screenshot, watchPage } from './support/browser.ts';
import { expectNoHorizontalOverflow, realErrors, waitForHydration } from './support/journey.ts';
import { startTestServer, type TestServer } from './support/start-test-server.ts';

// The facilitator's account and relationship pages in Chromium on a 360-pixel phone: sign in
// (a wrong password first), the relationships list, create and edit a relationship, the
// instruments, the outbox, sign out; the password-reset loop through the outbox; and the same
// forms with JavaScript turned off. Every page is screenshotted and scanned with axe.

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

/** Screenshot, axe scan, and nothing wider than the 360-pixel phone: what every page here gets. */
async function check(page: Page, name: string): Promise<void> {
  await screenshot(page, `account-${name}`);
  await expectNoHorizontalOverflow(page);
  await expectNoAxeViolations(page);
}

/** A phone-sized page with short timeouts. */
async function openPage(options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext({ ...PHONE, ...options });
  context.setDefaultTimeout(10_000);
  return { context, page: await context.newPage() };
}

async function signIn(page: Page, password: string): Promise<void> {
  await page.getByLabel('Email address').fill(server.facilitator.email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a facilitator signs in, sets a relationship up, views instruments and the outbox, signs out', async () => {
  const { context, page } = await openPage();
  const watched = watchPage(page);

  await page.goto(`${server.url}/`);
  await expect.poll(() => new URL(page.url()).pathname).toBe('/sign-in');
  expect(new URL(page.url()).searchParams.get('next')).toBe('/');
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in');
  expect(await page.getByLabel('Email address').getAttribute('autocomplete')).toBe('username');
  expect(await page.getByLabel('Password', { exact: true }).getAttribute('autocomplete')).toBe(
    'current-password',
  );
  await waitForHydration(page);
  await check(page, '01-sign-in');

  // A wrong password: the summary says so and takes the focus.
  await signIn(page, 'not-the-password');
  const summary = page.locator('.error-summary');
  await summary.waitFor();
  expect(await summary.textContent()).toContain('Email or password is wrong');
  await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('error-summary');
  await check(page, '02-sign-in-wrong-password');

  await page.getByLabel('Password', { exact: true }).fill(server.facilitator.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Relationships' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/');
  expect(await page.locator('.card-list > li').count()).toBeGreaterThan(0);
  await check(page, '03-relationships');

  // Create: an empty form first, so every field names its problem.
  await page.getByRole('link', { name: 'New relationship' }).click();
  await page.getByRole('heading', { level: 1, name: 'New relationship' }).waitFor();
  await check(page, '04-relationship-new');
  await page.getByRole('button', { name: 'Create the relationship' }).click();
  await page.locator('.error-summary').waitFor();
  const nameField = page.getByRole('textbox', { name: 'Relationship name' });
  expect(await nameField.getAttribute('aria-invalid')).toBe('true');
  expect(await nameField.getAttribute('aria-describedby')).toContain('field-name-error');
  expect(await page.locator('.error-summary a[href="#field-sides-A-name"]').count()).toBe(1);
  await check(page, '05-relationship-new-errors');

  await nameField.fill('Harbour Logistics – Meridian Freight');
  const sideA = page.getByRole('group', { name: 'Side A' });
  const sideB = page.getByRole('group', { name: 'Side B' });
  await sideA.getByLabel('Organisation').fill('Harbour Logistics');
  await sideA.getByLabel('Role in the relationship').fill('customer');
  await sideB.getByLabel('Organisation').fill('Meridian Freight');
  await sideB.getByLabel('Role in the relationship').fill('supplier');
  expect(await page.getByLabel('Anonymity threshold').inputValue()).toBe('3');
  await page.getByRole('button', { name: 'Create the relationship' }).click();
  await page.waitForURL(/\/relationships\/[0-9a-f-]{36}$/);
  const relationshipPath = new URL(page.url()).pathname;

  // Edit the threshold: out of range first, then a good value.
  await page.goto(`${server.url}${relationshipPath}/edit`);
  await page.getByRole('heading', { level: 1, name: 'Edit Harbour Logistics – Meridian Freight' }).waitFor();
  await waitForHydration(page);
  await check(page, '06-relationship-edit');
  await page.getByLabel('Anonymity threshold').fill('11');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('.error-summary').waitFor();
  expect(await page.locator('#field-anonymityThreshold-error').textContent()).toBe('must be at most 10');
  await check(page, '07-relationship-edit-error');
  await page.getByLabel('Anonymity threshold').fill('5');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.waitForURL((url) => url.pathname === relationshipPath);
  await page.goto(`${server.url}${relationshipPath}/edit`);
  expect(await page.getByLabel('Anonymity threshold').inputValue()).toBe('5');

  // The demo relationship has an opened wave: its threshold is fixed, and a forced change says why.
  await page.goto(`${server.url}/`);
  const demoHref = await page
    .locator('.card-list > li', { hasText: 'latest:' })
    .first()
    .getByRole('link')
    .getAttribute('href');
  await page.goto(`${server.url}${demoHref}/edit`);
  const threshold = page.getByLabel('Anonymity threshold');
  expect(await threshold.getAttribute('readonly')).not.toBeNull();
  expect(await page.locator('#field-anonymityThreshold-hint').textContent()).toContain(
    'fixed once a wave opens',
  );
  await waitForHydration(page);
  await check(page, '08-relationship-edit-fixed');
  await threshold.evaluate((input: HTMLInputElement) => {
    input.readOnly = false;
    input.value = '7';
  });
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('.error-summary').waitFor();
  expect(await page.locator('.error-summary').textContent()).toContain(
    'the threshold is fixed once a wave opens',
  );
  expect(await page.locator('#field-anonymityThreshold-error').textContent()).toBe(
    'fixed once a wave has opened',
  );
  await check(page, '09-relationship-edit-fixed-error');

  // Instruments: the built-in one in detail, a broken upload, a good one from a file.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Instruments' }).click();
  await page.getByRole('heading', { level: 1, name: 'Instruments' }).waitFor();
  await page.locator('details.instrument-details summary').first().click();
  expect(await page.locator('details.instrument-details').first().textContent()).toContain('reverse-scored');
  await check(page, '10-instruments');
  await page.getByLabel('Text of instrument.json').fill('{"name": "Ours", "version": 1, "dimensions": []}');
  await page.getByRole('button', { name: 'Check and upload' }).click();
  await page.locator('#instrument-problems').waitFor();
  const problems = await page.locator('#instrument-problems li').allTextContents();
  expect(problems.length).toBeGreaterThan(1);
  expect(problems.every((p) => p.startsWith('instrument.json $'))).toBe(true);
  await check(page, '11-instruments-problems');
  const custom = { ...BUILT_IN_INSTRUMENT, name: 'Harbour pulse', version: '1' };
  await page.getByLabel('Text of instrument.json').fill('');
  await page.getByLabel('Or choose the file').setInputFiles({
    name: 'instrument.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(custom)),
  });
  await page.getByRole('button', { name: 'Check and upload' }).click();
  await page.getByText('Stored Harbour pulse version 1').waitFor();
  await page.getByRole('heading', { level: 2, name: /Harbour pulse/ }).waitFor();
  await check(page, '12-instruments-uploaded');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outbox' }).click();
  await page.getByRole('heading', { level: 1, name: 'Outbox' }).waitFor();
  await check(page, '13-outbox');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByText('You are signed out.').waitFor();
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  await check(page, '14-signed-out');
  await page.goto(`${server.url}/outbox`);
  expect(new URL(page.url()).pathname).toBe('/sign-in');

  expect(realErrors(watched.errors)).toEqual([]);
  await context.close();
});

test('a forgotten password is reset through the link in the outbox', async () => {
  const { context, page } = await openPage();
  const watched = watchPage(page);

  await page.goto(`${server.url}/sign-in`);
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.getByRole('heading', { level: 1, name: 'Forgot your password' }).waitFor();
  await check(page, '20-forgot-password');
  await page.getByLabel('Email address').fill(server.facilitator.email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await page.getByText('If an account uses that email address').waitFor();
  expect(await page.locator('[role="status"]').textContent()).toContain('Outbox page');
  await check(page, '21-forgot-password-sent');

  // The demo facilitator is an admin: they read the link in the outbox.
  await page.goto(`${server.url}/outbox`);
  await signIn(page, server.facilitator.password);
  await page.getByRole('heading', { level: 1, name: 'Outbox' }).waitFor();
  const mail = page.locator('article', { hasText: 'Reset your Trustloop password' }).first();
  expect(await mail.textContent()).toContain(server.facilitator.email);
  await check(page, '22-outbox-reset-mail');
  const link = await mail.locator('pre a').getAttribute('href');
  expect(link).toMatch(/\/reset-password\/[A-Za-z0-9_-]+$/);

  // A GET of the link changes nothing; the form posts the new password.
  const response = await page.goto(link!);
  // same-origin: no other site learns the link, and the form's own post is not taken for a
  // cross-site one (under no-referrer a browser without script posts with Origin: null).
  expect(response?.headers()['referrer-policy']).toBe('same-origin');
  await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
  await waitForHydration(page);
  await check(page, '23-reset-password');
  const newPassword = 'harbour lights at dawn';
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('New password again').fill('harbour lights at dusk');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await page.locator('.error-summary').waitFor();
  expect(await page.locator('#field-passwordConfirm-error').textContent()).toBe(
    'type the same password twice',
  );
  await check(page, '24-reset-password-mismatch');
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('New password again').fill(newPassword);
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await page.getByText('Your password is changed. Sign in with the new one.').waitFor();
  await check(page, '25-sign-in-after-reset');

  // The old password is gone, the new one works, and the link cannot be used twice.
  await signIn(page, newPassword);
  await page.getByRole('heading', { level: 1, name: 'Relationships' }).waitFor();
  server.facilitator.password = newPassword;
  await page.goto(link!);
  await page.getByLabel('New password', { exact: true }).fill('another long passphrase');
  await page.getByLabel('New password again').fill('another long passphrase');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await page.locator('.error-summary').waitFor();
  expect(await page.locator('.error-summary').textContent()).toContain('expired or was already used');

  // Typing /sign-out asks first; the button signs out.
  await page.goto(`${server.url}/sign-out`);
  if (new URL(page.url()).pathname === '/sign-out') {
    await check(page, '26-sign-out-confirm');
    await page.locator('main').getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out.').waitFor();
  }

  expect(realErrors(watched.errors)).toEqual([]);
  await context.close();
});

test('without JavaScript the forms still work as plain posts', async () => {
  const { context, page } = await openPage({ javaScriptEnabled: false });

  await page.goto(`${server.url}/relationships/new`);
  await signIn(page, 'wrong password, no script');
  await page.locator('.error-summary').waitFor();
  await signIn(page, server.facilitator.password);
  await page.getByRole('heading', { level: 1, name: 'New relationship' }).waitFor();
  await page.getByRole('button', { name: 'Create the relationship' }).click();
  await page.locator('.error-summary').waitFor();
  // No axe here: it runs inside the page, which has no script; the same page was scanned above.
  await screenshot(page, 'account-30-no-js-relationship-errors');
  await page.getByRole('textbox', { name: 'Relationship name' }).fill('Plain posts');
  await page.getByRole('group', { name: 'Side A' }).getByLabel('Organisation').fill('Alpha');
  await page.getByRole('group', { name: 'Side B' }).getByLabel('Organisation').fill('Beta');
  await page.getByRole('button', { name: 'Create the relationship' }).click();
  await page.waitForURL(/\/relationships\/[0-9a-f-]{36}$/);
  await page.goto(`${server.url}/`);
  expect(await page.getByRole('link', { name: 'Plain posts' }).count()).toBe(1);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByText('You are signed out.').waitFor();

  // A password reset from its link, without JavaScript (the link read from the outbox's table).
  await page.goto(`${server.url}/forgot-password`);
  await page.getByLabel('Email address').fill(server.facilitator.email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await page.getByText('If an account uses that email address').waitFor();
  const [mail] = await server.database.db
    .select({ body: outbox.body })
    .from(outbox)
    .where(eq(outbox.toAddress, server.facilitator.email))
    .orderBy(desc(outbox.createdAt))
    .limit(1);
  const link = /https?:\/\/\S+\/reset-password\/[A-Za-z0-9_-]+/.exec(mail!.body)![0];
  await page.goto(link);
  const password = 'plain posts reset this one';
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('New password again').fill(password);
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await page.getByText('Your password is changed. Sign in with the new one.').waitFor();
  server.facilitator.password = password;
  await context.close();
});
