/** The webhook store's own rules on DynamoDB Local: what an owner's edit writes, the pause notice's claim, attempt slots. */

import { describe, expect, it } from 'vitest';
import { newDelivery } from '#shared/webhooks/delivery-policy.ts';
import { newEndpoint } from '#shared/webhooks/endpoint.ts';
import type { StoredEndpoint } from '#shared/webhooks/ports.ts';
import { secretOf } from '#shared/webhooks/signature.ts';
import { DynamoWebhookStore } from '../../functions/adapters/dynamo/webhooks.ts';
import { testTable } from '../support/test-table.ts';

const DAY = 24 * 3_600_000;

async function setUp() {
  const table = await testTable();
  const store = new DynamoWebhookStore({ client: table.documents, table: table.name, clock: table.clock.now });
  const now = table.clock.now();
  const endpoint: StoredEndpoint = {
    ...newEndpoint(
      'wh_store000000000000000',
      { kind: 'org', org: 'acme' },
      { url: 'https://hooks.example.com/x', events: ['ticket.created'] },
      secretOf(new Uint8Array(32).fill(1)),
      'u',
      now,
    ),
    contact: 'ops@acme.example',
    health: {},
  };
  await store.createEndpoint(endpoint);
  return { store, endpoint, now };
}

describe('the webhook store', () => {
  it('leaves the health senders wrote alone on an owner’s edit, and clears it only on a resume', async () => {
    const { store, endpoint, now } = await setUp();
    const failure = { at: now + 1, outcome: { status: 500, ms: 3 } };
    await store.recordHealth(endpoint.id, failure);
    // The owner read the endpoint before that failure, and edits its description.
    expect(await store.replaceEndpoint({ ...endpoint, description: 'edited', updatedAt: now + 2 }, now)).toBe(true);
    expect((await store.getEndpoint(endpoint.id))?.health).toEqual({ failingSince: now + 1, lastFailure: failure });
    expect(
      await store.replaceEndpoint({ ...endpoint, description: 'resumed', health: {}, updatedAt: now + 3 }, now + 2, { resetHealth: true }),
    ).toBe(true);
    expect(await store.getEndpoint(endpoint.id)).toMatchObject({ description: 'resumed', health: {} });
  });

  it('grants one pause notice a day per endpoint', async () => {
    const { store, endpoint, now } = await setUp();
    expect(await store.claimPauseNotice(endpoint.id, now)).toBe(true);
    expect(await store.claimPauseNotice(endpoint.id, now + DAY - 1)).toBe(false);
    expect(await store.claimPauseNotice(endpoint.id, now + DAY)).toBe(true);
    expect(await store.claimPauseNotice('wh_gone0000000000000000', now)).toBe(false);
  });

  it('lets a sender give back only its own slot lease', async () => {
    const { store, endpoint, now } = await setUp();
    expect(await store.leaseSlot(endpoint.id, 1, now, now + 50_000)).toBe(0);
    // The first lease ran out; another sender took the slot; the first one's release must not end it.
    expect(await store.leaseSlot(endpoint.id, 1, now + 60_000, now + 110_000)).toBe(0);
    await store.releaseSlot(endpoint.id, 0, now + 50_000);
    expect(await store.leaseSlot(endpoint.id, 1, now + 61_000, now + 111_000)).toBeUndefined();
    await store.releaseSlot(endpoint.id, 0, now + 110_000);
    expect(await store.leaseSlot(endpoint.id, 1, now + 62_000, now + 112_000)).toBe(0);
  });

  it('marks the queues deliveries are added to for now, and finds the marks past a cutoff until the sender moves or removes them', async () => {
    const { store, endpoint, now } = await setUp();
    const delivery = (caseId: number) => ({
      ...newDelivery(endpoint.id, { id: `evt_${caseId}_v1_created`, caseId }, now),
      eventType: 'ticket.created' as const,
      order: { seq: 1, rank: 0 },
      body: '{}',
      createdAt: now,
    });
    await store.addDeliveries([delivery(10_001), delivery(10_002)]);
    // Added again (a stream record handled twice): nothing new, and no mark moves.
    await store.markQueue({ endpointId: endpoint.id, caseId: 10_002 }, now + DAY);
    expect(await store.addDeliveries([delivery(10_002)])).toEqual([]);
    const queues = async (cutoff: number) => (await store.overdueQueues(cutoff)).sort((a, b) => a.caseId - b.caseId);
    expect(await queues(now - 1)).toEqual([]);
    expect(await queues(now)).toEqual([{ endpointId: endpoint.id, caseId: 10_001 }]);
    await store.markQueue({ endpointId: endpoint.id, caseId: 10_001 }, undefined);
    expect(await queues(now + DAY)).toEqual([{ endpointId: endpoint.id, caseId: 10_002 }]);
  });
});
