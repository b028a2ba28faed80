/**
 * The calendar file format, validated with zod. Used alone by the CLI and inside policies, so by
 * authoring code (the CLI, the preset compiler) and never at run time in a Lambda:
 *
 *   timezone: Europe/Berlin          # or  utcOffset: "+02:00"
 *   hours: { mon: ["08:30-17:00"], fri: ["08:30-12:00", "13:00-16:00"], sat: ["22:00-06:00"] }
 *   holidays: { country: DE, region: NI, types: [public], dates: ["2026-12-24"], exclude: [] }
 */

import * as z from 'zod';
import { parseInterval, WEEKDAYS, type Weekday } from './calendar-spec.ts';
import { dayNumberOf, holidayRules } from './holidays.ts';
import { isIanaTimeZone, parseUtcOffset } from './zone.ts';

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
