/**
 * The DeadlineScheduler on EventBridge Scheduler: one-shot `at()` schedules in UTC that delete themselves after firing.
 * Also the flushes of held SMS pages (`SmsFlushScheduler`), on the same target.
 */

import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler';
import type { DeadlineScheduler } from '#shared/sla/ports.ts';
import type { DeadlineInvocation, ScheduledDeadline } from '#shared/sla/schedules.ts';
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

export class EventBridgeSchedules implements DeadlineScheduler, SmsFlushScheduler {
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

  async remove(name: string): Promise<void> {
    try {
      await this.client.send(new DeleteScheduleCommand({ Name: name, GroupName: this.target.groupName }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  }
}
