/** A fresh table in the shared DynamoDB Local for one test file, with a store and a manual clock. */

import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { DynamoTicketStore } from '../../functions/lib/dynamo-ticket-store.ts';
import { ensureTable } from '../../infra/local/create-table.ts';

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

export async function testTable(startAt = '2026-03-02T14:00:00.000Z'): Promise<TestTable> {
  const client = new DynamoDBClient({
    endpoint: inject('dynamoEndpoint'),
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const name = `test-${randomUUID()}`;
  await ensureTable(client, name);
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const clock = new ManualClock(Date.parse(startAt));
  return { name, client, documents, store: new DynamoTicketStore(documents, name, clock.now), clock };
}
