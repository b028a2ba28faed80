/**
 * An applied tier review as it is kept: who applied which moves for which quarter, and the earlier
 * revisions it replaced. Applying is resumable: the record is written `applying` first, then each
 * org's tier (with its e-mail, in one transaction), then `applied`; an org whose history already
 * has this quarter's tier is done. The same rows again replay the record (finishing a run a crash
 * cut short); other rows for the same quarter make a new revision that replaces the earlier one.
 */

import type { QueuedMail } from '#shared/email/ports.ts';
import { type Org, type TierEntry, tierAt, withTierEntry } from '#shared/tickets/org.ts';
import { type TierMove, type TierReviewPlan, withoutReview } from './plan-tier-review.ts';

export interface TierReviewRecord extends TierReviewPlan {
  /** 1 for the first application of the quarter's review, then one more for each replacement. */
  readonly revision: number;
  readonly state: 'applying' | 'applied';
  /** Who applied this revision, and when it began. */
  readonly by: string;
  readonly at: number;
  readonly appliedAt?: number | undefined;
  /** The revisions this one replaced, oldest first. */
  readonly replaced: ReadonlyArray<{ readonly revision: number; readonly by: string; readonly at: number; readonly rows: number }>;
}

/** The most replaced revisions a record names (the oldest are dropped beyond). */
const MAX_REPLACED = 20;

/** Whether `plan` is the same input as the record's: the same orgs with the same turnover. */
export function sameRows(record: TierReviewPlan, plan: TierReviewPlan): boolean {
  if (record.moves.length !== plan.moves.length) return false;
  const turnover = new Map(record.moves.map((move) => [move.org, move.turnover]));
  return plan.moves.every((move) => turnover.get(move.org) === move.turnover);
}

/** The record that begins applying `plan`: a resumed run keeps its revision, new rows make the next one. */
export function beginReview(plan: TierReviewPlan, existing: TierReviewRecord | undefined, by: string, now: number): TierReviewRecord {
  if (existing !== undefined && sameRows(existing, plan)) return existing;
  const replaced =
    existing === undefined
      ? []
      : [...existing.replaced, { revision: existing.revision, by: existing.by, at: existing.at, rows: existing.moves.length }].slice(
          -MAX_REPLACED,
        );
  return { ...plan, revision: (existing?.revision ?? 0) + 1, state: 'applying', by, at: now, replaced };
}

/**
 * The org's history with the quarter's review in it, recorded `now`; `undefined` when it is there
 * already (that org is done). Recorded last, the review holds from its quarter's first day over
 * the admin entries recorded before it (the org's creation, a change earlier in the quarter), so
 * the history gives the org the tier its e-mail announces.
 */
export function reviewedTiers(org: Org, move: TierMove, quarter: string, now: number): TierEntry[] | undefined {
  const done = org.tiers.some((entry) => entry.review === quarter && entry.tier === move.to && entry.from === move.start);
  if (done) return undefined;
  const entry: TierEntry = { tier: move.to, from: move.start, recordedAt: now, source: 'review', review: quarter };
  const tiers = withTierEntry(withoutReview(org.tiers, quarter), entry);
  const given = tierAt({ tiers }, move.start);
  if (given !== move.to) throw new Error(`the ${quarter} review of ${org.id} would give ${given}, not ${move.to}`);
  return tiers;
}

export interface TierReviewStore {
  get(policy: string, quarter: string): Promise<TierReviewRecord | undefined>;
  /** The policy's reviews, the latest quarter first. */
  list(policy: string, limit: number): Promise<TierReviewRecord[]>;
  /** Writes the record unless another run got there first (`false`): over `previous`, or as the first. */
  save(record: TierReviewRecord, previous: TierReviewRecord | undefined): Promise<boolean>;
  /** Sets the org's tiers and queues its mail in one transaction; `false` if the org changed since it was read. */
  setTiers(org: Org, tiers: readonly TierEntry[], mail: QueuedMail | undefined): Promise<boolean>;
}
