/**
 * Change-management notices in the single table: one item per notice (its changes inside it),
 * listed by start in one partition of the `byOrg` index (staff's list). A write stores the notice
 * alone; the fan-out that the table's stream runs for it copies it into the partition of each
 * scope it names (`NOTICES_FOR#ORG#<id>`, `REGION#<r>`, `ALL`), where an org's own lists read,
 * and queues its mails. A change carries the version it was read at; a copy never goes back to an
 * older version. Copies expire a while after their window ended, so an org's partitions hold
 * what can still be listed and no more.
 */

import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { DomainError } from '#shared/domain-error.ts';
import { affects, NOTICE_KINDS, NOTICE_STATES, type Notice, type NoticeAudience, type NoticeScope } from '#shared/notices/notice.ts';
import type { NoticeFanOutStore, NoticeQuery, NoticeReminderQueue, NoticeStore } from '#shared/notices/ports.ts';
import { DAY_MS } from '#shared/time/duration.ts';
import { once } from '../../lib/once.ts';
import { conditionHeld, queryItems, type TableContext } from './table.ts';
import { keys, TABLE_DESIGN } from './table-design.ts';

/** A window lasts at most this long (NOTICE_LIMITS.window), so a list by start looks back this far for windows still open. */
const LONGEST_WINDOW_MS = 7 * DAY_MS;
/** How long after its window ends an org's copy of a notice is kept (a customer's list looks back 366 days). */
const LISTED_AFTER_END_MS = 400 * DAY_MS;
/** Copies written at once. */
const LISTING_BATCH = 25;

const storedNotice = once(() => {
  const instant = z.number();
  const window = z.object({ start: instant, end: instant });
  const names = z.optional(z.array(z.string()));
  return z.object({
    id: z.string(),
    title: z.string(),
    body: z.string(),
    kind: z.enum(NOTICE_KINDS),
    start: instant,
    end: instant,
    orgs: names,
    regions: names,
    policy: z.optional(z.string()),
    state: z.enum(NOTICE_STATES),
    publishedAt: instant,
    changes: z.array(
      z.object({
        at: instant,
        by: z.string(),
        what: z.enum(['published', 'rescheduled', 'edited', 'cancelled']),
        start: instant,
        end: instant,
        previous: z.optional(window),
      }),
    ),
    version: z.number(),
  });
});

/** A notice as stored (the notice item, an org's copy, a reminder's snapshot). */
export function readNotice(item: Record<string, unknown>): Notice {
  return storedNotice().parse(item);
}

/** The partitions of the scopes a notice names: its orgs, else its regions, else everyone. */
function scopesOf(scope: NoticeScope): string[] {
  if (scope.orgs !== undefined) return scope.orgs.map((id) => `ORG#${id}`);
  if (scope.regions !== undefined) return scope.regions.map((region) => `REGION#${region}`);
  return ['ALL'];
}

/** The partitions an org's notices can be in. */
function scopesReading(org: NoticeAudience): string[] {
  return [`ORG#${org.id}`, ...(org.region !== undefined ? [`REGION#${org.region}`] : []), 'ALL'];
}

export class DynamoNoticeStore implements NoticeStore, NoticeFanOutStore, NoticeReminderQueue {
  constructor(private readonly at: TableContext) {}

  async getNotice(id: string): Promise<Notice | undefined> {
    const { Item } = await this.at.client.send(new GetCommand({ TableName: this.at.table, Key: keys.notice(id), ConsistentRead: true }));
    return Item === undefined ? undefined : readNotice(Item);
  }

  createNotice(notice: Notice): Promise<void> {
    return this.write(notice, {
      condition: 'attribute_not_exists(PK)',
      refusal: new DomainError('conflict', `notice ${notice.id} exists`),
    });
  }

  saveNotice(notice: Notice): Promise<void> {
    return this.write(notice, {
      condition: 'version = :read',
      values: { ':read': notice.version - 1 },
      refusal: new DomainError('version_conflict', `notice ${notice.id} was changed by someone else; read it again`),
    });
  }

