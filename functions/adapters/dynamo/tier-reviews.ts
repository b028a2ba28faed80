/**
 * Tier reviews in the table: one item per policy and quarter (its latest revision, written over a
 * revision it read), and an org's reviewed tiers written with its e-mail in one transaction.
 */

import '../../lib/zod-english.ts';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { DomainError } from '#shared/domain-error.ts';
import type { QueuedMail } from '#shared/email/ports.ts';
import { type Org, type TierEntry, tierAt } from '#shared/tickets/org.ts';
import type { TierReviewRecord, TierReviewStore } from '#shared/tier-review/tier-review.ts';
import { once } from '../../lib/once.ts';
import { mailOutboxPut } from './mail-outbox.ts';
import { conditionHeld, type TableContext } from './table.ts';
import { keys } from './table-design.ts';
import { type TaggedWrite, transactWrite } from './transaction-cancellation.ts';

const int = () => z.number().check(z.int());

const reviewItem = once(() =>
  z.object({
    policy: z.string(),
    quarter: z.string(),
    currency: z.string(),
    revision: int(),
    state: z.enum(['applying', 'applied']),
    by: z.string(),
    at: int(),
    appliedAt: z.optional(int()),
    moves: z.array(z.object({ org: z.string(), from: z.string(), to: z.string(), turnover: int(), reason: z.string(), start: int() })),
    missing: z.array(z.object({ org: z.string(), tier: z.string() })),
    replaced: z.array(z.object({ revision: int(), by: z.string(), at: int(), rows: int() })),
  }),
);

export class DynamoTierReviews implements TierReviewStore {
  constructor(private readonly at: TableContext) {}

  async get(policy: string, quarter: string): Promise<TierReviewRecord | undefined> {
    const { Item } = await this.at.client.send(
      new GetCommand({ TableName: this.at.table, Key: keys.tierReview(policy, quarter), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : reviewItem().parse(Item);
  }

  async list(policy: string, limit: number): Promise<TierReviewRecord[]> {
    const { Items = [] } = await this.at.client.send(
      new QueryCommand({
        TableName: this.at.table,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.tierReviewPartition(policy) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return Items.map((item) => reviewItem().parse(item));
  }

  async save(record: TierReviewRecord, previous: TierReviewRecord | undefined): Promise<boolean> {
    const guard =
      previous === undefined
        ? { ConditionExpression: 'attribute_not_exists(PK)' }
        : {
            ConditionExpression: '#revision = :revision AND #state = :state',
            ExpressionAttributeNames: { '#revision': 'revision', '#state': 'state' },
            ExpressionAttributeValues: { ':revision': previous.revision, ':state': previous.state },
          };
    return conditionHeld(
      this.at.client.send(
        new PutCommand({
          TableName: this.at.table,
          Item: { ...keys.tierReview(record.policy, record.quarter), itemType: 'tier-review', ...record },
          ...guard,
        }),
      ),
    );
  }

  async setTiers(org: Org, tiers: readonly TierEntry[], mail: QueuedMail | undefined): Promise<boolean> {
    const now = this.at.clock();
    const changed = new DomainError('version_conflict', `organisation "${org.id}" changed meanwhile`);
    const writes: TaggedWrite[] = [
      {
        role: 'guarded',
        refusal: changed,
        write: {
          Update: {
            TableName: this.at.table,
            Key: keys.org(org.id),
            // `tier` (the tier now) as well: the previous release reads it and not `tiers` (see orgs.ts).
            UpdateExpression: 'SET tiers = :tiers, tier = :tier, updatedAt = :now',
            ConditionExpression: 'updatedAt = :read',
            ExpressionAttributeValues: {
              ':tiers': tiers,
              ':tier': tierAt({ tiers }, now),
              ':now': Math.max(now, org.updatedAt + 1),
              ':read': org.updatedAt,
            },
          },
        },
      },
      ...(mail === undefined ? [] : [{ role: 'ticket' as const, write: { Put: mailOutboxPut(this.at.table, mail, now) } }]),
    ];
    try {
      await transactWrite(this.at.client, writes);
      return true;
    } catch (error) {
      if (error === changed) return false;
      throw error;
    }
  }
}
