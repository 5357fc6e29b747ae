import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

// Debian's Chromium driven by playwright-core (never `playwright install`), with the flags this
// machine's closed network needs. Screenshots go to test-results/screenshots/.

export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');

function chromiumPath(): string {
  return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
    encoding: 'utf8',
  }).trim();
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export const PHONE = {
  viewport: { width: 360, height: 740 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};

/** Saves a full-page screenshot under a name that sorts in journey order. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * axe-core over the whole page: any violation fails the test with its rule and targets. Each
 * distinct page is scanned once per run, whichever journey reaches it first (decision 054): a
 * page is its route (ids and tokens left out, query keys kept), phone or desktop width, and the
 * kinds of element it shows (tag, role and class, not text or count), so the same page in a new
 * state (an error, a dialog, a revealed step) is scanned again, the same page over other data is
 * not.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  if (!(await firstScanOf(page))) return;
  const results = await new AxeBuilder({ page }).analyze();
  const problems = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(problems, `axe on ${page.url()}`).toEqual([]);
}

/** A fresh context (no cookies) whose console errors fail the test. */
export async function newContext(
  browser: Browser,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<BrowserContext> {
  return browser.newContext(options);
}

/** Collects console errors and failed requests of a page, to assert none happened. */
export function watchPage(page: Page): { errors: string[] } {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { errors };
}

/** Claims the page's key in the run's registry of scanned pages: false when it was scanned. */
async function firstScanOf(page: Page): Promise<boolean> {
  const registry = inject('axeScanned');
  if (!registry) return true;
  const elements = await page.evaluate(() => {
    const kinds = new Set<string>();
    for (const element of document.querySelectorAll('body *')) {
      const classes = [...element.classList].sort().join('.');
      kinds.add(`${element.tagName}|${element.getAttribute('role') ?? ''}|${classes}`);
    }
    return [...kinds].sort().join('\n');
  });
  const url = new URL(page.url());
  const route = url.pathname
    .toLowerCase()
    .replace(/\/[0-9a-f]{8}-[0-9a-f-]{27}(?=\/|$)/g, '/:id')
    .replace(/\/[a-z0-9_-]{16,}(?=\/|$)/gi, '/:token');
  const width = page.viewportSize()?.width ?? 0;
  const key = [
    route,
    [...url.searchParams.keys()].sort().join('&'),
    width < 600 ? 'phone' : 'desktop',
    elements,
  ];
  const name = createHash('sha256').update(key.join('\n')).digest('hex');
  try {
    closeSync(openSync(join(registry, name), 'wx'));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}
