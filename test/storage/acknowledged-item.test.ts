/**
 * Stored tickets and acknowledgements: an item of the shape before acknowledgements (no
 * `acknowledged` event, no re-page deadline) still reads, and one with them reads back exactly,
 * its timeline entry included.
 */

import { beforeAll, describe, expect, it } from 'vitest';
import { loadPreset } from '#shared/policies/presets.ts';
import { acknowledge } from '#shared/tickets/acknowledge.ts';
import type { Org } from '#shared/tickets/org.ts';
import { openTicket, recordNotified, type Ticket } from '#shared/tickets/ticket.ts';
import { ticketItem } from '../../functions/adapters/dynamo/stored-items.ts';
import { tableWithAcme } from '../support/acme-table.ts';
import type { TestTable } from '../support/test-table.ts';

const kore = loadPreset('kore');
const customer = { kind: 'customer' as const, id: 'c-1' };

describe('ticket items and acknowledgements', () => {
  let table: TestTable;
  let org: Org;
  beforeAll(async () => {
    ({ table, org } = await tableWithAcme());
  });

  /** An urgent KORE ticket whose manager was paged at opening. */
  const paged = async (): Promise<Ticket> => {
    const now = table.clock.now();
    const opened = openTicket(
      await table.store.nextCaseId(),
      org,
      kore,
      { subject: 's', description: 'd', severity: 'urgent' },
      customer,
      now,
    );
    const step = opened.ticket.deadlines.find((d) => d.id === 'escalation.urgent.1');
    if (step === undefined) throw new Error('no first step');
    const notified = recordNotified(opened.ticket, kore, step, [{ role: 'manager', channels: ['sms'] }], now);
    await table.store.createTicket({ ticket: notified.ticket, entries: [...opened.entries, ...notified.entries] });
    return notified.ticket;
  };

  it('reads an item written before acknowledgements existed', () => {
    // No acknowledgement, no re-page deadline, `notified` once per role as old items had it.
    const old = {
      ...ticketItemOf(),
      events: [
        { type: 'created', at: 1 },
        { type: 'notified', at: 1, deadline: 'escalation.urgent.1', role: 'manager' },
      ],
      deadlines: [
        { id: 'escalation.urgent.1', kind: 'escalation', due: 1, state: 'breached', severity: 'urgent', level: 1, page: ['manager'] },
      ],
    };
    expect(ticketItem().parse(old).events).toEqual(old.events);
  });

  it('refuses an acknowledgement of a shape the domain does not know', () => {
    const item = (via: string) => ({
      ...ticketItemOf(),
      events: [{ type: 'acknowledged', at: 3, deadline: 'escalation.urgent.1', by: 'ana-lima', via }],
    });
    expect(ticketItem().safeParse(item('sms')).success).toBe(true);
    expect(ticketItem().safeParse(item('pigeon')).success).toBe(false);
  });

  it('stores an acknowledged ticket and reads it back exactly, with the acknowledgement on the timeline', async () => {
    const ticket = await paged();
    const acked = acknowledge(ticket, kore, { deadline: 'escalation.urgent.1', by: 'ana-lima', via: 'sms' }, table.clock.now() + 60_000);
    await table.store.saveTicket(acked, ticket.version);
    const read = await table.store.getTicketWithTimeline(ticket.caseId);
    expect(read?.ticket).toEqual(acked.ticket);
    expect(read?.timeline.at(-1)).toMatchObject({
      type: 'acknowledged',
      actor: { kind: 'staff', id: 'ana-lima' },
      detail: { by: 'ana-lima', via: 'sms' },
    });
  });
});

/** The smallest valid ticket item. */
function ticketItemOf() {
  return {
    caseId: 10_001,
    org: 'acme',
    status: 'open',
    subject: 's',
    description: 'd',
    fields: {},
    severity: 'urgent',
    sla: { policyId: 'kore', policyVersion: kore.version, severity: 'urgent', tier: 'diamond' },
    requester: 'c-1',
    createdAt: 1,
    updatedAt: 2,
    version: 1,
    events: [],
    seq: 1,
    deadlines: [
      {
        id: 'escalation.urgent.1.backup',
        kind: 'escalation',
        due: 1,
        state: 'pending',
        severity: 'urgent',
        level: 1,
        page: ['manager'],
        repageOf: 'escalation.urgent.1',
        escalateTo: 'next-in-rotation',
      },
    ],
    workOrder: [],
  };
}
