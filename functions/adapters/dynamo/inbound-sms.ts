/**
 * Which inbound SMS were handled: a conditional claim per `inboundMessageId`, kept a week (TTL).
 * The last error answer to a number is an item of the same kind, named by the number (message ids
 * are UUIDs, never `answer:+…`), taken by a conditional put while the last one is older than the gap.
 */

import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { InboundSmsLog } from '../../sms-inbound/sms-inbound.ts';
import { conditionHeld, type TableContext } from './table.ts';
import { keys } from './table-design.ts';

/** Far longer than SNS keeps redelivering a message to Lambda or Lambda retries an event. */
const KEEP_MS = 7 * 24 * 60 * 60_000;
/** A handler that died while handling gives the message up after this; the retry may take it (Lambda's first async retry comes after a minute). */
const LEASE_MS = 50_000;

export class DynamoInboundSmsLog implements InboundSmsLog {
  constructor(private readonly at: TableContext) {}

  claim(messageId: string): Promise<boolean> {
    const now = this.at.clock();
    return conditionHeld(
      this.at.client.send(
        new PutCommand({
          TableName: this.at.table,
          Item: {
            ...keys.inboundSms(messageId),
            itemType: 'inboundSms',
            state: 'handling',
            leaseUntil: now + LEASE_MS,
            expiresAt: Math.floor((now + KEEP_MS) / 1000),
          },
          ConditionExpression: 'attribute_not_exists(PK) OR (#state = :handling AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':handling': 'handling', ':now': now },
        }),
      ),
    );
  }

  async finish(messageId: string): Promise<void> {
    await this.at.client.send(
      new UpdateCommand({
        TableName: this.at.table,
        Key: keys.inboundSms(messageId),
        UpdateExpression: 'SET #state = :done REMOVE leaseUntil',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':done': 'done' },
      }),
    );
  }

  claimErrorAnswer(number: string, now: number, gapMs: number): Promise<boolean> {
    return conditionHeld(
      this.at.client.send(
        new PutCommand({
          TableName: this.at.table,
          Item: {
            ...keys.inboundSms(`answer:${number}`),
            itemType: 'smsErrorAnswer',
            answeredAt: now,
            expiresAt: Math.floor((now + gapMs) / 1000) + 1,
          },
          // TTL deletes only eventually: the condition reads the instant itself.
          ConditionExpression: 'attribute_not_exists(PK) OR answeredAt <= :since',
          ExpressionAttributeValues: { ':since': now - gapMs },
        }),
      ),
    );
  }

  async releaseErrorAnswer(number: string, at: number): Promise<void> {
    await conditionHeld(
      this.at.client.send(
        new DeleteCommand({
          TableName: this.at.table,
          Key: keys.inboundSms(`answer:${number}`),
          ConditionExpression: 'answeredAt = :at',
          ExpressionAttributeValues: { ':at': at },
        }),
      ),
    );
  }

  async release(messageId: string): Promise<void> {
    await conditionHeld(
      this.at.client.send(
        new DeleteCommand({
          TableName: this.at.table,
          Key: keys.inboundSms(messageId),
          ConditionExpression: '#state = :handling',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':handling': 'handling' },
        }),
      ),
    );
  }
}
