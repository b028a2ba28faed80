/**
 * The paging path: notify (pages and tells a role when a deadline runs out), schedule-sync (keeps
 * one Scheduler schedule per pending deadline, on the table's stream), the sweeper (hands overdue
 * deadlines to notify again), the schedule group, and the roles Scheduler assumes.
 */

import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { RUN_NOW_WITHIN_MS } from '../../shared/sla/schedules.ts';
import type { DeploymentConfig } from './config.ts';
import { pagePeople, SECRETS_EXTENSION } from './oncall.ts';
import { consumeStream, deadLetterQueue } from './queues.ts';
import { schedulerRole, schedulesIn, sweepSchedule } from './scheduling.ts';
import { invokeFunctionNamed, SlaFunction } from './sla-function.ts';
import { STREAM_CONSUMERS } from './stream-consumers.ts';
import { grantTable } from './table-access.ts';

export interface PagingProps {
  readonly table: TableV2;
  readonly topicKey: Key;
  readonly roleTopics: ReadonlyMap<string, Topic>;
  /** The SNS topic of a role is named this prefix + the role id. */
  readonly topicPrefix: string;
  readonly scheduleGroup: string;
  readonly logRetention: RetentionDays;
  /** The webhook wake-up queue: the sweeper wakes stranded delivery queues through it. */
  readonly webhookQueue: Queue;
  readonly config: DeploymentConfig;
  /** The console's origin: ack links are `<consoleUrl>/ack/<token>`. */
  readonly consoleUrl: string;
  /** The keys of ack links (oncall-data.ts). */
  readonly oncallSecret: ISecret;
  /** Where page e-mails come from (mail.ts). */
  readonly supportAddress: string;
  /** notify's function name (names.ts). */
  readonly notifyFunctionName: string;
  /** The policy publisher's function name (names.ts): the sweeper resumes stalled re-plans in it. */
  readonly policyPublisherName: string;
}

export interface Paging {
  readonly notify: SlaFunction;
  readonly scheduleSync: SlaFunction;
  readonly sweeper: SlaFunction;
  readonly notifyFailures: Queue;
  readonly schedulerDeadLetters: Queue;
}

