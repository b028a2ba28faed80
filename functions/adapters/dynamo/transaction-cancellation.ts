/**
 * Transactions over the single table, and what their cancellation means. Every write is tagged
 * with its role, and a cancellation is read back through those tags (never by position), so the
 * order in which a write lists its items cannot change which error it throws.
 */

import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '#shared/domain-error.ts';
import { IdempotencyRace } from '#shared/tickets/ticket-store.ts';

export type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/** One write of a transaction and what it stands for. */
export type TaggedWrite =
  | {
      readonly role: 'ticket' | 'timeline' | 'outcome' | 'idempotency' | 'released-domain' | 'webhook-endpoint';
      readonly write: TransactItem;
    }
  | { readonly role: 'org'; readonly org: string; readonly write: TransactItem }
  | { readonly role: 'domain'; readonly domain: string; readonly write: TransactItem }
  /** A count that must stay under a limit: its failed condition is a conflict that says `refusal`. */
  | { readonly role: 'limit'; readonly refusal: string; readonly write: TransactItem }
  /** A write whose failed condition is the error `refusal` (a record that exists, a version that moved on). */
  | { readonly role: 'guarded'; readonly refusal: Error; readonly write: TransactItem }
  /** A delete of what must still be there: its failed condition is a `not_found` that says `missing`. */
  | { readonly role: 'deleted'; readonly missing: string; readonly write: TransactItem };

/** Writes all or nothing; a cancellation becomes the error `cancellationError` reads from it. */
export async function transactWrite(client: DynamoDBDocumentClient, writes: readonly TaggedWrite[]): Promise<void> {
  try {
    await client.send(new TransactWriteCommand({ TransactItems: writes.map((tagged) => tagged.write) }));
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    throw cancellationError(error, writes);
  }
}

/**
 * The error a cancelled transaction stands for, from the roles of the writes whose condition
 * failed: the same request stored first wins over every other reason (its response is replayed);
 * then an organisation that exists already, e-mail domains another organisation owns, a ticket
 * changed meanwhile. Meeting another transaction is a version conflict too, except in an
 * organisation's write. Anything else is the cancellation itself.
 */
export function cancellationError(error: TransactionCanceledException, writes: readonly TaggedWrite[]): Error {
  const reasons = error.CancellationReasons ?? [];
  const failed = writes.filter((_, i) => reasons[i]?.Code === 'ConditionalCheckFailed');
  if (failed.some((tagged) => tagged.role === 'idempotency')) return new IdempotencyRace();
  const guarded = failed.find((tagged) => tagged.role === 'guarded');
  if (guarded !== undefined) return guarded.refusal;
  const deleted = failed.find((tagged) => tagged.role === 'deleted');
  if (deleted !== undefined) return new DomainError('not_found', deleted.missing);
  const limit = writes.find((tagged) => tagged.role === 'limit');
  if (limit !== undefined) {
    if (failed.includes(limit)) return new DomainError('conflict', limit.refusal);
    if (reasons.some((reason) => reason.Code === 'TransactionConflict'))
      return new DomainError('version_conflict', 'another request changed the same list at the same moment; try again');
  }
  const org = failed.find((tagged) => tagged.role === 'org');
  if (org !== undefined) {
    const message = `organisation "${org.org}" already exists`;
    return new DomainError('conflict', message, [{ path: 'id', message }]);
  }
  const taken = failed.flatMap((tagged) => (tagged.role === 'domain' ? [tagged.domain] : []));
  if (taken.length > 0) {
    // Named by its field too, so the console shows it beside the domains.
    const message = `e-mail domain ${taken.join(', ')} belongs to another organisation`;
    return new DomainError('conflict', message, [{ path: 'emailDomains', message }]);
  }
  const orgWrite = writes.some((tagged) => tagged.role === 'org');
  const met = reasons.some((reason) => reason.Code === 'TransactionConflict');
  if (failed.some((tagged) => tagged.role === 'ticket') || (met && !orgWrite))
    return new DomainError('version_conflict', 'the ticket was changed by someone else; try again');
  return error;
}