  /** Notices whose window overlaps `[from, to)`, by start, at most `limit`. */
  async listNotices(query: NoticeQuery): Promise<Notice[]> {
    const index = TABLE_DESIGN.indexes.byOrg;
    const from = query.from ?? 0;
    const items = await queryItems(
      this.at.client,
      {
        TableName: this.at.table,
        IndexName: 'byOrg',
        KeyConditionExpression: `${index.partitionKey} = :pk AND ${index.sortKey} BETWEEN :lo AND :hi`,
        ExpressionAttributeValues: {
          ':pk': keys.noticesPartition(),
          ':lo': keys.noticeListedBound(from - LONGEST_WINDOW_MS),
          ':hi': keys.noticeListedBound(query.to ?? 9_999_999_999_999),
        },
      },
      (found) => found.length >= query.limit * 4,
    );
    return items.map(readNotice).filter(overlapping(query)).slice(0, query.limit);
  }

  /**
   * Each of the org's partitions read to its end, filtered by the query before the limit: a
   * partition holds only notices naming that scope, until LISTED_AFTER_END_MS after their end.
   */
  async listNoticesFor(org: NoticeAudience, query: NoticeQuery): Promise<Notice[]> {
    const partitions = await Promise.all(
      scopesReading(org).map((scope) =>
        queryItems(this.at.client, {
          TableName: this.at.table,
          KeyConditionExpression: 'PK = :pk',
          FilterExpression: '#end > :from',
          ExpressionAttributeNames: { '#end': 'end' },
          ExpressionAttributeValues: { ':pk': keys.noticesForPartition(scope), ':from': query.from ?? 0 },
        }),
      ),
    );
    return partitions
      .flat()
      .map(readNotice)
      .filter((notice) => overlapping(query)(notice) && affects(notice, org))
      .sort((a, b) => a.start - b.start || a.id.localeCompare(b.id))
      .slice(0, query.limit);
  }

  async putListings(notice: Notice): Promise<void> {
    const expiresAt = Math.floor((notice.end + LISTED_AFTER_END_MS) / 1000);
    const puts = scopesOf(notice).map(
      (scope) =>
        new PutCommand({
          TableName: this.at.table,
          Item: { ...keys.noticeFor(scope, notice.id), itemType: 'notice-listing', ...notice, expiresAt },
          ConditionExpression: 'attribute_not_exists(PK) OR version <= :version',
          ExpressionAttributeValues: { ':version': notice.version },
        }),
    );
    for (let i = 0; i < puts.length; i += LISTING_BATCH)
      await Promise.all(puts.slice(i, i + LISTING_BATCH).map((put) => conditionHeld(this.at.client.send(put))));
  }

  async queueReminder(notice: Notice): Promise<void> {
    const item = {
      ...keys.noticeReminder(notice.id, notice.start),
      itemType: 'notice-reminder',
      notice,
      expiresAt: Math.floor((notice.start + LONGEST_WINDOW_MS) / 1000),
    };
    await conditionHeld(
      this.at.client.send(new PutCommand({ TableName: this.at.table, Item: item, ConditionExpression: 'attribute_not_exists(PK)' })),
    );
  }

  private async write(notice: Notice, guard: { condition: string; values?: Record<string, unknown>; refusal: Error }): Promise<void> {
    const item = { ...keys.notice(notice.id), ...keys.noticeListed(notice.start, notice.id), itemType: 'notice', ...notice };
    const written = await conditionHeld(
      this.at.client.send(
        new PutCommand({
          TableName: this.at.table,
          Item: item,
          ConditionExpression: guard.condition,
          ...(guard.values && { ExpressionAttributeValues: guard.values }),
        }),
      ),
    );
    if (!written) throw guard.refusal;
  }
}

/** The query's window and state, applied to each notice read. */
function overlapping(query: NoticeQuery): (notice: Notice) => boolean {
  const from = query.from ?? 0;
  return (notice) =>
    notice.end > from && (query.to === undefined || notice.start < query.to) && (query.state === undefined || notice.state === query.state);
}
