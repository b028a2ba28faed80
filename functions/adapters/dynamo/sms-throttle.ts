/**
 * A number's SMS throttle state in the table (`PHONE#<e164>` / `THROTTLE`): the instants it was
 * texted within the last hour and the pages held for it, written under optimistic concurrency
 * (a `version` that each write increments), so two notify runs texting the same number at once
 * cannot both take its one SMS per 30 s: the loser reads again and holds its page.
 */

import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { once } from '../../lib/once.ts';
import type { SmsThrottleState, SmsThrottleStore } from '../../notify/sms-pages.ts';
import { conditionHeld, type TableContext } from './table.ts';
import { keys } from './table-design.ts';

/** Kept a day after its last write: far longer than any rule's window or any page's hold. */
const THROTTLE_TTL_S = 24 * 60 * 60;

const stateItem = once(() =>
  z.object({
    version: z.number(),
    sent: z.array(z.number()),
    held: z.array(
      z.object({
        caseId: z.number(),
        deadline: z.string(),
        person: z.string(),
        code: z.optional(z.number()),
        text: z.string(),
        heldAt: z.number(),
      }),
    ),
    flushAt: z.optional(z.number()),
  }),
);

export class DynamoSmsThrottle implements SmsThrottleStore {
  constructor(private readonly at: TableContext) {}

  async read(number: string): Promise<SmsThrottleState> {
    const { Item } = await this.at.client.send(
      new GetCommand({ TableName: this.at.table, Key: keys.smsThrottle(number), ConsistentRead: true }),
    );
    if (Item === undefined) return { version: 0, sent: [], held: [] };
    return stateItem().parse(Item);
  }

  write(number: string, state: Omit<SmsThrottleState, 'version'>, expectedVersion: number): Promise<boolean> {
    const now = this.at.clock();
    return conditionHeld(
      this.at.client.send(
        new PutCommand({
          TableName: this.at.table,
          Item: {
            ...keys.smsThrottle(number),
            itemType: 'smsThrottle',
            version: expectedVersion + 1,
            sent: state.sent,
            held: state.held,
            ...(state.flushAt !== undefined && { flushAt: state.flushAt }),
            expiresAt: Math.floor(now / 1000) + THROTTLE_TTL_S,
          },
          ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(PK)' : 'version = :version',
          ...(expectedVersion !== 0 && { ExpressionAttributeValues: { ':version': expectedVersion } }),
        }),
      ),
    );
  }
}
