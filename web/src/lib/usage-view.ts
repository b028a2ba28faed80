/**
 * What the usage page says about a statement the API computed: money written from integer minor
 * units, the bar of included against used minutes (with what went over), the periods one may
 * pick (the current one and those before it, never a future one), and the statement's status.
 * No amount is computed here: the page only formats the integers the API gives.
 */

import { formatInstant } from './format.ts';
import { formatMinutes } from './time-view.ts';

/** The digits after the decimal point of a currency (2 for EUR, 0 for JPY), as `Intl` knows them. */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * `€75.00` from `7500` EUR in en-GB: the integer is written out as an exact decimal string
 * (`"75.00"`) and given to `Intl.NumberFormat` as such, so no division ever makes a float.
 */
export function formatMoney(minor: number, currency: string, locale?: string): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`an amount in minor units must be an integer, not ${minor}`);
  const digits = minorDigits(currency);
  const digitsOf = String(Math.abs(minor)).padStart(digits + 1, '0');
  const whole = digitsOf.slice(0, digitsOf.length - digits);
  const decimal = digits === 0 ? whole : `${whole}.${digitsOf.slice(-digits)}`;
  const exact = `${minor < 0 ? '-' : ''}${decimal}` as `${number}`;
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(exact);
}

/**
 * A line's quantity: its hours as the API gives them (at most 4 decimals: `1.25`, `0.5`, `12`),
 * with the exact minutes beside them when the hours are rounded (`0.3333 (20 min)`): the amount is
 * computed from the minutes.
 */
export function lineQuantity(line: { readonly quantity: number; readonly minutes: number }, locale?: string): string {
  const hours = formatHours(line.quantity, locale);
  return line.quantity * 60 === line.minutes ? hours : `${hours} (${line.minutes} min)`;
}

/** A quantity of hours as the API gives it (at most 4 decimals): `1.25`, `0.5`, `12`. */
export function formatHours(hours: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(hours);
}

export interface UsageBar {
  /** Widths in percent of the whole bar: the included pool, the part of it used, and the use beyond it. */
  readonly pool: number;
  readonly usedWithin: number;
  readonly over: number;
  /** The same in words, for everyone (the bar itself is decoration). */
  readonly text: string;
}

/**
 * The bar of a statement: its length is the larger of the pool (included plus carried in) and the
 * minutes used, so use beyond the pool shows as a segment past the pool's end.
 */
export function usageBar(s: { includedMinutes: number; carriedInMinutes: number; usedMinutes: number }): UsageBar {
  const pool = s.includedMinutes + s.carriedInMinutes;
  const used = s.usedMinutes;
  const scale = Math.max(pool, used);
  const share = (minutes: number) => (scale === 0 ? 0 : (minutes / scale) * 100);
  const over = Math.max(0, used - pool);
  const poolText =
    s.carriedInMinutes > 0
      ? `${formatMinutes(pool)} included (${formatMinutes(s.carriedInMinutes)} carried in)`
      : `${formatMinutes(pool)} included`;
  let text: string;
  if (pool === 0) text = used === 0 ? 'No time included and none used.' : `${formatMinutes(used)} used, none included: all of it over.`;
  // Floored, so 79.9 % never reads as 80 %.
  else if (over === 0) text = `${formatMinutes(used)} used of ${poolText} (${Math.floor((used * 100) / pool)} %).`;
  else text = `${formatMinutes(used)} used of ${poolText}: ${formatMinutes(over)} over.`;
  return { pool: share(pool), usedWithin: share(Math.min(used, pool)), over: share(over), text };
}

export type PeriodKind = 'month' | 'quarter' | 'year';

/** Which form a period id has: `2027-01` a month, `2027-Q1` a quarter, `2027` a year. */
export function periodKind(id: string): PeriodKind {
  if (/^\d{4}$/.test(id)) return 'year';
  if (/^\d{4}-Q[1-4]$/.test(id)) return 'quarter';
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(id)) return 'month';
  throw new RangeError(`not a period: ${id}`);
}

/** The period before `id`, of the same form. */
export function previousPeriod(id: string): string {
  const year = Number(id.slice(0, 4));
  switch (periodKind(id)) {
    case 'year':
      return String(year - 1);
    case 'quarter': {
      const q = Number(id.slice(6));
      return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
    }
    case 'month': {
      const m = Number(id.slice(5));
      return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
    }
  }
}

/** How many periods back the picker offers: two years of months or quarters, five years. */
const PERIODS_BACK: Record<PeriodKind, number> = { month: 24, quarter: 8, year: 5 };

/**
 * The periods one may pick: the current one (the API's statement without `?period`) first, then
 * those before it; a future period is never offered. Older ones than the organisation's first
 * the API refuses, and the page says so.
 */
export function pickablePeriods(current: string): string[] {
  const periods = [current];
  const count = PERIODS_BACK[periodKind(current)];
  while (periods.length < count) periods.push(previousPeriod(periods[periods.length - 1] as string));
  return periods;
}

const QUARTER_MONTHS = ['Jan–Mar', 'Apr–Jun', 'Jul–Sep', 'Oct–Dec'];

/** `January 2027`, `2027 Q1 (Jan–Mar)`, `2027`. */
export function periodLabel(id: string, locale?: string): string {
  switch (periodKind(id)) {
    case 'year':
      return id;
    case 'quarter':
      return `${id.slice(0, 4)} ${id.slice(5)} (${QUARTER_MONTHS[Number(id.slice(6)) - 1]})`;
    case 'month': {
      // Noon UTC on the 15th: the same month in every zone.
      const middle = Date.UTC(Number(id.slice(0, 4)), Number(id.slice(5)) - 1, 15, 12);
      return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(middle);
    }
  }
}

/** "Provisional until …" for the open period (its end, in the organisation's zone), "Closed on …" after it. */
export function statusText(s: { status: 'open' | 'closed'; end: string | number; zone: string }, locale?: string): string {
  const end = formatInstant(s.end, s.zone, locale);
  return s.status === 'open'
    ? `Provisional until ${end}: time logged until then still counts.`
    : `Closed on ${end}; issued, it does not change.`;
}

/** `usage-tiered-demo-2027-01.csv`. */
export function csvFileName(org: string, period: string): string {
  return `usage-${org}-${period}.csv`;
}
