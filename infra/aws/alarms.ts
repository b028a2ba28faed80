/** The ops topic with a key CloudWatch may use, and the alarms that publish to it. */

import { Aws, Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, type IMetric, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/** Only alarms of this account (the confused-deputy guard, `aws:SourceAccount` and `aws:SourceArn`). */
const alarmsOfThisAccount = {
  StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
  ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*` },
};

/**
 * The ops topic gets a key of its own whose policy lets CloudWatch encrypt the alarm messages it
 * publishes; without it an alarm on an encrypted topic delivers nothing. Only alarms of this
 * account may use it:
 * https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
 */
export function opsTopic(scope: Construct, opsEmail: string): Topic {
  const key = new Key(scope, 'OpsAlarmsKey', { enableKeyRotation: true, description: 'sla-escalator: the ops alarm topic' });
  key.addToResourcePolicy(
    new PolicyStatement({
      sid: 'AllowCloudWatchAlarms',
      principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: alarmsOfThisAccount,
    }),
  );
  const topic = new Topic(scope, 'OpsAlarms', { masterKey: key, enforceSSL: true });
  // `enforceSSL` makes CDK write a topic policy, and that policy is the topic's whole access
  // policy: with only its TLS deny in it nothing lets CloudWatch publish, and an alarm's history
  // shows "Failed to execute action ... is not authorized to perform: SNS:Publish". The statement
  // AWS gives for it, limited to alarms of this account:
  // https://repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger
  topic.addToResourcePolicy(
    new PolicyStatement({
      sid: 'AllowCloudWatchAlarmsToPublish',
      principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: alarmsOfThisAccount,
    }),
  );
  topic.addSubscription(new EmailSubscription(opsEmail));
  return topic;
}

export interface AlarmOptions {
  readonly threshold?: number;
  readonly comparison?: ComparisonOperator;
}

/** An alarm factory: at or above the threshold (default 1) in one period, missing data is fine, to the ops topic. */
export function alarmsTo(scope: Construct, topic: Topic) {
  return (id: string, metric: IMetric, description: string, options: AlarmOptions = {}): Alarm => {
    const alarm = new Alarm(scope, id, {
      metric,
      threshold: options.threshold ?? 1,
      evaluationPeriods: 1,
      comparisonOperator: options.comparison ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(new SnsAction(topic));
    return alarm;
  };
}

/**
 * SMS cost and delivery, from SNS's metrics
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-monitoring-using-cloudwatch.html):
 * `SMSMonthToDateSpentUSD` (account-wide, no dimensions) and `NumberOfNotificationsFailed` per
 * topic (`TopicName`), which counts SMS deliveries SNS could not make (opted-out or unreachable
 * numbers, spend limit reached) along with failed e-mail.
 */
export function smsMetrics(topicNames: readonly string[]) {
  return {
    spend: new Metric({ namespace: 'AWS/SNS', metricName: 'SMSMonthToDateSpentUSD', statistic: 'Maximum', period: Duration.minutes(5) }),
    failures: topicNames.map(
      (name) =>
        [
          name,
          new Metric({
            namespace: 'AWS/SNS',
            metricName: 'NumberOfNotificationsFailed',
            dimensionsMap: { TopicName: name },
            statistic: 'Sum',
            period: Duration.minutes(5),
          }),
        ] as const,
    ),
  };
}

export interface ServiceAlarmsProps {
  readonly opsEmail: string;
  readonly functions: Readonly<Record<string, IFunction>>;
  readonly httpApi: HttpApi;
  /** The role topics' names, for their delivery failures. */
  readonly topicNames: readonly string[];
  readonly smsSpendAlarmUsd: number;
  /**
   * Queues of work, not of failures: they hold messages in normal operation, so each is alarmed
   * when its oldest message is older than `maxAge` instead of on its depth.
   */
  readonly workQueues: readonly { readonly queue: Queue; readonly maxAge: Duration }[];
}

/**
 * Alarms, to the ops topic: anything in a dead-letter or failure queue of `scope` (so call this
 * after every queue exists), a work queue's message waiting too long, any function error or
 * throttle, any 5xx from the API, SMS spend and failed deliveries. Returns the API's 5xx alarm,
 * which the smoke test sets to ALARM and back.
 */
export function serviceAlarms(scope: Construct, props: ServiceAlarmsProps): Alarm {
  const alarm = alarmsTo(scope, opsTopic(scope, props.opsEmail));
  const work = new Set(props.workQueues.map((w) => w.queue));
  for (const { queue, maxAge } of props.workQueues) {
    alarm(
      `${queue.node.id}OldestMessage`,
      queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1) }),
      `a message has waited over ${maxAge.toHumanString()} in ${queue.node.id}: its consumer is failing, throttled or not keeping up`,
      { threshold: maxAge.toSeconds() },
    );
  }
  for (const queue of scope.node.findAll().filter((c): c is Queue => c instanceof Queue && !work.has(c))) {
    alarm(
      `${queue.node.id}Depth`,
      queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
      `messages waiting in ${queue.node.id}: see the runbook (docs/aws-runbook.md, "Operating it") before redriving`,
    );
  }
  for (const [name, fn] of Object.entries(props.functions)) {
    alarm(`${name}Errors`, fn.metricErrors({ period: Duration.minutes(1) }), `${name} failed`);
    alarm(`${name}Throttles`, fn.metricThrottles({ period: Duration.minutes(1) }), `${name} was throttled`);
  }
  // HTTP APIs publish `5xx` in AWS/ApiGateway per ApiId:
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html
  const serverErrors = alarm(
    'Api5xx',
    props.httpApi.metricServerError({ period: Duration.minutes(1), statistic: 'Sum' }),
    'the HTTP API answered 5xx: bad input must get a 4xx, so this is a bug or an outage',
  );
  const sms = smsMetrics(props.topicNames);
  alarm('SmsSpend', sms.spend, `SMS spend this month reached ${props.smsSpendAlarmUsd} USD`, { threshold: props.smsSpendAlarmUsd });
  for (const [topicName, metric] of sms.failures) alarm(`DeliveryFailures-${topicName}`, metric, `SNS could not deliver to ${topicName}`);
  return serverErrors;
}
