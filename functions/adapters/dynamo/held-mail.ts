/**
 * Held mail and courtesy-reply claims in the single table. Held messages share one partition
 * (`HELD_MAIL`, sorted by receipt time): unverified mail to a support address is a trickle, and
 * agents read it newest first. A decided message expires 90 days after the decision; a held one
 * never does. A courtesy-reply claim expires the day after its day.
 */

import '../../lib/zod-english.ts';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import {
  type CourtesyReplies,
  HELD_MAIL_STATUSES,
  type HeldMail,
  type HeldMailOutcome,
  type HeldMailStatus,
  type HeldMailStore,
  heldMailId,
  parseHeldMailId,
} from '#shared/email/held-mail.ts';
import type { Page } from '#shared/tickets/ticket-store.ts';
import { once } from '../../lib/once.ts';
import { badCursor } from './cursor-codec.ts';
import { attachmentItem } from './stored-items.ts';
import { conditionHeld } from './table.ts';
import { keyParts, keys } from './table-design.ts';

const DECIDED_TTL_S = 90 * 24 * 60 * 60;
const DAY_MS = 24 * 60 * 60 * 1000;

const heldMailItem = once(() =>
  z.object({
    id: z.string(),
    receivedAt: z.number(),
    sesMessageId: z.string(),
    scopeKey: z.string(),
    from: z.string(),
    subject: z.string(),
    text: z.string(),
    cut: z.boolean(),
    skipped: z.array(z.string()),
    rawKey: z.string(),
    rawBytes: z.number(),
    attachments: z.array(attachmentItem()),
    caseId: z.optional(z.number()),
    org: z.string(),
    reason: z.string(),
    status: z.enum(HELD_MAIL_STATUSES),
    decidedBy: z.optional(z.string()),
    decidedAt: z.optional(z.number()),
    outcome: z.optional(z.object({ kind: z.enum(['ticket', 'message']), caseId: z.number() })),
  }),
);

/** The table key of a held message's id; `undefined` for anything that is not one. */
function keyOf(id: string): { PK: string; SK: string } | undefined {
  const parts = parseHeldMailId(id);
  return parts === undefined ? undefined : keys.heldMail(new Date(parts.receivedAt).toISOString(), parts.sesMessageId);
}

export class DynamoHeldMailStore implements HeldMailStore, CourtesyReplies {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly clock: () => number = Date.now,
  ) {}

  async hold(mail: HeldMail): Promise<boolean> {
    const key = keyOf(mail.id);
    if (key === undefined) throw new Error(`not a held-mail id: ${mail.id}`);
    return conditionHeld(
      this.client.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...key, itemType: 'heldMail', ...mail },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      ),
    );
  }

  async getHeld(id: string): Promise<HeldMail | undefined> {
    const key = keyOf(id);
    if (key === undefined) return undefined;
    const { Item } = await this.client.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }));
    return Item === undefined ? undefined : heldMailItem().parse(Item);
  }

  async listHeld(options: { status: HeldMailStatus; cursor?: string | undefined; limit: number }): Promise<Page<HeldMail>> {
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'PK = :pk',
        FilterExpression: '#status = :status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pk': keys.heldMailPartition, ':status': options.status },
        ScanIndexForward: false,
        Limit: options.limit,
        ExclusiveStartKey: options.cursor === undefined ? undefined : cursorKey(options.cursor),
      }),
    );
    // The cursor is the id of the last message read (which the filter may have left out).
    const last = page.LastEvaluatedKey === undefined ? undefined : keyParts.heldMailOf(String(page.LastEvaluatedKey.SK));
    return {
      items: (page.Items ?? []).map((item) => heldMailItem().parse(item)),
      cursor: last === undefined ? undefined : heldMailId(Date.parse(last.receivedAt), last.id),
    };
  }

  decide(id: string, decision: { status: 'accepted' | 'rejected'; by: string; at: number }): Promise<boolean> {
    return conditionHeld(
      this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keyOf(id) ?? {},
          UpdateExpression: 'SET #status = :status, decidedBy = :by, decidedAt = :at, expiresAt = :expires',
          ConditionExpression: '#status = :held',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':status': decision.status,
            ':by': decision.by,
            ':at': decision.at,
            ':expires': Math.floor(decision.at / 1000) + DECIDED_TTL_S,
            ':held': 'held',
          },
        }),
      ),
    );
  }

  async recordOutcome(id: string, outcome: HeldMailOutcome): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keyOf(id) ?? {},
        UpdateExpression: 'SET outcome = :outcome',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':outcome': outcome },
      }),
    );
  }

  /** A conditional put: the first claim of the day wins; TTL removes it after the day is over (TTL deletes lazily, so the condition checks the day, not the item's age). */
  claimCourtesyReply(address: string, day: string): Promise<boolean> {
    return conditionHeld(
      this.client.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            ...keys.courtesyReply(address, day),
            itemType: 'courtesyReply',
            claimedAt: this.clock(),
            expiresAt: Math.floor((Date.parse(`${day}T00:00:00Z`) + 2 * DAY_MS) / 1000),
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      ),
    );
  }
}

/** A cursor is a held message's id; anything else is a 400. */
function cursorKey(cursor: string): { PK: string; SK: string } {
  const key = keyOf(cursor);
  if (key === undefined) throw badCursor();
  return key;
}
