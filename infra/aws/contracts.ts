/**
 * The contracts function: what the contracts promise beyond SLA clocks, fired by EventBridge
 * Scheduler (notice reminders: one-shot schedules the api makes per notice; the tier review
 * reminders of published policies: recurring schedules the policy publisher keeps). Its Scheduler
 * role may invoke only it; the api may create and delete only the `notice-…` schedules of our
 * group and the publisher only the `tier-review-…` ones, each passing only that role.
 */

import { Duration } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, type Role } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { apiEnvironment } from '../../functions/api/environment.ts';
import type { DeployedEnvironment } from '../../functions/lib/config.ts';
import { deadLetterQueue } from './queues.ts';
import { scheduleNamesIn, schedulerRole } from './scheduling.ts';
import { SlaFunction } from './sla-function.ts';
import { grantTable } from './table-access.ts';

/** What every notice reminder's name starts with (`noticeReminderName` in functions/adapters/notice-reminders.ts). */
export const NOTICE_REMINDER_PREFIX = 'notice-';
/** What every tier review reminder's name starts with (`tierReviewReminderName` in shared/tier-review/reminder-schedule.ts). */
export const TIER_REVIEW_REMINDER_PREFIX = 'tier-review-';

export interface ContractsProps {
  readonly table: TableV2;
  readonly scheduleGroup: string;
  readonly logRetention: RetentionDays;
  /** The api function: it makes and removes the notice reminders. */
  readonly api: SlaFunction;
  /** The policy publisher: it keeps the tier review reminders of published policies. */
  readonly policyPublisher: SlaFunction;
  /** Scheduler's dead-letter queue (paging.ts): reminders it could not deliver to the function. */
  readonly schedulerDeadLetters: Queue;
  /** Who is reminded to run the quarterly tier reviews (tier-review-schedule.ts). */
  readonly tierReviewAdmins: readonly string[];
}

export interface Contracts {
  readonly fn: SlaFunction<'contracts'>;
  readonly schedulerRole: Role;
  /** The function's own failures after Lambda's retries of an asynchronous invoke. */
  readonly failures: Queue;
}

type ReminderSettings = Required<
  Pick<
    DeployedEnvironment<typeof apiEnvironment>,
    'SCHEDULE_GROUP' | 'CONTRACTS_FUNCTION_ARN' | 'CONTRACTS_SCHEDULER_ROLE_ARN' | 'SCHEDULER_DLQ_ARN'
  >
>;

export function contracts(scope: Construct, props: ContractsProps): Contracts {
  const { table, scheduleGroup, api } = props;
  // Scheduler invokes it asynchronously: its own errors are retried by Lambda, then set aside
  // (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html).
  const failures = deadLetterQueue(scope, 'ContractsFailures');
  const fn = new SlaFunction(scope, 'Contracts', {
    name: 'contracts',
    logRetention: props.logRetention,
    timeout: Duration.seconds(60),
    environment: { TABLE_NAME: table.tableName, TIER_REVIEW_ADMINS: props.tierReviewAdmins.join(',') },
    onFailure: new SqsDestination(failures),
    retryAttempts: 2,
    maxEventAge: Duration.hours(6),
  });
  grantTable(fn, table, 'contracts');
  const role = schedulerRole(scope, 'SchedulerInvokesContracts', {
    group: scheduleGroup,
    target: fn,
    deadLetters: props.schedulerDeadLetters,
  });

  const settings: ReminderSettings = {
    SCHEDULE_GROUP: scheduleGroup,
    CONTRACTS_FUNCTION_ARN: fn.functionArn,
    CONTRACTS_SCHEDULER_ROLE_ARN: role.roleArn,
    SCHEDULER_DLQ_ARN: props.schedulerDeadLetters.queueArn,
  };
  const schedulers: Array<[SlaFunction, string]> = [
    [api, NOTICE_REMINDER_PREFIX],
    [props.policyPublisher, TIER_REVIEW_REMINDER_PREFIX],
  ];
  for (const [scheduler, prefix] of schedulers) {
    scheduler.addToRolePolicy(
      new PolicyStatement({
        actions: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'],
        resources: [scheduleNamesIn(scheduleGroup, prefix)],
      }),
    );
    // CreateSchedule passes the target's role to Scheduler
    // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoneventbridgescheduler.html).
    scheduler.addToRolePolicy(
      new PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [role.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
    for (const [name, value] of Object.entries(settings)) scheduler.addEnvironment(name, value);
  }
  return { fn, schedulerRole: role, failures };
}
