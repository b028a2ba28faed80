/**
 * The e-mail every organisation of an applied review gets: its tier for the quarter, whether it
 * moved, and that the review costs nothing (the tiered seed: "notified of your tier level, free of
 * charge, at the start of each quarter"). Plain text, one short paragraph per fact.
 */

import { formatMinorUnits } from '#shared/billing/money.ts';
import type { QueuedMail } from '#shared/email/ports.ts';
import type { Policy } from '#shared/policy/policy.ts';
import type { TierMove } from './plan-tier-review.ts';
import { firstDayInWords, reviewQuarter } from './quarter.ts';

export interface ReviewedOrg {
  readonly id: string;
  readonly name: string;
  readonly contacts: readonly string[];
}

/**
 * `tier-review:<policy>:<quarter>:<org>`; a later revision of the same quarter's review that moves
 * the org elsewhere mails again under `…:r<revision>`.
 */
export function tierReviewMailId(policy: string, quarter: string, org: string, revision: number): string {
  const id = `tier-review:${policy}:${quarter}:${org}`;
  return revision === 1 ? id : `${id}:r${revision}`;
}

/** The org's mail, or none when it has no contacts to send it to. */
export function tierReviewMail(
  policy: Policy,
  quarter: string,
  revision: number,
  org: ReviewedOrg,
  move: TierMove,
): QueuedMail | undefined {
  if (org.contacts.length === 0) return undefined;
  const spec = policy.spec.tierReview;
  if (spec === undefined) return undefined;
  const q = reviewQuarter(quarter);
  const name = (tier: string) => policy.spec.tiers[tier]?.name ?? tier;
  const moved =
    move.from === move.to ? `Your tier stays ${name(move.to)}.` : `Your tier changes from ${name(move.from)} to ${name(move.to)}.`;
  const paragraphs = [
    `From ${firstDayInWords(q)}, the support tier of ${org.name} for ${quarter} is ${name(move.to)}.`,
    moved,
    `It follows from your ${spec.basis}: ${formatMinorUnits(move.turnover, spec.currency)} ${spec.currency}.`,
    'Cases opened from that day get the new tier; cases already open keep the tier they were opened with.',
    'This review and this e-mail are free of charge.',
    ...(revision > 1 ? ['This replaces the earlier e-mail about your tier for this quarter.'] : []),
  ];
  return {
    id: tierReviewMailId(policy.id, quarter, org.id, revision),
    to: [...org.contacts],
    subject: `Your support tier for ${quarter}: ${name(move.to)}`,
    text: `${paragraphs.join('\n\n')}\n`,
    org: org.id,
    kind: 'tier-review',
  };
}

/** `tier-review-reminder:<policy>:<quarter>`: one reminder per policy and quarter, however often Scheduler fires. */
export function tierReviewReminderMail(policy: Policy, quarter: string, admins: readonly string[]): QueuedMail | undefined {
  const spec = policy.spec.tierReview;
  if (spec === undefined || admins.length === 0) return undefined;
  const paragraphs = [
    `Run the ${quarter} tier review of ${policy.spec.name} (policy ${policy.id}).`,
    `Each organisation's tier for the quarter follows from its ${spec.basis}. Upload it as CSV (columns org,turnover, in ${spec.currency}) on the console's Tier review page, or POST it to /tier-reviews.`,
    'Check the dry run first: it lists who moves from which tier to which, and the organisations without a row.',
    `Applying sets each tier from ${firstDayInWords(reviewQuarter(quarter))} and e-mails every reviewed organisation its tier, free of charge.`,
  ];
  return {
    id: `tier-review-reminder:${policy.id}:${quarter}`,
    to: [...admins],
    subject: `Run the ${quarter} tier review: ${policy.spec.name}`,
    text: `${paragraphs.join('\n\n')}\n`,
    kind: 'tier-review-reminder',
  };
}
