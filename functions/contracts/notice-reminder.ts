/**
 * The reminder before a maintenance window: the one-shot schedule made for the notice's start
 * fires this. It re-reads the notice and, only if the notice is still published and the reminder
 * is for its current start (a reminder of a moved or cancelled notice does nothing), leaves the
 * reminder in the table for the fan-out (`functions/lib/notice-fanout.ts`) to mail each affected
 * org; the reminder's key names the start, so a repeated invocation queues nothing new.
 */

import type { Notice } from '#shared/notices/notice.ts';
import type { NoticeReminderInvocation, NoticeReminderQueue } from '#shared/notices/ports.ts';

export interface NoticeReminderDeps {
  readonly notices: { getNotice(id: string): Promise<Notice | undefined> } & NoticeReminderQueue;
}

export type ReminderOutcome = 'reminded' | 'not-found' | 'cancelled' | 'moved';

export async function remindOfNotice(input: NoticeReminderInvocation, deps: NoticeReminderDeps): Promise<ReminderOutcome> {
  const notice = await deps.notices.getNotice(input.notice);
  if (notice === undefined) return 'not-found';
  if (notice.state !== 'published') return 'cancelled';
  if (notice.start !== input.start) return 'moved';
  await deps.notices.queueReminder(notice);
  return 'reminded';
}
