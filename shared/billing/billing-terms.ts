/**
 * The policy's billing terms once parsed (entitlement-schema.ts parses them): per tier, included
 * time per period with its roll-over, overage terms, or paid terms; and the cross-field rules
 * between them. Free of zod, so the Lambdas that read a policy's terms don't carry the schema.
 */

import { isCurrency, type Money } from './money.ts';

export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** How billed time is rounded to the increment: `up` (never less than used) or `nearest` (halves up). */
export const ROUNDINGS = ['up', 'nearest'] as const;
export type Rounding = (typeof ROUNDINGS)[number];

/**
 * The highest hourly rate, in minor units (100 000.00 EUR): any ledger's minutes times it stay
 * far inside exact integers (billed-time.ts refuses an amount past them rather than round it).
 */
export const MAX_RATE = 10_000_000;

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
    if (currency !== undefined && isCurrency(currency) && rate.currency !== currency) {
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
