/**
 * Notice reminders as one-shot EventBridge Scheduler schedules targeting the contracts function,
 * on the same settings as SLA deadlines (eventbridge-schedules.ts): `at()` in UTC, FlexibleTimeWindow
 * OFF, ActionAfterCompletion DELETE, so a fired reminder leaves no schedule behind
 * ("For one-time schedules, this occurs after the schedule has invoked its target once":
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule-delete.html).
 * A schedule is named by the notice and the start it reminds of, so a moved notice gets a new
 * schedule and the old one can be removed by name.
 */

import type { NoticeReminderInvocation, NoticeReminders } from '#shared/notices/ports.ts';
import type { EventBridgeSchedules } from './eventbridge-schedules.ts';

/** `notice-n-3f9a…-mbe1x0`: within Scheduler's 64 characters of `[0-9a-zA-Z-_.]` for the ids we make. */
export function noticeReminderName(notice: string, start: number): string {
  return `notice-${notice}-${Math.floor(start / 1000).toString(36)}`;
}

export class SchedulerNoticeReminders implements NoticeReminders {
  /** `schedules`: an EventBridgeSchedules whose target is the contracts function and its Scheduler role. */
  constructor(private readonly schedules: Pick<EventBridgeSchedules, 'createAt' | 'remove'>) {}

  schedule(notice: string, start: number, at: number): Promise<void> {
    const input: NoticeReminderInvocation = { kind: 'notice-reminder', notice, start };
    return this.schedules.createAt(noticeReminderName(notice, start), at, input);
  }

  remove(notice: string, start: number): Promise<void> {
    return this.schedules.remove(noticeReminderName(notice, start));
  }
}
