import { describe, expect, it } from 'vitest';
import { loadPreset } from '#shared/policies/presets.ts';
import { defineOrg } from '#shared/tickets/org.ts';
import { openTicket, postMessage, recordNotified, type Ticket, updateTicket } from '#shared/tickets/ticket.ts';
import { compareEvents, eventsOfTicketChange, eventsOfTimelineEntry, webhookBody } from '#shared/webhooks/events.ts';
import { API_VIEWS as apiViews } from '../../functions/webhook-fanout/fanout.ts';

const kore = loadPreset('kore');
const T0 = Date.parse('2026-03-02T14:00:00Z');
const minutes = (n: number) => T0 + n * 60_000;
const acme = defineOrg('acme', { name: 'ACME', policy: 'kore', tier: 'premium', region: 'us' }, kore, T0);
const agent = { kind: 'staff', id: 'agent-7' } as const;

/** An urgent ticket of ACME, assigned to tier2 by its first ladder step: a page to the manager went out at once. */
function urgentTicket() {
  const opened = openTicket(
    1001,
    acme,
    kore,
    { subject: 'API down', description: 'd', severity: 'urgent' },
    { kind: 'customer', id: 'c' },
    T0,
  );
  const first = opened.ticket.deadlines.find((d) => d.kind === 'escalation' && d.due === T0);
  if (first === undefined) throw new Error('the urgent ladder pages at once');
  const paged = recordNotified(opened.ticket, kore, first, [{ role: 'manager', channels: ['sms', 'email'] }], T0);
  return { opened: opened.ticket, paged, first };
}

const parse = (ticket: Ticket) => JSON.parse(JSON.stringify(ticket)) as Ticket;

describe('webhook events of a ticket change', () => {
  it('announce a new ticket to both audiences, with an id made of the case and its version', () => {
    const { opened } = urgentTicket();
    const events = eventsOfTicketChange(undefined, opened, apiViews);
    expect(events.map((e) => [e.type, e.id, e.org, e.at])).toEqual([['ticket.created', 'evt_1001_v1_created', 'acme', T0]]);
    expect(Object.keys(events[0]?.data ?? {})).toEqual(['staff', 'customer']);
  });

  it('give the same ids when the same stream record comes again', () => {
    const { opened, paged } = urgentTicket();
    const once = eventsOfTicketChange(opened, paged.ticket, apiViews);
    const again = eventsOfTicketChange(parse(opened), parse(paged.ticket), apiViews);
    expect(again.map((e) => e.id)).toEqual(once.map((e) => e.id));
    expect(once.length).toBeGreaterThan(0);
  });

  it('tell nothing for a record that did not move the version, or removed the ticket', () => {
    const { opened } = urgentTicket();
    expect(eventsOfTicketChange(opened, opened, apiViews)).toEqual([]);
    expect(eventsOfTicketChange(opened, undefined, apiViews)).toEqual([]);
  });

  it('report a deadline breached once: when its step was carried out, not again on later changes', () => {
    const { opened, paged, first } = urgentTicket();
    const breached = eventsOfTicketChange(opened, paged.ticket, apiViews).filter((e) => e.type === 'deadline.breached');
    expect(breached.map((e) => [e.id, e.data.customer?.deadline])).toEqual([[`evt_1001_${first.id}_breached`, first.id]]);
    const later = updateTicket(paged.ticket, kore, { severity: 'high' }, agent, minutes(5));
    expect(eventsOfTicketChange(paged.ticket, later.ticket, apiViews).filter((e) => e.type === 'deadline.breached')).toEqual([]);
  });

  it('report a response deadline breached when the answer came late', () => {
    const { paged } = urgentTicket();
    const late = postMessage(paged.ticket, kore, { body: 'on it', public: true }, agent, minutes(20));
    const events = eventsOfTicketChange(paged.ticket, late.ticket, apiViews);
    expect(events.map((e) => e.type)).toContain('ticket.updated');
    const response = late.ticket.deadlines.find((d) => d.kind === 'response');
    expect(response?.state).toBe('breached');
    expect(events.filter((e) => e.type === 'deadline.breached').map((e) => e.data.staff?.deadline)).toEqual([response?.id]);
  });

  it('say resolved, not updated, for the change that resolves the ticket', () => {
    const { paged } = urgentTicket();
    const resolved = updateTicket(paged.ticket, kore, { status: 'resolved' }, agent, minutes(10));
    const events = eventsOfTicketChange(paged.ticket, resolved.ticket, apiViews);
    expect(events.map((e) => [e.type, e.at])).toEqual([['ticket.resolved', minutes(10)]]);
    expect(events[0]?.data.customer?.ticket).toMatchObject({ status: 'resolved' });
  });

  it('tell customers of no change they cannot see (an internal note, an assignment); staff are told', () => {
    const { paged } = urgentTicket();
    const note = postMessage(paged.ticket, kore, { body: 'customer is grumpy', public: false }, agent, minutes(3));
    const assigned = updateTicket(note.ticket, kore, { assignee: 'bob' }, agent, minutes(4));
    for (const [before, after] of [
      [paged.ticket, note.ticket],
      [note.ticket, assigned.ticket],
    ] as const) {
      const [event] = eventsOfTicketChange(before, after, apiViews);
      expect(event?.type).toBe('ticket.updated');
      expect(Object.keys(event?.data ?? {})).toEqual(['staff']);
    }
    const reply = postMessage(assigned.ticket, kore, { body: 'any news?', public: true }, { kind: 'customer', id: 'c' }, minutes(6));
    const severity = updateTicket(reply.ticket, kore, { severity: 'high' }, agent, minutes(7));
    expect(Object.keys(eventsOfTicketChange(reply.ticket, severity.ticket, apiViews)[0]?.data ?? {})).toEqual(['staff', 'customer']);
  });

  it('give customers the customer view: no routing, no assignee; staff the whole view', () => {
    const { opened, paged } = urgentTicket();
    const [updated] = eventsOfTicketChange(opened, paged.ticket, apiViews);
    const customer = webhookBody(updated as NonNullable<typeof updated>, 'customer');
    const staff = webhookBody(updated as NonNullable<typeof updated>, 'staff');
    expect(JSON.parse(staff).data.ticket.assignee).toBe('tier2');
    expect(customer).not.toContain('tier2');
    expect(customer).not.toContain('"page"');
    expect(customer).not.toContain('manager');
    expect(JSON.parse(customer)).toMatchObject({ type: 'ticket.updated', timestamp: '2026-03-02T14:00:00.000Z', data: { org: 'acme' } });
  });
});

