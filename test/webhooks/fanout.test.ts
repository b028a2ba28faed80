/**
 * webhook-fanout over one stream batch: every record's deliveries are added before any queue is
 * woken, so a change written in one transaction (the ticket, then its timeline entries, in any
 * order on the stream) is whole when the sender looks; and a failing record still leaves the
 * records before it woken.
 */

import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { PRESET_CATALOG } from '#shared/policies/catalog.ts';
import { newEndpoint } from '#shared/webhooks/endpoint.ts';
import type { WakeUp } from '#shared/webhooks/ports.ts';
import { secretOf } from '#shared/webhooks/signature.ts';
import { keys } from '../../functions/adapters/dynamo/table-design.ts';
import { DynamoWebhookStore } from '../../functions/adapters/dynamo/webhooks.ts';
import { createApiHandler } from '../../functions/api/handler.ts';
import { fanOutBatch } from '../../functions/webhook-fanout/fanout.ts';
import { ORGS, urgentOutage } from '../api/api-harness.ts';
import { as, caller } from '../support/api-events.ts';
import { testTable } from '../support/test-table.ts';

const record = (
  name: 'INSERT' | 'MODIFY',
  keysOf: Record<string, unknown>,
  image: Record<string, unknown>,
  old?: Record<string, unknown>,
) =>
  ({
    eventName: name,
    dynamodb: {
      Keys: marshall(keysOf),
      NewImage: marshall(image, { removeUndefinedValues: true }),
      ...(old !== undefined && { OldImage: marshall(old, { removeUndefinedValues: true }) }),
      SequenceNumber: String(Math.random()),
    },
  }) as unknown as DynamoDBRecord;

describe('webhook fan-out of a stream batch', () => {
  it('adds the deliveries of every record before it wakes a queue, and wakes those before a failing record', async () => {
    const table = await testTable();
    const call = caller(createApiHandler(() => ({ policies: PRESET_CATALOG, store: table.store, now: table.clock.now })));
    expect((await call('POST', '/orgs', { claims: as.admin(), body: ORGS.kore })).status).toBe(201);
    const opened = await call<{ caseId: number }>('POST', '/tickets', { claims: as.customer(ORGS.kore.id), body: urgentOutage });
    const caseId = opened.body.caseId;
    const { Item: ticket } = await table.documents.send(new GetCommand({ TableName: table.name, Key: keys.ticket(caseId) }));
    const webhooks = new DynamoWebhookStore({ client: table.documents, table: table.name, clock: table.clock.now });
    const endpoint = newEndpoint(
      'wh_fanout00000000000000',
      { kind: 'staff' },
      { url: 'https://h.example.com/x', events: ['ticket.updated', 'page.sent'] },
      secretOf(new Uint8Array(32).fill(5)),
      'ops',
      table.clock.now(),
    );
    await webhooks.createEndpoint({ ...endpoint, contact: 'ops@example.com', health: {} });

    // One change: the ticket moves from seq 5 to 7, with a page to tier2 at seq 6; the stream
    // brings the ticket's record first, then the entry's, then a record that cannot be read.
    const before = { ...ticket, seq: 5, version: 1 };
    const after = { ...ticket, seq: 7, version: 2, updatedAt: (ticket?.updatedAt as number) + 1, subject: 'API down (paged)' };
    const entry = {
      ...keys.timelineEntry(caseId, 6),
      seq: 6,
      at: after.updatedAt,
      type: 'notified',
      actor: { kind: 'system', id: 'notify' },
      detail: { deadline: 'response', role: 'tier2', channels: 'sms' },
    };
    const broken = record('INSERT', keys.timelineEntry(caseId, 8), { ...keys.timelineEntry(caseId, 8), type: 'notified' });
    const woken: Array<{ wakeUps: readonly WakeUp[]; queued: string[] }> = [];
    const errors: unknown[] = [];
    const lookups: string[] = [];
    const answer = await fanOutBatch(
      {
        Records: [record('MODIFY', keys.ticket(caseId), after, before), record('INSERT', keys.timelineEntry(caseId, 6), entry), broken],
      } as DynamoDBStreamEvent,
      {
        policies: PRESET_CATALOG,
        tickets: table.store,
        webhooks: Object.assign(Object.create(webhooks) as DynamoWebhookStore, {
          activeEndpointsFor: (org: string) => {
            lookups.push(org);
            return webhooks.activeEndpointsFor(org);
          },
        }),
        now: table.clock.now,
        wakeups: {
          wake: async (wakeUps) => {
            const queue = await webhooks.deliveryQueue({ endpointId: endpoint.id, caseId });
            woken.push({ wakeUps, queued: queue.map((d) => d.eventType) });
          },
        },
      },
      (error) => errors.push(error),
    );
    expect(answer.batchItemFailures).toHaveLength(1);
    expect(errors).toHaveLength(1);
    // The organisation's endpoints were looked up once for the batch's two records.
    expect(lookups).toEqual([ORGS.kore.id]);
    // One wake-up call, made when both deliveries were there, in the ticket's order.
    expect(woken).toEqual([
      {
        wakeUps: [
          { endpointId: endpoint.id, caseId },
          { endpointId: endpoint.id, caseId },
        ],
        queued: ['page.sent', 'ticket.updated'],
      },
    ]);
  });

  it('passes by a timeline entry of a type it does not know (a later release’s), so the shard is not held up', async () => {
    const table = await testTable();
    const webhooks = new DynamoWebhookStore({ client: table.documents, table: table.name, clock: table.clock.now });
    const future = { ...keys.timelineEntry(10_001, 3), seq: 3, at: 1, type: 'invoice_sent', actor: { kind: 'robot', id: 'x' } };
    const errors: unknown[] = [];
    const answer = await fanOutBatch(
      { Records: [record('INSERT', keys.timelineEntry(10_001, 3), future)] } as DynamoDBStreamEvent,
      { policies: PRESET_CATALOG, tickets: table.store, webhooks, now: table.clock.now, wakeups: { wake: async () => {} } },
      (error) => errors.push(error),
    );
    expect(answer.batchItemFailures).toEqual([]);
    expect(errors).toEqual([]);
  });
});
