/**
 * Reading a ticket with its timeline: the opening entries inside the ticket item, later ones at
 * `EVENT#<seq>` in its partition. The partition's delivery records (`DELIVERY#…`) sort before
 * `EVENT#…` and are never read here.
 */

import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Ticket } from '#shared/tickets/ticket.ts';
import type { TimelineOptions, TimelinePage } from '#shared/tickets/ticket-store.ts';
import type { TimelineEntry } from '#shared/tickets/timeline.ts';
import { openingEntries, ticketItem, timelineItem } from './stored-items.ts';
import { queryItems, type TableContext } from './table.ts';
import { keyParts, keys } from './table-design.ts';

export class DynamoTimeline {
  constructor(private readonly at: Omit<TableContext, 'clock'>) {}

  /** The ticket and its whole timeline in one Query over the sort keys `EVENT#…` to `TICKET`. */
  async whole(caseId: number): Promise<{ ticket: Ticket; timeline: TimelineEntry[] } | undefined> {
    const items = await queryItems(this.at.client, {
      TableName: this.at.table,
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :first AND :ticket',
      ExpressionAttributeValues: { ':pk': keys.ticketPartition(caseId), ':first': keys.timelinePrefix, ':ticket': keys.ticket(caseId).SK },
      ConsistentRead: true,
    });
    const ticket = items.find((item) => item.SK === keys.ticket(caseId).SK);
    if (ticket === undefined) return undefined;
    const later = items.filter((item) => String(item.SK).startsWith(keys.timelinePrefix));
    const timeline = [...openingEntries().parse(ticket.openingEntries ?? []), ...later.map((item) => timelineItem().parse(item))];
    return { ticket: ticketItem().parse(ticket), timeline };
  }

  /**
   * One Query, newest first, over `EVENT#…` up to the ticket item (first page) or up to the
   * entry before `before`; the opening entries inside the ticket item come last, on the page that
   * reaches the start. A later page reads the ticket item alongside.
   */
  async page(caseId: number, options: TimelineOptions): Promise<TimelinePage | undefined> {
    const first = options.before === undefined;
    const upper = first ? keys.ticket(caseId).SK : keys.timelineEntry(caseId, Math.max(0, (options.before as number) - 1)).SK;
    const [page, got] = await Promise.all([
      this.at.client.send(
        new QueryCommand({
          TableName: this.at.table,
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :first AND :upper',
          ExpressionAttributeValues: {
            ':pk': keys.ticketPartition(caseId),
            ':first': keys.timelinePrefix,
            ':upper': upper,
            ...(options.publicOnly && { ':true': true }),
          },
          // Customers: no internal notes (a comparison with a missing attribute is false, hence attribute_not_exists).
          ...(options.publicOnly && {
            FilterExpression: 'attribute_not_exists(#public) OR #public = :true',
            ExpressionAttributeNames: { '#public': 'public' },
          }),
          ScanIndexForward: false,
          Limit: options.limit + (first ? 1 : 0),
          ConsistentRead: true,
        }),
      ),
      first ? undefined : this.at.client.send(new GetCommand({ TableName: this.at.table, Key: keys.ticket(caseId), ConsistentRead: true })),
    ]);
    const items = page.Items ?? [];
    const raw = first ? items.find((item) => item.SK === keys.ticket(caseId).SK) : got?.Item;
    if (raw === undefined) return undefined;
    const entries = items.filter((item) => item.SK !== keys.ticket(caseId).SK).map((item) => timelineItem().parse(item));
    const last = page.LastEvaluatedKey?.SK;
    const more = typeof last === 'string' && last.startsWith(keys.timelinePrefix);
    const opening = more
      ? []
      : openingEntries()
          .parse(raw.openingEntries ?? [])
          .filter((entry) => entry.seq < (options.before ?? Number.POSITIVE_INFINITY) && !(options.publicOnly && entry.public === false))
          .reverse();
    const before = more ? keyParts.seqOf(last) : undefined;
    return { ticket: ticketItem().parse(raw), entries: [...entries, ...opening], before };
  }
}
