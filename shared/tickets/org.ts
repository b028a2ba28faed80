/** A customer organisation: which policy, plan (tier) and region its tickets are opened under. */

import { DomainError, type FieldError } from '#shared/domain-error.ts';
import type { Policy } from '#shared/policy/policy.ts';

/** The most contacts an organisation may list (each gets every contract e-mail). */
export const MAX_ORG_CONTACTS = 20;

export interface Org {
  readonly id: string;
  readonly name: string;
  readonly policy: string;
  readonly tier: string;
  readonly region?: string | undefined;
  /** Senders from these domains open tickets for this org by e-mail. */
  readonly emailDomains: readonly string[];
  /** Who the contract's e-mails go to (usage, tier reviews, maintenance notices); lower-cased. */
  readonly contacts: readonly string[];
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface OrgSettings {
  readonly name: string;
  readonly policy: string;
  readonly tier: string;
  readonly region?: string | undefined;
  readonly emailDomains?: readonly string[] | undefined;
  readonly contacts?: readonly string[] | undefined;
}

/** Checks an org's tier and region against its policy; the region defaults to the policy's. */
export function defineOrg(id: string, settings: OrgSettings, policy: Policy, now: number, createdAt = now): Org {
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
    tier: settings.tier,
    region: policy.resolveRegion(settings.region),
    emailDomains: [...new Set((settings.emailDomains ?? []).map((d) => d.toLowerCase()))],
    contacts: [...new Set((settings.contacts ?? []).map((address) => address.toLowerCase()))],
    createdAt,
    updatedAt: now,
  };
}
