import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadPreset } from '#shared/policies/presets.ts';
import type { Notice } from '#shared/sla/notices.ts';
import type { Pager } from '#shared/sla/ports.ts';
import { type Ticket, updateTicket } from '#shared/tickets/ticket.ts';
import { keys } from '../../functions/adapters/dynamo/table-design.ts';
import { DeliveryHeld, LEASE_MS, type NotifyDeps, performDeadline } from '../../functions/notify/notify.ts';
import type { TestTable } from '../support/test-table.ts';
import { urgentPaging } from '../support/urgent-ticket.ts';

const kore = loadPreset('kore');
const staff = { kind: 'staff' as const, id: 'a' };

/** A pager whose publishes can be held at a gate, and which can run a hook after each one. */
class GatedPager implements Pager {
  readonly sent: Notice[] = [];
  gate: Promise<void> | undefined;
  /** Called when a publish reaches the gate. */
  arrived: (() => void) | undefined;
  afterPublish: (() => Promise<void>) | undefined;
  async publish(notice: Notice) {
    this.arrived?.();
    await this.gate;
    this.sent.push(notice);
    await this.afterPublish?.();
  }
}

describe('delivery leases: two notify runs never both page', () => {
  let table: TestTable, pager: GatedPager, deps: NotifyDeps, ticket: Ticket;
  beforeEach(async () => {
    ({ table, pager, deps, ticket } = await urgentPaging(new GatedPager(), 'return-at-once'));
  });

  const invocation = { deadlineId: 'escalation.urgent.1', version: 1 };
  const run = () => performDeadline({ caseId: ticket.caseId, due: table.clock.now(), ...invocation }, deps);

  it('lets only the run holding the lease publish when two race on one deadline', async () => {
    let open: () => void = () => {};
    pager.gate = new Promise((resolve) => (open = resolve));
    const atGate = new Promise<void>((resolve) => (pager.arrived = resolve));
    const first = run(); // claims the manager's page, then waits at the gate
    await atGate;
    pager.arrived = undefined;
    await expect(run()).rejects.toBeInstanceOf(DeliveryHeld); // Lambda retries it a minute later
    open();
    expect(await first).toBe('delivered');
    expect(pager.sent.map((n) => n.role)).toEqual(['manager', 'director', 'vp']);
    expect(await run()).toBe('not-pending');
    expect(pager.sent).toHaveLength(3);
  });

  it('takes over a lease whose holder died, once it ran out', async () => {
    const died = await table.store.claimDelivery(ticket.caseId, 'escalation.urgent.1', 'manager', { owner: 'dead-run', leaseMs: LEASE_MS });
    expect(died).toBe('claimed');
    await expect(run()).rejects.toBeInstanceOf(DeliveryHeld);
    table.clock.advance(LEASE_MS);
    expect(await run()).toBe('delivered');
    expect(pager.sent.map((n) => n.role)).toEqual(['manager', 'director', 'vp']);
    // The dead run cannot mark it sent afterwards: the lease is no longer its own.
    expect(await table.store.markDelivered(ticket.caseId, 'escalation.urgent.1', 'manager', 'dead-run')).toBe(false);
  });

  it('keeps delivery records 30 days (TTL) and reads records written before leases', async () => {
    const key = (role: string) => keys.delivery(ticket.caseId, 'escalation.urgent.1', role);
    // Before leases: a claim without owner or lease (its run died), and a finished delivery.
    await table.documents.send(
      new PutCommand({ TableName: table.name, Item: { ...key('manager'), itemType: 'delivery', state: 'claimed', claimedAt: 1 } }),
    );
    await table.documents.send(
      new PutCommand({ TableName: table.name, Item: { ...key('director'), itemType: 'delivery', state: 'sent', claimedAt: 1, sentAt: 2 } }),
    );
    expect(await run()).toBe('delivered');
    expect(pager.sent.map((n) => n.role)).toEqual(['manager', 'vp']);
    const { Item } = await table.documents.send(new GetCommand({ TableName: table.name, Key: key('vp') }));
    expect(Item?.state).toBe('sent');
    expect(Item?.expiresAt).toBe(Math.floor(table.clock.now() / 1000) + 30 * 24 * 3600);
  });

  it('re-reads the ticket before each role: nothing goes out just after a resolve', async () => {
    pager.afterPublish = async () => {
      pager.afterPublish = undefined;
      const current = (await table.store.getTicket(ticket.caseId)) as Ticket;
      await table.store.saveTicket(updateTicket(current, kore, { status: 'resolved' }, staff, table.clock.now()), current.version);
    };
    expect(await run()).toBe('delivered');
    expect(pager.sent.map((n) => n.role)).toEqual(['manager']);
    // The page that did go out stays on the timeline, marked as a step the resolve stopped; the step never fired.
    const found = await table.store.getTicketWithTimeline(ticket.caseId);
    expect(found?.timeline.filter((e) => e.type === 'notified').map((e) => e.detail)).toEqual([
      { deadline: 'escalation.urgent.1', role: 'manager', channels: 'sms,email', stopped: 'true' },
    ]);
    expect(found?.ticket.events.some((e) => e.type === 'notified')).toBe(false);
    expect(found?.ticket.assignee).toBeUndefined();
  });
});
