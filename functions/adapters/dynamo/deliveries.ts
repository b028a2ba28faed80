/**
 * The delivery log: one record per (ticket, deadline, recipient) in the ticket's partition, leased
 * by the notify run that sends it and marked sent by that run. A recipient is a role's topic (the
 * role id: every record before pages went to people has this shape) or one channel of one person
 * (`deliveryRecipient`). Records expire after 30 days (TTL).
 */

import { GetCommand, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { DeliveryLease, DeliveryLog } from '#shared/tickets/ticket-store.ts';
import { conditionHeld, queryItems, type TableContext } from './table.ts';
import { keys } from './table-design.ts';

/** Delivery records outlive any retry or redrive of their deadline by far. */
const DELIVERY_TTL_S = 30 * 24 * 60 * 60;
const NAMES = { '#state': 'state', '#owner': 'owner' };

export class DynamoDeliveryLog implements DeliveryLog {
  constructor(private readonly at: TableContext) {}

  /**
   * A lease on the delivery: taken if nobody holds it, if its holder's lease ran out, or if it is
   * ours already (the SDK retried a claim whose answer was lost). Older records (`state:
   * 'claimed'` without a lease, before leases) count as expired.
   */
  async claimDelivery(caseId: number, deadlineId: string, recipient: string, lease: DeliveryLease): Promise<'claimed' | 'sent' | 'held'> {
    const key = keys.delivery(caseId, deadlineId, recipient);
    const now = this.at.clock();
    const claimed = await conditionHeld(
      this.update(key, {
        UpdateExpression:
          'SET itemType = :type, #state = :claimed, #owner = :owner, leaseUntil = :until, claimedAt = :now, expiresAt = :ttl',
        ConditionExpression:
          'attribute_not_exists(PK) OR (#state <> :sent AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :now OR #owner = :owner))',
        ExpressionAttributeValues: {
          ':type': 'delivery',
          ':claimed': 'claimed',
          ':sent': 'sent',
          ':owner': lease.owner,
          ':until': now + lease.leaseMs,
          ':now': now,
          ':ttl': Math.floor(now / 1000) + DELIVERY_TTL_S,
        },
      }),
    );
    if (claimed) return 'claimed';
    const { Item } = await this.at.client.send(new GetCommand({ TableName: this.at.table, Key: key, ConsistentRead: true }));
    return Item?.state === 'sent' ? 'sent' : 'held';
  }

  markDelivered(caseId: number, deadlineId: string, recipient: string, owner: string): Promise<boolean> {
    return conditionHeld(
      this.update(keys.delivery(caseId, deadlineId, recipient), {
        UpdateExpression: 'SET #state = :sent, sentAt = :now',
        ConditionExpression: '#owner = :owner',
        ExpressionAttributeValues: { ':sent': 'sent', ':now': this.at.clock(), ':owner': owner },
      }),
    );
  }

  async releaseDelivery(caseId: number, deadlineId: string, recipient: string, owner: string): Promise<void> {
    // Nothing to give back if the lease was taken over or the delivery went out meanwhile.
    await conditionHeld(
      this.update(keys.delivery(caseId, deadlineId, recipient), {
        UpdateExpression: 'SET leaseUntil = :zero',
        ConditionExpression: '#owner = :owner AND #state <> :sent',
        ExpressionAttributeValues: { ':zero': 0, ':owner': owner, ':sent': 'sent' },
      }),
    );
  }

  async sentDeliveries(caseId: number, deadlineId: string): Promise<ReadonlySet<string>> {
    const prefix = keys.deliveriesOf(deadlineId);
    const items = await queryItems(this.at.client, {
      TableName: this.at.table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.ticketPartition(caseId), ':prefix': prefix },
      ProjectionExpression: 'SK, #state',
      ExpressionAttributeNames: { '#state': 'state' },
      ConsistentRead: true,
    });
    return new Set(items.filter((item) => item.state === 'sent').map((item) => String(item.SK).slice(prefix.length)));
  }

  private update(
    key: Record<string, string>,
    expressions: Pick<UpdateCommandInput, 'UpdateExpression' | 'ConditionExpression' | 'ExpressionAttributeValues'>,
  ): Promise<unknown> {
    return this.at.client.send(new UpdateCommand({ TableName: this.at.table, Key: key, ExpressionAttributeNames: NAMES, ...expressions }));
  }
}
