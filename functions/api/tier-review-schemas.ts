/** The tier review routes' request bodies and query strings (zod/mini), built on first use. */

import * as z from 'zod/mini';
import { MAX_TURNOVER_ROWS } from '#shared/tier-review/plan-tier-review.ts';
import { QUARTER_HINT } from '#shared/tier-review/quarter.ts';
import { once } from '../lib/once.ts';
import { orgId } from './schemas.ts';

const policyId = () => z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, { error: 'expected a policy id like "tiered"' }));
const quarter = () => z.string().check(z.regex(/^\d{4}-Q[1-4]$/, { error: QUARTER_HINT }));
const dryRunFlag = () => z.enum(['true', 'false'], { error: 'expected "true" or "false"' });

/** `POST /tier-reviews` as JSON: turnover in integer minor units of the policy's review currency. */
export const tierReviewBody = once(() =>
  z.strictObject({
    policy: policyId(),
    quarter: quarter(),
    dryRun: z.boolean(),
    turnover: z
      .array(
        z.strictObject({
          org: orgId(),
          amount: z.int().check(z.gte(0, { error: 'expected a turnover of 0 or more, in whole minor units' })),
        }),
      )
      .check(z.maxLength(MAX_TURNOVER_ROWS, { error: `at most ${MAX_TURNOVER_ROWS} rows` })),
  }),
);

/** `POST /tier-reviews` with a CSV upload: the other fields in the query string. */
export const tierReviewCsvQuery = once(() => z.strictObject({ policy: policyId(), quarter: quarter(), dryRun: dryRunFlag() }));

/** The same, as the route documents it: required with a CSV upload only (a JSON body carries them itself). */
export const tierReviewQuery = once(() => z.partial(tierReviewCsvQuery()));

export const tierReviewListQuery = once(() =>
  z.strictObject({ policy: policyId(), limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(40)), 12) }),
);
