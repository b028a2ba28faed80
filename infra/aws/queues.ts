/**
 * The service's queues: dead-letter and failure queues, work queues that set what keeps failing
 * aside in one, and the stream consumers that set failed batches aside in one.
 */

import { Duration } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, type IFunction, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { TABLE_DESIGN } from '../../functions/adapters/dynamo/table-design.ts';
import { STREAM_MAPPING, type StreamConsumer } from './stream-consumers.ts';

/** Every queue: encrypted at rest with SQS's AWS-managed KMS key, reachable over TLS only. */
const PROTECTED = { encryption: QueueEncryption.KMS_MANAGED, enforceSSL: true } as const;

/** How long a dead-letter queue keeps a message (the most SQS allows). */
const DEAD_LETTER_RETENTION = Duration.days(14);

/** A queue for what failed: encrypted, TLS only, kept two weeks (every one is alarmed on depth, see alarms.ts). */
export function deadLetterQueue(scope: Construct, id: string): Queue {
  return new Queue(scope, id, { ...PROTECTED, retentionPeriod: DEAD_LETTER_RETENTION });
}

export interface WorkQueueProps {
  /** How long a received message stays invisible to other consumers. */
  readonly visibilityTimeout: Duration;
  /** Receives after which a message is moved to `<id>DeadLetters`. */
  readonly maxReceiveCount: number;
}

/**
 * A queue of work: encrypted, TLS only, and a message received `maxReceiveCount` times without
 * being deleted goes to its own dead-letter queue, `<id>DeadLetters`. A standard queue's message
 * keeps its first enqueue time in the dead-letter queue, so that queue must keep messages longer
 * than this one does: this one keeps them 4 days (SQS's default), the dead-letter queue 14
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/setting-up-dead-letter-queue-retention.html).
 */
export function workQueue(scope: Construct, id: string, props: WorkQueueProps): { queue: Queue; deadLetters: Queue } {
  const deadLetters = deadLetterQueue(scope, `${id}DeadLetters`);
  const queue = new Queue(scope, id, {
    ...PROTECTED,
    retentionPeriod: Duration.days(4),
    visibilityTimeout: props.visibilityTimeout,
    deadLetterQueue: { queue: deadLetters, maxReceiveCount: props.maxReceiveCount },
  });
  return { queue, deadLetters };
}

/**
 * `fn` consumes the table's stream: the records of the items it reads, retried from a failed
 * record, then set aside in `<id>StreamFailures`, at its parallelization factor (see STREAM_CONSUMERS).
 */
export function consumeStream(scope: Construct, id: string, fn: IFunction, table: TableV2, consumer: StreamConsumer): void {
  const sortKeys = consumer.sortKeys.map((rule) => ('equals' in rule ? rule.equals : { prefix: rule.prefix }));
  fn.addEventSource(
    new DynamoEventSource(table, {
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: STREAM_MAPPING.batchSize,
      maxBatchingWindow: Duration.seconds(1),
      parallelizationFactor: consumer.parallelizationFactor,
      filters: [FilterCriteria.filter({ dynamodb: { Keys: { [TABLE_DESIGN.sortKey]: { S: sortKeys } } } })],
      bisectBatchOnError: true,
      retryAttempts: STREAM_MAPPING.retryAttempts,
      maxRecordAge: Duration.hours(24),
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(deadLetterQueue(scope, `${id}StreamFailures`)),
    }),
  );
}
