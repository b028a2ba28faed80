/**
 * EventBridge Scheduler: our schedule group, the roles Scheduler assumes to invoke a function,
 * and the recurring sweep.
 */

import { Aws, Duration, Stack } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/** What every per-deadline schedule's name starts with (`scheduleName` in shared/sla/schedules.ts); the sweep's does not. */
export const SCHEDULE_NAME_PREFIX = 'sla-';

/** The per-deadline schedules of our group (named `sla-…`), not the sweep schedule beside them. */
export function schedulesIn(group: string): string {
  return scheduleNamesIn(group, SCHEDULE_NAME_PREFIX);
}

/** The schedules of our group whose names start with `prefix`. */
export function scheduleNamesIn(group: string, prefix: string): string {
  return `arn:${Aws.PARTITION}:scheduler:${Aws.REGION}:${Aws.ACCOUNT_ID}:schedule/${group}/${prefix}*`;
}

/** The schedules notify creates to flush a number's held SMS pages (`sms-flush-…`, see functions/adapters/eventbridge-schedules.ts). */
export function smsFlushSchedulesIn(group: string): string {
  return scheduleNamesIn(group, 'sms-flush-');
}

export function scheduleGroupArn(group: string): string {
  return `arn:${Aws.PARTITION}:scheduler:${Aws.REGION}:${Aws.ACCOUNT_ID}:schedule-group/${group}`;
}

/**
 * A role Scheduler may assume only for schedules of our group in this account (the confused
 * deputy guard of https://docs.aws.amazon.com/scheduler/latest/UserGuide/cross-service-confused-deputy-prevention.html),
 * allowed only to invoke `target` and report to the dead-letter queue.
 */
export function schedulerRole(scope: Construct, id: string, props: { group: string; target: IFunction; deadLetters: Queue }): Role {
  const role = new Role(scope, id, {
    assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account, 'aws:SourceArn': scheduleGroupArn(props.group) } },
    }),
    description: `EventBridge Scheduler may only invoke ${props.target.node.id} and report to its dead-letter queue`,
  });
  role.addToPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [props.target.functionArn] }));
  props.deadLetters.grantSendMessages(role);
  return role;
}

/** How often the sweeper looks for overdue deadlines: the most a lost schedule can delay a page. */
export const SWEEP_EVERY = Duration.minutes(5);

/** The sweeper's recurring schedule: a missed run is not retried for long, the next one comes soon. */
export function sweepSchedule(scope: Construct, props: { group: string; sweeper: IFunction; role: Role; deadLetters: Queue }): CfnSchedule {
  return new CfnSchedule(scope, 'SweepSchedule', {
    name: 'sweep-overdue-deadlines',
    groupName: props.group,
    description: 'Hands overdue pending deadlines to notify (a lost stream record or schedule)',
    scheduleExpression: `rate(${SWEEP_EVERY.toMinutes()} minutes)`,
    flexibleTimeWindow: { mode: 'OFF' },
    target: {
      arn: props.sweeper.functionArn,
      roleArn: props.role.roleArn,
      retryPolicy: { maximumEventAgeInSeconds: SWEEP_EVERY.toSeconds(), maximumRetryAttempts: 2 },
      deadLetterConfig: { arn: props.deadLetters.queueArn },
    },
  });
}
