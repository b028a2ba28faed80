import { describe, expect, it } from 'vitest';
import { loadPreset } from '#shared/policies/presets.ts';
import { defineOrg } from '#shared/tickets/org.ts';
import {
  headlineDeadline,
  nextPending,
  openTicket,
  postMessage,
  recordNotified,
  type Ticket,
  updateTicket,
} from '#shared/tickets/ticket.ts';
import { MINUTE_MS } from '#shared/time/duration.ts';

const kore = loadPreset('kore');
const opened = Date.parse('2026-03-02T14:00:00Z');
const org = defineOrg('acme', { name: 'ACME', policy: 'kore', tier: 'diamond', region: 'us' }, kore, opened);
const staff = { kind: 'staff', id: 'agent' } as const;

const openUrgent = (caseId: number) =>
  openTicket(caseId, org, kore, { subject: 's', description: 'd', severity: 'urgent' }, { kind: 'customer', id: 'c' }, opened).ticket;

/** A KORE urgent ticket whose response (15 min) was missed: notify carried it out 16 minutes in. */
function missedResponse(): Ticket {
  let ticket = openUrgent(10001);
  const fire = (id: string, at: number) => {
    const deadline = ticket.deadlines.find((d) => d.id === id);
    if (deadline === undefined) throw new Error(`no ${id}`);
    ticket = recordNotified(ticket, kore, deadline, [{ role: 'tier2', channels: ['sms'] }], at).ticket;
  };
  fire('escalation.urgent.1', opened);
  fire('response', opened + 16 * MINUTE_MS);
  return ticket;
}

describe('headlineDeadline', () => {
  it('keeps a missed, unanswered response in view ahead of the next ladder step', () => {
    const ticket = missedResponse();
    expect(ticket.deadlines.find((d) => d.id === 'response')?.state).toBe('breached');
    expect(nextPending(ticket)?.kind).not.toBe('response');
    expect(headlineDeadline(ticket)).toMatchObject({ id: 'response', state: 'breached' });
  });

  it('moves on once the response is given, late', () => {
    const answered = postMessage(missedResponse(), kore, { body: 'On it', public: true }, staff, opened + 30 * MINUTE_MS).ticket;
    expect(headlineDeadline(answered)).toMatchObject({ id: 'escalation.urgent.2', state: 'pending' });
  });

  it('leaves re-pages out: a new urgent ticket shows its response, not the manager’s next re-page', () => {
    const ticket = openUrgent(10002);
    const first = ticket.deadlines.find((d) => d.id === 'escalation.urgent.1');
    if (first === undefined) throw new Error('no first step');
    const paged = recordNotified(ticket, kore, first, [{ role: 'manager', channels: ['sms'] }], opened).ticket;
    expect(nextPending(paged)?.id).toBe('escalation.urgent.1.r1'); // due in 5 minutes
    expect(headlineDeadline(paged)).toMatchObject({ id: 'response', due: opened + 15 * MINUTE_MS });
  });

  it('shows nothing overdue on a closed ticket', () => {
    const closed = updateTicket(missedResponse(), kore, { status: 'closed' }, staff, opened + 30 * MINUTE_MS).ticket;
    expect(headlineDeadline(closed)).toBeUndefined();
  });
});
