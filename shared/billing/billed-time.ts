/**
 * The arithmetic of billed time, in integers only: minutes rounded to a billing increment, an
 * hourly rate applied to minutes, and minutes shown as hours.
 */

import type { Rounding } from './billing-terms.ts';

/**
 * Minutes as billed in `increment`s: `up` bills the next whole increment (never less than used,
 * less than one increment more); `nearest` the nearest one, a half increment rounding up.
 */
export function roundToIncrement(minutes: number, increment: number, rounding: Rounding): number {
  const steps = rounding === 'up' ? Math.ceil(minutes / increment) : Math.floor((2 * minutes + increment) / (2 * increment));
  return steps * increment;
}

/**
 * `minutes × ratePerHour / 60` in minor units, rounded half away from zero (so a credit is exactly
 * the charge it reverses): `round_half_up(|minutes| × rate / 60)` with the sign of `minutes`,
 * computed in BigInt so no product loses precision; an amount past 2^53 is a RangeError, never a
 * rounded float.
 */
export function priceOf(minutes: number, ratePerHour: number): number {
  const product = BigInt(Math.abs(minutes)) * BigInt(ratePerHour);
  const amount = Number((product * 2n + 60n) / 120n);
  if (!Number.isSafeInteger(amount)) throw new RangeError(`${minutes} minutes at ${ratePerHour} an hour is past exact integers`);
  return minutes < 0 ? -amount : amount;
}

/** Minutes as hours with at most four decimals (`90` → `1.5`, `20` → `0.3333`). */
export function hoursOf(minutes: number): number {
  const hours = Math.round((Math.abs(minutes) * 10_000) / 60) / 10_000;
  return minutes < 0 ? -hours : hours;
}
