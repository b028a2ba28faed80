/**
 * The DeadlineScheduler on EventBridge Scheduler: one-shot `at()` schedules in UTC that delete themselves after firing.
 * Also the flushes of held SMS pages (`SmsFlushScheduler`), on the same target, and on the
 * contracts function's target the recurring reminders of published policies' tier reviews.
 */

import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import type { DeadlineScheduler } from '#shared/sla/ports.ts';
import type { DeadlineInvocation, ScheduledDeadline } from '#shared/sla/schedules.ts';
import { REMINDER_MAX_AGE_S, type RecurringSchedules, type ReminderSchedule } from '#shared/tier-review/reminder-schedule.ts';
import type { SmsFlushScheduler } from '../notify/sms-pages.ts';

export interface SchedulerTarget {
  readonly groupName: string;
  /** The notify function. */
  readonly targetArn: string;
  /** A role that may only invoke the notify function. */
  readonly roleArn: string;
  readonly deadLetterArn: string;
}

/** `at(2026-03-02T14:15:00)`: whole seconds, rounded up so a schedule never fires before its deadline. */
function atExpression(due: number): string {
  return `at(${new Date(Math.ceil(due / 1000) * 1000).toISOString().slice(0, 19)})`;
}

export class EventBridgeSchedules implements DeadlineScheduler, SmsFlushScheduler, RecurringSchedules {
  constructor(
    private readonly client: Pick<SchedulerClient, 'send'>,
    readonly target: SchedulerTarget,
  ) {}

  async create(schedule: ScheduledDeadline, version: number): Promise<void> {
    const input: DeadlineInvocation = { caseId: schedule.caseId, deadlineId: schedule.deadlineId, due: schedule.due, version };
    await this.createAt(schedule.name, schedule.due, input);
  }

  /** Named by the number and the instant (`sms-flush-4915112345678-1772460030`), so asking twice makes one schedule. */
  scheduleSmsFlush(number: string, at: number): Promise<void> {
    return this.createAt(`sms-flush-${number.replace(/^\+/, '')}-${Math.ceil(at / 1000)}`, at, { smsFlush: number });
  }

  /** A one-shot schedule of this target; an existing name is left as it is (asking twice makes one). */
  async createAt(name: string, due: number, input: object): Promise<void> {
    try {
      await this.client.send(
        new CreateScheduleCommand({
          Name: name,
          GroupName: this.target.groupName,
          ScheduleExpression: atExpression(due),
          ScheduleExpressionTimezone: 'UTC',
          FlexibleTimeWindow: { Mode: 'OFF' },
          ActionAfterCompletion: 'DELETE',
          Target: {
            Arn: this.target.targetArn,
            RoleArn: this.target.roleArn,
            Input: JSON.stringify(input),
            RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 3_600 },
            DeadLetterConfig: { Arn: this.target.deadLetterArn },
          },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConflictException)) throw error;
    }
  }

  /**
   * A recurring schedule (a cron in its zone) of this target, given up after a day undelivered as
   * the CDK's contract schedules are. One of the same name is replaced (deleted, then created: the
   * cron or zone may have changed; a quarterly reminder cannot fall in the moment between).
   */
  async putRecurring(schedule: ReminderSchedule): Promise<void> {
    const create = () =>
      this.client.send(
        new CreateScheduleCommand({
          Name: schedule.name,
          GroupName: this.target.groupName,
          ScheduleExpression: schedule.expression,
          ScheduleExpressionTimezone: schedule.timezone,
          FlexibleTimeWindow: { Mode: 'OFF' },
          Target: {
            Arn: this.target.targetArn,
            RoleArn: this.target.roleArn,
            Input: JSON.stringify(schedule.input),
            RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: REMINDER_MAX_AGE_S },
            DeadLetterConfig: { Arn: this.target.deadLetterArn },
          },
        }),
      );
    try {
      await create();
    } catch (error) {
      if (!(error instanceof ConflictException)) throw error;
      await this.remove(schedule.name);
      await create();
    }
  }

  async remove(name: string): Promise<void> {
    try {
      await this.client.send(new DeleteScheduleCommand({ Name: name, GroupName: this.target.groupName }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  }
}

/** The settings that name the contracts function's schedules (the api's and the policy publisher's environment). */
export interface ContractsScheduleSettings {
  readonly AWS_REGION: string;
  readonly SCHEDULE_GROUP?: string | undefined;
  readonly CONTRACTS_FUNCTION_ARN?: string | undefined;
  readonly CONTRACTS_SCHEDULER_ROLE_ARN?: string | undefined;
  readonly SCHEDULER_DLQ_ARN?: string | undefined;
}

/** Schedules of the contracts function, or none without every setting. */
export function contractsSchedules(env: ContractsScheduleSettings): EventBridgeSchedules | undefined {
  const { SCHEDULE_GROUP, CONTRACTS_FUNCTION_ARN, CONTRACTS_SCHEDULER_ROLE_ARN, SCHEDULER_DLQ_ARN } = env;
  if (
    SCHEDULE_GROUP === undefined ||
    CONTRACTS_FUNCTION_ARN === undefined ||
    CONTRACTS_SCHEDULER_ROLE_ARN === undefined ||
    SCHEDULER_DLQ_ARN === undefined
  )
    return undefined;
  return new EventBridgeSchedules(new SchedulerClient({ region: env.AWS_REGION }), {
    groupName: SCHEDULE_GROUP,
    targetArn: CONTRACTS_FUNCTION_ARN,
    roleArn: CONTRACTS_SCHEDULER_ROLE_ARN,
    deadLetterArn: SCHEDULER_DLQ_ARN,
  });
}
