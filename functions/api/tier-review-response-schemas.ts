/** The tier review routes' response bodies (response-schemas.ts imports these). */

import * as z from 'zod/mini';
import { instant, named } from './response-registry.ts';
import type { Produces } from './response-schemas.ts';
import type { tierReviewDryRunView, tierReviewView } from './tier-review-views.ts';

const move = z.strictObject({
  org: z.string(),
  from: z.string(),
  to: z.string(),
  moved: z.boolean(),
  turnover: z.int(),
  turnoverText: z.string(),
  reason: z.string(),
  start: instant(),
});

const planShape = {
  policy: z.string(),
  quarter: z.string(),
  currency: z.string(),
  moves: z.array(move),
  missing: z.array(z.strictObject({ org: z.string(), tier: z.string() })),
};

export const tierReview = named(
  'TierReview',
  "A quarter's tier review: each reviewed organisation's tier before the quarter and for it (from `start`, its first day at 00:00 in the organisation's zone), its turnover in minor units of `currency` and why; organisations of the policy without a turnover row under `missing` (not reviewed, tier unchanged). A dry run (`dryRun: true`) writes nothing and names the revision it would replace; an applied review has its revision, state, who applied it when, and the revisions it replaced",
  z.strictObject({
    ...planShape,
    dryRun: z.boolean(),
    replaces: z.optional(z.int()),
    revision: z.optional(z.int()),
    state: z.optional(z.enum(['applying', 'applied'])),
    by: z.optional(z.string()),
    at: z.optional(instant()),
    appliedAt: z.optional(instant()),
    replaced: z.optional(z.array(z.strictObject({ revision: z.int(), by: z.string(), at: instant(), rows: z.int() }))),
  }),
);

export const tierReviewList = named(
  'TierReviewList',
  "A policy's applied tier reviews, the latest quarter first",
  z.strictObject({ items: z.array(tierReview) }),
);

export const TIER_REVIEW_VIEWS_MATCH: readonly true[] = [
  true satisfies Produces<ReturnType<typeof tierReviewView>, typeof tierReview>,
  true satisfies Produces<ReturnType<typeof tierReviewDryRunView>, typeof tierReview>,
];
