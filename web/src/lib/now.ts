/**
 * One clock for every countdown on the page: a signal that ticks once a second, so a view bound
 * to it re-renders only the text that depends on the time. Tests drive it with Playwright's
 * browser clock (`page.clock`), which replaces `Date` and `setInterval`.
 */

import { batch, signal } from '@preact/signals';

export const now = signal(Date.now());
/** Counts the ticks: it moves every second even while a test holds `Date` still. */
export const tick = signal(0);

/** Views out of sight need not redraw every second: `turns[i]` moves on every `TURNS`th tick, in turn. */
export const TURNS = 10;
export const turns = Array.from({ length: TURNS }, () => signal(0));

let ticking: ReturnType<typeof setInterval> | undefined;

/** Starts the tick (idempotent). */
export function startTicking(): void {
  if (ticking !== undefined) return;
  ticking = setInterval(() => {
    batch(() => {
      now.value = Date.now();
      tick.value++;
      (turns[tick.value % TURNS] as (typeof turns)[number]).value++;
    });
  }, 1000);
}
