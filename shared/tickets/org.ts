/**
 * A customer organisation: which policy, plan (tier) and region its tickets are opened under. Its
 * tier is a history (an admin's change from the moment it is made, a quarterly review's from the
 * quarter's first day); `tierAt` is the one answer to which tier a ticket opened at an instant gets.
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
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** The org has `tier` from `from` on, set by an admin or by the review of a quarter (`2027-Q2`). */
export interface TierEntry {
  readonly tier: string;
  readonly from: number;
  readonly source: 'admin' | 'review';
  readonly review?: string | undefined;
}

/** The most entries an org keeps; beyond, the oldest go (an item must stay well under DynamoDB's 400 KB). */
export const MAX_TIER_ENTRIES = 200;

/** The tier of a ticket opened at `instant`: the last entry from `instant` or before (the first one before any). */
export function tierAt(org: Pick<Org, 'tiers'>, instant: number): string {
  let tier = org.tiers[0]?.tier;
  for (const entry of org.tiers) if (entry.from <= instant) tier = entry.tier;
  if (tier === undefined) throw new Error('an organisation without a tier');
  return tier;
}

/** The history with `entry` in its place (sorted by `from`, stable), capped at `MAX_TIER_ENTRIES`. */
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
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
}

/**
 * A new org's history, or the existing one with the admin's tier from now when it differs. A move
 * to another policy keeps the past but drops entries still to come (their tiers are the old policy's).
 */
function tierHistory(tier: string, existing: Org | undefined, policy: Policy, now: number): readonly TierEntry[] {
  const set: TierEntry = { tier, from: now, source: 'admin' };
  if (existing === undefined) return [set];
  if (existing.policy !== policy.id)
    return withTierEntry(
      existing.tiers.filter((e) => e.from < now),
      set,
    );
  return tierAt(existing, now) === tier ? existing.tiers : withTierEntry(existing.tiers, set);
}
