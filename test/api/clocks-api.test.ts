import { beforeAll, describe, expect, it } from 'vitest';
import { HOUR_MS, MINUTE_MS } from '#shared/time/duration.ts';
import { as } from '../support/api-events.ts';
import { apiHarness, ORGS, urgentOutage } from './api-harness.ts';

type Api = Awaited<ReturnType<typeof apiHarness>>;
type Clock = Record<string, unknown> & { target: number; used: number; left: number };
type Deadline = { id: string; kind: string; state: string; due: string | null; clock?: Clock };
type TicketBody = { caseId: number; deadlines: Deadline[] };
type Summary = { caseId: number; nextDue: string | null; next?: Deadline & { level?: number } };

const byId = (ticket: TicketBody, id: string) => ticket.deadlines.find((d) => d.id === id) as Deadline;

describe('countdown clocks in the API', () => {
  let api: Api;
  beforeAll(async () => {
    // Mon 2 Mar 2026 14:00 UTC = 09:00 in New York.
    api = await apiHarness('2026-03-02T14:00:00.000Z');
  });

  describe('a KORE urgent ticket (24x7 clocks)', () => {
    let caseId: number;
    beforeAll(async () => {
      const created = await api.call<TicketBody>('POST', '/tickets', { claims: as.customer(ORGS.kore.id), body: urgentOutage });
      caseId = created.body.caseId;
      api.clock.advance(90 * MINUTE_MS);
    });

    it('gives every running deadline its clock as of the answer, on calendar time, with the default thresholds', async () => {
      const read = await api.call<TicketBody>('GET', `/tickets/${caseId}`, { claims: as.agent() });
      const response = byId(read.body, 'response');
      expect(response.clock).toEqual({
        asOf: '2026-03-02T15:30:00.000Z',
        target: response.clock?.target,
        used: 90 * MINUTE_MS,
        left: (response.clock?.target as number) - 90 * MINUTE_MS,
        open: true,
        stopped: false,
        basis: 'calendar',
        zone: 'UTC',
        warning: 0.75,
        danger: 0.9,
      });
      // The target is the one the due instant was planned from.
      expect(Date.parse(response.due as string) - Date.parse('2026-03-02T14:00:00Z')).toBe(response.clock?.target);
      const step2 = byId(read.body, 'escalation.urgent.2');
      expect(step2.clock).toMatchObject({ target: 2 * HOUR_MS, used: 90 * MINUTE_MS, left: 30 * MINUTE_MS });
      for (const d of read.body.deadlines)
        expect(d.clock !== undefined).toBe(d.due !== null && (d.state === 'pending' || d.state === 'breached'));
    });

    it('shows a customer the clocks of the promises made to them, not of the escalation ladder', async () => {
      const read = await api.call<TicketBody>('GET', `/tickets/${caseId}`, { claims: as.customer(ORGS.kore.id) });
      expect(byId(read.body, 'response').clock).toMatchObject({ used: 90 * MINUTE_MS });
      expect(read.body.deadlines.some((d) => d.kind === 'update' && d.clock !== undefined)).toBe(true);
      for (const d of read.body.deadlines.filter((d) => d.kind === 'escalation')) expect(d.clock).toBeUndefined();
    });

    it("lists the ticket with its next deadline and that deadline's clock, for agents in the queue", async () => {
      const queue = await api.call<{ items: Summary[] }>('GET', '/queue', { claims: as.agent(), query: { policy: 'kore' } });
      const row = queue.body.items.find((t) => t.caseId === caseId) as Summary;
      expect(row.next).toMatchObject({ id: 'escalation.urgent.1', kind: 'escalation', level: 1, state: 'pending', due: row.nextDue });
      expect(row.next?.clock).toMatchObject({ asOf: '2026-03-02T15:30:00.000Z', target: 0, used: 90 * MINUTE_MS, left: -90 * MINUTE_MS });
      const merged = await api.call<{ items: Summary[] }>('GET', '/queue', { claims: as.agent() });
      expect(merged.body.items.find((t) => t.caseId === caseId)?.next).toEqual(row.next);
    });

    it("lists a customer's ticket with its next deadline, without the ladder's clock", async () => {
      const list = await api.call<{ items: Summary[] }>('GET', '/tickets', { claims: as.customer(ORGS.kore.id) });
      const row = list.body.items.find((t) => t.caseId === caseId) as Summary;
      expect(row.next).toEqual({ id: 'escalation.urgent.1', kind: 'escalation', level: 1, state: 'pending', due: row.nextDue });
    });
  });

  describe('a KORE high ticket (US business hours)', () => {
    it('is paused until the next opening at night, and counts working time only', async () => {
      // Opened at 19:00 New York time (Mon 24:00 UTC), an hour before US hours close.
      api.clock.moveTo(Date.parse('2026-03-03T00:00:00Z'));
      const created = await api.call<TicketBody>('POST', '/tickets', {
        claims: as.customer(ORGS.kore.id),
        body: { ...urgentOutage, severity: 'high' },
      });
      const atOpening = byId(created.body, 'response').clock;
      expect(atOpening).toMatchObject({
        used: 0,
        open: true,
        closesAt: '2026-03-03T01:00:00.000Z',
        basis: 'business',
        zone: 'America/New_York',
      });
      api.clock.moveTo(Date.parse('2026-03-03T05:00:00Z'));
      const read = await api.call<TicketBody>('GET', `/tickets/${created.body.caseId}`, { claims: as.customer(ORGS.kore.id) });
      const clock = byId(read.body, 'response').clock;
      expect(clock).toMatchObject({
        used: HOUR_MS,
        open: false,
        nextOpening: '2026-03-03T13:00:00.000Z',
        stopped: false,
        basis: 'business',
      });
      expect(clock?.closesAt).toBeUndefined();
    });
  });

  describe('a ticket waiting on the customer', () => {
    it('has no clock where the pause leaves no due instant, and a stopped one where a clock ran out before it', async () => {
      api.clock.moveTo(Date.parse('2026-03-04T14:00:00Z'));
      const created = await api.call<TicketBody>('POST', '/tickets', { claims: as.customer(ORGS.kore.id), body: urgentOutage });
      const path = `/tickets/${created.body.caseId}`;
      api.clock.advance(3 * HOUR_MS);
      await api.call('PATCH', path, { claims: as.agent(), body: { status: 'pending_customer' } });
      api.clock.advance(HOUR_MS);
      const read = await api.call<TicketBody>('GET', path, { claims: as.agent() });
      const updates = read.body.deadlines.filter((d) => d.kind === 'update');
      const running = updates.filter((d) => d.clock !== undefined);
      // The first update was due 2h after opening, before the pause: it ran out and stopped with the pause.
      expect(running.map((d) => [d.due, d.clock?.stopped, d.clock?.left])).toEqual([['2026-03-04T16:00:00.000Z', true, -HOUR_MS]]);
      expect(updates.filter((d) => d.due === null).every((d) => d.clock === undefined)).toBe(true);
    });
  });
});
