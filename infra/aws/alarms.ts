/** The ops topic with a key CloudWatch may use, and the alarms that publish to it. */

import { Aws, Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';

/**
 * The ops topic gets a key of its own whose policy lets CloudWatch encrypt the alarm messages it
 * publishes; without it an alarm on an encrypted topic delivers nothing. Only alarms of this
 * account may use it (`aws:SourceAccount`, `aws:SourceArn`):
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
      conditions: {
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
        ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*` },
      },
    }),
  );
  const topic = new Topic(scope, 'OpsAlarms', { masterKey: key, enforceSSL: true });
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