/** The paging path's resources, in `scope` (the stack: their logical ids are the stack's own). */
export function paging(scope: Construct, props: PagingProps): Paging {
  const { table, logRetention, scheduleGroup } = props;
  // Scheduler invokes notify asynchronously
  // (https://docs.aws.amazon.com/lambda/latest/dg/with-eventbridge-scheduler.html), so notify's
  // own errors are retried by Lambda and then go to its on-failure destination, not to the
  // Scheduler's dead-letter queue (which takes only failed deliveries to Lambda):
  // https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
  const notifyFailures = deadLetterQueue(scope, 'NotifyFailures');
  const notify = new SlaFunction(scope, 'Notify', {
    name: 'notify',
    // A name of its own, so its ARN is known without a reference to it: notify schedules its own
    // SMS flushes (NOTIFY_FUNCTION_ARN, see oncall.ts), and a reference to itself would be a cycle.
    functionName: props.notifyFunctionName,
    logRetention,
    // Scheduler fires up to a minute early and notify then waits for the deadline.
    timeout: Duration.seconds(RUN_NOW_WITHIN_MS / 1000 + 30),
    environment: {
      TABLE_NAME: table.tableName,
      ROLE_TOPIC_ARN_PREFIX: Stack.of(scope).formatArn({
        service: 'sns',
        resource: props.topicPrefix,
        arnFormat: ArnFormat.NO_RESOURCE_NAME,
      }),
    },
    onFailure: new SqsDestination(notifyFailures),
    retryAttempts: 2,
    maxEventAge: Duration.hours(6),
    paramsAndSecrets: SECRETS_EXTENSION,
  });
  grantTable(notify, table, 'notify');
  notify.addToRolePolicy(
    new PolicyStatement({ actions: ['sns:Publish'], resources: [...props.roleTopics.values()].map((topic) => topic.topicArn) }),
  );
  notify.addToRolePolicy(new PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [props.topicKey.keyArn] }));
  const invokeNotify = new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [notify.functionArn] });

  const schedulerDeadLetters = deadLetterQueue(scope, 'SchedulerDeadLetters');
  const group = new CfnScheduleGroup(scope, 'ScheduleGroup', { name: scheduleGroup });
  const notifyRole = schedulerRole(scope, 'SchedulerInvokesNotify', {
    group: scheduleGroup,
    target: notify,
    deadLetters: schedulerDeadLetters,
  });
  pagePeople(scope, notify, {
    config: props.config,
    consoleUrl: props.consoleUrl,
    supportAddress: props.supportAddress,
    secret: props.oncallSecret,
    scheduleGroup,
    schedulerRole: notifyRole,
    schedulerDeadLetters,
    notifyFunctionName: props.notifyFunctionName,
  });
  // Deadlines due now go to notify as async invokes: never performed inside the ordered stream consumer.
  const scheduleSync = new SlaFunction(scope, 'ScheduleSync', {
    name: 'schedule-sync',
    logRetention,
    environment: {
      SCHEDULE_GROUP: scheduleGroup,
      NOTIFY_FUNCTION_ARN: notify.functionArn,
      SCHEDULER_ROLE_ARN: notifyRole.roleArn,
      SCHEDULER_DLQ_ARN: schedulerDeadLetters.queueArn,
    },
  });
  scheduleSync.node.addDependency(group);
  grantTable(scheduleSync, table, 'scheduleSync');
  scheduleSync.addToRolePolicy(invokeNotify);
  scheduleSync.addToRolePolicy(
    new PolicyStatement({ actions: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'], resources: [schedulesIn(scheduleGroup)] }),
  );
  // CreateSchedule needs iam:PassRole for the target's role, with iam:PassedToService
  // scheduler.amazonaws.com (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoneventbridgescheduler.html).
  scheduleSync.addToRolePolicy(
    new PolicyStatement({
      actions: ['iam:PassRole'],
      resources: [notifyRole.roleArn],
      conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    }),
  );
  consumeStream(scope, 'ScheduleSync', scheduleSync, table, STREAM_CONSUMERS.scheduleSync);

  const sweeper = new SlaFunction(scope, 'Sweeper', {
    name: 'sweeper',
    logRetention,
    timeout: Duration.seconds(60),
    environment: {
      TABLE_NAME: table.tableName,
      NOTIFY_FUNCTION_ARN: notify.functionArn,
      WEBHOOK_QUEUE_URL: props.webhookQueue.queueUrl,
      PUBLISHER_FUNCTION_NAME: props.policyPublisherName,
    },
    // The next sweep is the retry.
    retryAttempts: 0,
  });
  grantTable(sweeper, table, 'sweeper');
  // Mirrors SNS's SMS opt-out list into the directory (functions/sweeper/opt-out-mirror.ts).
  sweeper.addToRolePolicy(new PolicyStatement({ actions: ['sns:ListPhoneNumbersOptedOut'], resources: ['*'] }));
  sweeper.addToRolePolicy(invokeNotify);
  // Resumes a stalled re-plan of open tickets in the policy publisher (functions/sweeper/sweeper.ts).
  sweeper.addToRolePolicy(invokeFunctionNamed(scope, props.policyPublisherName));
  props.webhookQueue.grantSendMessages(sweeper);
  const sweepRole = schedulerRole(scope, 'SchedulerInvokesSweeper', {
    group: scheduleGroup,
    target: sweeper,
    deadLetters: schedulerDeadLetters,
  });
  sweepSchedule(scope, { group: scheduleGroup, sweeper, role: sweepRole, deadLetters: schedulerDeadLetters }).addResourceDependency(group);
  return { notify, scheduleSync, sweeper, notifyFailures, schedulerDeadLetters };
}
