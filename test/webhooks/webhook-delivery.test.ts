/**
 * Webhook delivery end to end on the local stack: a ticket change on the table's stream becomes a
 * signed POST to a receiver on 127.0.0.1, retried on the documented schedule, in order per ticket,
 * never to another organisation's endpoint, and paused after a day of failures with an e-mail to
 * its owner. Endpoints are registered through the API, as a customer or an agent would. The clock
 * is manual; the receiver is a real HTTP server.
 */

import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '#shared/webhooks/events.ts';
import { LocalClock } from '../../infra/local/lib/local-clock.ts';
import type { LocalRuntime } from '../../infra/local/lib/local-runtime.ts';
import { ORGS, urgentOutage } from '../api/api-harness.ts';
import { as, type caller } from '../support/api-events.ts';
import { MAIL_START, mailRuntime } from '../support/mail-runtime.ts';
import { webhookReceiver } from '../support/webhook-receiver.ts';

type Receiver = Awaited<ReturnType<typeof webhookReceiver>>;
type Hook = { type: string; data: { org: string; ticket: { caseId: number; deadlines: unknown[] } } };

describe('webhook delivery on the local stack', () => {
  let runtime: LocalRuntime;
  let call: ReturnType<typeof caller>;
  const receivers: Receiver[] = [];
  const clock = new LocalClock('manual', MAIL_START);

  beforeAll(async () => {
    ({ runtime, call } = await mailRuntime('webhooks', { clock }));
    for (const org of [ORGS.kore, ORGS.other]) expect((await call('POST', '/orgs', { claims: as.admin(), body: org })).status).toBe(201);
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
  });

  async function receiver(answers: readonly number[] = []) {
    const r = await webhookReceiver(answers);
    receivers.push(r);
    return r;
  }

  /** Registers an endpoint through the API, as the organisation's customer or (no org) as an agent: a staff endpoint. */
  async function register(org: string | undefined, url: string, events: WebhookEventType[] = [...WEBHOOK_EVENT_TYPES]) {
    // The token's own address is the contact the pause notice goes to.
    const claims = { ...(org === undefined ? as.agent() : as.customer(org)), email: 'owner@example.com' };
    const response = await call<{ id: string; secret: string }>('POST', '/webhooks', { claims, body: { url, events } });
    expect(response.status).toBe(201);
    return response.body;
  }

  async function openTicket(org: string) {
    const response = await call<{ caseId: number }>('POST', '/tickets', { claims: as.customer(org), body: urgentOutage });
    expect(response.status).toBe(201);
    await runtime.settle();
    return response.body.caseId;
  }

  const bodies = (r: Receiver) => r.received.map((hook) => JSON.parse(hook.body) as Hook);

  it('sends a customer endpoint a signed ticket.created its receiver can verify, in the customer view', async () => {
    const hooks = await receiver();
    const { secret } = await register(ORGS.kore.id, hooks.url, ['ticket.created']);
    const caseId = await openTicket(ORGS.kore.id);
    expect(hooks.received).toHaveLength(1);
    const [hook] = hooks.received;
    // The receiver checks the timestamp against its own clock: here, the stack's.
    vi.useFakeTimers({ toFake: ['Date'], now: clock.now() });
    const verified = new Webhook(secret).verify(hook?.body as string, hook?.headers as Record<string, string>) as Hook;
    vi.useRealTimers();
    expect(verified.type).toBe('ticket.created');
    expect(verified.data.org).toBe(ORGS.kore.id);
    expect(verified.data.ticket.caseId).toBe(caseId);
    expect(hook?.headers['webhook-id']).toBe(`evt_${caseId}_v1_created`);
    // The customer view: no assignee, no roles on the deadlines.
    expect(JSON.stringify(verified.data.ticket.deadlines)).not.toMatch(/"(page|notify|assign)"/);
    expect(hook?.headers['content-type']).toBe('application/json');
  });

  it('retries a failing receiver after 30 s, 1 min and 2 min: the fourth try delivers, with the same id', async () => {
    const hooks = await receiver([500, 503, 502]);
    const { id } = await register(ORGS.kore.id, hooks.url, ['ticket.created']);
    const caseId = await openTicket(ORGS.kore.id);
    const t0 = (await runtime.webhooks.deliveryQueue({ endpointId: id, caseId }))[0]?.attempts[0]?.at as number;
    expect(hooks.received.map((h) => h.status)).toEqual([500]);
    await runtime.advanceTo(t0 + 29_000);
    expect(hooks.received).toHaveLength(1);
    await runtime.advanceTo(t0 + 3.5 * 60_000);
    expect(hooks.received.map((h) => h.status)).toEqual([500, 503, 502, 204]);
    expect(new Set(hooks.received.map((h) => h.headers['webhook-id']))).toEqual(new Set([`evt_${caseId}_v1_created`]));
    const [delivery] = await runtime.webhooks.deliveryQueue({ endpointId: id, caseId });
    expect(delivery?.state).toBe('delivered');
    expect(delivery?.attempts.map((a) => a.at - t0)).toEqual([0, 30_000, 90_000, 210_000]);
  });

  it('never sends a customer endpoint another organisation’s events; a staff endpoint hears of both', async () => {
    const mine = await receiver();
    const staff = await receiver();
    await register(ORGS.kore.id, mine.url, ['ticket.created']);
    await register(undefined, staff.url, ['ticket.created']);
    const other = await openTicket(ORGS.other.id);
    const own = await openTicket(ORGS.kore.id);
    expect(bodies(mine).map((b) => b.data.ticket.caseId)).toEqual([own]);
    expect(bodies(staff).map((b) => b.data.ticket.caseId)).toEqual([other, own]);
    expect(bodies(mine).every((b) => b.data.org === ORGS.kore.id)).toBe(true);
  });

  it('keeps a ticket’s events in order: an update waits while the creation is being retried', async () => {
    const hooks = await receiver([500]);
    const { id } = await register(ORGS.kore.id, hooks.url, ['ticket.created', 'ticket.updated']);
    const caseId = await openTicket(ORGS.kore.id);
    const reply = await call('POST', `/tickets/${caseId}/messages`, {
      claims: as.customer(ORGS.kore.id),
      body: { body: 'Still down.', public: true },
    });
    expect(reply.status).toBeLessThan(300);
    await runtime.settle();
    expect(bodies(hooks).map((b) => b.type)).toEqual(['ticket.created']);
    const t0 = (await runtime.webhooks.deliveryQueue({ endpointId: id, caseId }))[0]?.attempts[0]?.at as number;
    await runtime.advanceTo(t0 + 30_000);
    expect(bodies(hooks).map((b) => b.type)).toEqual(['ticket.created', 'ticket.created', 'ticket.updated']);
  });

  // A day of the local stack's work (deadlines, updates, retries, wake-ups every 15 minutes): slower than the rest.
  it('pauses an endpoint that failed for a day, tells its owner, fails the rest of its queue unsent and queues nothing new', {
    timeout: 120_000,
  }, async () => {
    const hooks = await receiver(Array.from({ length: 100 }, () => 500));
    const { id } = await register(ORGS.other.id, hooks.url, ['ticket.created', 'ticket.updated']);
    const caseId = await openTicket(ORGS.other.id);
    await call('POST', `/tickets/${caseId}/messages`, { claims: as.customer(ORGS.other.id), body: { body: 'Anyone?', public: true } });
    await runtime.settle();
    const t0 = (await runtime.webhooks.deliveryQueue({ endpointId: id, caseId }))[0]?.attempts[0]?.at as number;
    await runtime.advanceTo(t0 + 24 * 3_600_000);
    const [created, updated] = await runtime.webhooks.deliveryQueue({ endpointId: id, caseId });
    expect(created?.attempts).toHaveLength(15);
    expect(created?.state).toBe('failed');
    expect(updated).toMatchObject({
      eventType: 'ticket.updated',
      state: 'failed',
      attempts: [],
      skipped: expect.stringContaining('paused'),
    });
    expect(await runtime.webhooks.getEndpoint(id)).toMatchObject({ state: 'paused', pausedBecause: 'failing' });
    const notices = runtime.outbox.items.filter((item) => item.to === 'owner@example.com');
    expect(notices.map((n) => n.subject)).toEqual([`Webhook endpoint ${id} paused`]);
    // The endpoint also heard of the organisation's earlier tickets changing during that day.
    const forCase = () => hooks.received.filter((h) => String(h.headers['webhook-id']).startsWith(`evt_${caseId}_`));
    expect(forCase()).toHaveLength(15);
    const heard = hooks.received.length;
    // While it is paused, new events are not queued for it at all.
    const later = await openTicket(ORGS.other.id);
    expect(await runtime.webhooks.deliveryQueue({ endpointId: id, caseId: later })).toEqual([]);
    expect(hooks.received).toHaveLength(heard);
  });
});
