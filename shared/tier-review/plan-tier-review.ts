/**
 * A quarter's tier review, decided: for each organisation with a turnover row, the tier its
 * turnover earns under the policy's thresholds (never lower than before when downgrades are off),
 * from the quarter's first day in the org's zone. Pure: the caller reads the orgs and applies it.
 *
 * An org of the policy without a row is not reviewed: it keeps its tier, and the plan lists it
 * under `missing` so the admin sees it in the dry run (no row is not the same as no turnover).
 */

import { formatMinorUnits } from '#shared/billing/money.ts';
import { periodBounds } from '#shared/billing/periods.ts';
import { DomainError, type FieldError } from '#shared/domain-error.ts';
import type { Policy } from '#shared/policy/policy.ts';
import { type Org, type TierEntry, tierAt } from '#shared/tickets/org.ts';
import { reviewQuarter } from './quarter.ts';
import type { TierReviewSpec } from './tier-review-schema.ts';

/** The most turnover rows one review takes (its record, with every move, stays well under an item's 400 KB). */
export const MAX_TURNOVER_ROWS = 1000;

export interface TurnoverRow {
  readonly org: string;
  /** Integer minor units of the review's currency. */
  readonly amount: number;
}

export interface TierMove {
  readonly org: string;
  /** The tier before the quarter (this quarter's earlier review aside). */
  readonly from: string;
  readonly to: string;
  readonly turnover: number;
  readonly reason: string;
  /** When the tier applies: the quarter's first day, 00:00 in the org's zone. */
  readonly start: number;
}

export interface TierReviewPlan {
  readonly policy: string;
  readonly quarter: string;
  readonly currency: string;
  readonly moves: readonly TierMove[];
  /** Orgs of the policy without a row: not reviewed, their tier unchanged. */
  readonly missing: ReadonlyArray<{ readonly org: string; readonly tier: string }>;
}

export interface TierReviewInput {
  readonly policy: Policy;
  readonly quarter: string;
  /** Every org the rows may name (the caller's read of the organisations; other policies' are refused). */
  readonly orgs: readonly Org[];
  readonly turnover: readonly TurnoverRow[];
  /** What a row is called in errors: `turnover[3]` for JSON, `row 4` for a CSV upload. */
  readonly rowPath?: (index: number, field: 'org' | 'amount') => string;
}

export function tierReviewSpec(policy: Policy): TierReviewSpec {
  const spec = policy.spec.tierReview;
  if (spec === undefined) {
    throw new DomainError('validation_failed', `policy ${policy.id} has no tier review`, [
      { path: 'policy', message: `policy ${policy.id} declares no "tierReview"` },
    ]);
  }
  return spec;
}

export function planTierReview(input: TierReviewInput): TierReviewPlan {
  const { policy } = input;
  const spec = tierReviewSpec(policy);
  const quarter = reviewQuarter(input.quarter);
  const path = input.rowPath ?? ((i, field) => `turnover[${i}].${field}`);
  const byId = new Map(input.orgs.map((org) => [org.id, org]));
  const errors: FieldError[] = [];
  if (input.turnover.length > MAX_TURNOVER_ROWS) {
    errors.push({ path: 'turnover', message: `at most ${MAX_TURNOVER_ROWS} rows, got ${input.turnover.length}` });
  }
  const seen = new Map<string, number>();
  input.turnover.forEach((row, i) => {
    const org = byId.get(row.org);
    if (org === undefined) errors.push({ path: path(i, 'org'), message: `no organisation "${row.org}"` });
    else if (org.policy !== policy.id) {
      errors.push({ path: path(i, 'org'), message: `organisation "${row.org}" is under policy ${org.policy}, not ${policy.id}` });
    }
    const first = seen.get(row.org);
    if (first !== undefined) errors.push({ path: path(i, 'org'), message: `"${row.org}" has a row already (${path(first, 'org')})` });
    else seen.set(row.org, i);
    if (!Number.isSafeInteger(row.amount) || row.amount < 0) {
      errors.push({ path: path(i, 'amount'), message: 'expected a turnover of 0 or more, in whole minor units' });
    }
  });
  if (errors.length > 0) throw new DomainError('bad_request', 'the turnover does not fit the review', errors);

  const moves = input.turnover.map((row): TierMove => {
    const org = byId.get(row.org) as Org;
    const { start } = periodBounds(quarter, policy.zone(org.region));
    const from = tierAt({ tiers: withoutReview(org.tiers, input.quarter) }, start);
    return { org: org.id, from, turnover: row.amount, start, ...decide(spec, policy.tiers, from, row.amount) };
  });
  const missing = input.orgs
    .filter((org) => org.policy === policy.id && !seen.has(org.id))
    .map((org) => ({ org: org.id, tier: tierAt(org, periodBounds(quarter, policy.zone(org.region)).start) }));
  return { policy: policy.id, quarter: input.quarter, currency: spec.currency, moves, missing };
}

/** The history without the entries an earlier run of this quarter's review added. */
export function withoutReview(tiers: readonly TierEntry[], quarter: string): TierEntry[] {
  const kept = tiers.filter((entry) => entry.review !== quarter);
  return kept.length > 0 ? kept : [...tiers];
}

/** The tier a turnover earns (tiers ranked best first), kept at `from` when that would lower it and downgrades are off. */
function decide(spec: TierReviewSpec, ranked: readonly string[], from: string, turnover: number): { to: string; reason: string } {
  const money = (amount: number) => `${formatMinorUnits(amount, spec.currency)} ${spec.currency}`;
  const thresholds = Object.entries(spec.thresholds).sort(([a], [b]) => ranked.indexOf(a) - ranked.indexOf(b));
  const reached = thresholds.find(([, least]) => turnover >= least);
  const earned = reached?.[0] ?? spec.otherwise;
  const why =
    reached === undefined
      ? `turnover ${money(turnover)} is below every threshold (the lowest, ${thresholds.at(-1)?.[0]}, is ${money(thresholds.at(-1)?.[1] ?? 0)})`
      : `turnover ${money(turnover)} reaches the ${earned} threshold of ${money(reached[1])}`;
  // A tier the policy does not rank (the org came from another policy) is never kept.
  const rank = ranked.indexOf(from);
  if (!spec.downgrades && rank >= 0 && ranked.indexOf(earned) > rank) {
    return { to: from, reason: `${why}, which would mean ${earned}; the policy never lowers a tier, so it stays ${from}` };
  }
  return { to: earned, reason: why };
}
