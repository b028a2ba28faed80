/**
 * The sweeper's look-up on the table's sparse `due` index: tickets with a pending deadline, keyed
 * by their earliest due time and written across `DUE_SHARDS` partitions (see table-design.ts),
 * and beside them, in partitions of their own, the marks of webhook delivery queues. The index is
 * eventually consistent; notify re-reads the ticket before it acts.
 */

import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Ticket } from '#shared/tickets/ticket.ts';
import type { OverdueTickets } from '../../sweeper/sweeper.ts';
import { ticketItem } from './stored-items.ts';
import { queryItems } from './table.ts';
import { DUE_SHARDS, keyParts, keys, TABLE_DESIGN } from './table-design.ts';

/** At most this many entries per shard and sweep; the rest come next time (handled ones leave the index). */
const MAX_PER_SHARD = 500;

export class DynamoDueIndex implements OverdueTickets {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async overdue(cutoff: number): Promise<Ticket[]> {
    return (await this.overdueEntries(cutoff)).map((item) => ticketItem().parse(item));
  }

  /**
   * The entries due at or before `cutoff` in every shard's partition (`partitionOf`: the tickets',
   * or `keys.webhookDuePartition` for the delivery queues' marks), with only the attributes named.
   */
  async overdueEntries(
    cutoff: number,
    partitionOf: (shard: number) => string = keys.duePartition,
    projection?: string,
  ): Promise<Record<string, unknown>[]> {
    const shards = Array.from({ length: DUE_SHARDS }, (_, shard) => this.shard(partitionOf(shard), cutoff, projection));
    return (await Promise.all(shards)).flat();
  }

  /**
   * The earliest due time in the index, if any (the local runtime's look-ahead between sweeps): of
   * the tickets, with `keys.webhookDuePartition` of the delivery queues' marks, or with
   * `keys.replanDuePartition` and one shard of the running re-plans' stall instants.
   */
  async earliestDue(partitionOf: (shard: number) => string = keys.duePartition, shards = DUE_SHARDS): Promise<number | undefined> {
    const { partitionKey } = TABLE_DESIGN.indexes.due;
    const firsts = await Promise.all(
      Array.from({ length: shards }, async (_, shard) => {
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

  private shard(partition: string, cutoff: number, projection: string | undefined): Promise<Record<string, unknown>[]> {
    const { partitionKey, sortKey } = TABLE_DESIGN.indexes.due;
    // Sort keys start with the zero-padded due time, so "before the key of cutoff + 1" is "due ≤ cutoff".
    const below = keys.dueSortPrefix(cutoff + 1);
    return queryItems(
      this.client,
      {
        TableName: this.table,
        IndexName: 'due',
        KeyConditionExpression: '#pk = :pk AND #sk < :below',
        ExpressionAttributeNames: { '#pk': partitionKey, '#sk': sortKey },
        ExpressionAttributeValues: { ':pk': partition, ':below': below },
        ...(projection !== undefined && { ProjectionExpression: projection }),
        Limit: 100,
      },
      (read) => read.length >= MAX_PER_SHARD,
    );
  }
}
