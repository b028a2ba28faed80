/**
 * The policy's billing terms, validated with the path of every bad field. Per tier: `included`
 * time per period with an optional roll-over, `overage` terms for time beyond it, or `paid` terms
 * for tiers without a plan (every minute billed per ticket). At the policy level, `billing`: the
 * currency every rate shares and the ticket categories whose time is never billed.
 *
 * Durations become whole minutes and money becomes integer minor units (money.ts) at parse.
 */

import * as z from 'zod';
import { DURATION_HINT, MINUTE_MS, parseDuration } from '#shared/time/duration.ts';
import { currencySchema, type Money, moneySchema } from './money.ts';

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

export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** How billed time is rounded to the increment: `up` (never less than used) or `nearest` (halves up). */
export const ROUNDINGS = ['up', 'nearest'] as const;
export type Rounding = (typeof ROUNDINGS)[number];

/** An hourly rate, the increment billed time is counted in, and how it is rounded to it. */
const rateTermsSchema = z
  .strictObject({ rate: moneySchema, increment: minutes(1), rounding: z.enum(ROUNDINGS) })
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

export interface RateTerms {
  /** Per hour, in minor units. */
  readonly rate: Money;
  readonly incrementMinutes: number;
  readonly rounding: Rounding;
}

export interface Included {
  readonly minutes: number;
  readonly per: PeriodKind;
  /** The most unused included minutes carried into the next period; 0: none. */
  readonly carryMinutes: number;
}

export interface TierBilling {
  readonly included?: Included | undefined;
  readonly overage?: RateTerms | undefined;
  readonly paid?: RateTerms | undefined;
}

type Path = Array<string | number>;

/** What the billing checks read of a parsed policy. */
interface BillingView {
  readonly tiers: Readonly<Record<string, TierBilling>>;
  readonly billing?: { readonly currency?: string | undefined; readonly freeCategories: readonly string[] } | undefined;
  readonly tickets?: { readonly categories?: readonly string[] | undefined } | undefined;
}

/** The rates of a policy with their paths, in the order written. */
function rates(policy: BillingView): Array<{ path: Path; currency: string }> {
  return Object.entries(policy.tiers).flatMap(([name, tier]) =>
    (['overage', 'paid'] as const).flatMap((kind) => {
      const terms = tier[kind];
      return terms === undefined ? [] : [{ path: ['tiers', name, kind, 'rate', 'currency'], currency: terms.rate.currency }];
    }),
  );
}

/** The currency of a policy's statements: `billing.currency`, else its rates', else "no currency". */
export function policyCurrency(policy: BillingView): string | undefined {
  return policy.billing?.currency ?? rates(policy)[0]?.currency;
}

/** The cross-field rules of the billing terms, each with the path of the field to fix. */
export function billingIssues(policy: BillingView): Array<{ path: Path; message: string }> {
  const issues: Array<{ path: Path; message: string }> = [];
  for (const [name, tier] of Object.entries(policy.tiers)) {
    if (tier.included !== undefined && tier.paid !== undefined) {
      issues.push({ path: ['tiers', name, 'paid'], message: 'a tier has either included time (with overage) or paid terms, not both' });
    }
    if (tier.overage !== undefined && tier.included === undefined) {
      issues.push({ path: ['tiers', name, 'overage'], message: 'overage is time beyond included time: give the tier "included"' });
    }
  }
  const currency = policyCurrency(policy);
  for (const rate of rates(policy)) {
    if (rate.currency !== currency) {
      const source = policy.billing?.currency === undefined ? 'the first rate' : 'billing.currency';
      issues.push({
        path: rate.path,
        message: `all rates of a policy share one currency: ${source} is ${currency}, this is ${rate.currency}`,
      });
    }
  }
  const categories = policy.tickets?.categories;
  policy.billing?.freeCategories.forEach((category, i) => {
    if (categories === undefined) {
      issues.push({ path: ['billing', 'freeCategories', i], message: 'free categories must be declared in tickets.categories' });
    } else if (!categories.includes(category)) {
      issues.push({
        path: ['billing', 'freeCategories', i],
        message: `unknown category "${category}" (tickets.categories: ${categories.join(', ')})`,
      });
    }
  });
  return issues;
}
