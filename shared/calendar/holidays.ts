/**
 * Closed dates: public holidays by country and optional region, plus dates a calendar lists
 * itself, minus dates it excludes. A date is a local calendar day, kept as a day number (days
 * since 1970-01-01), so it is independent of any offset.
 *
 * The rules behind "public holidays of DE-NI" come from `date-holidays` through `holiday-rules.ts`,
 * which authoring code imports. Compiled calendars (the presets in Lambda bundles) instead list
 * every holiday of their `compiledYears` in `dates` and need no rules at run time.
 */

import { DomainError } from '#shared/domain-error.ts';
import { DAY_MS } from '#shared/time/duration.ts';

export type HolidayType = 'public' | 'bank' | 'school' | 'optional' | 'observance';

export interface HolidaySpec {
  readonly country?: string | undefined;
  readonly region?: string | undefined;
  readonly types?: readonly HolidayType[] | undefined;
  readonly dates?: readonly string[] | undefined;
  readonly exclude?: readonly string[] | undefined;
  /** Written by the preset compiler: `dates` already holds every holiday of these years (inclusive). */
  readonly compiledYears?: readonly [number, number] | undefined;
}

/** Where holiday rules come from (see `holiday-rules.ts`). */
export interface HolidayRules {
  /** A problem with the country or region, or `undefined` when both are known. */
  check(country: string, region: string | undefined): string | undefined;
  /** The holiday day numbers of a year. */
  days(country: string, region: string | undefined, types: readonly HolidayType[]): (year: number) => readonly number[];
}

let rules: HolidayRules | undefined;

export function useHolidayRules(provider: HolidayRules): void {
  rules = provider;
}

export function holidayRules(): HolidayRules | undefined {
  return rules;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `"2026-12-24"` → its day number; `undefined` if it is not a real date. */
export function dayNumberOf(isoDate: string): number | undefined {
  const match = ISO_DATE.exec(isoDate);
  if (match === null) return undefined;
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  const back = new Date(ms);
  if (back.getUTCFullYear() !== Number(y) || back.getUTCMonth() !== Number(m) - 1) return undefined;
  return ms / DAY_MS;
}

/** Produces the closed day numbers of one year; results are memoised per year. */
export function closedDates(spec: HolidaySpec): (year: number) => ReadonlySet<number> {
  const compiled = spec.compiledYears;
  let ruleDays: ((year: number) => readonly number[]) | undefined;
  if (spec.country !== undefined && compiled === undefined) {
    if (rules === undefined) {
      throw new Error(
        `holidays of ${spec.country}${spec.region ? `-${spec.region}` : ''} need rules: import '#shared/calendar/holiday-rules.ts', or compile the calendar`,
      );
    }
    ruleDays = rules.days(spec.country, spec.region, spec.types ?? ['public']);
  }
  const explicit = (spec.dates ?? []).map((d) => dayNumberOf(d) as number);
  const excluded = new Set((spec.exclude ?? []).map((d) => dayNumberOf(d) as number));
  const memo = new Map<number, ReadonlySet<number>>();
  return (year) => {
    const cached = memo.get(year);
    if (cached !== undefined) return cached;
    if (compiled !== undefined && spec.country !== undefined && (year < compiled[0] || year > compiled[1])) {
      throw new DomainError(
        'out_of_range',
        `no holidays for ${year}: this calendar's holidays were compiled for ${compiled[0]}–${compiled[1]} only (npm run compile-presets widens that)`,
      );
    }
    const first = Date.UTC(year, 0, 1) / DAY_MS;
    const last = Date.UTC(year + 1, 0, 1) / DAY_MS;
    const days = new Set<number>(ruleDays?.(year) ?? []);
    for (const day of explicit) if (day >= first && day < last) days.add(day);
    for (const day of excluded) days.delete(day);
    memo.set(year, days);
    return days;
  };
}
