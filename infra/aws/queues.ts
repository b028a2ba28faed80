/** The service's queues: dead-letter and failure queues, and the stream consumers that set failed batches aside in one. */

import { Duration } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type IFunction, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/** A queue for what failed: encrypted, TLS only, kept two weeks (every one is alarmed on depth, see alarms.ts). */
export function deadLetterQueue(scope: Construct, id: string): Queue {
  return new Queue(scope, id, { encryption: QueueEncryption.KMS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
}

/**
 * `fn` consumes the table's stream: retried from a failed record, then set aside in
 * `<id>StreamFailures`, at its parallelization factor (see STREAM_CONSUMERS).
 */
export function consumeStream(scope: Construct, id: string, fn: IFunction, table: TableV2, parallelizationFactor: number): void {
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
      onFailure: new SqsDlq(deadLetterQueue(scope, `${id}StreamFailures`)),
    }),
  );
}
