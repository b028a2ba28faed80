/**
 * Quarterly tier reviews (admins): `POST /tier-reviews` plans a quarter's review from turnover rows
 * (JSON, or a CSV upload) and, unless it is a dry run, applies it; `GET /tier-reviews` lists a
 * policy's reviews. Applying writes the review `applying`, then each org's tier with its e-mail in
 * one transaction, then `applied`: a run cut short is finished by posting the same rows again.
 */

import { periodBounds, periodOf } from '#shared/billing/periods.ts';
import { DomainError } from '#shared/domain-error.ts';
import type { Policy } from '#shared/policy/policy.ts';
import { planTierReview, type TierReviewPlan, type TurnoverRow, tierReviewSpec } from '#shared/tier-review/plan-tier-review.ts';
import { beginReview, reviewedTiers, sameRows, type TierReviewRecord, type TierReviewStore } from '#shared/tier-review/tier-review.ts';
import { tierReviewMail } from '#shared/tier-review/tier-review-mail.ts';
import { csvRowPath, turnoverFromCsv } from '#shared/tier-review/turnover-csv.ts';
import { everyOrg } from '../lib/every-org.ts';
import { TextBody } from '../lib/http/request.ts';
import { type ApiDeps, type ApiRequest, latestPolicy, type Operation, signedIn, validate } from './operation.ts';
import type { RouteKey } from './routes.ts';
import { tierReviewBody, tierReviewCsvQuery, tierReviewListQuery } from './tier-review-schemas.ts';
import { tierReviewDryRunView, tierReviewView } from './tier-review-views.ts';

/** How often one org's write is tried again when the org changed between its read and the write. */
const ORG_WRITE_TRIES = 3;

export const TIER_REVIEW_OPERATIONS = {
  'POST /tier-reviews': async (request, deps) => {
    const { sub } = signedIn(request);
    const input = await reviewInput(request, deps);
    const policy = await latestPolicy(deps, input.policy);
    const store = tierReviewsOf(deps);
    const orgs = await everyOrg(
      deps.store,
      input.turnover.map((row) => row.org),
    );
    const plan = planTierReview({ policy, quarter: input.quarter, orgs, turnover: input.turnover, rowPath: input.rowPath });
    const existing = await store.get(policy.id, plan.quarter);
    if (input.dryRun) {
      const replaces = existing !== undefined && !sameRows(existing, plan) ? existing.revision : undefined;
      return { status: 200, body: tierReviewDryRunView(plan, replaces) };
    }
    checkQuarterOpen(policy, plan.quarter, deps.now());
    const record = await applyReview(plan, existing, { policy, store, deps, by: sub });
    return { status: 200, body: tierReviewView(record) };
  },

  'GET /tier-reviews': async (request, deps) => {
    const query = validate(tierReviewListQuery(), request.query, 'query');
    await latestPolicy(deps, query.policy);
    const items = await tierReviewsOf(deps).list(query.policy, query.limit);
    return { status: 200, body: { items: items.map(tierReviewView) } };
  },
} satisfies Partial<Record<RouteKey, Operation>>;

interface ReviewInput {
  readonly policy: string;
  readonly quarter: string;
  readonly dryRun: boolean;
  readonly turnover: readonly TurnoverRow[];
  readonly rowPath?: ((index: number, field: 'org' | 'amount') => string) | undefined;
}

/** The rows as JSON, or as a CSV upload (`org,turnover` in major units; the rest in the query string). */
async function reviewInput(request: ApiRequest, deps: ApiDeps): Promise<ReviewInput> {
  if (!(request.body instanceof TextBody)) {
    const body = validate(tierReviewBody(), request.body);
    return { ...body, rowPath: undefined };
  }
  const query = validate(tierReviewCsvQuery(), request.query, 'query');
  const policy = await latestPolicy(deps, query.policy);
  const { currency } = tierReviewSpec(policy);
  const turnover = turnoverFromCsv(request.body.text, currency);
  return { policy: query.policy, quarter: query.quarter, dryRun: query.dryRun === 'true', turnover, rowPath: csvRowPath };
}

/** A review sets tiers for the quarter under way or the next one, never for one that is over (in the policy's zone). */
function checkQuarterOpen(policy: Policy, quarter: string, now: number): void {
  const zone = policy.zone();
  const current = periodOf(now, 'quarter', zone);
  const next = periodOf(periodBounds(current, zone).end, 'quarter', zone);
  if (quarter !== current.id && quarter !== next.id) {
    const allowed = `${current.id} or ${next.id}`;
    throw new DomainError('validation_failed', `a review sets tiers for the quarter under way or the next one (${allowed})`, [
      { path: 'quarter', message: `expected ${allowed}` },
    ]);
  }
}

interface ApplyContext {
  readonly policy: Policy;
  readonly store: TierReviewStore;
  readonly deps: ApiDeps;
  readonly by: string;
}

/** Begins (or resumes) the revision, sets each org's tier with its mail, and marks the review applied. */
async function applyReview(plan: TierReviewPlan, existing: TierReviewRecord | undefined, at: ApplyContext): Promise<TierReviewRecord> {
  const begun = beginReview(plan, existing, at.by, at.deps.now());
  if (begun.state === 'applied') return begun;
  if (begun !== existing && !(await at.store.save(begun, existing))) {
    throw new DomainError(
      'version_conflict',
      `the ${plan.quarter} review of ${plan.policy} is being applied by another request; try again`,
    );
  }
  for (const move of begun.moves) {
    for (let attempt = 1; ; attempt++) {
      const org = await at.deps.store.getOrg(move.org);
      if (org === undefined) break;
      const tiers = reviewedTiers(org, move, plan.quarter, at.deps.now());
      if (tiers === undefined) break;
      const mail = tierReviewMail(at.policy, plan.quarter, begun.revision, org, move);
      if (await at.store.setTiers(org, tiers, mail)) break;
      if (attempt === ORG_WRITE_TRIES) {
        throw new DomainError('version_conflict', `organisation "${move.org}" kept changing; post the same rows again to finish`);
      }
    }
  }
  const applied: TierReviewRecord = { ...begun, state: 'applied', appliedAt: at.deps.now() };
  if (!(await at.store.save(applied, begun))) {
    throw new DomainError('version_conflict', `the ${plan.quarter} review of ${plan.policy} was replaced meanwhile`);
  }
  return applied;
}

function tierReviewsOf(deps: ApiDeps): TierReviewStore {
  if (deps.tierReviews === undefined) throw new Error('tier reviews are not configured');
  return deps.tierReviews;
}
