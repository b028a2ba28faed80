/** Pages of tickets: an organisation's (newest first), a policy's work queue, and every ticket (agents). */

import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Ticket } from '#shared/tickets/ticket.ts';
import type { ListOptions, Page } from '#shared/tickets/ticket-store.ts';
import type { DynamoCaseIds } from './case-ids.ts';
import { decodeCaseIdCursor, decodeCursor, encodeCursor } from './cursor-codec.ts';
import { ticketItem } from './stored-items.ts';
import { batchGetItems, type TableContext } from './table.ts';
import { FIRST_CASE_ID, keys, TABLE_DESIGN } from './table-design.ts';

export class DynamoTicketLists {
  constructor(
    private readonly at: Omit<TableContext, 'clock'>,
    private readonly caseIds: DynamoCaseIds,
  ) {}

  byOrg(org: string, options: ListOptions): Promise<Page<Ticket>> {
    return this.queryIndex('byOrg', keys.byOrgPartition(org), { ...options, newestFirst: true });
  }

  queue(policyId: string, options: { cursor?: string | undefined; limit: number }): Promise<Page<Ticket>> {
    return this.queryIndex('queue', keys.queuePartition(policyId), { ...options, newestFirst: false });
  }

  /** Walks case ids downwards from the newest: no index needed, at most `limit × 4` keys read per page. */
  async all(options: ListOptions): Promise<Page<Ticket>> {
    // A cursor here is the next case id to read, as this method wrote it.
    let next = options.cursor === undefined ? await this.caseIds.latest() : decodeCaseIdCursor(options.cursor);
    const items: Ticket[] = [];
    let budget = options.limit * 4;
    while (next >= FIRST_CASE_ID && items.length < options.limit && budget > 0) {
      const ids: number[] = [];
      for (let id = next; id >= FIRST_CASE_ID && ids.length < Math.min(100, budget); id--) ids.push(id);
      budget -= ids.length;
      const found = await this.batchGetTickets(ids);
      for (const id of ids) {
        next = id - 1;
        const ticket = found.get(id);
        if (ticket === undefined || (options.status !== undefined && ticket.status !== options.status)) continue;
        items.push(ticket);
        if (items.length === options.limit) break;
      }
    }
    return { items, cursor: next >= FIRST_CASE_ID ? String(next) : undefined };
  }

  /** One page of tickets from an index partition, optionally only those in one status. */
  private async queryIndex(
    name: keyof typeof TABLE_DESIGN.indexes,
    partition: string,
    options: ListOptions & { newestFirst: boolean },
  ): Promise<Page<Ticket>> {
    const index = TABLE_DESIGN.indexes[name];
    const keyAttributes = ['PK', 'SK', index.partitionKey, index.sortKey];
    const page = await this.at.client.send(
      new QueryCommand({
        TableName: this.at.table,
        IndexName: name,
        KeyConditionExpression: `${index.partitionKey} = :pk`,
        ExpressionAttributeValues: { ':pk': partition, ...(options.status && { ':status': options.status }) },
        ...(options.status && { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } }),
        ScanIndexForward: !options.newestFirst,
        Limit: options.limit,
        ExclusiveStartKey: decodeCursor(options.cursor, keyAttributes, [index.partitionKey, partition]),
      }),
    );
    const items = page.Items ?? [];
    const keyOf = (item: Record<string, unknown>) => Object.fromEntries(keyAttributes.map((attribute) => [attribute, item[attribute]]));
    return {
      items: items.map((item) => ticketItem().parse(item)),
      cursor: encodeCursor(page.LastEvaluatedKey),
      after: items.map((item) => encodeCursor(keyOf(item)) as string),
    };
  }

  private async batchGetTickets(caseIds: readonly number[]): Promise<Map<number, Ticket>> {
    const items = await batchGetItems(
      this.at,
      caseIds.map((id) => keys.ticket(id)),
      { consistent: false },
    );
    return new Map(items.map((item) => ticketItem().parse(item)).map((ticket) => [ticket.caseId, ticket]));
  }
}
