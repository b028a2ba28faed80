import { describe, expect, it } from 'vitest';
import { DomainError } from '#shared/domain-error.ts';
import { acknowledge } from '#shared/tickets/acknowledge.ts';
import { recordNotified, type Ticket, updateTicket } from '#shared/tickets/ticket.ts';
import { eventsOfTimeline } from '#shared/tickets/timeline-events.ts';
import { MINUTE_MS } from '#shared/time/duration.ts';
import { ACME, OPENED, openUrgent } from '../sla/repeating-policy.ts';

const M = MINUTE_MS;
const staff = { kind: 'staff' as const, id: 'agent-1' };

/** An urgent ACME ticket whose first step (assign tier1, page the manager) was carried out at opening, unless `fire` is false. */
function urgentTicket({ fire = true } = {}): Ticket {
  const opened = openUrgent().ticket;
  if (!fire) return opened;
  const step = opened.deadlines.find((d) => d.id === 'escalation.urgent.1');
  if (step === undefined) throw new Error('no first step');
  return recordNotified(opened, ACME, step, [{ role: 'manager', channels: ['sms', 'email'] }], OPENED).ticket;
}

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
};

describe('acknowledge', () => {
  it('records who took the page, when and how, on the ticket and its timeline, and stops its re-pages', () => {
    const { ticket, entries, first } = acknowledge(
      urgentTicket(),
      ACME,
      { deadline: 'escalation.urgent.1', by: 'ana-lima', via: 'sms' },
      OPENED + 2 * M,
    );
    expect(first).toBeUndefined();
    expect(ticket.events.at(-1)).toEqual({
      type: 'acknowledged',
      at: OPENED + 2 * M,
      deadline: 'escalation.urgent.1',
      by: 'ana-lima',
      via: 'sms',
    });
    expect(entries).toEqual([
      {
        seq: ticket.seq,
        at: OPENED + 2 * M,
        type: 'acknowledged',
        actor: { kind: 'staff', id: 'ana-lima' },
        detail: { deadline: 'escalation.urgent.1', by: 'ana-lima', via: 'sms' },
      },
    ]);
    expect(ticket.deadlines.filter((d) => d.repageOf !== undefined).map((d) => d.state)).toEqual([
      'cancelled',
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
    // The timeline gives the planner the same event back.
    expect(eventsOfTimeline(entries)).toEqual([ticket.events.at(-1)]);
  });

  it('records an acknowledgement of a re-page against the step it repeats', () => {
    let ticket = urgentTicket();
    const r1 = ticket.deadlines.find((d) => d.id === 'escalation.urgent.1.r1');
    if (r1 === undefined) throw new Error('no re-page');
    ticket = recordNotified(ticket, ACME, r1, [{ role: 'manager', channels: ['sms'] }], OPENED + 5 * M).ticket;
    const acked = acknowledge(ticket, ACME, { deadline: 'escalation.urgent.1.r1', by: 'ana-lima', via: 'link' }, OPENED + 6 * M).ticket;
    expect(acked.events.at(-1)).toMatchObject({ type: 'acknowledged', deadline: 'escalation.urgent.1', via: 'link' });
    expect(acked.deadlines.find((d) => d.id === 'escalation.urgent.1.r2')?.state).toBe('cancelled');
  });

  it('answers a second acknowledgement of the same page with the first, changing nothing', () => {
    const once = acknowledge(urgentTicket(), ACME, { deadline: 'escalation.urgent.1', by: 'ana-lima', via: 'sms' }, OPENED + 2 * M).ticket;
    const again = acknowledge(once, ACME, { deadline: 'escalation.urgent.1', by: 'bo-chen', via: 'console' }, OPENED + 3 * M);
    expect(again.ticket).toBe(once);
    expect(again.entries).toEqual([]);
    expect(again.first).toMatchObject({ by: 'ana-lima', at: OPENED + 2 * M, via: 'sms' });
  });

  it('assigns an unassigned ticket to the person who took the page, and leaves an assigned one alone', () => {
    // ACME's first step assigns tier1 when it is carried out; an escalation that assigns nobody leaves the ticket unassigned.
    const assigned = acknowledge(urgentTicket(), ACME, { deadline: 'escalation.urgent.1', by: 'ana-lima', via: 'sms' }, OPENED + M);
    expect(assigned.ticket.assignee).toBe('tier1');
    expect(assigned.entries.map((e) => e.type)).toEqual(['acknowledged']);

    const unassigned: Ticket = { ...urgentTicket(), assignee: undefined };
    const taken = acknowledge(unassigned, ACME, { deadline: 'escalation.urgent.1', by: 'ana-lima', via: 'sms' }, OPENED + M);
    expect(taken.ticket.assignee).toBe('ana-lima');
    expect(taken.entries.map((e) => [e.type, e.detail])).toEqual([
      ['acknowledged', { deadline: 'escalation.urgent.1', by: 'ana-lima', via: 'sms' }],
      ['assigned', { assignee: 'ana-lima' }],
    ]);
  });

  describe('refuses', () => {
    const ack =
      (ticket: Ticket, deadline: string, by = 'ana-lima') =>
      () =>
        acknowledge(ticket, ACME, { deadline, by, via: 'sms' }, OPENED + M);

    it('a deadline the ticket does not have', () => {
      expect(codeOf(ack(urgentTicket(), 'escalation.urgent.9'))).toBe('not_found');
    });

    it('a deadline that has not paged anyone yet', () => {
      expect(codeOf(ack(urgentTicket({ fire: false }), 'escalation.urgent.1'))).toBe('conflict');
      expect(codeOf(ack(urgentTicket(), 'escalation.urgent.1.r1'))).toBe('conflict');
    });

    it('a resolved or closed ticket', () => {
      for (const status of ['resolved', 'closed'] as const) {
        const done = updateTicket(urgentTicket(), ACME, { status }, staff, OPENED + M).ticket;
        expect(codeOf(() => acknowledge(done, ACME, { deadline: 'escalation.urgent.1', by: 'ana-lima', via: 'sms' }, OPENED + 2 * M))).toBe(
          'conflict',
        );
      }
    });

    it('a person id that is not one, naming the field', () => {
      const error = (() => {
        try {
          ack(urgentTicket(), 'escalation.urgent.1', 'Robert"); DROP')();
        } catch (e) {
          return e as DomainError;
        }
      })();
      expect(error?.code).toBe('validation_failed');
      expect(error?.errors.map((e) => e.path)).toEqual(['by']);
    });
  });
});
