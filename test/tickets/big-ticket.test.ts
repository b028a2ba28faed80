/**
 * A ticket that lived long and hard (thousands of messages, escalations, pages
 * and reminders, every field at its limit) keeps a ticket item far below DynamoDB's 400 KB, and
 * still takes a reply and a page with 5,000+ entries on its timeline (DynamoDB Local enforces the
 * item limit, so before compaction the write itself failed).
 */

import { BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { PRESET_CATALOG } from '#shared/policies/catalog.ts';
import type { Deadline } from '#shared/sla/deadline.ts';
import type { Notice } from '#shared/sla/notices.ts';
import type { Pager } from '#shared/sla/ports.ts';
import { LIMITS } from '#shared/tickets/limits.ts';
import { defineOrg } from '#shared/tickets/org.ts';
import { escalateTicket, postMessage, recordNotified, type Ticket } from '#shared/tickets/ticket.ts';
import { keys } from '../../functions/adapters/dynamo/table-design.ts';
import { performDeadline } from '../../functions/notify/notify.ts';
import { hardLife, kidzonet } from '../support/hard-life.ts';
import { itemSize } from '../support/item-size.ts';
import { type TestTable, testTable } from '../support/test-table.ts';

const staff = { kind: 'staff' as const, id: 'agent-1' };
const customer = { kind: 'customer' as const, id: 'c-1' };
class RecordingPager implements Pager {
  readonly sent: Notice[] = [];
  async publish(notice: Notice) {
    this.sent.push(notice);
  }
}

const acme = (now: number) => defineOrg('acme', { name: 'ACME', policy: 'kidzonet', tier: kidzonet.tiers[0] as string }, kidzonet, now);

describe('a ticket with a long, hard life', () => {
  it('refuses people once the case is full, still records pages, and its item stays far below 400 KB', () => {
    const start = Date.parse('2026-03-02T14:00:00Z');
    const life = hardLife(acme(start), start, LIMITS.entries - 1);
    const pending = escalateTicket(life.ticket, kidzonet, 'last call', customer, life.now);
    let full = pending.ticket;
    while (full.seq < LIMITS.entries) full = postMessage(full, kidzonet, { body: 'x', public: false }, staff, life.now).ticket;
    expect(() => postMessage(full, kidzonet, { body: 'one more', public: true }, customer, life.now)).toThrow(
      expect.objectContaining({ code: 'conflict', message: expect.stringContaining('open a new case') }),
    );
    const page = full.deadlines.find((d) => d.state === 'pending' && d.trigger === 'customer') as Deadline;
    const paged = recordNotified(full, kidzonet, page, [{ role: 'manager', channels: ['sms'] }], life.now);
    // People may add 10,000 entries; the system's page lands beyond them.
    expect(paged.ticket.seq).toBe(10_001);
    // The item is the ticket plus its keys and index attributes (well under 1 KB).
    const size = itemSize({ ...paged.ticket, openingEntries: life.opened.entries }) + 1_000;
    // Subject, description and fields at their limits weigh about 121 KB; everything else is bounded.
    expect(size).toBeLessThan(150_000);
    expect(paged.ticket.events.length).toBeLessThan(540); // at most 500 status changes, plus the few events compaction keeps
    expect(paged.ticket.deadlines.length).toBeLessThan(40);
  });
});

describe('a ticket with 5,000 timeline entries (DynamoDB Local)', () => {
  let table: TestTable;
  let caseId: number;

  beforeAll(async () => {
    table = await testTable('2026-03-02T14:00:00Z');
    const org = acme(table.clock.now());
    await table.store.putOrg(org, { mustBeNew: true });
    const life = hardLife(org, table.clock.now(), 5_000);
    caseId = life.ticket.caseId;
    table.clock.moveTo(life.now);
    // The final state written once, its whole timeline next to it (the store writes entries one change at a time).
    await table.store.createTicket({ ticket: life.ticket, entries: life.opened.entries });
    for (let i = 0; i < life.later.length; i += 25) {
      const batch = life.later.slice(i, i + 25).map((entry) => ({
        PutRequest: { Item: { ...keys.timelineEntry(caseId, entry.seq), itemType: 'timeline', ...entry } },
      }));
      await table.documents.send(new BatchWriteCommand({ RequestItems: { [table.name]: batch } }));
    }
  }, 120_000);

  const storedSize = async () => {
    const { Item } = await table.documents.send(new GetCommand({ TableName: table.name, Key: keys.ticket(caseId) }));
    return itemSize(Item as Record<string, unknown>);
  };

  it('takes a reply and a page', async () => {
    expect((await table.store.getTicketWithTimeline(caseId))?.timeline.length).toBeGreaterThanOrEqual(5_000);
    const ticket = (await table.store.getTicket(caseId)) as Ticket;
    const reply = postMessage(ticket, kidzonet, { body: 'still here', public: true }, customer, table.clock.now());
    await table.store.saveTicket(reply, ticket.version);
    const replied = (await table.store.getTicket(caseId)) as Ticket;
    expect(replied.seq).toBe(reply.ticket.seq);

    // A page: the manager is paged for an escalation on demand, and notify records it on the ticket.
    const escalated = escalateTicket(replied, kidzonet, 'now please', customer, table.clock.now());
    await table.store.saveTicket(escalated, replied.version);
    const page = escalated.ticket.deadlines.find((d) => d.kind === 'escalation' && d.trigger === 'customer' && d.state === 'pending');
    expect(page).toBeDefined();
    const pager = new RecordingPager();
    const deps = { policies: PRESET_CATALOG, store: table.store, pager, now: table.clock.now, waitUntil: async () => {} };
    const invocation = { caseId, deadlineId: page?.id as string, due: page?.due as number, version: escalated.ticket.version };
    expect(await performDeadline(invocation, deps)).toBe('delivered');
    expect(pager.sent.map((n) => n.role)).toContain('manager');
    const after = (await table.store.getTicket(caseId)) as Ticket;
    expect(after.deadlines.find((d) => d.id === page?.id)?.state).toBe('breached');
    expect(await storedSize()).toBeLessThan(150_000);
  });
});
