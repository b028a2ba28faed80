/** A fresh table in the shared DynamoDB Local for one test file, with a store and a manual clock. */

import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { documentsOf } from '../../functions/lib/dynamo-client.ts';
import { DynamoTicketStore } from '../../functions/lib/dynamo-ticket-store.ts';
import { ensureTable } from '../../infra/local/create-table.ts';
import { localDynamoConfig } from '../../infra/local/dynamodb-local.ts';

export interface TestTable {
  readonly name: string;
  readonly client: DynamoDBClient;
  readonly documents: DynamoDBDocumentClient;
  readonly store: DynamoTicketStore;
  readonly clock: ManualClock;
}

export class ManualClock {
  constructor(private instant: number) {}
  now = (): number => this.instant;
  set(iso: string): void {
    this.instant = Date.parse(iso);
  }
  advance(ms: number): void {
    this.instant += ms;
  }
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
  const clock = new ManualClock(Date.parse(startAt));
  return { name, client, documents, store: new DynamoTicketStore(documents, name, clock.now), clock };
}
