/**
 * A policy whose ladder repeats its pages, has a backup and a step that waits for an
 * acknowledgement, and the steps of the random lives the re-page and compaction tests share.
 */

import { parsePolicy } from '#shared/policy/parse-policy.ts';
import type { Policy } from '#shared/policy/policy.ts';
import { acknowledge } from '#shared/tickets/acknowledge.ts';
import { defineOrg } from '#shared/tickets/org.ts';
import { openTicket, recordNotified, type Ticket, type TicketChange } from '#shared/tickets/ticket.ts';
import { pendingDue } from '../support/hard-life.ts';

/** Fri 6 Mar 2026 16:58 in Berlin (15:58 UTC): two minutes before the office closes for the weekend. */
export const OPENED = Date.parse('2026-03-06T15:58:00Z');

/** The manager's page repeats 3 times, 5 minutes apart; the director's twice, then a backup role, and only until someone acks. */
export const ACME = parsePolicy(
  `id: acme
version: 1
name: ACME
roles: { tier1: { name: Tier I }, manager: { name: Manager }, director: { name: Director }, duty: { name: Duty officer } }
calendars:
  office:
    timezone: Europe/Berlin
    hours: { mon: ["09:00-17:00"], tue: ["09:00-17:00"], wed: ["09:00-17:00"], thu: ["09:00-17:00"], fri: ["09:00-17:00"] }
tiers: { gold: {} }
severities:
  urgent:
    calendar: 24x7
    escalation:
      - { at: 0m, assign: tier1, page: [manager], repeat: { every: 5m, times: 3 } }
      - { at: 1h, page: [director], repeat: { every: 10m, times: 2 }, backup: duty, untilAcknowledged: true }
      - { at: 2h, page: [duty], untilAcknowledged: false }
    update: { every: 30m }
    tiers: { gold: { response: 4h } }
  low:
    calendar: office
    tiers: { gold: { response: 8h } }
`,
  'acme.yaml',
);

const org = defineOrg('acme', { name: 'ACME', policy: 'acme', tier: 'gold' }, ACME, OPENED);

const URGENT = { subject: 'API down', description: 'd', severity: 'urgent' };

/** An urgent ACME ticket, opened by a customer at `OPENED`. */
export function openUrgent(): TicketChange {
  return openTicket(10_001, org, ACME, URGENT, { kind: 'customer', id: 'c-1' }, OPENED);
}

/** The random lives' "fire": carries out the first pending deadline due by `now`, telling each of its roles. */
export function fireDue(ticket: Ticket, policy: Policy, now: number): TicketChange | undefined {
  const due = pendingDue(ticket, now);
  if (due === undefined) return undefined;
  const roles = [...(due.page ?? []), ...(due.notify ?? [])].map((role) => ({ role, channels: ['email'] }));
  return recordNotified(ticket, policy, due, roles, now);
}

/** The random lives' "ack": someone takes one of the pages the ticket sent, the `pick`-th (modulo their number). */
export function ackSomePage(ticket: Ticket, policy: Policy, pick: number, now: number): TicketChange | undefined {
  const paged = ticket.deadlines.filter((d) => d.state === 'breached' && (d.page?.length ?? 0) > 0);
  const deadline = paged[pick % Math.max(paged.length, 1)];
  return deadline && acknowledge(ticket, policy, { deadline: deadline.id, by: 'ana-lima', via: 'sms' }, now);
}
