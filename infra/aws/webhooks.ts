/**
 * Webhook delivery: webhook-fanout turns ticket changes on the table's stream into deliveries and
 * wakes each delivery queue (one endpoint's deliveries of one ticket) with a message on the
 * wake-up queue; webhook-sender consumes that queue, sends a delivery queue's due deliveries over
 * HTTPS in order, and wakes itself later with delayed messages (`DelaySeconds`, at most 15
 * minutes) for retries and for queues waiting their turn. The API wakes a queue when a delivery
 * is replayed.
 *
 * Why our own sender behind SQS rather than EventBridge API destinations:
 * - Signatures. A connection authorizes with Basic, an API key or OAuth client credentials
 *   (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-target-connection-auth.html);
 *   its headers are fixed values, so none can carry an HMAC of each request's id, timestamp and
 *   body, which is what a Standard Webhooks `webhook-signature` is.
 * - SSRF. EventBridge resolves and calls the endpoint itself, so nothing of ours runs between the
 *   name's resolution and the connection: we cannot refuse, at every delivery, a name that now
 *   resolves to a private, loopback or metadata address (DNS rebinding), and AWS documents no
 *   such check of its own.
 * - Order and the log. EventBridge retries with exponential backoff and jitter for up to 24 h
 *   (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html), so a
 *   later event of a ticket can overtake an earlier one that is being retried, and it records no
 *   attempt we could show in an endpoint's delivery log (a failure ends in a dead-letter queue).
 * - Scale. Every registered endpoint would be a connection and an API destination of its own,
 *   created by the API at run time, 3,000 of each per account and region by default
 *   (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html).
 *
 * webhook-sender runs in no VPC, Lambda's default, where a function reaches the internet without
 * a NAT gateway (https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html); attaching
 * it to a VPC would cut receivers off unless the VPC has one.
 */

import { Duration, Stack } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { consumeStream, workQueue } from './queues.ts';
import { SlaFunction } from './sla-function.ts';
import { STREAM_CONSUMERS } from './stream-consumers.ts';
import { grantTable } from './table-access.ts';
import { WAKEUP_QUEUE } from './wakeup-queue.ts';

/**
 * The oldest wake-up's age that raises an alarm. A wake-up may wait 15 minutes by design (the
 * longest delay SQS takes); twice that means the sender is not keeping up or keeps failing.
 */
export const WAKEUP_MAX_AGE = Duration.minutes(30);

export interface WebhookQueue {
  readonly queue: Queue;
  readonly deadLetters: Queue;
}

/**
 * The wake-up queue and its dead-letter queue, in `scope`. Made first: the API sends to it too. A
 * failed delivery is the sender's own business (it records the attempt and sends itself a delayed
 * wake-up), so a message comes back only when the sender itself failed, and after
 * `maxReceiveCount` receives it goes to the dead-letter queue, which is alarmed.
 */
export function webhookQueue(scope: Construct): WebhookQueue {
  return workQueue(scope, 'WebhookWakeups', {
    visibilityTimeout: Duration.seconds(WAKEUP_QUEUE.visibilityTimeoutSeconds),
    maxReceiveCount: WAKEUP_QUEUE.maxReceiveCount,
  });
}

export interface WebhooksProps {
  readonly table: TableV2;
  readonly wakeups: Queue;
  /** The sender of the e-mail that tells an owner their endpoint was paused. */
  readonly supportAddress: string;
  /** The SES identity that address belongs to. */
  readonly supportDomain: string;
  readonly logRetention: RetentionDays;
}

/** webhook-fanout and webhook-sender with their grants and event sources, in `scope` (the stack). */
export function webhooks(scope: Construct, props: WebhooksProps): { fanout: SlaFunction; sender: SlaFunction } {
  const { table, wakeups, logRetention } = props;
  const fanout = new SlaFunction(scope, 'WebhookFanout', {
    name: 'webhook-fanout',
    logRetention,
    environment: { TABLE_NAME: table.tableName, WEBHOOK_QUEUE_URL: wakeups.queueUrl },
  });
  grantTable(fanout, table, 'webhookFanout');
  wakeups.grantSendMessages(fanout);
  consumeStream(scope, 'WebhookFanout', fanout, table, STREAM_CONSUMERS.webhookFanout);

  const sender = new SlaFunction(scope, 'WebhookSender', {
    name: 'webhook-sender',
    logRetention,
    timeout: Duration.seconds(WAKEUP_QUEUE.senderTimeoutSeconds),
    environment: { TABLE_NAME: table.tableName, WEBHOOK_QUEUE_URL: wakeups.queueUrl, SUPPORT_ADDRESS: props.supportAddress },
  });
  grantTable(sender, table, 'webhookSender');
  wakeups.grantSendMessages(sender);
  // Maximum concurrency keeps a flood of deliveries from taking the account's Lambda concurrency
  // (1,000 by default, shared by every function): it "prevent[s] one queue from using all of ...
  // the rest of the account's concurrency quota"
  // (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html). 20 invocations of 5
  // wake-ups are 100 delivery queues in flight, 10 attempts a second even if every receiver hangs.
  sender.addEventSource(
    new SqsEventSource(wakeups, {
      batchSize: WAKEUP_QUEUE.batchSize,
      reportBatchItemFailures: true,
      maxConcurrency: WAKEUP_QUEUE.maxConcurrency,
    }),
  );
  // The pause notice goes out as SES v2 SendEmail with simple content, from the support address
  // and no other: `ses:FromAddress` limits the "From" address of what the role may send
  // (https://docs.aws.amazon.com/ses/latest/dg/control-user-access.html).
  sender.addToRolePolicy(
    new PolicyStatement({
      actions: ['ses:SendEmail'],
      resources: [Stack.of(scope).formatArn({ service: 'ses', resource: 'identity', resourceName: props.supportDomain })],
      conditions: { StringEquals: { 'ses:FromAddress': props.supportAddress } },
    }),
  );
  return { fanout, sender };
}
