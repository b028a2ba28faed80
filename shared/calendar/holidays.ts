/**
 * Closed dates: public holidays from `date-holidays` (by country and optional region) plus dates a
 * calendar lists itself, minus dates it excludes. A date is a local calendar day, kept as a day
 * number (days since 1970-01-01), so it is independent of any offset.
 */

import Holidays from 'date-holidays';
import { DAY_MS } from '#shared/time/duration.ts';

export type HolidayType = 'public' | 'bank' | 'school' | 'optional' | 'observance';

export interface HolidaySpec {
  readonly country?: string | undefined;
  readonly region?: string | undefined;
  readonly types?: readonly HolidayType[] | undefined;
  readonly dates?: readonly string[] | undefined;
  readonly exclude?: readonly string[] | undefined;
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

/** Whether `date-holidays` knows the country (and region, when given). */
export function checkHolidayRegion(country: string, region?: string): string | undefined {
  const registry = new Holidays();
  const countries = registry.getCountries() as Record<string, string> | undefined;
  if (countries?.[country] === undefined) return `unknown holiday country "${country}" (use an ISO 3166 code like "DE")`;
  if (region === undefined) return undefined;
  const regions = registry.getStates(country) as Record<string, string> | undefined;
  if (regions?.[region] === undefined) {
    const known = Object.keys(regions ?? {}).join(', ');
    return `unknown holiday region "${region}" for ${country}${known ? ` (known: ${known})` : ' (it has no regions)'}`;
  }
  return undefined;
}

/** Produces the closed day numbers of one year; results are memoised per year. */
export function closedDates(spec: HolidaySpec): (year: number) => ReadonlySet<number> {
  const source =
    spec.country === undefined
      ? undefined
      : spec.region === undefined
        ? new Holidays(spec.country)
        : new Holidays(spec.country, spec.region);
  const types = new Set<string>(spec.types ?? ['public']);
  const explicit = (spec.dates ?? []).map((d) => dayNumberOf(d) as number);
  const excluded = new Set((spec.exclude ?? []).map((d) => dayNumberOf(d) as number));
  const memo = new Map<number, ReadonlySet<number>>();
  return (year) => {
    const cached = memo.get(year);
    if (cached !== undefined) return cached;
    const first = Date.UTC(year, 0, 1) / DAY_MS;
    const last = Date.UTC(year + 1, 0, 1) / DAY_MS;
    const days = new Set<number>();
    for (const holiday of source?.getHolidays(year) ?? []) {
      if (!types.has(holiday.type)) continue;
      const start = dayNumberOf(holiday.date.slice(0, 10));
      if (start === undefined) continue;
      const span = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / DAY_MS));
      for (let day = start; day < start + span; day++) days.add(day);
    }
    for (const day of explicit) if (day >= first && day < last) days.add(day);
    for (const day of excluded) days.delete(day);
    memo.set(year, days);
    return days;
  };
}
