/**
 * Data outlives code: a ticket item written before compaction (every event, `notified` once per
 * role, the opening entries inside the item) still reads, takes a change, and is then stored
 * compacted with the same pending deadlines.
 */

import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPolicyVersion } from '#shared/policies/presets.ts';
import { planDeadlines } from '#shared/sla/plan-deadlines.ts';
import { defineOrg } from '#shared/tickets/org.ts';
import { openTicket, postMessage, recordNotified, type Ticket } from '#shared/tickets/ticket.ts';
import type { TicketEvent } from '#shared/tickets/ticket-event.ts';
import { keys } from '../../functions/adapters/dynamo/table-design.ts';
import { type TestTable, testTable } from '../support/test-table.ts';

/** Tickets of that shape were opened under KORE's first version. */
const kore = loadPolicyVersion('kore', 1);
const OPENED = Date.parse('2026-03-02T14:00:00Z');
const H = 3_600_000;

/** An urgent KORE ticket's events as the old code stored them: all of them, in order. */
function oldEvents(): TicketEvent[] {
  const events: TicketEvent[] = [{ type: 'created', at: OPENED }];
  events.push({ type: 'notified', at: OPENED, deadline: 'escalation.urgent.1', role: 'manager' });
  events.push({ type: 'notified', at: OPENED, deadline: 'escalation.urgent.1', role: 'director' });
  events.push({ type: 'responded', at: OPENED + 0.1 * H });
  for (let i = 1; i <= 300; i++) {
    const at = OPENED + 0.1 * H + i * 60_000;
    events.push({ type: i % 3 === 0 ? 'updated' : i % 3 === 1 ? 'customer_replied' : 'note', at });
  }
  events.push({ type: 'severity_changed', at: OPENED + 6 * H, severity: 'high' });
  events.push({ type: 'severity_changed', at: OPENED + 6.5 * H, severity: 'urgent' });
  events.push({ type: 'paused', at: OPENED + 7 * H });
  events.push({ type: 'customer_replied', at: OPENED + 8 * H });
  events.push({ type: 'resumed', at: OPENED + 8 * H });
  return events;
}

describe('a ticket item of the shape before compaction', () => {
  let table: TestTable;
  const caseId = 10_001;
  const events = oldEvents();
  const sla = { policyId: 'kore', policyVersion: 1, severity: 'urgent', tier: 'diamond', region: 'us' };
  const pending = (t: Pick<Ticket, 'deadlines'>) => t.deadlines.filter((d) => d.state === 'pending');

  beforeAll(async () => {
    table = await testTable('2026-03-02T23:00:00Z');
    const org = defineOrg('acme', { name: 'ACME', policy: 'kore', tier: 'diamond', region: 'us' }, kore, OPENED);
    await table.store.putOrg(org, { mustBeNew: true });
    const created = { seq: 1, at: OPENED, type: 'created', actor: { kind: 'customer', id: 'c-1' } };
    await table.documents.send(
      new PutCommand({
        TableName: table.name,
        Item: {
          ...keys.ticket(caseId),
          ...keys.byOrg('acme', new Date(OPENED).toISOString(), caseId),
          itemType: 'ticket',
          caseId,
          org: 'acme',
          status: 'open',
          subject: 'API down',
          description: 'All calls fail',
          fields: {},
          severity: 'urgent',
          sla,
          requester: 'c-1',
          createdAt: OPENED,
          updatedAt: OPENED + 8 * H,
          version: events.length,
          events,
          seq: events.length,
          deadlines: planDeadlines({ createdAt: OPENED, sla, events }, kore),
          workOrder: [0, 0],
          openingEntries: [created],
        },
      }),
    );
  });

  it('reads, takes a reply, and is stored compacted with the same pending deadlines', async () => {
    const old = (await table.store.getTicket(caseId)) as Ticket;
    expect(old.events).toHaveLength(events.length);
    expect(old.channel).toBe('api');
    const reply = postMessage(old, kore, { body: 'any news?', public: true }, { kind: 'customer', id: 'c-1' }, table.clock.now());
    await table.store.saveTicket(reply, old.version);

    const read = await table.store.getTicketWithTimeline(caseId);
    const stored = read?.ticket as Ticket;
    expect(stored.events.length).toBeLessThan(15);
    expect(stored.events.some((e) => e.type === 'notified' && e.role !== undefined)).toBe(false);
    const full = [...events, { type: 'customer_replied' as const, at: table.clock.now() }];
    expect(pending(stored)).toEqual(pending({ deadlines: planDeadlines({ createdAt: OPENED, sla, events: full }, kore) }));
    expect(pending(stored).length).toBeGreaterThan(0);
    expect(read?.timeline.map((e) => e.type)).toEqual(['created', 'customer_replied']);
  });

  it('reads a compacted ticket back exactly, with the numbers folded into its events', async () => {
    const org = defineOrg('acme', { name: 'ACME', policy: 'kore', tier: 'diamond', region: 'us' }, kore, OPENED);
    const staff = { kind: 'staff' as const, id: 'a' };
    let now = OPENED;
    let ticket = openTicket(10_002, org, kore, { subject: 's', description: 'd', severity: 'urgent' }, staff, now).ticket;
    for (let hour = 0; hour < 72; hour++) {
      if (hour % 10 === 1 && hour < 30) ticket = postMessage(ticket, kore, { body: 'news', public: true }, staff, now).ticket;
      now += H;
      for (let due = dueNow(ticket, now); due !== undefined; due = dueNow(ticket, now))
        ticket = recordNotified(ticket, kore, due, [], now).ticket;
    }
    expect(ticket.events.some((e) => 'cycle' in e && e.cycle !== undefined)).toBe(true);
    expect(ticket.events.some((e) => 'fired' in e && e.fired !== undefined)).toBe(true);
    await table.store.createTicket({ ticket, entries: [] });
    expect(await table.store.getTicket(ticket.caseId)).toEqual(ticket);
  });
});

function dueNow(ticket: Ticket, now: number) {
  return ticket.deadlines.find((d) => d.state === 'pending' && d.due !== null && d.due <= now);
}
