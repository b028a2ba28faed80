/**
 * The quarterly reminder to run a policy's tier review: its recurring schedule fires this at the
 * start of each quarter (shared/tier-review/reminder-schedule.ts). It mails the admins once per
 * policy and quarter (the mail's id names both), unless the quarter's review is applied already.
 */

import { periodOf } from '#shared/billing/periods.ts';
import type { MailOutbox } from '#shared/email/ports.ts';
import type { PolicyCatalog } from '#shared/policies/policy-store.ts';
import type { TierReviewReminderEvent } from '#shared/tier-review/reminder-schedule.ts';
import type { TierReviewStore } from '#shared/tier-review/tier-review.ts';
import { tierReviewReminderMail } from '#shared/tier-review/tier-review-mail.ts';

export interface TierReviewReminderDeps {
  readonly reviews: Pick<TierReviewStore, 'get'>;
  readonly mailOutbox: MailOutbox;
  /** Who is reminded: the deployment's admin addresses (TIER_REVIEW_ADMINS), locally the demo admin. */
  readonly admins: readonly string[];
  readonly now: () => number;
  /** The policy's latest version (a preset's, or a published one's). */
  readonly policies: PolicyCatalog;
}

export type TierReviewReminderOutcome = 'reminded' | 'reviewed-already' | 'no-review' | 'nobody-to-tell';

export async function remindOfTierReview(input: TierReviewReminderEvent, deps: TierReviewReminderDeps): Promise<TierReviewReminderOutcome> {
  const policy = await deps.policies.latest(input.policy);
  // A policy since removed, or whose latest version has no review (its schedule goes with the next publish).
  if (policy?.spec.tierReview === undefined) return 'no-review';
  const quarter = periodOf(deps.now(), 'quarter', policy.zone()).id;
  if ((await deps.reviews.get(policy.id, quarter))?.state === 'applied') return 'reviewed-already';
  const mail = tierReviewReminderMail(policy, quarter, deps.admins);
  if (mail === undefined) return 'nobody-to-tell';
  await deps.mailOutbox.queue([mail]);
  return 'reminded';
}
