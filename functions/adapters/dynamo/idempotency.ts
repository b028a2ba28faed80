/** Idempotency records: the first response to a request with an `Idempotency-Key`, kept for 24 hours (TTL). */

import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { IdempotencyRace, type IdempotentResponse } from '#shared/tickets/ticket-store.ts';
import { idempotencyItem } from './stored-items.ts';
import type { TableContext } from './table.ts';
import { keys } from './table-design.ts';
import { type TaggedWrite, transactWrite } from './transaction-cancellation.ts';

const IDEMPOTENCY_TTL_S = 24 * 60 * 60;

export class DynamoIdempotency {
  constructor(private readonly at: TableContext) {}

  async get(scope: IdempotentResponse['scope']): Promise<IdempotentResponse | undefined> {
    const { Item } = await this.at.client.send(
      new GetCommand({ TableName: this.at.table, Key: keys.idempotency(scope.principal, scope.route, scope.key), ConsistentRead: true }),
    );
    if (Item === undefined) return undefined;
    const record = idempotencyItem().parse(Item);
    // TTL deletion is lazy (up to days late): an expired record no longer counts.
    return record.expiresAt * 1000 <= this.at.clock() ? undefined : record;
  }

  /** Stores a response on its own; `false` if one was stored first. */
  async remember(record: IdempotentResponse): Promise<boolean> {
    try {
      await transactWrite(this.at.client, this.writes(record));
      return true;
    } catch (error) {
      if (error instanceof IdempotencyRace) return false;
      throw error;
    }
  }

  /** The write that stores `record` in the same transaction as the change it answers (none without a record). */
  writes(record: IdempotentResponse | undefined): TaggedWrite[] {
    if (record === undefined) return [];
    const { principal, route, key } = record.scope;
    const now = Math.floor(this.at.clock() / 1000);
    const write = {
      Put: {
        TableName: this.at.table,
        Item: { ...keys.idempotency(principal, route, key), itemType: 'idempotency', ...record, expiresAt: now + IDEMPOTENCY_TTL_S },
        // An expired record that TTL has not deleted yet may be replaced.
        ConditionExpression: 'attribute_not_exists(PK) OR expiresAt < :now',
        ExpressionAttributeValues: { ':now': now },
      },
    };
    return [{ role: 'idempotency', write }];
  }
}
