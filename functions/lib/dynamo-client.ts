/** One DynamoDB document client per process, created on first use so warm invocations reuse it. */

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from './config.ts';
import { once } from './once.ts';

/**
 * A call that hangs fails instead, and the SDK retries it: single-item calls take milliseconds,
 * and concurrent creates in one process wait on one shared case-id write (see `DynamoCaseIds.next`).
 */
export const DYNAMODB_TIMEOUTS = { connectionTimeout: 1_000, requestTimeout: 5_000 } as const;

export const documentClient = once(() =>
  documentsOf(new DynamoDBClient({ region: config().AWS_REGION, requestHandler: DYNAMODB_TIMEOUTS })),
);

/** The document client the ticket store expects, over any DynamoDB client: attributes left undefined are not written. */
export function documentsOf(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
