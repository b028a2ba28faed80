/**
 * The policy's billing terms, validated with the path of every bad field. Per tier: `included`
 * time per period with an optional roll-over, `overage` terms for time beyond it, or `paid` terms
 * for tiers without a plan (every minute billed per ticket). At the policy level, `billing`: the
 * currency every rate shares and the ticket categories whose time is never billed.
 *
 * Durations become whole minutes and money becomes integer minor units (money.ts) at parse. What
 * they parse to, and the rules between fields, are in billing-terms.ts (free of zod).
 */

import * as z from 'zod';
import { DURATION_HINT, MINUTE_MS, parseDuration } from '#shared/time/duration.ts';
import { type Included, MAX_RATE, PERIOD_KINDS, type RateTerms, ROUNDINGS } from './billing-terms.ts';
import { isCurrency, type Money, toMinorUnits } from './money.ts';

export const currencySchema = z
  .string()
  .refine(isCurrency, { error: (issue) => `expected an ISO 4217 currency code like EUR, got ${JSON.stringify(issue.input)}` });

/** `{ amount: 75, currency: EUR }` as written → `{ amount: 7500, currency: 'EUR' }`; errors name `amount`. */
export const moneySchema = z
  .strictObject({ amount: z.union([z.number(), z.string()], { error: 'expected an amount like 75 or 75.00' }), currency: currencySchema })
  .transform((money, ctx): Money => {
    const converted = toMinorUnits(money.amount, money.currency);
    if ('error' in converted) {
      ctx.issues.push({ code: 'custom', message: converted.error, path: ['amount'], input: money.amount });
      return z.NEVER;
    }
    return { amount: converted.minor, currency: money.currency };
  });

/** The longest included time, carry or increment a policy may state: a year of minutes. */
const MAX_MINUTES = 366 * 24 * 60;

/** A duration string (`"4h"`, `"15m"`) as whole minutes, from `min` up to a year. */
const minutes = (min: number) =>
  z.string({ error: DURATION_HINT }).transform((text, ctx) => {
    const ms = parseDuration(text);
    const value = ms === undefined ? undefined : ms / MINUTE_MS;
    if (value === undefined || value < min || value > MAX_MINUTES) {
      const range = min === 0 ? 'up to a year' : `from ${min}m up to a year`;
      ctx.issues.push({ code: 'custom', message: `${DURATION_HINT} (${range}), got "${text}"`, input: text });
      return z.NEVER;
    }
    return value;
  });

const rateSchema = moneySchema.refine((rate) => rate.amount <= MAX_RATE, {
  error: `at most ${MAX_RATE} minor units an hour`,
  path: ['amount'],
});

/** An hourly rate, the increment billed time is counted in, and how it is rounded to it. */
const rateTermsSchema = z
  .strictObject({ rate: rateSchema, increment: minutes(1), rounding: z.enum(ROUNDINGS) })
  .transform(({ rate, increment, rounding }): RateTerms => ({ rate, incrementMinutes: increment, rounding }));

const includedSchema = z
  .strictObject({
    time: minutes(0),
    per: z.enum(PERIOD_KINDS),
    /** `none` (the default): unused time lapses; `{ carry }`: unused included time moves to the next period, up to `carry`. */
    rollover: z.union([z.literal('none'), z.strictObject({ carry: minutes(1) })]).default('none'),
  })
  .transform(({ time, per, rollover }): Included => ({ minutes: time, per, carryMinutes: rollover === 'none' ? 0 : rollover.carry }));

/** The fields a tier gains (spread into the tier schema). */
export const tierBillingFields = {
  included: includedSchema.optional(),
  overage: rateTermsSchema.optional(),
  paid: rateTermsSchema.optional(),
};

const MAX_FREE_CATEGORIES = 100;

export const billingSchema = z.strictObject({
  /** The currency of every rate and statement; by default the rates' own (which must agree). */
  currency: currencySchema.optional(),
  /** Ticket categories (from `tickets.categories`) whose time is never billable: Kolmisoft's bugs. */
  freeCategories: z.array(z.string()).max(MAX_FREE_CATEGORIES).default([]),
});
