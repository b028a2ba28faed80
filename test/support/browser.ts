/**
 * Chromium for the console's browser tests: Debian's `chromium` driven by playwright-core (no
 * browser download). One browser per test file (`launchBrowser` in `beforeAll`), one context per
 * page, so pages share nothing.
 *
 * Time. The stack runs a manual clock (`startConsoleStack({ clockStart })`); the page must see the
 * same instant, or a countdown shows the gap between the two. Each page's `Date` is pinned with
 * Playwright's `clock.setFixedTime` (https://playwright.dev/docs/api/class-clock): `Date.now()`
 * answers the pinned instant while timers keep running in real time, so the console's one-second
 * tick still fires (and so do Preact's effects, which wait for an animation frame), but what it
 * draws depends only on the pinned instant. To move time, `syncClocks(page, stack, iso)` moves the
 * stack's clock first (what falls due runs: pages, breaches) and then pins the page to the same
 * instant; the next tick redraws, and the test waits for the text or colour it expects (no sleep).
 * A test that must step timers itself can call `page.clock.install()` and `runFor()` instead,
 * knowing that a paused fake clock also holds back `useEffect`.
 */

import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type ConsoleStack, startConsoleStack } from './console-stack.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a headless run on a shared CI machine: no sandbox (root), no GPU, nothing phoning home. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `no Chromium at ${CHROMIUM_PATH}: install Debian's (apt-get install -y --no-install-recommends chromium, as .ci/run does) or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 60_000 });
}

/**
 * What a browser test file needs, started side by side: the stack (manual clock at `clockStart`)
 * and one Chromium. If either fails to start, the other is stopped before the error is thrown, so
 * no Java or Chromium outlives a failed `beforeAll`.
 */
export async function openConsoleTestbed(options: {
  clockStart: string;
  env?: Record<string, string>;
}): Promise<{ stack: ConsoleStack; browser: Browser; close(): Promise<void> }> {
  const [stack, browser] = await Promise.allSettled([startConsoleStack(options), launchBrowser()]);
  if (stack.status === 'rejected' || browser.status === 'rejected') {
    await Promise.allSettled([stack.status === 'fulfilled' && stack.value.stop(), browser.status === 'fulfilled' && browser.value.close()]);
    throw stack.status === 'rejected' ? stack.reason : (browser as PromiseRejectedResult).reason;
  }
  return {
    stack: stack.value,
    browser: browser.value,
    async close() {
      await browser.value.close();
      await stack.value.stop();
    },
  };
}

export interface ConsolePageOptions {
  /** The stack's origin (`stack.url`). */
  readonly url: string;
  /** The viewer's zone; the console shows times in it. */
  readonly timezoneId?: string;
  readonly viewport?: { readonly width: number; readonly height: number };
  /** Pins the page's `Date` to this instant (the stack's clock) before anything loads. */
  readonly at?: string;
}

/** Generous on a loaded 2-core machine; a passing test never waits this long. */
export const PAGE_TIMEOUT_MS = 30_000;

/** A fresh page (its own context: no storage shared with other pages) on the console's origin. */
export async function newConsolePage(browser: Browser, options: ConsolePageOptions): Promise<Page> {
  const context = await browser.newContext({
    baseURL: options.url,
    timezoneId: options.timezoneId ?? 'UTC',
    locale: 'en-GB',
    viewport: options.viewport ?? { width: 1280, height: 800 },
  });
  context.setDefaultTimeout(PAGE_TIMEOUT_MS);
  const page = await context.newPage();
  if (options.at !== undefined) await page.clock.setFixedTime(options.at);
  return page;
}

/**
 * Signs in through the console's own sign-in page, as a person would: the button named after the
 * identity's label (from `/_local/identities`), then waits until the app has left `/sign-in`.
 */
export async function signInAs(page: Page, url: string, identityId: string): Promise<void> {
  const listed = await page.request.get(`${url}/_local/identities`);
  const { items } = (await listed.json()) as { items: Array<{ id: string; label: string }> };
  const identity = items.find((item) => item.id === identityId);
  if (identity === undefined) throw new Error(`no local identity "${identityId}" (known: ${items.map((i) => i.id).join(', ')})`);
  await page.goto(`${url}/sign-in`);
  await page.getByRole('button', { name: identity.label, exact: true }).click();
  // Either the app leaves /sign-in, or it shows why it could not (its problem banner is an alert).
  // The loser keeps waiting until the page closes; its rejection then is expected, so it is caught.
  const alert = page.getByRole('alert').first();
  const left = page.waitForURL((address) => address.pathname !== '/sign-in').then(() => ({ failed: undefined }));
  const refused = alert.waitFor({ state: 'visible' }).then(async () => ({ failed: (await alert.textContent()) ?? 'an empty alert' }));
  left.catch(() => {});
  refused.catch(() => {});
  const { failed: outcome } = await Promise.race([left, refused]);
  if (outcome !== undefined) throw new Error(`signing in as ${identityId} failed: ${outcome}`);
}

/** Moves the stack's manual clock to `iso` (running what falls due), then pins the page's clock to the same instant. */
export async function syncClocks(page: Page, stack: Pick<ConsoleStack, 'advanceClock'>, iso: string): Promise<void> {
  await stack.advanceClock(iso);
  await page.clock.setFixedTime(iso);
}
