/**
 * Ticket items: conditional creates and versioned updates. The opening timeline entries live
 * inside the ticket item and later entries beside it (`EVENT#<seq>`); a ticket item also carries
 * its keys in the `byOrg`, `queue` and `due` indexes.
 */

import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '#shared/domain-error.ts';
import { nextDue, type Ticket, type TicketChange } from '#shared/tickets/ticket.ts';
import type { IdempotentResponse } from '#shared/tickets/ticket-store.ts';
import type { DynamoIdempotency } from './idempotency.ts';
import { DynamoOutcomes, outcomeWrites } from './outcomes.ts';
import { ticketItem } from './stored-items.ts';
import { conditionHeld, type TableContext } from './table.ts';
import { keys } from './table-design.ts';
import { type TaggedWrite, transactWrite } from './transaction-cancellation.ts';

/**
 * Items a transaction may hold: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
 * ("up to 100 action requests", 4 MB in all; an outcome item is under 1 KB).
 */
export const TRANSACTION_ITEMS = 100;

/** Ticket attributes that may disappear in an update: the queue and due keys (resolved, closed, nothing pending) and optional fields. */
const REMOVABLE = ['QPK', 'QSK', 'DPK', 'DSK', 'assignee', 'category'] as const;

export class DynamoTickets {
  constructor(
    private readonly at: TableContext,
    private readonly idempotency: DynamoIdempotency,
  ) {}

  /** A new ticket and its first events are one conditional PutItem; only an idempotency record makes it a transaction. */
  async create(change: TicketChange, idempotent?: IdempotentResponse): Promise<void> {
    const put = {
      TableName: this.at.table,
      Item: { ...ticketToItem(change.ticket), openingEntries: change.entries },
      ConditionExpression: 'attribute_not_exists(PK)',
    };
    if (idempotent !== undefined || (change.outcomes?.length ?? 0) > 0) {
      const writes: TaggedWrite[] = [{ role: 'ticket', write: { Put: put } }, ...this.idempotency.writes(idempotent)];
      await this.writeWithOutcomes(writes, change);
      return;
    }
    if (await conditionHeld(this.at.client.send(new PutCommand(put)))) return;
    // The SDK retries a write whose response was lost; the retry then meets our own ticket.
    const existing = await this.get(change.ticket.caseId);
    const mine =
      existing?.createdAt === change.ticket.createdAt &&
      existing?.requester === change.ticket.requester &&
      existing?.version === change.ticket.version;
    if (!mine) throw new DomainError('version_conflict', `case ${change.ticket.caseId} already exists`);
  }

  /**
   * An update, not a put: it keeps the opening entries and removes the queue keys of a ticket that
   * left the queue. `alongside`: other writes that go with the change (its time entries), all or nothing.
   */
  async save(
    change: TicketChange,
    expectedVersion: number,
    idempotent?: IdempotentResponse,
    alongside: readonly TaggedWrite[] = [],
  ): Promise<void> {
    const { PK, SK, ...item } = ticketToItem(change.ticket);
    const attributes = Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined));
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':expected': expectedVersion };
    const sets = Object.entries(attributes).map(([name, value], i) => {
      names[`#a${i}`] = name;
      values[`:a${i}`] = value;
      return `#a${i} = :a${i}`;
    });
    const removes = REMOVABLE.filter((name) => !(name in attributes)).map((name, i) => {
      names[`#r${i}`] = name;
      return `#r${i}`;
    });
    const update = {
      TableName: this.at.table,
      Key: { PK, SK },
      UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
      ConditionExpression: 'version = :expected',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    };
    const writes: TaggedWrite[] = [
      { role: 'ticket', write: { Update: update } },
      ...this.entryPuts(change),
      ...alongside,
      ...this.idempotency.writes(idempotent),
    ];
    await this.writeWithOutcomes(writes, change);
  }

  /**
   * The change's writes and its clock outcomes in one transaction. Outcomes that do not fit in
   * its 100 items (a page to dozens of people at once) are written right after it, each only if
   * missing; should that be cut short, `sla outcomes backfill` derives them again from the ticket.
   */
  private async writeWithOutcomes(writes: readonly TaggedWrite[], change: TicketChange): Promise<void> {
    const outcomes = change.outcomes ?? [];
    const room = Math.max(0, TRANSACTION_ITEMS - writes.length);
    await transactWrite(this.at.client, [...writes, ...outcomeWrites(this.at.table, outcomes.slice(0, room))]);
    if (outcomes.length > room) await new DynamoOutcomes(this.at).recordMissing(outcomes.slice(room));
  }

  /** The ticket item alone, read consistently: all a read-modify-write needs. */
  async get(caseId: number): Promise<Ticket | undefined> {
    const { Item } = await this.at.client.send(
      new GetCommand({ TableName: this.at.table, Key: keys.ticket(caseId), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : ticketItem().parse(Item);
  }

  private entryPuts(change: TicketChange): TaggedWrite[] {
    return change.entries.map((entry) => ({
      role: 'timeline',
      write: {
        Put: {
          TableName: this.at.table,
          Item: { ...keys.timelineEntry(change.ticket.caseId, entry.seq), itemType: 'timeline', ...entry },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    }));
  }
}

function ticketToItem(ticket: Ticket): Record<string, unknown> {
  const active = ticket.status === 'open' || ticket.status === 'pending_customer';
  const due = nextDue(ticket);
  return {
    ...keys.ticket(ticket.caseId),
    ...keys.byOrg(ticket.org, new Date(ticket.createdAt).toISOString(), ticket.caseId),
    ...(active && keys.queue(ticket.sla.policyId, ticket.workOrder, due, ticket.caseId)),
    // The sweeper's sparse index: only tickets with a pending deadline (see functions/sweeper).
    ...(active && due !== null && keys.due(due, ticket.caseId)),
    itemType: 'ticket',
    ...ticket,
  };
}
