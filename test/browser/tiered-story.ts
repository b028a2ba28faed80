/**
 * What the time and usage browser tests share: tickets of the tiered demo organisation (gold, 4 h
 * a month included), a table's rows as text, and moving to a console address without reloading.
 *
 * Moving without reloading. A test whose page clock is pinned past
 * the real date (a story in 2027) must not reload: the session kept in the tab expires by the
 * real clock, so a reloaded page would find it expired and ask to sign in again. This pushes the
 * address and tells the router (preact-iso follows `popstate`), as the browser's Back does.
 */

import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ConsoleSuite } from '../support/console-tests.ts';

export const TIERED_ORG = 'tiered-demo';

/** A ticket of the tiered demo organisation, opened through the API by its customer; its case id. */
export async function tieredTicket(suite: ConsoleSuite, subject: string): Promise<number> {
  const created = await suite.stack.api(
    '/tickets',
    { method: 'POST', body: JSON.stringify({ subject, description: 'Orders are missing from the export.', severity: 'normal' }) },
    suite.stack.tokens.customers[TIERED_ORG],
  );
  expect(created.status).toBe(201);
  return ((await created.json()) as { caseId: number }).caseId;
}

/** The text of each cell (header cells too) of each body and footer row of a table. */
export async function rowsOf(table: Locator): Promise<string[][]> {
  const rows: string[][] = [];
  for (const row of await table.locator('tbody tr, tfoot tr').all()) rows.push(await row.locator('th, td').allTextContents());
  return rows;
}

export async function goInApp(page: Page, path: string): Promise<void> {
  // After signing in, the app may still be on its way from `/` to the role's start page; moving
  // before it arrives would be undone by that redirect.
  await page.waitForURL((address) => address.pathname !== '/' && address.pathname !== '/sign-in');
  await page.evaluate((to) => {
    // Runs in the page; the tests' types have no DOM.
    const w = globalThis as unknown as { history: { pushState(s: null, t: string, u: string): void }; dispatchEvent(e: unknown): void };
    w.history.pushState(null, '', to);
    w.dispatchEvent(new (globalThis as unknown as { PopStateEvent: new (type: string) => unknown }).PopStateEvent('popstate'));
  }, path);
  await page.waitForURL((address) => `${address.pathname}${address.search}` === path);
}
