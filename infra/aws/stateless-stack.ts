/**
 * The code and its wiring, room by room: the HTTP API (http-api.ts), the paging path (paging.ts),
 * mail (mail.ts), webhooks (webhooks.ts) and the alarms over all of them (alarms.ts). Each room builds its resources in
 * this stack's scope, so their logical ids are the stack's own and do not depend on the room.
 */

import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { serviceAlarms } from './alarms.ts';
import type { DeploymentConfig } from './config.ts';
import type { ConsoleHosting } from './console-hosting.ts';
import { contracts } from './contracts.ts';
import { serviceApi } from './http-api.ts';
import { mail } from './mail.ts';
import { monthlyReportSchedule } from './monthly-report-schedule.ts';
import { stageNames } from './names.ts';
import { smsInbound } from './oncall.ts';
import { paging } from './paging.ts';
import type { SlaFunction } from './sla-function.ts';
import { subscribe } from './subscriptions.ts';
import type { FunctionId } from './table-access.ts';
import { tierReviewSchedules } from './tier-review-schedule.ts';
import { WAKEUP_MAX_AGE, webhookQueue, webhooks } from './webhooks.ts';

export interface StatelessStackProps extends StackProps {
  readonly config: DeploymentConfig;
  readonly table: TableV2;
  readonly mailBucket: Bucket;
  readonly mailKey: Key;
  readonly topicKey: Key;
  readonly roleTopics: ReadonlyMap<string, Topic>;
  /** The keys of ack links and verification codes (oncall-data.ts). */
  readonly oncallSecret: ISecret;
  /** The two-way SMS topic (oncall-data.ts). */
  readonly inboundSms: Topic;
  /** The directory the console was built into (see console-build.ts). */
  readonly consoleSite: string;
}

const RETENTION: Record<DeploymentConfig['logRetentionDays'], RetentionDays> = {
  7: RetentionDays.ONE_WEEK,
  14: RetentionDays.TWO_WEEKS,
  30: RetentionDays.ONE_MONTH,
  90: RetentionDays.THREE_MONTHS,
  365: RetentionDays.ONE_YEAR,
};

export class StatelessStack extends Stack {
  readonly api: HttpApi;
  /** Where schedule-sync keeps the per-deadline schedules (and the sweep runs). */
  readonly scheduleGroupName: string;
  /** sms-inbound exists only with a two-way number (config `oncall.originationNumber`). */
  readonly functions: Record<Exclude<FunctionId, 'smsInbound'>, SlaFunction> & { readonly smsInbound?: SlaFunction };
  /** The console's bucket and distribution (the API under /api on it). */
  readonly console: ConsoleHosting;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, table, roleTopics } = props;
    const names = stageNames(config.stage);
    const logRetention = RETENTION[config.logRetentionDays];
    this.scheduleGroupName = names.scheduleGroup;

    const wakeups = webhookQueue(this);
    const http = serviceApi(this, {
      config,
      table,
      logRetention,
      webhookQueue: wakeups.queue,
      consoleSite: props.consoleSite,
      oncallSecret: props.oncallSecret,
      policyPublisherName: names.policyPublisherFunction,
    });
    const mailboxes = mail(this, { config, names, table, mailBucket: props.mailBucket, mailKey: props.mailKey, logRetention });
    const paths = paging(this, {
      table,
      topicKey: props.topicKey,
      roleTopics,
      topicPrefix: names.topicPrefix,
      scheduleGroup: names.scheduleGroup,
      logRetention,
      webhookQueue: wakeups.queue,
      config,
      consoleUrl: http.console.url,
      oncallSecret: props.oncallSecret,
      supportAddress: mailboxes.supportAddress,
      notifyFunctionName: names.notifyFunction,
      policyPublisherName: names.policyPublisherFunction,
    });
    const replies = smsInbound(this, { config, table, topic: props.inboundSms, logRetention });
    const hooks = webhooks(this, {
      table,
      wakeups: wakeups.queue,
      supportAddress: mailboxes.supportAddress,
      supportDomain: config.supportDomain,
      logRetention,
    });
    const promises = contracts(this, {
      table,
      scheduleGroup: names.scheduleGroup,
      logRetention,
      api: http.api,
      policyPublisher: http.policyPublisher,
      schedulerDeadLetters: paths.schedulerDeadLetters,
      tierReviewAdmins: config.adminEmails ?? [config.opsEmail],
    });
    tierReviewSchedules(this, {
      group: names.scheduleGroup,
      target: promises.fn,
      role: promises.schedulerRole,
      deadLetters: paths.schedulerDeadLetters,
    });
    monthlyReportSchedule(this, {
      group: names.scheduleGroup,
      target: promises.fn,
      role: promises.schedulerRole,
      deadLetters: paths.schedulerDeadLetters,
    });
    subscribe(roleTopics, config.subscriptions);
    this.api = http.httpApi;
    this.console = http.console;
    this.functions = {
      api: http.api,
      scheduleSync: paths.scheduleSync,
      notify: paths.notify,
      inboundEmail: mailboxes.inboundEmail,
      outboundMail: mailboxes.outboundMail,
      sweeper: paths.sweeper,
      preToken: http.preToken,
      policyPublisher: http.policyPublisher,
      policySeed: http.policySeed,
      webhookFanout: hooks.fanout,
      webhookSender: hooks.sender,
      contracts: promises.fn,
      ...(replies && { smsInbound: replies.fn }),
    };
    const serverErrors = serviceAlarms(this, {
      opsEmail: config.opsEmail,
      functions: this.functions,
      httpApi: this.api,
      // The two-way topic's failures are deliveries to sms-inbound SNS gave up on.
      topicNames: [...[...roleTopics.keys()].map((role) => `${names.topicPrefix}${role}`), ...(replies ? [names.inboundSmsTopic] : [])],
      smsSpendAlarmUsd: config.smsSpendAlarmUsd,
      workQueues: [{ queue: wakeups.queue, maxAge: WAKEUP_MAX_AGE }],
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
    new CfnOutput(this, 'UserPoolId', { value: http.pool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: http.client.userPoolClientId });
    new CfnOutput(this, 'ConsoleUrl', { value: http.console.url });
    new CfnOutput(this, 'ConsoleClientId', { value: http.consoleClient.userPoolClientId });
    new CfnOutput(this, 'ScheduleGroupName', { value: names.scheduleGroup });
    new CfnOutput(this, 'SupportAddress', { value: mailboxes.supportAddress });
    new CfnOutput(this, 'NotifyFailuresQueueUrl', { value: paths.notifyFailures.queueUrl });
    new CfnOutput(this, 'SchedulerDeadLettersQueueUrl', { value: paths.schedulerDeadLetters.queueUrl });
    new CfnOutput(this, 'WebhookDeadLettersQueueUrl', { value: wakeups.deadLetters.queueUrl });
    // The alarm the smoke test sets to ALARM and back, to see a page reach the ops address.
    new CfnOutput(this, 'SmokeAlarmName', { value: serverErrors.alarmName });
  }
}
