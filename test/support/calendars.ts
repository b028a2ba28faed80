/** Calendars used across the calendar tests, as validated specs. */

import { BusinessCalendar } from '#shared/calendar/business-calendar.ts';
import { calendarSpecSchema } from '#shared/calendar/calendar-schema.ts';
import type { CalendarSpec } from '#shared/calendar/calendar-spec.ts';

const weekdays = (interval: string) => ({ mon: [interval], tue: [interval], wed: [interval], thu: [interval], fri: [interval] });

export const SPECS = {
  /** NETCOR: Berlin office hours with Lower Saxony public holidays. */
  berlinNi: { timezone: 'Europe/Berlin', hours: weekdays('08:30-17:00'), holidays: { country: 'DE', region: 'NI' } },
  /** Several intervals a day, a split Saturday and an overnight Sunday shift in New York. */
  newYorkShifts: {
    timezone: 'America/New_York',
    hours: { ...weekdays('08:00-12:00'), thu: ['08:00-12:00', '13:00-20:00'], sat: ['22:00-06:00'], sun: ['00:30-02:30', '23:00-03:00'] },
    holidays: { country: 'US' },
  },
  /** Sydney, southern-hemisphere DST. */
  sydney: { timezone: 'Australia/Sydney', hours: weekdays('08:00-17:00'), holidays: { country: 'AU', region: 'NSW' } },
  /** Hours that straddle the DST change in Berlin. */
  berlinNight: { timezone: 'Europe/Berlin', hours: { sun: ['01:00-04:00'] } },
  /** Kolmisoft: a fixed offset never observes DST. */
  fixedPlus2: { utcOffset: '+02:00', hours: weekdays('09:00-18:00') },
  /** Whole weekdays (tiered). */
  berlinWeekdays: { timezone: 'Europe/Berlin', hours: weekdays('00:00-24:00') },
} satisfies Record<string, unknown>;

export type SpecName = keyof typeof SPECS;

export function spec(name: SpecName): CalendarSpec {
  return calendarSpecSchema.parse(SPECS[name]);
}

export function calendar(name: SpecName): BusinessCalendar {
  return BusinessCalendar.from(spec(name));
}

export const at = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad fixture instant ${iso}`);
  return ms;
};

export const iso = (ms: number | undefined | null): string | undefined | null => (typeof ms === 'number' ? new Date(ms).toISOString() : ms);
