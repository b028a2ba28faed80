/** Ports of change-management notices. Adapters: `functions/adapters/dynamo/notices.ts`, `functions/adapters/notice-reminders.ts`. */

import type { Notice, NoticeAudience, NoticeState } from './notice.ts';

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

/**
 * Where notices are kept. A stored notice (new or changed) is announced by the fan-out
 * (`functions/lib/notice-fanout.ts`, run from the table's stream): it copies the notice into the
 * lists of the orgs it names (as the API does right after the write, so that they read it at once)
 * and queues one mail per affected org.
 */
export interface NoticeStore extends NoticeFanOutStore {
  getNotice(id: string): Promise<Notice | undefined>;
  /** Stores a new notice. */
  createNotice(notice: Notice): Promise<void>;
  /** Replaces the notice as read at `notice.version - 1`; changed meanwhile: `version_conflict`. */
  saveNotice(notice: Notice): Promise<void>;
  /** Every notice whose window overlaps `[from, to)`, by start, at most `limit` (staff). */
  listNotices(query: NoticeQuery): Promise<Notice[]>;
  /**
   * The notices affecting this org whose window overlaps `[from, to)`, by start, at most `limit`:
   * only the notices naming the org, its region or everyone are read, never other orgs'.
   */
  listNoticesFor(org: NoticeAudience, query: NoticeQuery): Promise<Notice[]>;
}

/** What the fan-out writes besides the mails. */
export interface NoticeFanOutStore {
  /** Copies the notice into the list of each scope it names (a copy of a later version is kept). */
  putListings(notice: Notice): Promise<void>;
}

/** Where the reminder function leaves a reminder for the fan-out to mail (asking twice queues one). */
export interface NoticeReminderQueue {
  queueReminder(notice: Notice): Promise<void>;
}
