/**
 * Time entries in the table: each revision is one immutable item (a conditional put, never
 * updated) in its ticket's partition, written in the ticket's own transaction (the ticket's
 * version, its timeline entries and the revisions together). An organisation's revisions are read
 * by when they were recorded (`due` index): a statement takes every one recorded up to its cut-off.
 */

import '../../lib/zod-english.ts';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { TimeEntryRevision } from '#shared/billing/time-entry.ts';
import type { UsageStatement } from '#shared/billing/usage-statement.ts';
import { DomainError } from '#shared/domain-error.ts';
import type { QueuedMail } from '#shared/email/ports.ts';
import type { IdempotentResponse } from '#shared/tickets/ticket-store.ts';
import type { TimeChange, TimeLedger } from '#shared/tickets/time-log.ts';
import { once } from '../../lib/once.ts';
import { DynamoIdempotency } from './idempotency.ts';
import { issuedStatement, issueStatement } from './issued-statements.ts';
import { queueOnceForGood } from './mail-outbox.ts';
import { conditionHeld, queryItems, type TableContext } from './table.ts';
import { keys, TABLE_DESIGN } from './table-design.ts';
import { DynamoTickets } from './tickets.ts';
import type { TaggedWrite } from './transaction-cancellation.ts';

/** Revisions written in the ticket's own transaction: 100 items less the ticket, its idempotency record and a margin for its timeline entries. */
const REVISIONS_WITH_TICKET = 90;
/** Revisions beyond those written this many at a time. */
const PARALLEL_PUTS = 25;

const int = () => z.number().check(z.int());

/** A revision as stored (its keys aside). */
export const timeRevisionItem = once(() =>
  z.object({
    entry: z.string(),
    rev: int(),
    caseId: int(),
    org: z.string(),
    tier: z.string(),
    category: z.optional(z.string()),
    minutes: int(),
    billable: z.boolean(),
    at: z.number(),
    recordedAt: z.number(),
    by: z.string(),
    note: z.optional(z.string()),
    deleted: z.optional(z.literal(true)),
  }),
);

export class DynamoTimeLedger implements TimeLedger {
  private readonly tickets: DynamoTickets;

  constructor(private readonly at: TableContext) {
    this.tickets = new DynamoTickets(at, new DynamoIdempotency(at));
  }

  /** Every revision of the ticket's entries, read consistently (a change is computed from them). */
  async ofTicket(caseId: number): Promise<TimeEntryRevision[]> {
    const items = await queryItems(this.at.client, {
      TableName: this.at.table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :time)',
      ExpressionAttributeValues: { ':pk': keys.ticketPartition(caseId), ':time': keys.timePrefix },
      ConsistentRead: true,
    });
    return items.map(read);
  }

  /**
   * The ticket, its timeline entries and the first revisions in one transaction (DynamoDB's limit
   * is 100 items: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html);
   * the rest (a category made free corrects every billable entry, up to 500) after it, each a
   * conditional put that leaves a revision already written as it is, so a retry only adds what is missing.
   */
  async save(change: TimeChange, expectedVersion: number, idempotent?: IdempotentResponse): Promise<void> {
    const room = Math.max(0, REVISIONS_WITH_TICKET - change.entries.length);
    const puts = change.revisions.slice(0, room).map(
      (revision): TaggedWrite => ({
        role: 'guarded',
        refusal: new DomainError('version_conflict', `time entry ${revision.entry} was changed by someone else; try again`),
        write: { Put: this.revisionPut(revision) },
      }),
    );
    await this.tickets.save(change, expectedVersion, idempotent, puts);
    const rest = change.revisions.slice(room);
    for (let i = 0; i < rest.length; i += PARALLEL_PUTS) {
      const batch = rest.slice(i, i + PARALLEL_PUTS);
      await Promise.all(batch.map((revision) => conditionHeld(this.at.client.send(new PutCommand(this.revisionPut(revision))))));
    }
  }

  /**
   * The ids among `ids` whose alert is marked, in one consistent read, so that the writes after a
   * period's alerts went out cost no transaction (one that is left unprocessed counts as unmarked:
   * the transaction's condition still holds it to once).
   */
  private revisionPut(revision: TimeEntryRevision) {
    return {
      TableName: this.at.table,
      Item: { ...keys.timeRevision(revision), itemType: 'time', ...revision },
      ConditionExpression: 'attribute_not_exists(PK)',
    };
  }

  /** An organisation's revisions recorded in `[start, end)`, in the order they were recorded. */
  async recordedIn(org: string, start: number, end: number): Promise<TimeEntryRevision[]> {
    if (end <= start) return [];
    const { partitionKey, sortKey } = TABLE_DESIGN.indexes.due;
    const { from, to } = keys.timeRange(start, end);
    const items = await queryItems(this.at.client, {
      TableName: this.at.table,
      IndexName: 'due',
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#pk': partitionKey, '#sk': sortKey },
      ExpressionAttributeValues: { ':pk': keys.timeByRecording(org), ':from': from, ':to': to },
    });
    return items.map(read);
  }
  issued(org: string, period: string): Promise<UsageStatement | undefined> {
    return issuedStatement(this.at, org, period);
  }

  issue(statement: UsageStatement): Promise<UsageStatement> {
    return issueStatement(this.at, statement);
  }

  /** Each alert once for good (see `queueOnceForGood`). */
  queueAlerts(mails: readonly QueuedMail[]): Promise<void> {
    return queueOnceForGood(this.at, mails);
  }
}

function read(item: Record<string, unknown>): TimeEntryRevision {
  const { category, note, deleted, ...rest } = timeRevisionItem().parse(item);
  return { ...rest, ...(category !== undefined && { category }), ...(note !== undefined && { note }), ...(deleted && { deleted }) };
}
