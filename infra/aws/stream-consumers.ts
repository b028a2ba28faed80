/**
 * How the table's stream consumers are mapped: the deployed event source mappings and the local
 * stack's stream poller both read these, so the local stack runs what is deployed.
 *
 * The parallelization factor is the number of batches Lambda processes from each shard at once
 * (1 to 10). Lambda still processes the records of one item in order at any factor ("Lambda
 * ensures in-order processing at the item (partition and sort key) level",
 * https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html, concurrent batches per shard), so
 * one busy ticket holds up no other.
 *
 * Each consumer is sent only the records of the items it reads, by their sort key: Lambda's event
 * filtering discards the others before the function runs (a record matching no filter is dropped,
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html; on the stream's
 * `dynamodb.Keys`, https://docs.aws.amazon.com/lambda/latest/dg/with-ddb-filtering.html). Webhook
 * deliveries, leases and buckets are written far more often than tickets, and none of the
 * consumers reads them.
 */

import { keys } from '../../functions/adapters/dynamo/table-design.ts';

/** A sort key a consumer is sent records of: exactly this value, or any starting so. */
export type SortKeyRule = { readonly equals: string } | { readonly prefix: string };

export interface StreamConsumer {
  readonly parallelizationFactor: number;
  readonly sortKeys: readonly SortKeyRule[];
}

const TICKET: SortKeyRule = { equals: keys.ticket(0).SK };
const TIMELINE_ENTRY: SortKeyRule = { prefix: keys.timelinePrefix };
const QUEUED_MAIL: SortKeyRule = { equals: keys.mailOutbox('').SK };
const NOTICE: SortKeyRule = { equals: keys.notice('').SK };
const NOTICE_REMINDER: SortKeyRule = { prefix: keys.noticeReminderPrefix };

export const STREAM_CONSUMERS = {
  /** Ensures every schedule on each ticket record: 10 batches at once, so one busy ticket delays no other. */
  scheduleSync: { parallelizationFactor: 10, sortKeys: [TICKET] },
  /** Sends agents' public replies and queued contract e-mail, and fans notices and their reminders out into such mail; little traffic. */
  outboundMail: { parallelizationFactor: 1, sortKeys: [TICKET, TIMELINE_ENTRY, QUEUED_MAIL, NOTICE, NOTICE_REMINDER] },
  /**
   * Turns ticket changes into webhook deliveries. 1: a ticket's item and its timeline entries are
   * different items of one partition, ordered among themselves only within a shard's single batch
   * stream, and an endpoint gets a ticket's events in the order of its changes. The fan-out only
   * reads and writes the table, so one batch at a time keeps up.
   */
  webhookFanout: { parallelizationFactor: 1, sortKeys: [TICKET, TIMELINE_ENTRY] },
} as const satisfies Record<string, StreamConsumer>;

/** How every stream consumer's mapping reads and retries (the local poller does the same). */
export const STREAM_MAPPING = {
  batchSize: 100,
  /** Retries after the first attempt of a failed batch, before the record is set aside. */
  retryAttempts: 10,
} as const;

/** Whether a record with this sort key reaches the consumer (the local poller's side of the event filter). */
export function sortKeyMatches(rules: readonly SortKeyRule[], sortKey: string | undefined): boolean {
  return sortKey !== undefined && rules.some((rule) => ('equals' in rule ? sortKey === rule.equals : sortKey.startsWith(rule.prefix)));
}
