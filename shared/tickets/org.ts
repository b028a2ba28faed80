/**
 * A customer organisation: which policy, plan (tier) and region its tickets are opened under. Its
 * tier is a history (an admin's change from the moment it is made, a quarterly review's from the
 * quarter's first day, each with when it was recorded); `tierAt` is the one answer to which tier a
 * ticket opened at an instant gets, and, with `knownAt`, which tier the history gave as it then stood.
 */

import { DomainError, type FieldError } from '#shared/domain-error.ts';
import type { Policy } from '#shared/policy/policy.ts';

/** The most contacts an organisation may list (each gets every contract e-mail). */
export const MAX_ORG_CONTACTS = 20;

export interface Org {
  readonly id: string;
  readonly name: string;
  readonly policy: string;
  /** Every tier the org has had, oldest first; never empty. */
  readonly tiers: readonly TierEntry[];
  readonly region?: string | undefined;
  /** Senders from these domains open tickets for this org by e-mail. */
  readonly emailDomains: readonly string[];
  /** Who the contract's e-mails go to (usage, tier reviews, maintenance notices); lower-cased. */
  readonly contacts: readonly string[];
  /** The monthly SLA report is e-mailed to the contacts on the 1st (opt-in; docs/reports.md). */
  readonly monthlyReport: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/**
 * The org has `tier` from `from` on, set by an admin or by the review of a quarter (`2027-Q2`),
 * written at `recordedAt` (an admin's entry: the same instant; a review's: when it was applied,
 * which may be after its quarter began).
 */
export interface TierEntry {
  readonly tier: string;
  readonly from: number;
  readonly recordedAt: number;
  readonly source: 'admin' | 'review';
  readonly review?: string | undefined;
}

/** The most entries an org keeps; beyond, the oldest go (an item must stay well under DynamoDB's 400 KB). */
export const MAX_TIER_ENTRIES = 200;

/**
 * The org's tier at `instant`, as its history stood at `knownAt` (default: everything recorded).
 * Of the entries from `instant` or before, the one recorded last holds, except that a review holds
 * only until the next review's `from` (a quarter's review never overrides a later quarter's). So a
 * review applied mid-quarter supersedes the admin entries of its quarter recorded before it, and an
 * admin change recorded after a review holds from its own `from`. Before every entry: the earliest.
 */
export function tierAt(org: Pick<Org, 'tiers'>, instant: number, options: { knownAt?: number } = {}): string {
  const { knownAt = Number.POSITIVE_INFINITY } = options;
  const known = org.tiers.filter((entry) => entry.recordedAt <= knownAt);
  const history = known.length > 0 ? known : org.tiers;
  const nextReview = (entry: TierEntry) =>
    Math.min(...history.filter((e) => e.source === 'review' && e.from > entry.from).map((e) => e.from));
  let holding: TierEntry | undefined;
  for (const entry of history) {
    if (entry.from > instant || (entry.source === 'review' && nextReview(entry) <= instant)) continue;
    if (holding === undefined || entry.recordedAt >= holding.recordedAt) holding = entry;
  }
  holding ??= history.reduce<TierEntry | undefined>((first, e) => (first === undefined || e.from < first.from ? e : first), undefined);
  if (holding === undefined) throw new Error('an organisation without a tier');
  return holding.tier;
}

/** The history with `entry` in its place (sorted by `from`, then as recorded), capped at `MAX_TIER_ENTRIES`. */
export function withTierEntry(tiers: readonly TierEntry[], entry: TierEntry): TierEntry[] {
  const sorted = [...tiers.filter((e) => e.from <= entry.from), entry, ...tiers.filter((e) => e.from > entry.from)];
  return sorted.slice(-MAX_TIER_ENTRIES);
}

export interface OrgSettings {
  readonly name: string;
  readonly policy: string;
  readonly tier: string;
  readonly region?: string | undefined;
  readonly emailDomains?: readonly string[] | undefined;
  readonly contacts?: readonly string[] | undefined;
  readonly monthlyReport?: boolean | undefined;
}

/**
 * Checks an org's tier and region against its policy; the region defaults to the policy's. Given
 * the org as it was, its history is kept, and a tier other than its tier now is added from `now`.
 */
export function defineOrg(id: string, settings: OrgSettings, policy: Policy, now: number, existing?: Org): Org {
  const errors: FieldError[] = [];
  if (!policy.tiers.includes(settings.tier)) {
    errors.push({ path: 'tier', message: `policy ${policy.id} has no tier "${settings.tier}" (tiers: ${policy.tiers.join(', ')})` });
  }
  if (settings.region !== undefined && !policy.regions.includes(settings.region)) {
    const known = policy.regions.length === 0 ? 'it has no regions' : `regions: ${policy.regions.join(', ')}`;
    errors.push({ path: 'region', message: `policy ${policy.id} has no region "${settings.region}" (${known})` });
  }
  if (errors.length > 0) throw new DomainError('validation_failed', 'the organisation does not fit its policy', errors);
  return {
    id,
    name: settings.name,
    policy: policy.id,
    tiers: tierHistory(settings.tier, existing, policy, now),
    region: policy.resolveRegion(settings.region),
    emailDomains: [...new Set((settings.emailDomains ?? []).map((d) => d.toLowerCase()))],
    contacts: [...new Set((settings.contacts ?? []).map((address) => address.toLowerCase()))],
    monthlyReport: settings.monthlyReport ?? false,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
}

/**
 * A new org's history, or the existing one with the admin's tier from now when it differs. A move
 * to another policy keeps the past but drops entries still to come (their tiers are the old policy's).
 */
function tierHistory(tier: string, existing: Org | undefined, policy: Policy, now: number): readonly TierEntry[] {
  const set: TierEntry = { tier, from: now, recordedAt: now, source: 'admin' };
  if (existing === undefined) return [set];
  if (existing.policy !== policy.id)
    return withTierEntry(
      existing.tiers.filter((e) => e.from < now),
      set,
    );
  return tierAt(existing, now) === tier ? existing.tiers : withTierEntry(existing.tiers, set);
}
