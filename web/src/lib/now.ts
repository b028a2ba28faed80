/**
 * One tick for every countdown on the page: signals that move once a second, so a view bound to
 * them recomputes only what depends on the time, reading the time itself from `Date.now()`.
 * Tests drive it with Playwright's browser clock (`page.clock`), which replaces `Date` and
 * `setInterval`.
 */

import { batch, signal } from '@preact/signals';

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
      tick.value++;
      (turns[tick.value % TURNS] as (typeof turns)[number]).value++;
    });
  }, 1000);
}
