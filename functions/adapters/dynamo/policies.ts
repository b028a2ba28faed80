/**
 * Stored policies: one item per version, written once (`attribute_not_exists`) and never changed;
 * a head per policy naming its latest version, moved in the same transaction on a condition on the
 * version it named (two publishes of the same next version: one wins, the other is a conflict);
 * and a re-plan's progress item, saved over the revision read (and, while running, in the `due`
 * index by when it counts as stalled, for the sweeper).
 *
 * A version item holds the compiled spec (holidays as dates) as JSON text and the document as
 * written; the publisher keeps both well below DynamoDB's 400 KB item limit
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-items).
 */

import '../../lib/zod-english.ts';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { DomainError } from '#shared/domain-error.ts';
import { CachingPolicyCatalog } from '#shared/policies/catalog.ts';
import {
  MAX_POLICIES,
  type PolicyCatalog,
  type PolicyHead,
  type PolicyStore,
  type PolicyVersionRecord,
  type PublishOutcome,
  REPLAN_STALLED_AFTER_MS,
  type ReplanProgress,
  type ReplanRef,
} from '#shared/policies/policy-store.ts';
import { once } from '../../lib/once.ts';
import { conditionHeld, type TableContext } from './table.ts';
import { keys, TABLE_DESIGN } from './table-design.ts';
import { type TaggedWrite, transactWrite } from './transaction-cancellation.ts';

const int = () => z.number().check(z.int());

const headItem = once(() => z.object({ id: z.string(), name: z.string(), latest: int(), preset: z.boolean(), updatedAt: int() }));

const versionItem = once(() =>
  z.object({
    id: z.string(),
    version: int(),
    name: z.string(),
    document: z.string(),
    spec: z.string(),
    publishedBy: z.string(),
    publishedAt: int(),
    calendarsChanged: z.boolean(),
  }),
);

const replanItem = once(() =>
  z.object({
    id: z.string(),
    version: int(),
    state: z.enum(['running', 'done']),
    examined: int(),
    replanned: int(),
    failed: int(),
    cursor: z.optional(z.string()),
    revision: int(),
    startedAt: int(),
    updatedAt: int(),
    finishedAt: z.optional(int()),
  }),
);

class PublishConflict extends Error {}

export class DynamoPolicyStore implements PolicyStore {
  constructor(private readonly at: TableContext) {}

  async head(id: string): Promise<PolicyHead | undefined> {
    const { Item } = await this.at.client.send(new GetCommand({ TableName: this.at.table, Key: keys.policyHead(id) }));
    return Item === undefined ? undefined : headItem().parse(Item);
  }

