/** The production DynamoDB document client (each handler builds one per process, with its dependencies). */

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * A call that hangs fails instead, and the SDK retries it: single-item calls take milliseconds,
 * and concurrent creates in one process wait on one shared case-id write (see `DynamoCaseIds.next`).
 */
export const DYNAMODB_TIMEOUTS = { connectionTimeout: 1_000, requestTimeout: 5_000 } as const;

export function documentClient(region: string): DynamoDBDocumentClient {
  return documentsOf(new DynamoDBClient({ region, requestHandler: DYNAMODB_TIMEOUTS }));
}

/** The document client the ticket store expects, over any DynamoDB client: attributes left undefined are not written. */
export function documentsOf(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
