/**
 * A DynamoDB stream batch, record by record in order. The first failure is reported (and nothing
 * after it runs), so Lambda retries from there and a ticket's changes never apply out of order.
 */

import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

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
