/** A fresh table in the shared DynamoDB Local for one test file, with a store and a manual clock. */

import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { documentsOf } from '../../functions/adapters/dynamo/client.ts';
import { DynamoTicketStore } from '../../functions/adapters/dynamo/ticket-store.ts';
import { ensureTable } from '../../infra/local/lib/create-table.ts';
import { localDynamoConfig } from '../../infra/local/lib/dynamodb-local.ts';
import { LocalClock } from '../../infra/local/lib/local-clock.ts';

export interface TestTable {
  readonly name: string;
  readonly client: DynamoDBClient;
  readonly documents: DynamoDBDocumentClient;
  readonly store: DynamoTicketStore;
  /** A manual clock (see `LocalClock`), the store's and the test's. */
  readonly clock: LocalClock;
}

/** A new, empty table in the run's DynamoDB Local; returns its name and a client for it. */
export async function freshTable(prefix = 'test'): Promise<{ name: string; client: DynamoDBClient }> {
  const client = new DynamoDBClient(localDynamoConfig(inject('dynamoEndpoint')));
  const name = `${prefix}-${randomUUID()}`;
  await ensureTable(client, name);
  return { name, client };
}

export async function testTable(startAt = '2026-03-02T14:00:00.000Z'): Promise<TestTable> {
  const { name, client } = await freshTable();
  const documents = documentsOf(client);
  const clock = new LocalClock('manual', Date.parse(startAt));
  return { name, client, documents, store: new DynamoTicketStore(documents, name, clock.now), clock };
}
