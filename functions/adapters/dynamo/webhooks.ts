/**
 * Webhook endpoints and their deliveries in the single table (keys in table-design.ts).
 *
 * - An endpoint is one item in its own partition, listed per scope through the `byOrg` index
 *   (`WEBHOOKS#org#<org>` or `WEBHOOKS#staff`). Senders write its health with their own
 *   UpdateItems (`recordHealth`); an owner's edit (`replaceEndpoint`) writes it too, so resuming
 *   an endpoint starts its health afresh.
 * - Deliveries sit in the endpoint's partition under their ticket, so one Query reads the queue
 *   that is sent in order; the log reads them through the `byOrg` index, newest first. Each expires
 *   30 days after it was last written (replay works until then).
 * - Cursors are the index sort key of the last item; the table key is rebuilt from it, and one
 *   that does not parse is a 400, never a DynamoDB error.
 * - A scope's endpoints are counted beside its list, so a limit holds (webhook-scope-count.ts).
 */

import '../../lib/zod-english.ts';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { Page } from '#shared/tickets/ticket-store.ts';
import { type Attempt, type EndpointHealth, verdict } from '#shared/webhooks/delivery-policy.ts';
import type { EndpointScope } from '#shared/webhooks/endpoint.ts';
import { caseIdOfEvent, compareOrder, WEBHOOK_EVENT_TYPES } from '#shared/webhooks/events.ts';
import type { CreateEndpointOptions, DeliveryQueueRef, StoredDelivery, StoredEndpoint, WebhookStore } from '#shared/webhooks/ports.ts';
import { once } from '../../lib/once.ts';
import { badCursor } from './cursor-codec.ts';
import { DynamoDueIndex } from './due-index.ts';
import { DynamoIdempotency } from './idempotency.ts';
import { conditionHeld, queryItems, type TableContext } from './table.ts';
import { keyParts, keys, TABLE_DESIGN } from './table-design.ts';
import { countedIn, deleteCounted, writeCounted } from './webhook-scope-count.ts';

const DELIVERY_TTL_S = 30 * 24 * 3600;
/** At most one pause notice per endpoint in this long. */
const PAUSE_NOTICE_EVERY_MS = 24 * 3_600_000;
const ENDPOINT_ID = /^wh_[A-Za-z0-9_-]{16,40}$/;
const LISTED = /^\d{13}#(\S{1,400})$/;

const attemptItem = once(() =>
  z.object({
    at: z.number(),
    outcome: z.union([z.object({ status: z.number(), ms: z.number() }), z.object({ error: z.string(), ms: z.number() })]),
  }),
);

const endpointItem = once(() =>
  z.object({
    id: z.string(),
    scope: z.discriminatedUnion('kind', [z.object({ kind: z.literal('staff') }), z.object({ kind: z.literal('org'), org: z.string() })]),
    url: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
    description: z.optional(z.string()),
    state: z.enum(['active', 'paused']),
    pausedBecause: z.optional(z.enum(['owner', 'failing', 'gone'])),
    secrets: z.array(z.object({ secret: z.string(), createdAt: z.number(), expiresAt: z.optional(z.number()) })),
    createdBy: z.string(),
    contact: z.string(),
    createdAt: z.number(),
    updatedAt: z.number(),
    failingSince: z.optional(z.number()),
    lastFailure: z.optional(attemptItem()),
  }),
);

const deliveryItem = once(() =>
  z.object({
    endpointId: z.string(),
    eventId: z.string(),
    eventType: z.enum(WEBHOOK_EVENT_TYPES),
    caseId: z.number(),
    order: z.object({ seq: z.number(), rank: z.number() }),
    state: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.array(attemptItem()),
    nextAttemptAt: z.nullable(z.number()),
    body: z.string(),
    createdAt: z.number(),
    skipped: z.optional(z.string()),
    wakeAt: z.optional(z.number()),
  }),
);

function endpointOf(item: Record<string, unknown>): StoredEndpoint {
  const { failingSince, lastFailure, ...endpoint } = endpointItem().parse(item);
  return {
    ...endpoint,
    health: { ...(failingSince !== undefined && { failingSince }), ...(lastFailure !== undefined && { lastFailure }) },
  };
}

/** `SET` the given assignments and each optional field that has a value (as `:<field>`); `REMOVE` those without. */
function updateOf(assignments: readonly string[], optional: Readonly<Record<string, unknown>>) {
  const fields = Object.entries(optional);
  const given = fields.filter(([, value]) => value !== undefined);
  const set = [...assignments, ...given.map(([name]) => `${name} = :${name}`)];
  const remove = fields.filter(([, value]) => value === undefined).map(([name]) => name);
  return {
    expression: `SET ${set.join(', ')}${remove.length === 0 ? '' : ` REMOVE ${remove.join(', ')}`}`,
    values: Object.fromEntries(given.map(([name, value]) => [`:${name}`, value])),
  };
}

