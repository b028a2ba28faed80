/**
 * The code and its wiring: the functions, the HTTP API with a Cognito JWT authorizer, the stream
 * consumers, the Scheduler group, its roles and the sweep, SES receipt rules, dead-letter and
 * failure queues, and alarms.
 */

import { ArnFormat, Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { type CfnStage, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { CfnScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ROUTES } from '../../functions/api/routes.ts';
import { RUN_NOW_WITHIN_MS } from '../../shared/sla/schedules.ts';
import { alarmsTo, opsTopic, smsMetrics } from './alarms.ts';
import type { DeploymentConfig } from './config.ts';
import { mailReceipt } from './mail-receipt.ts';
import { mailObjects, stageNames } from './names.ts';
import { SCHEDULE_NAME_PREFIX, schedulerRole, sweepSchedule } from './scheduling.ts';
import { SlaFunction } from './sla-function.ts';
import { INBOUND_PREFIX } from './stateful-stack.ts';
import { STREAM_CONSUMERS } from './stream-consumers.ts';
import { subscribe } from './subscriptions.ts';
import { type FunctionId, tableAccess } from './table-access.ts';
import { users } from './users.ts';

export interface StatelessStackProps extends StackProps {
  readonly config: DeploymentConfig;
  readonly table: TableV2;
  readonly mailBucket: Bucket;
  readonly mailKey: Key;
  readonly topicKey: Key;
  readonly roleTopics: ReadonlyMap<string, Topic>;
}

const RETENTION: Record<DeploymentConfig['logRetentionDays'], RetentionDays> = {
  7: RetentionDays.ONE_WEEK,
  14: RetentionDays.TWO_WEEKS,
  30: RetentionDays.ONE_MONTH,
  90: RetentionDays.THREE_MONTHS,
  365: RetentionDays.ONE_YEAR,
};

/** The per-deadline schedules of our group (named `sla-…`), not the sweep schedule beside them. */
export function schedulesIn(group: string): string {
  return `arn:${Aws.PARTITION}:scheduler:${Aws.REGION}:${Aws.ACCOUNT_ID}:schedule/${group}/${SCHEDULE_NAME_PREFIX}*`;
}

export class StatelessStack extends Stack {
  readonly api: HttpApi;
  /** Where schedule-sync keeps the per-deadline schedules (and the sweep runs). */
  readonly scheduleGroupName: string;
  readonly functions: Record<FunctionId, SlaFunction>;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, table, mailBucket, mailKey, topicKey, roleTopics } = props;
    const names = stageNames(config.stage);
    const supportAddress = `${config.supportMailbox}@${config.supportDomain}`;
    const logRetention = RETENTION[config.logRetentionDays];
    const ops = opsTopic(this, config.opsEmail);
    const alarm = alarmsTo(this, ops);
    const deadLetters = (name: string) =>
      new Queue(this, name, { encryption: QueueEncryption.KMS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });

    const common = { TABLE_NAME: table.tableName };
    const topicArnPrefix = Stack.of(this).formatArn({ service: 'sns', resource: names.topicPrefix, arnFormat: ArnFormat.NO_RESOURCE_NAME });
    this.scheduleGroupName = names.scheduleGroup;
    const asyncFailures = deadLetters('AsyncFailures');

    // Scheduler invokes notify asynchronously
    // (https://docs.aws.amazon.com/lambda/latest/dg/with-eventbridge-scheduler.html), so notify's
    // own errors are retried by Lambda and then go to its on-failure destination, not to the
    // Scheduler's dead-letter queue (which takes only failed deliveries to Lambda):
    // https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
    const notifyFailures = deadLetters('NotifyFailures');
    const api = new SlaFunction(this, 'Api', { name: 'api', logRetention, environment: common });
    const notify = new SlaFunction(this, 'Notify', {
      name: 'notify',
      logRetention,
      // Scheduler fires up to a minute early and notify then waits for the deadline.
      timeout: Duration.seconds(RUN_NOW_WITHIN_MS / 1000 + 30),
      environment: { ...common, ROLE_TOPIC_ARN_PREFIX: topicArnPrefix },
      onFailure: new SqsDestination(notifyFailures),
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
    });
    const schedulerDlq = deadLetters('SchedulerDeadLetters');
    const group = new CfnScheduleGroup(this, 'ScheduleGroup', { name: names.scheduleGroup });
    const notifyRole = schedulerRole(this, 'SchedulerInvokesNotify', {
      group: names.scheduleGroup,
      target: notify,
      deadLetters: schedulerDlq,
    });
    // Deadlines due now go to notify as async invokes: never performed inside the ordered stream consumer.
    const scheduleSync = new SlaFunction(this, 'ScheduleSync', {
      name: 'schedule-sync',
      logRetention,
      environment: {
        ...common,
        SCHEDULE_GROUP: names.scheduleGroup,
        NOTIFY_FUNCTION_ARN: notify.functionArn,
        SCHEDULER_ROLE_ARN: notifyRole.roleArn,
        SCHEDULER_DLQ_ARN: schedulerDlq.queueArn,
      },
    });
    scheduleSync.node.addDependency(group);
    const sweeper = new SlaFunction(this, 'Sweeper', {
      name: 'sweeper',
      logRetention,
      timeout: Duration.seconds(60),
      environment: { ...common, NOTIFY_FUNCTION_ARN: notify.functionArn },
      // The next sweep is the retry.
      retryAttempts: 0,
    });
    const sweepRole = schedulerRole(this, 'SchedulerInvokesSweeper', {
      group: names.scheduleGroup,
      target: sweeper,
      deadLetters: schedulerDlq,
    });
    sweepSchedule(this, { group: names.scheduleGroup, sweeper, role: sweepRole, deadLetters: schedulerDlq }).addResourceDependency(group);
    const inboundEmail = new SlaFunction(this, 'InboundEmail', {
      name: 'inbound-email',
      logRetention,
      environment: {
        ...common,
        MAIL_BUCKET: mailBucket.bucketName,
        MAIL_PREFIX: INBOUND_PREFIX,
        SUPPORT_ADDRESS: supportAddress,
        MAX_MAIL_BYTES: String(config.maxMailBytes),
      },
      deadLetterQueue: asyncFailures,
      retryAttempts: 2,
    });
    const outboundMail = new SlaFunction(this, 'OutboundMail', {
      name: 'outbound-mail',
      logRetention,
      environment: { ...common, SUPPORT_ADDRESS: supportAddress },
    });
    // Cognito waits at most 5 s for a trigger.
    const preToken = new SlaFunction(this, 'PreToken', {
      name: 'pre-token',
      logRetention,
      timeout: Duration.seconds(5),
      environment: common,
    });
    this.functions = { api, scheduleSync, notify, inboundEmail, outboundMail, sweeper, preToken };

    // Grants: explicit statements on exact ARNs (no wildcard-producing grant helpers).
    for (const [name, fn] of Object.entries(this.functions)) {
      for (const statement of tableAccess(table, name as FunctionId)) fn.addToRolePolicy(statement);
    }
    notify.addToRolePolicy(
      new PolicyStatement({ actions: ['sns:Publish'], resources: [...roleTopics.values()].map((topic) => topic.topicArn) }),
    );
    notify.addToRolePolicy(new PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [topicKey.keyArn] }));
    const invokeNotify = new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [notify.functionArn] });
    for (const fn of [scheduleSync, sweeper]) fn.addToRolePolicy(invokeNotify);
    inboundEmail.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:GetObject'], resources: [mailObjects(config.mailBucketName, 'inbound')] }),
    );
    inboundEmail.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:PutObject'], resources: [mailObjects(config.mailBucketName, 'attachments')] }),
    );
    inboundEmail.addToRolePolicy(new PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [mailKey.keyArn] }));
    scheduleSync.addToRolePolicy(
      new PolicyStatement({
        actions: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'],
        resources: [schedulesIn(names.scheduleGroup)],
      }),
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
    // Mail goes out as SES v2 SendEmail with simple content, which needs ses:SendEmail only (raw
    // content would also be checked against ses:SendRawEmail; we send none).
    const sendMail = new PolicyStatement({
      actions: ['ses:SendEmail'],
      resources: [`arn:${Aws.PARTITION}:ses:${Aws.REGION}:${Aws.ACCOUNT_ID}:identity/${config.supportDomain}`],
    });
    inboundEmail.addToRolePolicy(sendMail);
    outboundMail.addToRolePolicy(sendMail);

    // The table's stream: schedule-sync and outbound-mail, retried from a failed record, then set
    // aside, each at its parallelization factor (see STREAM_CONSUMERS).
    for (const [name, fn, { parallelizationFactor }] of [
      ['ScheduleSync', scheduleSync, STREAM_CONSUMERS.scheduleSync],
      ['OutboundMail', outboundMail, STREAM_CONSUMERS.outboundMail],
    ] as const) {
      fn.addEventSource(
        new DynamoEventSource(table, {
          startingPosition: StartingPosition.TRIM_HORIZON,
          batchSize: 100,
          maxBatchingWindow: Duration.seconds(1),
          parallelizationFactor,
          bisectBatchOnError: true,
          retryAttempts: 10,
          maxRecordAge: Duration.hours(24),
          reportBatchItemFailures: true,
          onFailure: new SqsDlq(deadLetters(`${name}StreamFailures`)),
        }),
      );
    }

    // The HTTP API: one route per route-table entry; all but the public ones need a Cognito JWT.
    const { pool, client } = users(this, preToken);
    const authorizer = new HttpUserPoolAuthorizer('Cognito', pool, { userPoolClients: [client] });
    this.api = new HttpApi(this, 'HttpApi', { apiName: `sla-escalator-${config.stage}`, createDefaultStage: true });
    const integration = new HttpLambdaIntegration('Api', api);
    for (const route of ROUTES) {
      this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration,
        ...(route.access !== 'public' && { authorizer }),
      });
    }
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: logRetention, removalPolicy: RemovalPolicy.DESTROY });
    const stage = this.api.defaultStage?.node.defaultChild as CfnStage;
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        ip: '$context.identity.sourceIp',
        route: '$context.routeKey',
        status: '$context.status',
        latency: '$context.responseLatency',
        error: '$context.authorizer.error',
      }),
    };
    stage.defaultRouteSettings = { throttlingRateLimit: config.throttle.rateLimit, throttlingBurstLimit: config.throttle.burstLimit };

    mailReceipt(this, {
      ruleSetName: names.receiptRuleSet,
      ruleName: names.receiptRule,
      ruleArn: names.receiptRuleArn,
      recipient: supportAddress,
      bucketName: config.mailBucketName,
      prefix: INBOUND_PREFIX,
      mailKey,
      inboundEmail,
    });

    subscribe(roleTopics, config.subscriptions);

    // Alarms: anything in a dead-letter or failure queue, any function error or throttle, any 5xx
    // from the API, SMS spend and failed deliveries.
    for (const queue of this.node.findAll().filter((c): c is Queue => c instanceof Queue)) {
      alarm(
        `${queue.node.id}Depth`,
        queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
        `messages waiting in ${queue.node.id}: see the runbook (README, "Operating it") before redriving`,
      );
    }
    for (const [name, fn] of Object.entries(this.functions)) {
      alarm(`${name}Errors`, fn.metricErrors({ period: Duration.minutes(1) }), `${name} failed`);
      alarm(`${name}Throttles`, fn.metricThrottles({ period: Duration.minutes(1) }), `${name} was throttled`);
    }
    // HTTP APIs publish `5xx` in AWS/ApiGateway per ApiId:
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html
    const serverErrors = alarm(
      'Api5xx',
      this.api.metricServerError({ period: Duration.minutes(1), statistic: 'Sum' }),
      'the HTTP API answered 5xx: bad input must get a 4xx, so this is a bug or an outage',
    );
    const sms = smsMetrics([...roleTopics.keys()].map((role) => `${names.topicPrefix}${role}`));
    alarm('SmsSpend', sms.spend, `SMS spend this month reached ${config.smsSpendAlarmUsd} USD`, { threshold: config.smsSpendAlarmUsd });
    for (const [topicName, metric] of sms.failures) alarm(`DeliveryFailures-${topicName}`, metric, `SNS could not deliver to ${topicName}`);

    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
    new CfnOutput(this, 'UserPoolId', { value: pool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: client.userPoolClientId });
    new CfnOutput(this, 'ScheduleGroupName', { value: names.scheduleGroup });
    new CfnOutput(this, 'SupportAddress', { value: supportAddress });
    new CfnOutput(this, 'NotifyFailuresQueueUrl', { value: notifyFailures.queueUrl });
    new CfnOutput(this, 'SchedulerDeadLettersQueueUrl', { value: schedulerDlq.queueUrl });
    // The alarm the smoke test sets to ALARM and back, to see a page reach the ops address.
    new CfnOutput(this, 'SmokeAlarmName', { value: serverErrors.alarmName });
  }
}
