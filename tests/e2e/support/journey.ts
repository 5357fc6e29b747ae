import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { PHONE } from './browser.ts';
import type { TestServer } from './start-test-server.ts';

// Steps the browser journeys share: signing in as the demo facilitator, waiting for hydration,
// checking for sideways scrolling, and filtering the console errors a refused form produces.

/** Nothing wider than the viewport: no horizontal scrolling on the page as it is now. */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    `horizontal overflow on ${page.url()}`,
  ).toBeLessThanOrEqual(0);
}

/** Hydrated: React Router's client has taken over, so forms submit with fetch. */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => '__reactRouterRouteModules' in window);
}

/** Console errors, leaving out Chromium's own line for each 4xx answer a refused form gets. */
export function realErrors(errors: string[]): string[] {
  return errors.filter(
    (e) => !/^Failed to load resource: the server responded with a status of 4\d\d/.test(e),
  );
}

/** Signs the demo facilitator in and waits for the Relationships page. */
export async function signInAsFacilitator(page: Page, server: TestServer): Promise<void> {
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel('Email address').fill(server.facilitator.email);
  await page.getByLabel('Password', { exact: true }).fill(server.facilitator.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Relationships' }).waitFor();
}

/** Signs an account in and waits until the browser has left the sign-in page. */
export async function signInAndLeave(
  page: Page,
  server: TestServer,
  account: { email: string; password: string } = server.facilitator,
): Promise<void> {
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel('Email address').fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** A phone-sized (or 1280×900 desktop) page with 15-second timeouts. */
export async function openPhoneOrDesktopPage(
  browser: Browser,
  options: { javaScriptEnabled?: boolean; desktop?: boolean } = {},
) {
  const context = await browser.newContext(
    options.desktop
      ? { viewport: { width: 1280, height: 900 }, javaScriptEnabled: options.javaScriptEnabled }
      : { ...PHONE, javaScriptEnabled: options.javaScriptEnabled },
  );
  context.setDefaultTimeout(15_000);
  return { context, page: await context.newPage() };
}
