/**
 * Working time on a calendar while a clock runs: the clocks of updates and resolution stop while
 * the ticket waits on the customer or is resolved. Both directions go through the calendar's own
 * `add` and `between`, one running span (between two stopped periods) at a time.
 */

import type { BusinessCalendar } from '#shared/calendar/business-calendar.ts';
import type { Period } from '#shared/tickets/ticket-event.ts';

/**
 * The instant at which `amount` of working time has run on `calendar` from `start`, not counting
 * the stopped periods (sorted, disjoint); `null` when the clock is stopped before then and has not restarted.
 */
export function addActive(calendar: BusinessCalendar, start: number, amount: number, stopped: readonly Period[]): number | null {
  let cursor = start;
  let remaining = amount;
  for (const period of stopped) {
    if (period.end <= cursor) continue;
    if (period.start > cursor) {
      const due = calendar.add(cursor, remaining);
      if (due <= period.start) return due;
      remaining -= calendar.between(cursor, period.start);
    }
    if (period.end === Number.POSITIVE_INFINITY) return null;
    cursor = period.end;
  }
  return calendar.add(cursor, remaining);
}

/** Working time on `calendar` in `[from, to)` outside the stopped periods (sorted, disjoint); 0 when `to` is not after `from`. */
export function betweenActive(calendar: BusinessCalendar, from: number, to: number, stopped: readonly Period[]): number {
  let cursor = from;
  let total = 0;
  for (const period of stopped) {
    if (cursor >= to || period.start >= to) break;
    if (period.end <= cursor) continue;
    if (period.start > cursor) total += calendar.between(cursor, period.start);
    cursor = period.end;
  }
  return cursor < to ? total + calendar.between(cursor, to) : total;
}
