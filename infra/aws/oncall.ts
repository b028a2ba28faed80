/**
 * On-call paging of people on AWS: the grants of the functions that text and mail people or sign
 * their links, and sms-inbound on the two-way topic (the topic and the secret are in
 * oncall-data.ts, because they outlive deployments).
 */

import { ArnFormat, Aws, Duration, Stack } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { type IFunction, ParamsAndSecretsLayerVersion, ParamsAndSecretsVersions } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { DeployedEnvironment } from '../../functions/lib/config.ts';
import { ONCALL_KEYS_TTL_MS } from '../../functions/lib/oncall-secret.ts';
import type { notifyEnvironment, ONCALL_SETTINGS } from '../../functions/notify/environment.ts';
import type { DeploymentConfig } from './config.ts';
import { deadLetterQueue } from './queues.ts';
import { smsFlushSchedulesIn } from './scheduling.ts';
import { SlaFunction } from './sla-function.ts';
import { grantTable } from './table-access.ts';

/**
 * The AWS Parameters and Secrets Lambda extension, which the functions that read the on-call
 * secret run beside them (functions/lib/oncall-secret.ts): CDK maps the version to the layer of
 * the function's region and architecture. Its cache time is the one the functions keep the keys.
 * https://docs.aws.amazon.com/lambda/latest/dg/with-secrets-manager.html
 */
export const SECRETS_EXTENSION = ParamsAndSecretsLayerVersion.fromVersion(ParamsAndSecretsVersions.V1_0_103, {
  secretsManagerTtl: Duration.millis(ONCALL_KEYS_TTL_MS),
});

/** The secret's value, and nothing else of Secrets Manager (the extension calls GetSecretValue only). */
export function grantOncallSecret(fn: IFunction, secret: ISecret): void {
  fn.addToRolePolicy(new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }));
}

/**
 * Texting a phone number directly: `Publish` with `PhoneNumber` names no topic, so the Service
 * Authorization Reference's only resource type for sns:Publish (a topic) does not apply and the
 * statement needs `"Resource": "*"`; none of SNS's condition keys names the phone number
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsns.html). The
 * opt-out actions have no resource type either. See nag-acknowledgements.ts.
 */
export function grantSms(fn: IFunction, optOutActions: readonly OptOutAction[] = []): void {
  fn.addToRolePolicy(new PolicyStatement({ actions: ['sns:Publish', ...optOutActions], resources: ['*'] }));
}

type OptOutAction = 'sns:CheckIfPhoneNumberIsOptedOut' | 'sns:ListPhoneNumbersOptedOut' | 'sns:OptInPhoneNumber';

/** SES v2 SendEmail from the support domain's identity (mail to people: their pages with the ack link). */
export function grantMailFromSupportDomain(fn: IFunction, supportDomain: string): void {
  // Simple content needs ses:SendEmail only (as outbound-mail, mail.ts).
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['ses:SendEmail'],
      resources: [`arn:${Aws.PARTITION}:ses:${Aws.REGION}:${Aws.ACCOUNT_ID}:identity/${supportDomain}`],
    }),
  );
}

export interface PeoplePagingProps {
  readonly config: DeploymentConfig;
  /** The console's origin (ack links). */
  readonly consoleUrl: string;
  /** Where page e-mails come from. */
  readonly supportAddress: string;
  readonly secret: ISecret;
  /** The group notify schedules its SMS flushes in, the role Scheduler assumes to invoke notify, and its dead-letter queue. */
  readonly scheduleGroup: string;
  readonly schedulerRole: IRole;
  readonly schedulerDeadLetters: Queue;
  /** notify's function name, as given to it (names.ts). */
  readonly notifyFunctionName: string;
}

/** notify's settings for paging people: all of them or none (functions/notify/environment.ts). */
type PeoplePagingSettings = Required<
  Pick<DeployedEnvironment<typeof notifyEnvironment>, (typeof ONCALL_SETTINGS)[number] | 'SMS_ACK_LINKS'>
