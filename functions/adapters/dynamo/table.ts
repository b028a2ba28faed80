/** What every adapter over the single table shares: its client, name and clock, and two ways of talking to it. */

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

export interface TableContext {
  readonly client: DynamoDBDocumentClient;
  readonly table: string;
  readonly clock: () => number;
}

/** Awaits a conditional write: `true` if it was applied, `false` if its condition did not hold. */
export async function conditionHeld(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** The items of a Query, page after page, until the last page or until `enough` (asked after each page) says stop. */
export async function queryItems(
  client: DynamoDBDocumentClient,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey'>,
  enough: (items: readonly Record<string, unknown>[]) => boolean = () => false,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start !== undefined && !enough(items));
  return items;
}
