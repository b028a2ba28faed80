/** Creates the table with the same schema as the CDK table (both from `TABLE_DESIGN`). */

import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { documentsOf } from '../../../functions/adapters/dynamo/client.ts';
import { TABLE_DESIGN } from '../../../functions/adapters/dynamo/table-design.ts';
import { backfillDueIndex } from '../../../functions/sweeper/backfill.ts';

/**
 * Creates the table, or adds the indexes an older table lacks (an existing `.data/` from before the
 * `due` index): one UpdateTable per missing index, as DynamoDB allows one index creation at a time.
 * DynamoDB fills a new index from the attributes items already have; tickets written before the
 * due keys existed get them from the backfill run here (on AWS: `sla backfill-due`).
 */
export async function ensureTable(client: DynamoDBClient, name: string): Promise<'created' | 'existed'> {
  const outcome = await createTable(client, name);
  if (outcome === 'existed' && (await addMissingIndexes(client, name)).includes('due')) await backfillDueIndex(documentsOf(client), name);
  return outcome;
}

async function addMissingIndexes(client: DynamoDBClient, name: string): Promise<string[]> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
  const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const added: string[] = [];
  for (const [indexName, index] of Object.entries(TABLE_DESIGN.indexes)) {
    if (present.has(indexName)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: name,
        AttributeDefinitions: [index.partitionKey, index.sortKey].map((attribute) => ({ AttributeName: attribute, AttributeType: 'S' })),
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: indexName,
              KeySchema: [
                { AttributeName: index.partitionKey, KeyType: 'HASH' },
                { AttributeName: index.sortKey, KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'ALL' },
            },
          },
        ],
      }),
    );
    await waitUntilIndexActive(client, name, indexName);
    added.push(indexName);
  }
  return added;
}

async function waitUntilIndexActive(client: DynamoDBClient, name: string, indexName: string): Promise<void> {
  // DynamoDB Local builds a new index in the background; a busy one (a full test run) can take a minute or more.
  for (const deadline = Date.now() + 150_000; Date.now() < deadline; ) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    const status = Table?.GlobalSecondaryIndexes?.find((index) => index.IndexName === indexName)?.IndexStatus;
    if (status === 'ACTIVE') return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`index ${indexName} of table ${name} did not become active`);
}

async function createTable(client: DynamoDBClient, name: string): Promise<'created' | 'existed'> {
  const { partitionKey, sortKey, indexes, ttlAttribute } = TABLE_DESIGN;
  const keyAttributes = [partitionKey, sortKey, ...Object.values(indexes).flatMap((i) => [i.partitionKey, i.sortKey])];
  try {
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: keyAttributes.map((attribute) => ({ AttributeName: attribute, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: partitionKey, KeyType: 'HASH' },
          { AttributeName: sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: Object.entries(indexes).map(([indexName, index]) => ({
          IndexName: indexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
  } catch (error) {
    if (error instanceof ResourceInUseException) return 'existed';
    throw error;
  }
  await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: name });
  await client.send(
    new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { Enabled: true, AttributeName: ttlAttribute } }),
  );
  return 'created';
}
