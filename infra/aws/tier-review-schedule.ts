/**
 * The quarterly tier review reminders: one recurring EventBridge Scheduler schedule per preset
 * with a `tierReview`, a cron expression evaluated in the policy's zone
 * (shared/tier-review/reminder-schedule.ts; AWS's rules for cron expressions and time zones:
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html), invoking the
 * contracts function with `{"kind":"tier-review-reminder","policy":…}` through its Scheduler role.
 */

import type { Role } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { loadPreset, PRESET_IDS } from '#shared/policies/presets.ts';
import { REMINDER_MAX_AGE_S, tierReviewReminderSchedule } from '#shared/tier-review/reminder-schedule.ts';

/** Where a recurring contract schedule goes: its group, the contracts function, the role Scheduler invokes it with, and its dead letters. */
export interface ContractScheduleProps {
  readonly group: string;
  readonly target: IFunction;
  readonly role: Role;
  readonly deadLetters: Queue;
}

/** A recurring schedule (a cron in a zone) invoking the contracts function with `schedule.input`; undelivered for a day, it is given up. */
export function contractSchedule(
  scope: Construct,
  id: string,
  schedule: { readonly name: string; readonly expression: string; readonly timezone: string; readonly input: unknown },
  description: string,
  props: ContractScheduleProps,
): CfnSchedule {
  return new CfnSchedule(scope, id, {
    name: schedule.name,
    groupName: props.group,
    description,
    scheduleExpression: schedule.expression,
    scheduleExpressionTimezone: schedule.timezone,
    flexibleTimeWindow: { mode: 'OFF' },
    target: {
      arn: props.target.functionArn,
      roleArn: props.role.roleArn,
      input: JSON.stringify(schedule.input),
      retryPolicy: { maximumEventAgeInSeconds: REMINDER_MAX_AGE_S, maximumRetryAttempts: 10 },
      deadLetterConfig: { arn: props.deadLetters.queueArn },
    },
  });
}

export function tierReviewSchedules(scope: Construct, props: ContractScheduleProps): CfnSchedule[] {
  return PRESET_IDS.flatMap((id) => {
    const schedule = tierReviewReminderSchedule(loadPreset(id));
    if (schedule === undefined) return [];
    const description = `Reminds the admins to run the ${id} policy's tier review on the first day of each quarter`;
    return [contractSchedule(scope, `TierReviewReminder-${id}`, schedule, description, props)];
  });
}
