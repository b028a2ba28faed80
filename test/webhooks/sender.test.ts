/**
 * webhook-sender's rules that the end-to-end tests cannot pin down: a slow receiver ties up at most
 * `SENDING.slotsPerEndpoint` senders; two wake-ups of one queue never send its head twice at once;
 * duplicate delayed wake-ups do not multiply; a deleted endpoint's queue is left alone. The store is
 * the DynamoDB adapter on a fresh table; the HTTP call is a double the test answers by hand.
 */

import { describe, expect, it, vi } from 'vitest';
import type { AttemptOutcome } from '#shared/webhooks/delivery-policy.ts';
import { newDelivery } from '#shared/webhooks/delivery-policy.ts';
import { newEndpoint } from '#shared/webhooks/endpoint.ts';
import type { StoredDelivery, WakeUp } from '#shared/webhooks/ports.ts';
import { secretOf } from '#shared/webhooks/signature.ts';
import { DynamoWebhookStore } from '../../functions/adapters/dynamo/webhooks.ts';
import { handleWakeUp, SENDING, type SenderDeps } from '../../functions/webhook-sender/send-deliveries.ts';
import { testTable } from '../support/test-table.ts';

const SECRET = secretOf(new Uint8Array(32).fill(7));

async function setUp() {
  const table = await testTable();
  const webhooks = new DynamoWebhookStore({ client: table.documents, table: table.name, clock: table.clock.now });
  const wakeUps: Array<{ wakeUp: WakeUp; delayMs: number }> = [];
  const mails: string[] = [];
  const calls: Array<{ url: string; headers: Record<string, string>; answer: (outcome: AttemptOutcome) => void }> = [];
  const deps: SenderDeps = {
    webhooks,
    wakeups: { wake: async (list, delayMs = 0) => void wakeUps.push(...list.map((wakeUp) => ({ wakeUp, delayMs }))) },
    caller: { call: (url, headers) => new Promise((answer) => calls.push({ url, headers: { ...headers }, answer })) },
    mailer: { send: async (mail) => void mails.push(mail.subject) },
    now: table.clock.now,
  };
  const endpoint = {
    ...newEndpoint(
      'wh_slow0000000000000000',
      { kind: 'staff' },
      { url: 'https://slow.example.com/hook', events: ['ticket.created'] },
      SECRET,
      'ops',
      table.clock.now(),
    ),
    contact: 'ops@example.com',
    health: {},
  };
  await webhooks.createEndpoint(endpoint);
  const deliver = async (caseId: number) => {
    const delivery: StoredDelivery = {
      ...newDelivery(endpoint.id, { id: `evt_${caseId}_v1_created`, caseId }, table.clock.now()),
      eventType: 'ticket.created',
      order: { seq: 1, rank: 0 },
      body: JSON.stringify({ caseId }),
      createdAt: table.clock.now(),
    };
    await webhooks.addDeliveries([delivery]);
    return { endpointId: endpoint.id, caseId };
  };
  /** Waits (polling) until the senders under way have reached a state: the store is a real DynamoDB Local. */
  const until = (condition: () => boolean) =>
    vi.waitFor(
      () => {
        if (!condition()) throw new Error('not yet');
      },
      { timeout: 10_000, interval: 5 },
    );
  return { table, webhooks, deps, wakeUps, calls, endpoint, deliver, until, mails };
}

