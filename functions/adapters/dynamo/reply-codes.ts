/**
 * Reply codes in the table: one item per live code of a number (`PHONE#<e164>` / `CODE#<nn>`),
 * beside the item naming the number's owner, so one Query reads a number's codes. A code is taken
 * by a conditional put that succeeds only if the code is free (no item, or its page expired), so
 * two notify runs paging the same number at once never get the same code: the loser reads again
 * and takes the next free one. Items carry the table's TTL (`expiresAt`, epoch seconds); DynamoDB
 * deletes expired items only eventually, so every read also checks `validUntil` (epoch ms).
 * `textedAt` is set once the page's SMS went out, conditionally on the item still being that page's.
 */

import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { ReplyCode, ReplyCodes } from '#shared/oncall/ports.ts';
import { allocateReplyCode, MAX_REPLY_CODE } from '#shared/oncall/reply-codes.ts';
import { once } from '../../lib/once.ts';
import { conditionHeld, queryItems, type TableContext } from './table.ts';
import { keys } from './table-design.ts';

const codeItem = once(() =>
  z.object({
    number: z.string(),
    code: z.number(),
    caseId: z.number(),
    deadline: z.string(),
    person: z.string(),
    sentAt: z.number(),
    textedAt: z.optional(z.number()),
    validUntil: z.number(),
  }),
);

export class DynamoReplyCodes implements ReplyCodes {
  constructor(private readonly at: TableContext) {}

  async allocate(page: Omit<ReplyCode, 'code'>, now: number): Promise<ReplyCode | undefined> {
    // Each lost race means another run took a code; there are at most MAX_REPLY_CODE of them to take.
    for (let attempt = 0; attempt <= MAX_REPLY_CODE; attempt++) {
      const live = await this.liveCodes(page.number, now);
      const same = live.find((c) => c.caseId === page.caseId && c.deadline === page.deadline);
      if (same !== undefined) return same;
      const code = allocateReplyCode(live.map((c) => c.code));
      if (code === undefined) return undefined;
      const taken: ReplyCode = { ...page, code };
      const put = new PutCommand({
        TableName: this.at.table,
        Item: {
          ...keys.replyCode(page.number, code),
          itemType: 'replyCode',
          number: page.number,
          code,
          caseId: page.caseId,
          deadline: page.deadline,
          person: page.person,
          sentAt: page.sentAt,
          ...(page.textedAt !== undefined && { textedAt: page.textedAt }),
          validUntil: page.expiresAt,
          expiresAt: Math.ceil(page.expiresAt / 1000),
        },
        ConditionExpression: 'attribute_not_exists(PK) OR validUntil <= :now',
        ExpressionAttributeValues: { ':now': now },
      });
      if (await conditionHeld(this.at.client.send(put))) return taken;
    }
    return undefined;
  }

  async byCode(number: string, code: number, now: number): Promise<ReplyCode | undefined> {
    return (await this.liveCodes(number, now)).find((c) => c.code === code);
  }

  async latest(number: string, now: number): Promise<ReplyCode | undefined> {
    const texted = (await this.liveCodes(number, now)).filter((c) => c.textedAt !== undefined);
    return texted.reduce<ReplyCode | undefined>(
      (last, c) => (last === undefined || textedAtOf(c) > textedAtOf(last) ? c : last),
      undefined,
    );
  }

  async markTexted(number: string, pages: readonly Pick<ReplyCode, 'code' | 'caseId' | 'deadline'>[], at: number): Promise<void> {
    for (const page of pages) {
      // Not held: the code expired and went to another page meanwhile; that page is not texted.
      await conditionHeld(
        this.at.client.send(
          new UpdateCommand({
            TableName: this.at.table,
            Key: keys.replyCode(number, page.code),
            UpdateExpression: 'SET textedAt = :at',
            ConditionExpression: 'caseId = :caseId AND #deadline = :deadline',
            ExpressionAttributeNames: { '#deadline': 'deadline' },
            ExpressionAttributeValues: { ':at': at, ':caseId': page.caseId, ':deadline': page.deadline },
          }),
        ),
      );
    }
  }

  /** The number's codes whose pages have not expired (one strongly consistent Query). */
  private async liveCodes(number: string, now: number): Promise<ReplyCode[]> {
    const items = await queryItems(this.at.client, {
      TableName: this.at.table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.phonePartition(number), ':prefix': keys.replyCodePrefix },
      ConsistentRead: true,
    });
    return items
      .map((item) => codeItem().parse(item))
      .filter((c) => c.validUntil > now)
      .map(({ validUntil, textedAt, ...c }) => ({ ...c, ...(textedAt !== undefined && { textedAt }), expiresAt: validUntil }));
  }
}

function textedAtOf(code: ReplyCode): number {
  return code.textedAt ?? 0;
}
