/**
 * The policy's `tierReview` section: each organisation's tier set again at the start of every
 * quarter from its turnover, by thresholds in major units of one currency (converted to integer
 * minor units here, see shared/billing/money.ts). The cross-checks against the policy's tiers are
 * `tierReviewIssues`, run with the policy's other cross-references.
 */

import * as z from 'zod';
import { currencySchema } from '#shared/billing/entitlement-schema.ts';
import { toMinorUnits } from '#shared/billing/money.ts';

const wallTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'expected a local time like "09:00"' })
  .transform((text) => {
    const [hours = 0, minutes = 0] = text.split(':').map(Number);
    return { hours, minutes };
  });

const majorUnits = z.union([z.number(), z.string()], { error: 'expected an amount like 30000 or 30000.00' });

export const tierReviewSchema = z
  .strictObject({
    every: z.literal('quarter', { error: 'expected "quarter" (the only review period)' }),
    /** What the turnover is, in words, for the admins and the e-mails ("order turnover of the previous quarter"). */
    basis: z.string().trim().min(1).max(200),
    currency: currencySchema,
    /** The least turnover (major units) that earns each tier; tiers best first, amounts strictly falling. */
    thresholds: z.record(z.string(), majorUnits),
    /** Where an organisation below every threshold lands. */
    otherwise: z.string(),
    /** `false`: a review only ever raises a tier (an organisation below its tier's threshold keeps it). */
    downgrades: z.boolean(),
    /** When the admins are reminded to run the review, local time of the policy's zone, on the quarter's first day. */
    remind: z.strictObject({ at: wallTime }),
  })
  .transform((spec, ctx) => {
    const thresholds: Record<string, number> = {};
    for (const [tier, value] of Object.entries(spec.thresholds)) {
      const converted = toMinorUnits(value, spec.currency);
      if ('error' in converted) ctx.issues.push({ code: 'custom', message: converted.error, path: ['thresholds', tier], input: value });
      else thresholds[tier] = converted.minor;
    }
    return { ...spec, thresholds };
  });

export type TierReviewSpec = z.infer<typeof tierReviewSchema>;

type Issue = { path: Array<string | number>; message: string };

/** Every tier named exists; thresholds fall strictly in the policy's tier order (best first); `otherwise` is below them all. */
export function tierReviewIssues(review: TierReviewSpec | undefined, tiers: readonly string[]): Issue[] {
  if (review === undefined) return [];
  const issues: Issue[] = [];
  const at = (...path: Array<string | number>) => ['tierReview', ...path];
  const known = (tier: string) => tiers.includes(tier);
  const named = Object.keys(review.thresholds);
  if (named.length === 0) issues.push({ path: at('thresholds'), message: 'give at least one tier a threshold' });
  for (const tier of named) {
    if (!known(tier)) issues.push({ path: at('thresholds', tier), message: `unknown tier "${tier}" (tiers: ${tiers.join(', ')})` });
  }
  if (!known(review.otherwise)) {
    issues.push({ path: at('otherwise'), message: `unknown tier "${review.otherwise}" (tiers: ${tiers.join(', ')})` });
  } else if (named.includes(review.otherwise)) {
    issues.push({ path: at('otherwise'), message: `"${review.otherwise}" has a threshold; name the tier below every threshold` });
  } else {
    const above = named.filter((tier) => known(tier) && tiers.indexOf(tier) > tiers.indexOf(review.otherwise));
    for (const tier of above) {
      issues.push({
        path: at('thresholds', tier),
        message: `"${tier}" ranks below "${review.otherwise}", where turnover below every threshold lands`,
      });
    }
  }
  const ranked = named.filter(known).sort((a, b) => tiers.indexOf(a) - tiers.indexOf(b));
  ranked.forEach((tier, i) => {
    const better = ranked[i - 1];
    if (better === undefined) return;
    const [mine, theirs] = [review.thresholds[tier] ?? 0, review.thresholds[better] ?? 0];
    if (mine >= theirs) {
      issues.push({ path: at('thresholds', tier), message: `must be below the threshold of "${better}", the tier above it` });
    }
  });
  return issues;
}