const deliveryOf = (item: Record<string, unknown>): StoredDelivery => deliveryItem().parse(item);

export class DynamoWebhookStore implements WebhookStore {
  private readonly idempotency: DynamoIdempotency;
  private readonly due: DynamoDueIndex;

  constructor(private readonly at: TableContext) {
    this.idempotency = new DynamoIdempotency(at);
    this.due = new DynamoDueIndex(at.client, at.table);
  }

  async createEndpoint(endpoint: StoredEndpoint, options: CreateEndpointOptions = {}): Promise<void> {
    const { health: _, ...rest } = endpoint;
    await writeCounted(this.at, [
      countedIn(this.at, endpoint.scope, options.maxPerScope),
      {
        role: 'webhook-endpoint',
        write: {
          Put: {
            TableName: this.at.table,
            Item: {
              ...keys.webhookEndpoint(endpoint.id),
              GSI1PK: keys.webhookScopePartition(endpoint.scope),
              GSI1SK: keys.webhookListed(endpoint.createdAt, endpoint.id),
              itemType: 'webhookEndpoint',
              ...rest,
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      },
      ...this.idempotency.writes(options.idempotent),
    ]);
  }

  async getEndpoint(id: string): Promise<StoredEndpoint | undefined> {
    if (!ENDPOINT_ID.test(id)) return undefined;
    const { Item } = await this.at.client.send(
      new GetCommand({ TableName: this.at.table, Key: keys.webhookEndpoint(id), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : endpointOf(Item);
  }

  async listEndpoints(scope: EndpointScope, page: { cursor?: string | undefined; limit: number }): Promise<Page<StoredEndpoint>> {
    const partition = keys.webhookScopePartition(scope);
    const start = page.cursor === undefined ? undefined : this.endpointCursor(partition, page.cursor);
    const result = await this.indexPage(partition, start, page.limit);
    return { items: result.items.map(endpointOf), cursor: result.cursor };
  }

  async activeEndpointsFor(org: string): Promise<StoredEndpoint[]> {
    const scopes: EndpointScope[] = [{ kind: 'org', org }, { kind: 'staff' }];
    const lists = await Promise.all(
      scopes.map((scope) =>
        queryItems(this.at.client, {
          TableName: this.at.table,
          IndexName: 'byOrg',
          KeyConditionExpression: 'GSI1PK = :p',
          FilterExpression: '#state = :active',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':p': keys.webhookScopePartition(scope), ':active': 'active' },
        }),
      ),
    );
    return lists.flat().map(endpointOf);
  }

  async replaceEndpoint(endpoint: StoredEndpoint, expectedUpdatedAt: number, options: { resetHealth?: boolean } = {}): Promise<boolean> {
    const { expression, values } = updateOf(
      ['#url = :url', 'events = :events', '#state = :state', 'secrets = :secrets', 'contact = :contact', 'updatedAt = :updatedAt'],
      {
        description: endpoint.description,
        pausedBecause: endpoint.pausedBecause,
        // Senders write the health; only a reset removes it here.
        ...(options.resetHealth === true && { failingSince: undefined, lastFailure: undefined }),
      },
    );
    return this.conditionalUpdate(keys.webhookEndpoint(endpoint.id), {
      UpdateExpression: expression,
      ConditionExpression: 'updatedAt = :expected',
      ExpressionAttributeNames: { '#url': 'url', '#state': 'state' },
      ExpressionAttributeValues: {
        ':url': endpoint.url,
        ':events': endpoint.events,
        ':state': endpoint.state,
        ':secrets': endpoint.secrets,
        ':contact': endpoint.contact,
        ':updatedAt': endpoint.updatedAt,
        ':expected': expectedUpdatedAt,
        ...values,
      },
    });
  }

  claimPauseNotice(endpointId: string, now: number): Promise<boolean> {
    return this.conditionalUpdate(keys.webhookEndpoint(endpointId), {
      UpdateExpression: 'SET noticeSentAt = :now',
      ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(noticeSentAt) OR noticeSentAt <= :dayAgo)',
      ExpressionAttributeValues: { ':now': now, ':dayAgo': now - PAUSE_NOTICE_EVERY_MS },
    });
  }

  async recordHealth(endpointId: string, attempt: Attempt): Promise<EndpointHealth | undefined> {
    const failed = verdict(attempt.outcome) !== 'delivered';
    try {
      const { Attributes } = await this.at.client.send(
        new UpdateCommand({
          TableName: this.at.table,
          Key: keys.webhookEndpoint(endpointId),
          UpdateExpression: failed
            ? 'SET failingSince = if_not_exists(failingSince, :at), lastFailure = :attempt'
            : 'REMOVE failingSince, lastFailure',
          ConditionExpression: 'attribute_exists(PK)',
          ...(failed && { ExpressionAttributeValues: { ':at': attempt.at, ':attempt': attempt } }),
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes === undefined ? undefined : endpointOf(Attributes).health;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async deleteEndpoint(id: string): Promise<boolean> {
    // Its scope names the count it leaves.
    const endpoint = await this.getEndpoint(id);
    return endpoint !== undefined && deleteCounted(this.at, endpoint);
  }

  async addDeliveries(deliveries: readonly StoredDelivery[]): Promise<StoredDelivery[]> {
    const added = await Promise.all(
      deliveries.map(async (delivery) =>
        (await conditionHeld(
          this.at.client.send(
            new PutCommand({
              TableName: this.at.table,
              Item: this.deliveryItem(delivery),
              ConditionExpression: 'attribute_not_exists(PK)',
            }),
          ),
        ))
          ? delivery
          : undefined,
      ),
    );
    const fresh = added.filter((d) => d !== undefined);
    // Their queues need the sender now; the sender moves the mark on as it goes.
    const queues = new Map(fresh.map((d) => [`${d.endpointId}#${d.caseId}`, d]));
    await Promise.all([...queues.values()].map((d) => this.markQueue(d, d.createdAt)));
    return fresh;
  }

  async deliveryQueue({ endpointId, caseId }: DeliveryQueueRef): Promise<StoredDelivery[]> {
    const items = await queryItems(this.at.client, {
      TableName: this.at.table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.webhookEndpoint(endpointId).PK, ':prefix': keys.webhookQueuePrefix(caseId) },
      ConsistentRead: true,
    });
    return items.map(deliveryOf).sort((a, b) => compareOrder({ ...a.order, id: a.eventId }, { ...b.order, id: b.eventId }));
  }

  async getDelivery(endpointId: string, eventId: string): Promise<StoredDelivery | undefined> {
    const caseId = caseIdOfEvent(eventId);
    if (caseId === undefined || !ENDPOINT_ID.test(endpointId)) return undefined;
    const { Item } = await this.at.client.send(
      new GetCommand({ TableName: this.at.table, Key: keys.webhookDelivery(endpointId, caseId, eventId), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : deliveryOf(Item);
  }

  leaseDelivery(delivery: StoredDelivery, now: number, until: number): Promise<boolean> {
    return this.conditionalUpdate(keys.webhookDelivery(delivery.endpointId, delivery.caseId, delivery.eventId), {
      UpdateExpression: 'SET leaseUntil = :until',
      ConditionExpression: '#state = :pending AND size(attempts) = :n AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :now)',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':until': until, ':now': now, ':pending': 'pending', ':n': delivery.attempts.length },
    });
  }

  saveDelivery(delivery: StoredDelivery, expectedAttempts: number): Promise<boolean> {
    return conditionHeld(
      this.at.client.send(
        new PutCommand({
          TableName: this.at.table,
          Item: this.deliveryItem(delivery),
          ConditionExpression: 'size(attempts) = :n',
          ExpressionAttributeValues: { ':n': expectedAttempts },
        }),
      ),
    );
  }

  setWake(delivery: StoredDelivery, expected: number | undefined, wakeAt: number): Promise<boolean> {
    return this.conditionalUpdate(keys.webhookDelivery(delivery.endpointId, delivery.caseId, delivery.eventId), {
      UpdateExpression: 'SET wakeAt = :wake',
      ConditionExpression: expected === undefined ? 'attribute_exists(PK) AND attribute_not_exists(wakeAt)' : 'wakeAt = :expected',
      ExpressionAttributeValues: { ':wake': wakeAt, ...(expected !== undefined && { ':expected': expected }) },
    });
  }

  async leaseSlot(endpointId: string, slots: number, now: number, until: number): Promise<number | undefined> {
    // Start at a different slot each time, so concurrent senders rarely contend for the same one.
    const first = Math.floor(Math.random() * slots);
    for (let i = 0; i < slots; i++) {
      const slot = (first + i) % slots;
      const taken = await this.conditionalUpdate(keys.webhookSlot(endpointId, slot), {
        UpdateExpression: 'SET leaseUntil = :until, itemType = :type, expiresAt = :ttl',
        ConditionExpression: 'attribute_not_exists(leaseUntil) OR leaseUntil <= :now',
        ExpressionAttributeValues: { ':until': until, ':now': now, ':type': 'webhookSlot', ':ttl': Math.ceil(until / 1000) + 86_400 },
      });
      if (taken) return slot;
    }
    return undefined;
  }

  async releaseSlot(endpointId: string, slot: number, until: number): Promise<void> {
    // Only our own lease: a sender that outlived it must not end the next holder's.
    await conditionHeld(
      this.at.client.send(
        new DeleteCommand({
          TableName: this.at.table,
          Key: keys.webhookSlot(endpointId, slot),
          ConditionExpression: 'leaseUntil = :until',
          ExpressionAttributeValues: { ':until': until },
        }),
      ),
    );
  }

  async deliveryLog(endpointId: string, page: { cursor?: string | undefined; limit: number }): Promise<Page<StoredDelivery>> {
    const partition = keys.webhookLogPartition(endpointId);
    const start = page.cursor === undefined ? undefined : this.logCursor(endpointId, partition, page.cursor);
    const result = await this.indexPage(partition, start, page.limit);
    return { items: result.items.map(deliveryOf), cursor: result.cursor };
  }

  /** An UpdateItem with a condition: `true` if it was applied. */
  private conditionalUpdate(key: Record<string, string>, update: Omit<UpdateCommandInput, 'TableName' | 'Key'>): Promise<boolean> {
    return conditionHeld(this.at.client.send(new UpdateCommand({ TableName: this.at.table, Key: key, ...update })));
  }

  async markQueue({ endpointId, caseId }: DeliveryQueueRef, when: number | undefined): Promise<void> {
    const key = keys.webhookQueueMarker(endpointId, caseId);
    if (when === undefined) {
      await this.at.client.send(new DeleteCommand({ TableName: this.at.table, Key: key }));
      return;
    }
    const item = { ...key, ...keys.webhookDue(when, endpointId, caseId), itemType: 'webhookQueue', when };
    await this.at.client.send(
      new PutCommand({
        TableName: this.at.table,
        Item: { ...item, [TABLE_DESIGN.ttlAttribute]: Math.floor(when / 1000) + DELIVERY_TTL_S },
      }),
    );
  }

  async overdueQueues(cutoff: number): Promise<DeliveryQueueRef[]> {
    const { sortKey } = TABLE_DESIGN.indexes.due;
    const marks = await this.due.overdueEntries(cutoff, keys.webhookDuePartition, sortKey);
    const queues = marks.map((item) => keyParts.webhookDueQueueOf(String(item[sortKey])));
    return [...new Map(queues.map((q) => [`${q.endpointId}#${q.caseId}`, q])).values()];
  }

  private deliveryItem(delivery: StoredDelivery) {
    const { wakeAt: _, ...rest } = delivery;
    return {
      ...keys.webhookDelivery(delivery.endpointId, delivery.caseId, delivery.eventId),
      GSI1PK: keys.webhookLogPartition(delivery.endpointId),
      GSI1SK: keys.webhookLogged(delivery.createdAt, delivery.eventId),
      itemType: 'webhookDelivery',
      ...rest,
      [TABLE_DESIGN.ttlAttribute]: Math.floor(this.at.clock() / 1000) + DELIVERY_TTL_S,
    };
  }

  /** A page of an index partition, newest first; the cursor is the last item's index sort key. */
  private async indexPage(partition: string, start: Record<string, unknown> | undefined, limit: number) {
    const { Items = [], LastEvaluatedKey } = await this.at.client.send(
      new QueryCommand({
        TableName: this.at.table,
        IndexName: 'byOrg',
        KeyConditionExpression: 'GSI1PK = :p',
        ExpressionAttributeValues: { ':p': partition },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: start,
      }),
    );
    const last = LastEvaluatedKey?.GSI1SK;
    return { items: Items, cursor: typeof last === 'string' ? Buffer.from(last).toString('base64url') : undefined };
  }

  /** The index key an endpoint list resumes after (the cursor names `<createdAt>#<id>`). */
  private endpointCursor(partition: string, cursor: string) {
    const sortKey = Buffer.from(cursor, 'base64url').toString('utf8');
    const id = LISTED.exec(sortKey)?.[1];
    if (id === undefined || !ENDPOINT_ID.test(id)) throw badCursor();
    return { ...keys.webhookEndpoint(id), GSI1PK: partition, GSI1SK: sortKey };
  }

  /** The index key a delivery log resumes after (the cursor names `<createdAt>#<event id>`). */
  private logCursor(endpointId: string, partition: string, cursor: string) {
    const sortKey = Buffer.from(cursor, 'base64url').toString('utf8');
    const eventId = LISTED.exec(sortKey)?.[1];
    const caseId = eventId === undefined ? undefined : caseIdOfEvent(eventId);
    if (eventId === undefined || caseId === undefined) throw badCursor();
    return { ...keys.webhookDelivery(endpointId, caseId, eventId), GSI1PK: partition, GSI1SK: sortKey };
  }
}
