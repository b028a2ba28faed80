/**
 * What one period's time entries bill, given the period's terms: the pool (included time plus
 * what was carried in) and its overage, paid tickets, and what carries out. Each entry counts by
 * its ticket's tier (the snapshot taken when the ticket opened):
 * - not billable (a free category, or marked so): `nonBillableMinutes`;
 * - a tier with `paid` terms: billed per ticket, the increment applied to each ticket's minutes;
 * - a tier with `included` time: counted against the period's pool (`usedMinutes`);
 * - a tier with neither, or one the policy no longer has: covered by the plan (`coveredMinutes`).
 * The pool and its overage terms are those of the org's tier for the period. When that tier has
 * no included time (the org moved to a tier without a plan), the pool is empty and each ticket's
 * minutes are billed at its own tier's overage terms. Overage without terms is counted, not billed.
 */

import type { Policy } from '#shared/policy/policy.ts';
import { formatDuration, MINUTE_MS } from '#shared/time/duration.ts';
import { priceOf, roundToIncrement } from './billed-time.ts';
import type { RateTerms, TierBilling } from './billing-terms.ts';
import type { TimeEntryRevision } from './time-entry.ts';

/** The org's terms for one period. */
export interface PeriodTerms {
  readonly tier: string;
  readonly billing: TierBilling;
  readonly carriedInMinutes: number;
}

/** A line a period bills, before it is shown: `minutes` are billed minutes (after the increment rule). */
export interface BilledLine {
  readonly kind: 'overage' | 'paid';
  readonly description: string;
  readonly terms: RateTerms;
  readonly minutes: number;
  readonly amount: number;
  readonly caseId?: number;
}

/** A period's minutes, as a statement shows them. */
export interface UsageMinutes {
  readonly includedMinutes: number;
  readonly carriedInMinutes: number;
  /** Billable minutes counted against the pool (included + carried in). */
  readonly usedMinutes: number;
  /** Billable minutes on paid tickets (billed per ticket). */
  readonly paidMinutes: number;
  /** Billable minutes on tickets whose plan covers them (no billing terms). */
  readonly coveredMinutes: number;
  readonly nonBillableMinutes: number;
  /** Pool minutes beyond included + carried in. */
  readonly overageMinutes: number;
  /** Overage minutes as billed, after the increment rule. */
  readonly billedOverageMinutes: number;
  readonly carriedOutMinutes: number;
}

export interface PeriodBill extends UsageMinutes {
  /** By key: `overage:<tier>` or `paid:<caseId>`, so two states of a period can be compared line by line. */
  readonly lines: ReadonlyMap<string, BilledLine>;
}

const NO_TERMS: TierBilling = {};

function billed(kind: BilledLine['kind'], description: string, terms: RateTerms, minutes: number, caseId?: number): BilledLine {
  const rounded = roundToIncrement(minutes, terms.incrementMinutes, terms.rounding);
  return {
    kind,
    description,
    terms,
    minutes: rounded,
    amount: priceOf(rounded, terms.rate.amount),
    ...(caseId !== undefined && { caseId }),
  };
}

/** Bills `entries` (the current entries whose work falls in the period) under `terms`. */
export function billPeriod(policy: Policy, terms: PeriodTerms, entries: readonly TimeEntryRevision[]): PeriodBill {
  const tierBilling = (tier: string) => (policy.tiers.includes(tier) ? policy.billingOf(tier) : NO_TERMS);
  let nonBillable = 0;
  let covered = 0;
  const paid = new Map<number, { tier: string; terms: RateTerms; minutes: number }>();
  const pool = new Map<string, number>();
  for (const entry of entries) {
    const ticketTerms = tierBilling(entry.tier);
    if (!entry.billable) nonBillable += entry.minutes;
    else if (ticketTerms.paid !== undefined) {
      const ticket = paid.get(entry.caseId) ?? { tier: entry.tier, terms: ticketTerms.paid, minutes: 0 };
      paid.set(entry.caseId, { ...ticket, minutes: ticket.minutes + entry.minutes });
    } else if (ticketTerms.included !== undefined) pool.set(entry.tier, (pool.get(entry.tier) ?? 0) + entry.minutes);
    else covered += entry.minutes;
  }

  const lines = new Map<string, BilledLine>();
  const used = [...pool.values()].reduce((sum, minutes) => sum + minutes, 0);
  const included = terms.billing.included;
  const carriedIn = included === undefined ? 0 : terms.carriedInMinutes;
  const includedMinutes = included?.minutes ?? 0;
  const overage = Math.max(0, used - includedMinutes - carriedIn);
  if (included !== undefined) {
    const overageTerms = terms.billing.overage;
    if (overage > 0 && overageTerms !== undefined) {
      const description = `Support beyond the ${formatDuration(includedMinutes * MINUTE_MS)} included (${terms.tier})`;
      lines.set(`overage:${terms.tier}`, billed('overage', description, overageTerms, overage));
    }
  } else {
    for (const [tier, minutes] of pool) {
      const overageTerms = tierBilling(tier).overage;
      if (overageTerms === undefined) continue;
      const description = `Support on ${tier} tickets, no included time under ${terms.tier}`;
      lines.set(`overage:${tier}`, billed('overage', description, overageTerms, minutes));
    }
  }
  for (const [caseId, ticket] of [...paid].sort(([a], [b]) => a - b)) {
    lines.set(`paid:${caseId}`, billed('paid', `Paid support, case #${caseId} (${ticket.tier})`, ticket.terms, ticket.minutes, caseId));
  }

  const ownUsed = Math.max(0, used - carriedIn);
  const carriedOut = Math.min(included?.carryMinutes ?? 0, Math.max(0, includedMinutes - ownUsed));
  let paidMinutes = 0;
  for (const ticket of paid.values()) paidMinutes += ticket.minutes;
  let billedOverage = 0;
  for (const line of lines.values()) if (line.kind === 'overage') billedOverage += line.minutes;
  return {
    includedMinutes,
    carriedInMinutes: carriedIn,
    usedMinutes: used,
    paidMinutes,
    coveredMinutes: covered,
    nonBillableMinutes: nonBillable,
    overageMinutes: overage,
    billedOverageMinutes: billedOverage,
    carriedOutMinutes: carriedOut,
    lines,
  };
}
