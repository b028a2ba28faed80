/** How tier reviews look on the wire: instants as ISO text, each move saying whether the org moved. */

import { formatMinorUnits } from '#shared/billing/money.ts';
import type { TierReviewPlan } from '#shared/tier-review/plan-tier-review.ts';
import type { TierReviewRecord } from '#shared/tier-review/tier-review.ts';
import { formatInstant } from '#shared/time/instant.ts';

export function tierReviewPlanView(plan: TierReviewPlan) {
  return {
    policy: plan.policy,
    quarter: plan.quarter,
    currency: plan.currency,
    moves: plan.moves.map((move) => ({
      org: move.org,
      from: move.from,
      to: move.to,
      moved: move.from !== move.to,
      turnover: move.turnover,
      /** In major units (`31000.00`), for people. */
      turnoverText: formatMinorUnits(move.turnover, plan.currency),
      reason: move.reason,
      start: formatInstant(move.start),
    })),
    missing: plan.missing.map((org) => ({ org: org.org, tier: org.tier })),
  };
}

/** A dry run: what applying would do, and the revision it would replace (if the quarter was reviewed with other rows). */
export function tierReviewDryRunView(plan: TierReviewPlan, replaces: number | undefined) {
  return { ...tierReviewPlanView(plan), dryRun: true as const, ...(replaces !== undefined && { replaces }) };
}

export function tierReviewView(record: TierReviewRecord) {
  return {
    ...tierReviewPlanView(record),
    dryRun: false as const,
    revision: record.revision,
    state: record.state,
    by: record.by,
    at: formatInstant(record.at),
    ...(record.appliedAt !== undefined && { appliedAt: formatInstant(record.appliedAt) }),
    replaced: record.replaced.map((r) => ({ revision: r.revision, by: r.by, at: formatInstant(r.at), rows: r.rows })),
  };
}
