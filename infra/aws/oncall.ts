/**
 * On-call paging of people on AWS: the grants of the functions that text and mail people or sign
 * their links, and sms-inbound on the two-way topic (the topic and the secret are in
 * oncall-data.ts, because they outlive deployments).
 */

import { Aws, Duration } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { type IFunction, ParamsAndSecretsLayerVersion, ParamsAndSecretsVersions } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ONCALL_KEYS_TTL_MS } from '../../functions/lib/oncall-secret.ts';
import type { DeploymentConfig } from './config.ts';
import { deadLetterQueue } from './queues.ts';
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

/** What the settings of a function that pages people say about the two-way number. */
export function originationNumber(config: DeploymentConfig): { SMS_ORIGINATION_NUMBER?: string } {
  const number = config.oncall.originationNumber;
  return number === undefined ? {} : { SMS_ORIGINATION_NUMBER: number };
}

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
