/** What every adapter over the single table shares: its client, name and clock, and two ways of talking to it. */

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Page } from '#shared/tickets/ticket-store.ts';
import { decodeCursor, encodeCursor } from './cursor-codec.ts';
import { TABLE_DESIGN } from './table-design.ts';

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

/**
 * One page of a list kept as a partition of the `byOrg` index (every organisation, every person),
 * in sort-key order; a cursor is accepted only if it is a key of an item of that list.
 */
export async function listedPage<T>(
  at: TableContext,
  partition: string,
  isItemKey: (key: Record<string, unknown>) => boolean,
  options: { readonly cursor?: string | undefined; readonly limit: number },
  read: (item: Record<string, unknown>) => T,
): Promise<Page<T>> {
  const index = TABLE_DESIGN.indexes.byOrg;
  const page = await at.client.send(
    new QueryCommand({
      TableName: at.table,
      IndexName: 'byOrg',
      KeyConditionExpression: `${index.partitionKey} = :pk`,
      ExpressionAttributeValues: { ':pk': partition },
      Limit: options.limit,
      ExclusiveStartKey: decodeCursor(
        options.cursor,
        ['PK', 'SK', index.partitionKey, index.sortKey],
        [index.partitionKey, partition],
        isItemKey,
      ),
    }),
  );
  return { items: (page.Items ?? []).map(read), cursor: encodeCursor(page.LastEvaluatedKey) };
}

/** BatchGetItem takes at most 100 keys per request. */
const BATCH_GET_MAX = 100;

/**
 * The items of these keys that exist, in no particular order: 100 keys a request, and the keys
 * DynamoDB leaves unprocessed asked again with a growing pause.
 */
export async function batchGetItems(
  at: Pick<TableContext, 'client' | 'table'>,
  keyList: ReadonlyArray<Record<string, unknown>>,
  options: { readonly consistent: boolean },
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < keyList.length; i += BATCH_GET_MAX) {
    let pending = keyList.slice(i, i + BATCH_GET_MAX);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
      const { Responses, UnprocessedKeys } = await at.client.send(
        new BatchGetCommand({
          RequestItems: { [at.table]: { Keys: [...pending], ...(options.consistent && { ConsistentRead: true }) } },
        }),
      );
      items.push(...(Responses?.[at.table] ?? []));
      pending = (UnprocessedKeys?.[at.table]?.Keys ?? []) as Array<Record<string, unknown>>;
    }
  }
  return items;
}
