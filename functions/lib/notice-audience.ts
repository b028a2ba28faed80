/**
 * Which organisations a notice affects, read from the org list: each with its policy's notice
 * terms (the lead time and reminder it owes), its contacts and its zone (`policy.zone(region)`).
 * The API (publishing, the lead-time check) and the contracts function (reminders) both ask here.
 */

import {
  affects,
  type MaintenanceLink,
  maintenanceLinks,
  type Notice,
  type NoticeAudience,
  type NoticeScope,
} from '#shared/notices/notice.ts';
import type { NoticeRecipient } from '#shared/notices/notice-mail.ts';
import type { NoticeStore } from '#shared/notices/ports.ts';
import type { PolicyCatalog } from '#shared/policies/policy-store.ts';
import type { Policy } from '#shared/policy/policy.ts';
import type { Org } from '#shared/tickets/org.ts';
import { ORG_MAX_AGE_MS, type TicketStore } from '#shared/tickets/ticket-store.ts';
import { everyOrg } from './every-org.ts';

export type AffectedOrg = NoticeAudience & NoticeRecipient;

/** An org with what notices need of its policy (the latest version of the org's policy). */
export function noticeAudience(org: Org, policy: Policy): AffectedOrg {
  return {
    id: org.id,
    org: org.id,
    policy: org.policy,
    region: org.region,
    terms: policy.spec.notices,
    contacts: org.contacts,
    zone: policy.zone(org.region),
  };
}

/**
 * Every org the scope affects (only orgs whose policy has a `notices` section), each under the
 * latest version of its policy (an org on a policy the catalog does not know is not affected).
 */
export async function affectedOrgs(
  store: Pick<TicketStore, 'listOrgs' | 'getOrg'>,
  scope: NoticeScope,
  policies: PolicyCatalog,
): Promise<AffectedOrg[]> {
  const audiences: AffectedOrg[] = [];
  for (const org of await everyOrg(store)) {
    const policy = await policies.latest(org.policy);
    if (policy !== undefined) audiences.push(noticeAudience(org, policy));
  }
  return audiences.filter((audience) => affects(scope, audience));
}

/**
 * How long a read of an org's published notices answers "is maintenance under way?" for its
 * tickets opened after it, as long as an organisation is cached: opening a ticket costs no read of
 * its own, and a notice published since shows on tickets opened at most this much later.
 */
const IN_PROGRESS_MAX_AGE_MS = ORG_MAX_AGE_MS;
/** Orgs whose read is kept per store (a warm Lambda serving many orgs forgets the oldest). */
const IN_PROGRESS_ORGS = 1_000;
type InProgressRead = { readonly from: number; readonly to: number; readonly notices: readonly Notice[] };
const inProgressReads = new WeakMap<object, Map<string, InProgressRead>>();

/**
 * The maintenance under way for the org at `at`, for a ticket opened then to link to (none without
 * a notice store, or for a policy without notices). Only the org's own lists are read (its notices,
 * its region's, everyone's), so no other org's notices can crowd its own out.
 */
export async function maintenanceInProgress(
  notices: Pick<NoticeStore, 'listNoticesFor'> | undefined,
  org: Org,
  policy: Policy,
  at: number,
): Promise<MaintenanceLink[]> {
  const audience = noticeAudience(org, policy);
  if (notices === undefined || audience.terms === undefined) return [];
  const reads = inProgressReads.get(notices) ?? new Map<string, InProgressRead>();
  inProgressReads.set(notices, reads);
  let read = reads.get(org.id);
  if (read === undefined || at < read.from || at >= read.to) {
    const to = at + IN_PROGRESS_MAX_AGE_MS;
    read = {
      from: at,
      to,
      notices: await notices.listNoticesFor(audience, { from: at, to, state: 'published', limit: Number.POSITIVE_INFINITY }),
    };
    reads.delete(org.id);
    if (reads.size >= IN_PROGRESS_ORGS) reads.delete(reads.keys().next().value ?? '');
    reads.set(org.id, read);
  }
  return maintenanceLinks(read.notices, audience, at);
}
