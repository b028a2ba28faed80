/**
 * The reminder before a maintenance window: the one-shot schedule made for the notice's start
 * fires this. It re-reads the notice and mails the affected orgs only if the notice is still
 * published and the reminder is for its current start (a reminder of a moved or cancelled notice
 * does nothing); the mail's id names the start, so a repeated invocation queues nothing new.
 */

import type { MailOutbox } from '#shared/email/ports.ts';
import type { Notice, NoticeScope } from '#shared/notices/notice.ts';
import { type NoticeRecipient, noticeMails } from '#shared/notices/notice-mail.ts';
import type { NoticeReminderInvocation } from '#shared/notices/ports.ts';

export interface NoticeReminderDeps {
  readonly notices: { getNotice(id: string): Promise<Notice | undefined> };
  /** The orgs a notice affects, with their contacts and zones. */
  readonly recipients: (scope: NoticeScope) => Promise<readonly NoticeRecipient[]>;
  readonly mailOutbox: MailOutbox;
}

export type ReminderOutcome = 'reminded' | 'not-found' | 'cancelled' | 'moved';

export async function remindOfNotice(input: NoticeReminderInvocation, deps: NoticeReminderDeps): Promise<ReminderOutcome> {
  const notice = await deps.notices.getNotice(input.notice);
  if (notice === undefined) return 'not-found';
  if (notice.state !== 'published') return 'cancelled';
  if (notice.start !== input.start) return 'moved';
  await deps.mailOutbox.queue(noticeMails(notice, 'reminder', await deps.recipients(notice)));
  return 'reminded';
}