describe('page.sent', () => {
  it('comes from each notified timeline entry that names a role, with the entry as each audience sees it', () => {
    const { paged } = urgentTicket();
    const entry = paged.entries.find((e) => e.type === 'notified');
    if (entry === undefined) throw new Error('a notified entry');
    const [event] = eventsOfTimelineEntry(paged.ticket, entry, apiViews);
    expect(event).toMatchObject({ id: `evt_1001_e${entry.seq}`, type: 'page.sent', org: 'acme', at: T0 });
    expect(event?.data.staff?.page).toMatchObject({ detail: { role: 'manager', channels: 'sms,email' } });
    expect(event?.data.customer?.page).toEqual({
      seq: entry.seq,
      at: '2026-03-02T14:00:00.000Z',
      type: 'notified',
      actor: { kind: 'system', id: 'sla-escalator' },
      detail: { deadline: entry.detail?.deadline },
    });
  });

  it('is not sent for other entries, nor for a step that told nobody', () => {
    const { opened, first } = urgentTicket();
    const nobody = recordNotified(opened, kore, first, [], T0);
    const reply = postMessage(opened, kore, { body: 'hello', public: true }, { kind: 'customer', id: 'c' }, minutes(1));
    for (const entry of [...nobody.entries, ...reply.entries]) expect(eventsOfTimelineEntry(opened, entry, apiViews)).toEqual([]);
  });
});

describe('the order of a ticket’s events', () => {
  it('is by the change, creation first, a change before the pages it records', () => {
    const { opened, paged } = urgentTicket();
    const created = eventsOfTicketChange(undefined, opened, apiViews);
    const paging = eventsOfTicketChange(opened, paged.ticket, apiViews);
    const page = eventsOfTimelineEntry(paged.ticket, paged.entries[0] as NonNullable<(typeof paged.entries)[0]>, apiViews);
    const shuffled = [...page, ...paging, ...created];
    expect(shuffled.sort(compareEvents).map((e) => e.type)).toEqual(['ticket.created', 'ticket.updated', 'deadline.breached', 'page.sent']);
  });

  it('holds when changes share a millisecond, past nine versions', () => {
    let ticket = urgentTicket().paged.ticket;
    const events = [];
    for (const severity of ['high', 'urgent', 'high', 'urgent', 'high', 'urgent', 'high', 'urgent', 'high']) {
      const next = updateTicket(ticket, kore, { severity }, agent, minutes(1)).ticket;
      events.push(...eventsOfTicketChange(ticket, next, apiViews).filter((e) => e.type === 'ticket.updated'));
      ticket = next;
    }
    expect(events.at(-1)?.id).toBe('evt_1001_v11_updated');
    expect([...events].reverse().sort(compareEvents)).toEqual(events);
  });
});