  async heads(): Promise<PolicyHead[]> {
    const { Items = [] } = await this.at.client.send(
      new QueryCommand({
        TableName: this.at.table,
        IndexName: 'byOrg',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.policyListPartition() },
        Limit: MAX_POLICIES,
      }),
    );
    return Items.map((item) => headItem().parse(item));
  }

  async version(id: string, version: number): Promise<PolicyVersionRecord | undefined> {
    const { Item } = await this.at.client.send(new GetCommand({ TableName: this.at.table, Key: keys.policyVersion(id, version) }));
    return Item === undefined ? undefined : fromVersionItem(Item);
  }

  async versions(id: string, options: { below?: number | undefined; limit: number }): Promise<PolicyVersionRecord[]> {
    const { Items = [] } = await this.at.client.send(
      new QueryCommand({
        TableName: this.at.table,
        KeyConditionExpression:
          options.below === undefined ? 'PK = :pk AND begins_with(SK, :prefix)' : 'PK = :pk AND SK BETWEEN :prefix AND :below',
        ExpressionAttributeValues: {
          ':pk': keys.policyPartition(id),
          ':prefix': keys.policyVersionPrefix,
          ...(options.below !== undefined && { ':below': keys.policyVersion(id, Math.max(0, options.below - 1)).SK }),
        },
        ScanIndexForward: false,
        Limit: options.limit,
      }),
    );
    return Items.map(fromVersionItem);
  }

  async publish(record: PolicyVersionRecord, head: PolicyHead, replan?: ReplanProgress): Promise<PublishOutcome> {
    const conflict = new PublishConflict();
    const writes: TaggedWrite[] = [
      {
        role: 'guarded',
        refusal: conflict,
        write: {
          Put: {
            TableName: this.at.table,
            Item: { ...keys.policyVersion(record.id, record.version), itemType: 'policy-version', ...versionAttributes(record) },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      },
      {
        role: 'guarded',
        refusal: conflict,
        write: {
          Put: {
            TableName: this.at.table,
            Item: { ...keys.policyHead(head.id), ...keys.policyListed(head.id), itemType: 'policy-head', ...head },
            ...(record.version === 1
              ? { ConditionExpression: 'attribute_not_exists(PK)' }
              : {
                  ConditionExpression: 'latest = :previous',
                  ExpressionAttributeValues: { ':previous': record.version - 1 },
                }),
          },
        },
      },
    ];
    if (replan !== undefined) {
      writes.push({
        role: 'guarded',
        refusal: conflict,
        write: {
          Put: {
            TableName: this.at.table,
            Item: replanAttributes(replan),
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      });
    }
    try {
      await transactWrite(this.at.client, writes);
      return 'published';
    } catch (error) {
      if (error instanceof PublishConflict) return 'conflict';
      // Two publishes meeting inside DynamoDB: the other one wins.
      if (error instanceof DomainError && error.code === 'version_conflict') return 'conflict';
      throw error;
    }
  }

  async replan(id: string, version: number): Promise<ReplanProgress | undefined> {
    const { Item } = await this.at.client.send(
      new GetCommand({ TableName: this.at.table, Key: keys.policyReplan(id, version), ConsistentRead: true }),
    );
    if (Item === undefined) return undefined;
    const { cursor, finishedAt, ...rest } = replanItem().parse(Item);
    return { ...rest, ...(cursor !== undefined && { cursor }), ...(finishedAt !== undefined && { finishedAt }) };
  }

  async stalledReplans(at: number): Promise<ReplanRef[]> {
    const { partitionKey, sortKey } = TABLE_DESIGN.indexes.due;
    const refs: ReplanRef[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const { Items = [], LastEvaluatedKey } = await this.at.client.send(
        new QueryCommand({
          TableName: this.at.table,
          IndexName: 'due',
          KeyConditionExpression: '#pk = :pk AND #sk < :below',
          ExpressionAttributeNames: { '#pk': partitionKey, '#sk': sortKey },
          ExpressionAttributeValues: { ':pk': keys.replanDuePartition(), ':below': keys.dueSortPrefix(at + 1) },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of Items) {
        const { id, version } = replanItem().parse(item);
        refs.push({ id, version });
      }
      start = LastEvaluatedKey;
    } while (start !== undefined);
    return refs;
  }

  saveReplan(progress: ReplanProgress, previousRevision: number): Promise<boolean> {
    return conditionHeld(
      this.at.client.send(
        new PutCommand({
          TableName: this.at.table,
          Item: replanAttributes(progress),
          ConditionExpression: '#revision = :revision',
          ExpressionAttributeNames: { '#revision': 'revision' },
          ExpressionAttributeValues: { ':revision': previousRevision },
        }),
      ),
    );
  }
}

/**
 * A re-plan's item: while running it is also in the `due` index at the instant it counts as
 * stalled (`REPLAN_STALLED_AFTER_MS` after its last progress), so every save moves that instant on,
 * and the save that marks it done takes it out (a Put replaces the whole item).
 */
function replanAttributes(progress: ReplanProgress) {
  return {
    ...keys.policyReplan(progress.id, progress.version),
    ...(progress.state === 'running' && keys.replanDue(progress.updatedAt + REPLAN_STALLED_AFTER_MS, progress.id, progress.version)),
    itemType: 'policy-replan',
    ...progress,
  };
}

function versionAttributes(record: PolicyVersionRecord) {
  return { ...record, document: JSON.stringify(record.document) };
}

function fromVersionItem(item: Record<string, unknown>): PolicyVersionRecord {
  const parsed = versionItem().parse(item);
  return { ...parsed, document: JSON.parse(parsed.document) as Record<string, unknown> };
}

/** The catalog a function resolves policies through: the compiled presets without I/O, stored versions read once. */
export function storedPolicyCatalog(at: TableContext): PolicyCatalog {
  return new CachingPolicyCatalog(new DynamoPolicyStore(at), at.clock);
}
