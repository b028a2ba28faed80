/** Checks the console's browser tests make of a page: a field's server error, the page's width, axe-core's findings. */

import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { formatViolations, seriousViolations } from './axe.ts';

/** A field's state as assistive technology gets it: its `aria-invalid`, and the text of the error its `aria-describedby` names. */
export async function fieldError(page: Page, field: Locator): Promise<{ invalid: string | null; message: string }> {
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(' ').filter((id) => id.endsWith('-error'));
  const message = ids[0] === undefined ? '' : ((await page.locator(`[id="${ids[0]}"]`).textContent()) ?? '');
  return { invalid: await field.getAttribute('aria-invalid'), message };
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
