/**
 * A calendar spec as the service uses it (validated by `calendar-schema.ts`, which authoring code
 * and the preset compiler run): the weekdays, opening intervals and the built-in 24x7 calendar.
 * No zod here, so Lambda bundles can build calendars without the file format's schema.
 */

import type { z } from 'zod';
import type { calendarSpecSchema } from './calendar-schema.ts';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const INTERVAL = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/;

/** `"08:30-17:00"` → `[510, 1020]` in minutes; the end may be `24:00`, or at/before the start (crosses midnight). */
export function parseInterval(text: string): [number, number] | string {
  const match = INTERVAL.exec(text);
  if (match === null) return `expected an interval like "08:30-17:00", got "${text}"`;
  const [, h1, m1, h2, m2] = match.map(Number) as [number, number, number, number, number];
  for (const [h, m] of [
    [h1, m1],
    [h2, m2],
  ] as const) {
    if (m > 59 || h > 24 || (h === 24 && m > 0)) {
      return `"${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}" is not a time of day (00:00 to 24:00)`;
    }
  }
  const start = h1 * 60 + m1;
  const end = h2 * 60 + m2;
  if (start === 24 * 60) return `an interval cannot start at 24:00 ("${text}")`;
  if (start === end) return `"${text}" is empty; write "00:00-24:00" for a whole day`;
  return [start, end];
}

export type CalendarSpec = z.infer<typeof calendarSpecSchema>;

/** A calendar open every minute of every day, in UTC. */
export const ALWAYS_OPEN: CalendarSpec = {
  timezone: 'UTC',
  hours: Object.fromEntries(WEEKDAYS.map((day) => [day, ['00:00-24:00']])) as CalendarSpec['hours'],
};
