/**
 * Change-management notices in the single table: one item per notice (its changes inside it),
 * listed by start in one partition of the `byOrg` index. A notice is written together with the
 * mails that announce it (one transaction), so a published or changed notice is never left
 * unannounced, and a change carries the version it was read at.
 */

import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { DomainError } from '#shared/domain-error.ts';
import type { QueuedMail } from '#shared/email/ports.ts';
import { NOTICE_KINDS, NOTICE_STATES, type Notice } from '#shared/notices/notice.ts';
import type { NoticeQuery, NoticeStore } from '#shared/notices/ports.ts';
import { once } from '../../lib/once.ts';
import { mailOutboxPut } from './mail-outbox.ts';
import { queryItems, type TableContext } from './table.ts';
import { keys, TABLE_DESIGN } from './table-design.ts';
import { type TaggedWrite, transactWrite } from './transaction-cancellation.ts';

/** A window lasts at most this long (NOTICE_LIMITS.window), so a list by start looks back this far for windows still open. */
const LONGEST_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

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

function readNotice(item: Record<string, unknown>): Notice {
  return storedNotice().parse(item);
}

export class DynamoNoticeStore implements NoticeStore {
  constructor(private readonly at: TableContext) {}

  async getNotice(id: string): Promise<Notice | undefined> {
    const { Item } = await this.at.client.send(new GetCommand({ TableName: this.at.table, Key: keys.notice(id), ConsistentRead: true }));
    return Item === undefined ? undefined : readNotice(Item);
  }

  createNotice(notice: Notice, mails: readonly QueuedMail[]): Promise<void> {
    return this.write(notice, mails, {
      condition: 'attribute_not_exists(PK)',
      refusal: new DomainError('conflict', `notice ${notice.id} exists`),
    });
  }

  saveNotice(notice: Notice, mails: readonly QueuedMail[]): Promise<void> {
    return this.write(notice, mails, {
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
    return items
      .map(readNotice)
      .filter(
        (notice) =>
          notice.end > from &&
          (query.to === undefined || notice.start < query.to) &&
          (query.state === undefined || notice.state === query.state),
      )
      .slice(0, query.limit);
  }

  private async write(
    notice: Notice,
    mails: readonly QueuedMail[],
    guard: { condition: string; values?: Record<string, unknown>; refusal: Error },
  ): Promise<void> {
    const now = this.at.clock();
    const item = { ...keys.notice(notice.id), ...keys.noticeListed(notice.start, notice.id), itemType: 'notice', ...notice };
    const writes: TaggedWrite[] = [
      {
        role: 'guarded',
        refusal: guard.refusal,
        write: {
          Put: {
            TableName: this.at.table,
            Item: item,
            ConditionExpression: guard.condition,
            ...(guard.values && { ExpressionAttributeValues: guard.values }),
          },
        },
      },
      ...mails
        .filter((mail) => mail.to.length > 0)
        .map(
          (mail): TaggedWrite => ({
            role: 'guarded',
            refusal: new DomainError('version_conflict', `the mail ${mail.id} was queued already`),
            write: { Put: mailOutboxPut(this.at.table, mail, now) as never },
          }),
        ),
    ];
    // A transaction takes at most 100 writes: one mail per zone keeps far below.
    if (writes.length > 100) throw new DomainError('conflict', 'a notice reaches at most 99 time zones');
    await transactWrite(this.at.client, writes);
  }
}
