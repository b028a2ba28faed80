/**
 * The fan-out of a notice's event, run by outbound-mail from the table's stream: a stored notice
 * (new or changed) and a reminder left by the contracts function. It copies a changed notice into
 * the lists of the scopes it names, then queues one mail per affected org (`noticeMails`), in
 * rounds (`MailOutbox.queue`). Every step is idempotent (copies keep the later version, mail ids
 * are deterministic), so a fan-out that failed part way is simply run again by the stream's retry
 * and every contact gets exactly one mail, however many orgs the notice reaches.
 */

import type { MailOutbox } from '#shared/email/ports.ts';
import type { Notice } from '#shared/notices/notice.ts';
import { type NoticeMailEvent, noticeMails } from '#shared/notices/notice-mail.ts';
import type { NoticeFanOutStore } from '#shared/notices/ports.ts';
import type { PolicyCatalog } from '#shared/policies/policy-store.ts';
import type { TicketStore } from '#shared/tickets/ticket-store.ts';
import { affectedOrgs } from './notice-audience.ts';

export interface NoticeFanOutDeps {
  readonly orgs: Pick<TicketStore, 'listOrgs' | 'getOrg'>;
  readonly notices: NoticeFanOutStore;
  readonly outbox: MailOutbox;
  /** Stored policies too: an org on a custom policy with a `notices` section is in the audience. */
  readonly policies: PolicyCatalog;
}

/** The event a stored notice's latest version announces (its first change is `published`). */
export function latestEvent(notice: Notice): NoticeMailEvent {
  return notice.changes.at(-1)?.what ?? 'published';
}

export async function fanOutNotice(notice: Notice, event: NoticeMailEvent, deps: NoticeFanOutDeps): Promise<void> {
  if (event !== 'reminder') await deps.notices.putListings(notice);
  await deps.outbox.queue(noticeMails(notice, event, await affectedOrgs(deps.orgs, notice, deps.policies)));
}
