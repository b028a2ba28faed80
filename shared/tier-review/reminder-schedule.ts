/**
 * The recurring schedule that reminds admins to run a policy's tier review: at `remind.at` local
 * time on the first day of each quarter, in the policy's zone. EventBridge Scheduler evaluates a
 * cron expression in the schedule's time zone and follows its DST changes (a local time the
 * change skips is skipped): https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html
 * (cron-based schedules: `cron(minutes hours day-of-month month day-of-week year)`, one of the two
 * day fields `?`; time zones on EventBridge Scheduler: an IANA name). The CDK app and the local
 * stack's Scheduler stand-in both take it from here.
 */

import { createHash } from 'node:crypto';
import { parseUtcOffset } from '#shared/calendar/zone.ts';
import type { Policy } from '#shared/policy/policy.ts';

export interface ReminderSchedule {
  /** `tierReviewReminderName`: Scheduler's names are at most 64 of `[0-9a-zA-Z-_.]`. */
  readonly name: string;
  readonly expression: string;
  /** An IANA zone name, as Scheduler's `ScheduleExpressionTimezone` takes it. */
  readonly timezone: string;
  /** What the contracts function receives. */
  readonly input: TierReviewReminderEvent;
}

/** Where a policy's reminder schedule is kept (EventBridgeSchedules on the contracts function's target). */
export interface RecurringSchedules {
  /** Creates the schedule, or replaces the one of the same name. */
  putRecurring(schedule: ReminderSchedule): Promise<void>;
  /** Removes the schedule of this name; none is fine. */
  remove(name: string): Promise<void>;
}

/** A reminder or report Scheduler could not deliver for a day is not worth sending later. */
export const REMINDER_MAX_AGE_S = 86_400;

export interface TierReviewReminderEvent {
  readonly kind: 'tier-review-reminder';
  readonly policy: string;
}

/** The months each quarter starts in. */
export const QUARTER_MONTHS = [1, 4, 7, 10] as const;

export function tierReviewReminderSchedule(policy: Policy): ReminderSchedule | undefined {
  const review = policy.spec.tierReview;
  if (review === undefined) return undefined;
  const { hours, minutes } = review.remind.at;
  return {
    name: tierReviewReminderName(policy.id),
    expression: `cron(${minutes} ${hours} 1 ${QUARTER_MONTHS.join(',')} ? *)`,
    timezone: schedulerTimezone(policy.zone().name),
    input: { kind: 'tier-review-reminder', policy: policy.id },
  };
}

/**
 * `tier-review-<policy>`; an id too long for Scheduler's 64 characters keeps its first 43 and
 * gains 8 hex digits of its SHA-256, so two long ids never share a schedule.
 */
export function tierReviewReminderName(policyId: string): string {
  const name = `tier-review-${policyId}`;
  if (name.length <= 64) return name;
  return `tier-review-${policyId.slice(0, 43)}-${createHash('sha256').update(policyId).digest('hex').slice(0, 8)}`;
}

/**
 * Keeps a published policy's reminder as its latest version says: the version's schedule when it
 * has a `tierReview` (a changed time or zone replaces the old one), none when it has not.
 */
export function syncTierReviewReminder(schedules: RecurringSchedules, latest: Policy): Promise<void> {
  const schedule = tierReviewReminderSchedule(latest);
  return schedule === undefined ? schedules.remove(tierReviewReminderName(latest.id)) : schedules.putRecurring(schedule);
}

/**
 * Scheduler wants an IANA name; a calendar's fixed offset of whole hours is the `Etc/GMT` zone of
 * that offset (whose sign is POSIX's, the other way round: +02:00 is `Etc/GMT-2`).
 */
export function schedulerTimezone(zone: string): string {
  const offset = parseUtcOffset(zone);
  if (offset === undefined) return zone;
  const hours = offset / 3_600_000;
  if (!Number.isInteger(hours)) throw new Error(`no IANA zone for the offset ${zone}: give the calendar a timezone`);
  return hours === 0 ? 'Etc/UTC' : `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}`;
}
