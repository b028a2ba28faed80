/**
 * Quarters as people name them (`2027-Q2`), and where one starts: local midnight of its first
 * day in a zone (an org in New York starts Q2 six hours after one in Berlin).
 */

import type { Zone } from '#shared/calendar/zone.ts';
import { LocalClock } from '#shared/oncall/local-time.ts';

export const QUARTER_HINT = 'expected a quarter like "2027-Q2"';
const QUARTER = /^(\d{4})-Q([1-4])$/;

export interface Quarter {
  readonly year: number;
  /** 1 to 4. */
  readonly index: number;
}

export function parseQuarter(text: string): Quarter | undefined {
  const match = QUARTER.exec(text);
  return match === null ? undefined : { year: Number(match[1]), index: Number(match[2]) };
}

export function formatQuarter(quarter: Quarter): string {
  return `${quarter.year}-Q${quarter.index}`;
}

export function nextQuarter({ year, index }: Quarter): Quarter {
  return index === 4 ? { year: year + 1, index: 1 } : { year, index: index + 1 };
}

/** The instant the quarter starts in `zone`: 00:00 local time on its first day. */
export function quarterStart(quarter: Quarter, zone: Zone): number {
  return LocalClock.forZone(zone).firstReaching(Date.UTC(quarter.year, (quarter.index - 1) * 3, 1));
}

/** The quarter that `instant` falls in, in `zone`. */
export function quarterAt(instant: number, zone: Zone): Quarter {
  const wall = new Date(LocalClock.forZone(zone).wallTime(instant));
  return { year: wall.getUTCFullYear(), index: Math.floor(wall.getUTCMonth() / 3) + 1 };
}

/** `2027-Q2` → "1 April 2027", the first day in words (for mail). */
export function firstDayInWords(quarter: Quarter): string {
  const month = new Date(Date.UTC(quarter.year, (quarter.index - 1) * 3, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
  return `1 ${month} ${quarter.year}`;
}
