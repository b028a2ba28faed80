/** A ticket's long, hard life at every limit, in memory (shared by the big-ticket and response-size tests). */

import { DomainError } from '#shared/domain-error.ts';
import { loadPreset } from '#shared/policies/presets.ts';
import { LIMITS } from '#shared/tickets/limits.ts';
import {
  escalateTicket,
  openTicket,
  postMessage,
  recordNotified,
  type Ticket,
  type TicketChange,
  updateTicket,
} from '#shared/tickets/ticket.ts';
import type { TimelineEntry } from '#shared/tickets/timeline.ts';

export const kidzonet = loadPreset('kidzonet');
const staff = { kind: 'staff' as const, id: 'agent-1' };
const customer = { kind: 'customer' as const, id: 'c-1' };

/** Three UTF-8 bytes per UTF-16 unit: the most a capped string can weigh. */
export const heavy = (length: number) => '€'.repeat(length);

/** Every custom field at its limit: 50 fields of 64-character names, 20,000 characters in all. */
export function maxFields(): Record<string, string> {
  const value = heavy(Math.floor(LIMITS.fieldsTotal / LIMITS.fields) - LIMITS.fieldName);
  return Object.fromEntries(Array.from({ length: LIMITS.fields }, (_, i) => [`f${String(i).padStart(LIMITS.fieldName - 1, '0')}`, value]));
}

/**
 * A ticket's hard life, in memory: escalations, pages, reminders, messages of every kind, severity
 * changes and status changes until people may add no more; then the system keeps paging.
 */
export function hardLife(org: Parameters<typeof openTicket>[1], start: number, untilSeq: number) {
  let now = start;
  const opened = openTicket(
    10_001,
    org,
    kidzonet,
    {
      subject: heavy(LIMITS.subject),
      description: heavy(LIMITS.description),
      severity: kidzonet.severities[0] as string,
      fields: maxFields(),
    },
    customer,
    now,
  );
  let ticket = opened.ticket;
  const later: TimelineEntry[] = [];
  const apply = (make: () => TicketChange) => {
    try {
      const change = make();
      ticket = change.ticket;
      later.push(...change.entries);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  };
  const fireDue = () => {
    for (let due = pendingDue(ticket, now); due !== undefined; due = pendingDue(ticket, now)) {
      const deadline = due;
      const roles = [...(deadline.page ?? []), ...(deadline.notify ?? [])].map((role) => ({ role, channels: ['sms', 'email'] }));
      apply(() => recordNotified(ticket, kidzonet, deadline, roles, now));
    }
  };
  for (let round = 0; ticket.seq < untilSeq && round < untilSeq; round++) {
    apply(() => escalateTicket(ticket, kidzonet, heavy(2_000), round % 2 === 0 ? customer : staff, now));
    apply(() => postMessage(ticket, kidzonet, { body: heavy(50), public: true }, staff, now));
    apply(() => postMessage(ticket, kidzonet, { body: heavy(50), public: true }, customer, now));
    apply(() => postMessage(ticket, kidzonet, { body: heavy(50), public: false }, staff, now));
    if (round % 7 === 0)
      apply(() => updateTicket(ticket, kidzonet, { severity: kidzonet.severities[round % kidzonet.severities.length] }, staff, now));
    if (round % 3 === 0) apply(() => updateTicket(ticket, kidzonet, { status: round % 2 === 0 ? 'pending_customer' : 'open' }, staff, now));
    if (round % 11 === 0) apply(() => updateTicket(ticket, kidzonet, { status: 'resolved' }, staff, now));
    if (round % 11 === 1) apply(() => updateTicket(ticket, kidzonet, { status: 'open' }, customer, now));
    now += 47 * 60_000;
    fireDue();
  }
  return { opened, ticket, later, now };
}

export function pendingDue(ticket: Ticket, now: number) {
  return ticket.deadlines.find((d) => d.state === 'pending' && d.due !== null && d.due <= now);
}
