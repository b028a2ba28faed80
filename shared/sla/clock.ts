/**
 * What a deadline's clock measures, and how far it has run at an instant: the figures a countdown
 * shows (target, working time used and left, whether the calendar is open, when it opens or
 * closes next), computed by the engine so no client re-implements a calendar.
 */

import type { BusinessCalendar } from '#shared/calendar/business-calendar.ts';
import { contains, type Period } from '#shared/tickets/ticket-event.ts';
import { betweenActive } from './active-time.ts';

/** A deadline's clock: `target` of working time on `calendar` from `start`, not counting the stopped periods. */
export interface ClockBasis {
  readonly start: number;
  /** Working time, in ms. */
  readonly target: number;
  readonly calendar: BusinessCalendar;
  /** The clock runs every minute of every day (the policy's `24x7`), so it never pauses for closed hours. */
  readonly alwaysOpen: boolean;
  /** Sorted, disjoint; the last may never end (`Infinity`): waiting on the customer, resolved, or met late. */
  readonly stopped: readonly Period[];
}

export interface ClockReading {
  readonly target: number;
  /** Working time run from the start up to the instant, stopped periods left out. */
  readonly used: number;
  /** `target − used`: negative once the clock has overrun. */
  readonly left: number;
  /** The calendar is open at the instant. */
  readonly open: boolean;
  /** When the calendar is closed: its next opening. */
  readonly nextOpening?: number;
  /** When the calendar is open (and not `24x7`): its next closing. */
  readonly closesAt?: number;
  /** The instant lies in a stopped period (waiting on the customer, resolved, or met late). */
  readonly stopped: boolean;
  /** `calendar` for a 24x7 clock, `business` for one that runs on opening hours. */
  readonly basis: 'business' | 'calendar';
  /** The calendar's IANA zone or fixed offset. */
  readonly zone: string;
}

/** How far the clock has run at `now`. */
export function clockAt(basis: ClockBasis, now: number): ClockReading {
  const { calendar, target } = basis;
  const used = betweenActive(calendar, basis.start, now, basis.stopped);
  const open = calendar.isOpen(now);
  // A 24x7 calendar never closes: asking for its next closing would search the whole horizon.
  const closesAt = open && !basis.alwaysOpen ? calendar.nextClose(now) : undefined;
  return {
    target,
    used,
    left: target - used,
    open,
    ...(!open && { nextOpening: calendar.nextOpen(now) }),
    ...(closesAt !== undefined && { closesAt }),
    stopped: contains(basis.stopped, now),
    basis: basis.alwaysOpen ? 'calendar' : 'business',
    zone: calendar.zoneName,
  };
}
