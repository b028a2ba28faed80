/**
 * Which organisations a notice affects, read from the org list: each with its policy's notice
 * terms (the lead time and reminder it owes), its contacts and its zone (`policy.zone(region)`).
 * The API (publishing, the lead-time check) and the contracts function (reminders) both ask here.
 */

import { DomainError } from '#shared/domain-error.ts';
import { affects, type MaintenanceLink, maintenanceLinks, type NoticeAudience, type NoticeScope } from '#shared/notices/notice.ts';
import type { NoticeRecipient } from '#shared/notices/notice-mail.ts';
import type { NoticeStore } from '#shared/notices/ports.ts';
import { loadPreset } from '#shared/policies/presets.ts';
import type { Org } from '#shared/tickets/org.ts';
import type { TicketStore } from '#shared/tickets/ticket-store.ts';

export type AffectedOrg = NoticeAudience & NoticeRecipient;

/** More orgs than this is more than one notice can mail; the list stops with an error rather than a partial audience. */
const MAX_ORGS = 5_000;
const PAGE = 100;

/** An org with what notices need of its policy. */
export function noticeAudience(org: Org): AffectedOrg {
  const policy = loadPreset(org.policy);
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

/** Every org the scope affects (only orgs whose policy has a `notices` section). */
export async function affectedOrgs(store: Pick<TicketStore, 'listOrgs'>, scope: NoticeScope): Promise<AffectedOrg[]> {
  const affected: AffectedOrg[] = [];
  let cursor: string | undefined;
  for (let read = 0; ; read += PAGE) {
    if (read >= MAX_ORGS) throw new DomainError('conflict', `a notice reaches at most ${MAX_ORGS} organisations`);
    const page = await store.listOrgs({ cursor, limit: PAGE });
    for (const org of page.items) {
      const audience = noticeAudience(org);
      if (affects(scope, audience)) affected.push(audience);
    }
    cursor = page.cursor;
    if (cursor === undefined) return affected;
  }
}

/** The maintenance under way for the org at `at`, for a ticket opened then to link to (none without a notice store). */
export async function maintenanceInProgress(
  notices: Pick<NoticeStore, 'listNotices'> | undefined,
  org: Org,
  at: number,
): Promise<MaintenanceLink[]> {
  if (notices === undefined) return [];
  const listed = await notices.listNotices({ from: at, to: at + 1, state: 'published', limit: 50 });
  return maintenanceLinks(listed, noticeAudience(org), at);
}