describe('webhook-sender', () => {
  it('lets a hanging receiver hold at most its slots; the other wake-ups come back later instead of waiting', async () => {
    const { deps, calls, wakeUps, deliver, until } = await setUp();
    const queues = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => deliver(10_000 + n)));
    const runs = queues.map((queue) => handleWakeUp(queue, deps));
    await until(() => calls.length === SENDING.slotsPerEndpoint && wakeUps.length === queues.length - SENDING.slotsPerEndpoint);
    expect(calls).toHaveLength(SENDING.slotsPerEndpoint);
    expect(wakeUps.map((w) => [w.delayMs, w.wakeUp.busy])).toEqual([
      [SENDING.busyRetryMs, 1],
      [SENDING.busyRetryMs, 1],
    ]);
    // Still busy when they come back: each waits twice as long, then longer, up to 15 minutes.
    for (const busy of [1, 2, 6]) await handleWakeUp({ ...(wakeUps[0]?.wakeUp as WakeUp), busy }, deps);
    expect(wakeUps.slice(2).map((w) => [w.delayMs, w.wakeUp.busy])).toEqual([
      [2 * SENDING.busyRetryMs, 2],
      [4 * SENDING.busyRetryMs, 3],
      [SENDING.maxHopMs, 7],
    ]);
    for (const call of calls) call.answer({ status: 204, ms: 5 });
    await Promise.all(runs);
  });

  it('never sends a queue’s head twice at once, however many wake-ups arrive', async () => {
    const { deps, calls, deliver, until, webhooks } = await setUp();
    const queue = await deliver(10_100);
    let finished = 0;
    const runs = [1, 2, 3].map(() => handleWakeUp(queue, deps).then(() => finished++));
    // One of them holds the head; the other two find it leased and stop, without calling.
    await until(() => finished === 2 || calls.length > 1);
    expect(calls).toHaveLength(1);
    calls[0]?.answer({ status: 200, ms: 3 });
    await Promise.all(runs);
    const [delivery] = await webhooks.deliveryQueue(queue);
    expect(delivery).toMatchObject({ state: 'delivered', attempts: [{ outcome: { status: 200 } }] });
  });

  it('signs each attempt with the endpoint’s secrets and sends the stored body', async () => {
    const { deps, calls, deliver, until, endpoint } = await setUp();
    const run = handleWakeUp(await deliver(10_200), deps);
    await until(() => calls.length === 1);
    expect(calls[0]?.url).toBe(endpoint.url);
    expect(calls[0]?.headers).toMatchObject({ 'webhook-id': 'evt_10200_v1_created', 'webhook-signature': expect.stringMatching(/^v1,/) });
    calls[0]?.answer({ status: 204, ms: 1 });
    await run;
  });

  it('keeps one chain of delayed wake-ups per waiting head: a stray wake-up does not start a second', async () => {
    const { deps, calls, wakeUps, deliver, until, table } = await setUp();
    const queue = await deliver(10_300);
    const first = handleWakeUp(queue, deps);
    await until(() => calls.length === 1);
    calls[0]?.answer({ status: 500, ms: 2 });
    await first;
    // The failed attempt backs off 30 s: one delayed wake-up carrying its instant.
    expect(wakeUps).toEqual([{ wakeUp: { ...queue, wake: table.clock.now() + 30_000 }, delayMs: 30_000 }]);
    await handleWakeUp(queue, deps);
    await handleWakeUp({ ...queue, wake: 123 }, deps);
    expect(wakeUps).toHaveLength(1);
    // The chain's own wake-up, when it comes, is the one that carries on.
    table.clock.advance(30_000);
    const second = handleWakeUp(wakeUps[0]?.wakeUp as WakeUp, deps);
    await until(() => calls.length === 2);
    calls[1]?.answer({ status: 204, ms: 1 });
    await second;
  });

  it('leaves a deleted endpoint’s queue alone', async () => {
    const { deps, calls, deliver, webhooks, endpoint, wakeUps } = await setUp();
    const queue = await deliver(10_400);
    await webhooks.deleteEndpoint(endpoint.id);
    await handleWakeUp(queue, deps);
    expect(calls).toEqual([]);
    expect(wakeUps).toEqual([]);
  });

  it('begins no attempt without the time to finish it, and hands the queue to a fresh wake-up', async () => {
    const { deps, calls, wakeUps, deliver } = await setUp();
    const queue = await deliver(10_500);
    await handleWakeUp(queue, deps, () => SENDING.attemptBudgetMs - 1);
    expect(calls).toEqual([]);
    expect(wakeUps).toEqual([{ wakeUp: queue, delayMs: 0 }]);
  });

  it('tells the owner of a pause at most once a day, however often a 410 receiver is resumed', async () => {
    const { deps, calls, deliver, until, webhooks, endpoint, mails, table } = await setUp();
    for (const caseId of [10_600, 10_601]) {
      const run = handleWakeUp(await deliver(caseId), deps);
      await until(() => calls.length === caseId - 10_599);
      calls.at(-1)?.answer({ status: 410, ms: 1 });
      await run;
      const paused = await webhooks.getEndpoint(endpoint.id);
      expect(paused).toMatchObject({ state: 'paused', pausedBecause: 'gone' });
      // The owner resumes it.
      const resumed = {
        ...(paused as typeof endpoint),
        state: 'active' as const,
        pausedBecause: undefined,
        updatedAt: (paused?.updatedAt ?? 0) + 1,
      };
      expect(await webhooks.replaceEndpoint(resumed, paused?.updatedAt ?? 0, { resetHealth: true })).toBe(true);
      table.clock.advance(60_000);
    }
    expect(mails).toEqual([`Webhook endpoint ${endpoint.id} paused`]);
  });
});
