/**
 * One clock for every countdown on the page: a signal that ticks once a second, so a view bound
 * to it re-renders only the text that depends on the time. Tests drive it with Playwright's
 * browser clock (`page.clock`), which replaces `Date` and `setInterval`.
 */

import { signal } from '@preact/signals';

export const now = signal(Date.now());

let ticking: ReturnType<typeof setInterval> | undefined;

/** Starts the tick (idempotent). */
export function startTicking(): void {
  if (ticking !== undefined) return;
  ticking = setInterval(() => {
    now.value = Date.now();
  }, 1000);
}
