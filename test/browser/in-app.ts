/**
 * Moving to a console address without reloading the page. A test whose page clock is pinned past
 * the real date (a story in 2027) must not reload: the session kept in the tab expires by the
 * real clock, so a reloaded page would find it expired and ask to sign in again. This pushes the
 * address and tells the router (preact-iso follows `popstate`), as the browser's Back does.
 */

import type { Page } from 'playwright-core';

export async function goInApp(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    // Runs in the page; the tests' types have no DOM.
    const w = globalThis as unknown as { history: { pushState(s: null, t: string, u: string): void }; dispatchEvent(e: unknown): void };
    w.history.pushState(null, '', to);
    w.dispatchEvent(new (globalThis as unknown as { PopStateEvent: new (type: string) => unknown }).PopStateEvent('popstate'));
  }, path);
}
