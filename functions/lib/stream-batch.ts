/**
 * A DynamoDB stream batch, record by record in order. The first failure is reported (and nothing
 * after it runs), so Lambda retries from there and a ticket's changes never apply out of order.
 */

import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { once } from './once.ts';

export async function inOrder(
  event: DynamoDBStreamEvent,
  handle: (record: DynamoDBRecord) => Promise<void>,
  onError: (error: unknown, record: DynamoDBRecord) => void,
): Promise<DynamoDBBatchResponse> {
  for (const record of event.Records) {
    try {
      await handle(record);
    } catch (error) {
      onError(error, record);
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
}

/**
 * A stream consumer's handler: each record handled in order; the failing one is logged with
 * `failure` as the message (the logger is built on the first failure) and retried from.
 */
export function streamConsumer(serviceName: string, failure: string, handle: (record: DynamoDBRecord) => Promise<void>) {
  return batchConsumer(serviceName, failure, (event, onError) => inOrder(event, handle, onError));
}

/** The same, for a consumer that handles the batch itself (with `inOrder`), reporting failures through `onError`. */
export function batchConsumer(
  serviceName: string,
  failure: string,
  run: (event: DynamoDBStreamEvent, onError: (error: unknown, record: DynamoDBRecord) => void) => Promise<DynamoDBBatchResponse>,
) {
  const logger = once(() => new Logger({ serviceName }));
  return middy(async (event: DynamoDBStreamEvent) =>
    run(event, (error, record) => logger().error(failure, { error, sequenceNumber: record.dynamodb?.SequenceNumber })),
  );
}
