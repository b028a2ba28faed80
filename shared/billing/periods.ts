/**
 * Billing periods: a month (`2027-01`), a quarter (`2027-Q1`) or a year (`2027`), each from local
 * midnight of its first day to local midnight of the next period's first day, in the org's zone.
 * Midnight is found through `LocalClock` (the zone's offsets), so a period that spans a DST change
 * is an hour shorter or longer in UTC and still starts and ends at local midnight. A midnight the
 * zone skips starts the period at the change itself.
 */

import type { Zone } from '#shared/calendar/zone.ts';
import { DomainError } from '#shared/domain-error.ts';
import { LocalClock } from '#shared/oncall/local-time.ts';
import type { PeriodKind } from './billing-terms.ts';

export interface Period {
  /** `2027-01`, `2027-Q1` or `2027`. */
  readonly id: string;
  readonly kind: PeriodKind;
  readonly year: number;
  /** The first month of the period, 1–12. */
  readonly firstMonth: number;
}

export interface PeriodBounds {
  /** Local midnight of the period's first day (ms). */
  readonly start: number;
  /** Local midnight of the next period's first day: the period is `[start, end)`. */
  readonly end: number;
}

const MONTHS: Readonly<Record<PeriodKind, number>> = { month: 1, quarter: 3, year: 12 };

const PERIOD = /^(\d{4})(?:-(\d{2})|-Q([1-4]))?$/;
const FIRST_YEAR = 1970;

function period(kind: PeriodKind, year: number, firstMonth: number): Period {
  const id =
    kind === 'year'
      ? String(year)
      : kind === 'quarter'
        ? `${year}-Q${(firstMonth - 1) / 3 + 1}`
        : `${year}-${String(firstMonth).padStart(2, '0')}`;
  return { id, kind, year, firstMonth };
}

/** `2027-01`, `2027-Q1` or `2027` → its period; a `bad_request` naming the forms otherwise. */
export function parsePeriod(text: string): Period {
  const match = PERIOD.exec(text);
  const year = Number(match?.[1]);
  const month = match?.[2] === undefined ? undefined : Number(match[2]);
  if (match === null || year < FIRST_YEAR || (month !== undefined && (month < 1 || month > 12))) {
    const message = `expected a month like 2027-01, a quarter like 2027-Q1 or a year like 2027 (from ${FIRST_YEAR}), got "${text.slice(0, 40)}"`;
    throw new DomainError('bad_request', `period: ${message}`, [{ path: 'period', message }]);
  }
  if (month !== undefined) return period('month', year, month);
  if (match[3] !== undefined) return period('quarter', year, (Number(match[3]) - 1) * 3 + 1);
  return period('year', year, 1);
}

/** The period of kind `kind` that holds `instant`, in `zone`. */
export function periodOf(instant: number, kind: PeriodKind, zone: Zone): Period {
  const local = new Date(LocalClock.forZone(zone).wallTime(instant));
  const span = MONTHS[kind];
  return period(kind, local.getUTCFullYear(), Math.floor(local.getUTCMonth() / span) * span + 1);
}

/** When the period starts and ends, in `zone`. */
export function periodBounds(of: Period, zone: Zone): PeriodBounds {
  const clock = LocalClock.forZone(zone);
  return {
    start: clock.firstReaching(Date.UTC(of.year, of.firstMonth - 1, 1)),
    end: clock.firstReaching(Date.UTC(of.year, of.firstMonth - 1 + MONTHS[of.kind], 1)),
  };
}
