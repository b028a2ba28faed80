/**
 * The sweeper's look-up on the table's sparse `due` index: tickets with a pending deadline, keyed
 * by their earliest due time and written across `DUE_SHARDS` partitions (see table-design.ts).
 * The index is eventually consistent; notify re-reads the ticket before it acts.
 */

import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Ticket } from '#shared/tickets/ticket.ts';
import type { OverdueTickets } from '../../sweeper/sweeper.ts';
import { ticketItem } from './stored-items.ts';
import { queryItems } from './table.ts';
import { DUE_SHARDS, keyParts, keys, TABLE_DESIGN } from './table-design.ts';

/** At most this many tickets per shard and sweep; the rest come next time (handled ones leave the index). */
const MAX_PER_SHARD = 500;

export class DynamoDueIndex implements OverdueTickets {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async overdue(cutoff: number): Promise<Ticket[]> {
    const shards = Array.from({ length: DUE_SHARDS }, (_, shard) => this.shard(shard, cutoff));
    return (await Promise.all(shards)).flat();
  }

  /**
   * The earliest due time in the index, if any (the local runtime's look-ahead between sweeps): of
   * the tickets, or with `keys.webhookDuePartition` of the pending webhook deliveries.
   */
  async earliestDue(partitionOf: (shard: number) => string = keys.duePartition): Promise<number | undefined> {
    const { partitionKey } = TABLE_DESIGN.indexes.due;
    const firsts = await Promise.all(
      Array.from({ length: DUE_SHARDS }, async (_, shard) => {
        const { Items } = await this.client.send(
          new QueryCommand({
            TableName: this.table,
            IndexName: 'due',
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': partitionKey },
            ExpressionAttributeValues: { ':pk': partitionOf(shard) },
            Limit: 1,
          }),
        );
        return Items?.[0] === undefined ? Number.POSITIVE_INFINITY : keyParts.dueOf(String(Items[0].DSK));
      }),
    );
    const earliest = Math.min(...firsts);
    return Number.isFinite(earliest) ? earliest : undefined;
  }

  private async shard(shard: number, cutoff: number): Promise<Ticket[]> {
    const { partitionKey, sortKey } = TABLE_DESIGN.indexes.due;
    // Sort keys start with the zero-padded due time, so "before the key of cutoff + 1" is "due ≤ cutoff".
    const below = keys.dueSortPrefix(cutoff + 1);
    const items = await queryItems(
      this.client,
      {
        TableName: this.table,
        IndexName: 'due',
        KeyConditionExpression: '#pk = :pk AND #sk < :below',
        ExpressionAttributeNames: { '#pk': partitionKey, '#sk': sortKey },
        ExpressionAttributeValues: { ':pk': keys.duePartition(shard), ':below': below },
        Limit: 100,
      },
      (read) => read.length >= MAX_PER_SHARD,
    );
    return items.map((item) => ticketItem().parse(item));
  }
}
