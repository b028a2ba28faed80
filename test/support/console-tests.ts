/** What the console's browser tests share: a stack and a browser per file, and checks of a page (a field's server error, its width, axe-core's findings). */

import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { formatViolations, seriousViolations } from './axe.ts';
import { launchBrowser } from './browser.ts';
import { type ConsoleStack, STACK_START_TIMEOUT_MS, startConsoleStack } from './console-stack.ts';

export interface ConsoleSuite {
  readonly stack: ConsoleStack;
  readonly browser: Browser;
}

/** The stack (its manual clock at `clockStart`) and the browser of one test file: started before its tests, stopped after. */
export function consoleSuite(clockStart: string): ConsoleSuite {
  const suite = {} as { stack: ConsoleStack; browser: Browser };
  beforeAll(async () => {
    [suite.stack, suite.browser] = await Promise.all([startConsoleStack({ clockStart }), launchBrowser()]);
  }, STACK_START_TIMEOUT_MS + 30_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.stack?.stop();
  }, 60_000);
  return suite;
}

/**
 * What each field says of the server's problem, as assistive technology gets it: the text of the
 * error its `aria-describedby` names, when it is `aria-invalid`; `undefined` when it is neither.
 */
export async function fieldErrors(page: Page, fields: Record<string, Locator>): Promise<Record<string, string | undefined>> {
  const read = async (field: Locator): Promise<string | undefined> => {
    const invalid = (await field.getAttribute('aria-invalid')) === 'true';
    const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(' ').filter((id) => id.endsWith('-error'));
    const message = ids[0] === undefined ? undefined : ((await page.locator(`[id="${ids[0]}"]`).textContent()) ?? '');
    if (invalid === (message !== undefined)) return message;
    return `aria-invalid ${invalid} but ${message === undefined ? 'no message' : `the message "${message}"`}`;
  };
  return Object.fromEntries(await Promise.all(Object.entries(fields).map(async ([name, field]) => [name, await read(field)] as const)));
}

/** How wide the page is drawn: wider than the window means it scrolls sideways. */
export function scrollWidth(page: Page): Promise<number> {
  // Runs in the page; the tests' types have no DOM.
  return page.evaluate(
    () => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth,
  );
}

export async function expectNoSeriousViolations(page: Page): Promise<void> {
  const violations = await seriousViolations(page);
  expect(violations, formatViolations(violations)).toEqual([]);
}