>;

/**
 * With a two-way number, notify pages the people on call (SMS from the number, e-mail with the
 * signed ack link) and schedules the flushes of SMS its throttle holds back; without one it pages
 * roles' topics only, and gets none of this.
 */
export function pagePeople(scope: Construct, notify: SlaFunction<'notify'>, props: PeoplePagingProps): void {
  const number = props.config.oncall.originationNumber;
  if (number === undefined) return;
  const settings: PeoplePagingSettings = {
    ONCALL_SECRET_ARN: props.secret.secretArn,
    CONSOLE_URL: props.consoleUrl,
    SMS_ORIGINATION_NUMBER: number,
    SMS_ACK_LINKS: String(props.config.oncall.smsAckLinks),
    SUPPORT_ADDRESS: props.supportAddress,
    SCHEDULE_GROUP: props.scheduleGroup,
    NOTIFY_FUNCTION_ARN: Stack.of(scope).formatArn({
      service: 'lambda',
      resource: 'function',
      // The name as given, not `notify.functionName`: in notify's own stack that is a Ref to itself.
      resourceName: props.notifyFunctionName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    }),
    SCHEDULER_ROLE_ARN: props.schedulerRole.roleArn,
    SCHEDULER_DLQ_ARN: props.schedulerDeadLetters.queueArn,
  };
  for (const [name, value] of Object.entries(settings)) notify.addEnvironment(name, value);
  grantSms(notify);
  grantMailFromSupportDomain(notify, props.config.supportDomain);
  grantOncallSecret(notify, props.secret);
  // The flush of a number's held pages: one schedule per number and instant (`sms-flush-…`), in
  // our group, invoking notify through the role schedule-sync passes too.
  notify.addToRolePolicy(
    new PolicyStatement({
      actions: ['scheduler:CreateSchedule'],
      resources: [smsFlushSchedulesIn(props.scheduleGroup)],
    }),
  );
  notify.addToRolePolicy(
    new PolicyStatement({
      actions: ['iam:PassRole'],
      resources: [props.schedulerRole.roleArn],
      conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    }),
  );
}

export interface SmsInboundProps {
  readonly config: DeploymentConfig;
  readonly table: TableV2;
  readonly topic: Topic;
  readonly logRetention: RetentionDays;
}

export interface SmsInbound {
  readonly fn: SlaFunction<'sms-inbound'>;
  readonly failures: Queue;
}

/**
 * sms-inbound on the two-way topic, or nothing when no two-way number is configured. SNS invokes
 * a subscribed function asynchronously (https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html):
 * its errors are retried by Lambda and then go to the on-failure destination, `SmsInboundFailures`
 * (alarmed on depth like every failure queue).
 */
export function smsInbound(scope: Construct, props: SmsInboundProps): SmsInbound | undefined {
  const number = props.config.oncall.originationNumber;
  if (number === undefined) return undefined;
  const failures = deadLetterQueue(scope, 'SmsInboundFailures');
  const fn = new SlaFunction(scope, 'SmsInbound', {
    name: 'sms-inbound',
    logRetention: props.logRetention,
    environment: {
      TABLE_NAME: props.table.tableName,
      SMS_ORIGINATION_NUMBER: number,
      SMS_SELF_MANAGED_OPT_OUTS: String(props.config.oncall.selfManagedOptOuts),
    },
    onFailure: new SqsDestination(failures),
    retryAttempts: 2,
    // A reply older than this acknowledges a page its sender has long stopped waiting on.
    maxEventAge: Duration.hours(1),
  });
  grantTable(fn, props.table, 'smsInbound');
  // Answers by SMS; takes a number off SNS's opt-out list when it texts START.
  grantSms(fn, ['sns:OptInPhoneNumber']);
  props.topic.addSubscription(new LambdaSubscription(fn));
  return { fn, failures };
}
