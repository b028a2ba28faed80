/** Ports of change-management notices. Adapters: `functions/adapters/dynamo/notices.ts`, `functions/adapters/notice-reminders.ts`. */

import type { QueuedMail } from '#shared/email/ports.ts';
import type { Notice, NoticeState } from './notice.ts';

export interface NoticeQuery {
  /** Notices whose window ends after this instant. */
  readonly from?: number | undefined;
  /** Notices whose window starts before this instant. */
  readonly to?: number | undefined;
  readonly state?: NoticeState | undefined;
  readonly limit: number;
}

/** What the reminder schedule hands the contracts function: small on purpose, re-read there. */
export interface NoticeReminderInvocation {
  readonly kind: 'notice-reminder';
  readonly notice: string;
  /** The start the reminder is for: a reminder for an earlier start of a moved notice does nothing. */
  readonly start: number;
}

/** The one-shot schedules that remind the affected orgs before a window starts. */
export interface NoticeReminders {
  /** A reminder at `at` for the window starting at `start`; asking twice makes one. */
  schedule(notice: string, start: number, at: number): Promise<void>;
  /** Removes the reminder for that start, if there is one. */
  remove(notice: string, start: number): Promise<void>;
}

/** Where notices are kept; each write goes with the mails that announce it, all or nothing. */
export interface NoticeStore {
  getNotice(id: string): Promise<Notice | undefined>;
  /** Stores a new notice and queues its mails. */
  createNotice(notice: Notice, mails: readonly QueuedMail[]): Promise<void>;
  /** Replaces the notice as read at `notice.version - 1` and queues its mails; changed meanwhile: `version_conflict`. */
  saveNotice(notice: Notice, mails: readonly QueuedMail[]): Promise<void>;
  /** Notices whose window overlaps `[from, to)`, by start. */
  listNotices(query: NoticeQuery): Promise<Notice[]>;
}
