/**
 * The calendar file format, validated with zod. Used alone by the CLI and inside policies:
 *
 *   timezone: Europe/Berlin          # or  utcOffset: "+02:00"
 *   hours: { mon: ["08:30-17:00"], fri: ["08:30-12:00", "13:00-16:00"], sat: ["22:00-06:00"] }
 *   holidays: { country: DE, region: NI, types: [public], dates: ["2026-12-24"], exclude: [] }
 */

import * as z from 'zod';
import { dayNumberOf, holidayRules } from './holidays.ts';
import { isIanaTimeZone, parseUtcOffset } from './zone.ts';

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

const interval = z.string().check((ctx) => {
  const parsed = parseInterval(ctx.value);
  if (typeof parsed === 'string') ctx.issues.push({ code: 'custom', message: parsed, input: ctx.value });
});

const isoDate = z.string().check((ctx) => {
  if (dayNumberOf(ctx.value) === undefined) {
    ctx.issues.push({ code: 'custom', message: `expected a date like "2026-12-24", got "${ctx.value}"`, input: ctx.value });
  }
});

const holidayType = z.enum(['public', 'bank', 'school', 'optional', 'observance']);

const holidaysSchema = z
  .strictObject({
    country: z.string().optional(),
    region: z.string().optional(),
    types: z.array(holidayType).optional(),
    dates: z.array(isoDate).optional(),
    exclude: z.array(isoDate).optional(),
    /** Written by the preset compiler (see holidays.ts); not for hand-written calendars. */
    compiledYears: z.tuple([z.number().int(), z.number().int()]).optional(),
  })
  .check((ctx) => {
    const { country, region } = ctx.value;
    if (country === undefined) {
      if (region !== undefined) {
        ctx.issues.push({ code: 'custom', message: 'a holiday region needs a country', path: ['region'], input: region });
      }
      return;
    }
    // Compiled calendars were checked when they were compiled; without rules, nothing can be checked.
    if (ctx.value.compiledYears !== undefined) return;
    const rules = holidayRules();
    if (rules === undefined) {
      ctx.issues.push({
        code: 'custom',
        message: 'holiday rules are not loaded here; compile the calendar',
        path: ['country'],
        input: country,
      });
      return;
    }
    const problem = rules.check(country, region);
    if (problem !== undefined) {
      const path = problem.includes('region') ? ['region'] : ['country'];
      ctx.issues.push({ code: 'custom', message: problem, path, input: ctx.value });
    }
  });

const hoursSchema = z.strictObject(
  Object.fromEntries(WEEKDAYS.map((day) => [day, z.array(interval).optional()])) as Record<
    Weekday,
    z.ZodOptional<z.ZodArray<typeof interval>>
  >,
);

export const calendarSpecSchema = z
  .strictObject({
    timezone: z.string().optional(),
    utcOffset: z.string().optional(),
    hours: hoursSchema,
    holidays: holidaysSchema.optional(),
  })
  .check((ctx) => {
    const { timezone, utcOffset, hours } = ctx.value;
    if ((timezone === undefined) === (utcOffset === undefined)) {
      ctx.issues.push({
        code: 'custom',
        message: 'give exactly one of "timezone" (IANA, like "Europe/Berlin") or "utcOffset" (like "+02:00")',
        path: ['timezone'],
        input: ctx.value,
      });
    } else if (timezone !== undefined && !isIanaTimeZone(timezone)) {
      ctx.issues.push({ code: 'custom', message: `unknown IANA time zone "${timezone}"`, path: ['timezone'], input: timezone });
    } else if (utcOffset !== undefined && parseUtcOffset(utcOffset) === undefined) {
      ctx.issues.push({
        code: 'custom',
        message: `expected a UTC offset like "+02:00" (at most ±14:00), got "${utcOffset}"`,
        path: ['utcOffset'],
        input: utcOffset,
      });
    }
    if (WEEKDAYS.every((day) => (hours[day] ?? []).length === 0)) {
      ctx.issues.push({ code: 'custom', message: 'the calendar is never open: give at least one interval', path: ['hours'], input: hours });
    }
  });

export type CalendarSpec = z.infer<typeof calendarSpecSchema>;

/** A calendar open every minute of every day, in UTC. */
export const ALWAYS_OPEN: CalendarSpec = {
  timezone: 'UTC',
  hours: Object.fromEntries(WEEKDAYS.map((day) => [day, ['00:00-24:00']])) as CalendarSpec['hours'],
};
