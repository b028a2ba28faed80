/**
 * Acknowledging a page: a person says "I've got it" (by SMS reply, the signed link, or the
 * console). The ticket records who, when and how; the page's re-pages stop (the planner cancels
 * them), later steps that wait for an acknowledgement are cancelled, and an unassigned ticket is
 * assigned to the person. The contract ladder itself keeps its offsets.
 */

import { DomainError } from '#shared/domain-error.ts';
import { SLUG } from '#shared/oncall/ids.ts';
import type { Policy } from '#shared/policy/policy.ts';
import { apply, type Step, type Ticket, type TicketChange } from './ticket.ts';
import { ACK_CHANNELS, type AckChannel, type TicketEvent } from './ticket-event.ts';

export interface Acknowledgement {
  /** The deadline whose page is answered: a step's, or one of its re-pages (recorded as the step's). */
  readonly deadline: string;
  /** The person's id. */
  readonly by: string;
  readonly via: AckChannel;
}

export type AcknowledgedEvent = Extract<TicketEvent, { type: 'acknowledged' }>;

/** The change, and for a page already acknowledged, the first acknowledgement (the change is then empty). */
export interface AckChange extends TicketChange {
  readonly first?: AcknowledgedEvent;
}

/** The first acknowledgement of a deadline's page (a re-page's is its step's), if any. */
export function firstAcknowledgement(ticket: Pick<Ticket, 'deadlines' | 'events'>, deadlineId: string): AcknowledgedEvent | undefined {
  const page = ticket.deadlines.find((d) => d.id === deadlineId)?.repageOf ?? deadlineId;
  return ticket.events.find((e): e is AcknowledgedEvent => e.type === 'acknowledged' && e.deadline === page);
}

export function acknowledge(ticket: Ticket, policy: Policy, ack: Acknowledgement, now: number): AckChange {
  if (!SLUG.test(ack.by)) throw invalid('by', 'expected a person id such as "ana-lima"');
  if (!ACK_CHANNELS.includes(ack.via)) throw invalid('via', `expected one of ${ACK_CHANNELS.join(', ')}`);
  const deadline = ticket.deadlines.find((d) => d.id === ack.deadline);
  if (deadline === undefined) throw new DomainError('not_found', `case ${ticket.caseId} has no deadline "${ack.deadline}"`);
  if (ticket.status === 'resolved' || ticket.status === 'closed') {
    throw new DomainError('conflict', `case ${ticket.caseId} is ${ticket.status}: there is no page to acknowledge`);
  }
  const page = deadline.repageOf ?? deadline.id;
  const first = firstAcknowledgement(ticket, deadline.id);
  if (first !== undefined) return { ticket, entries: [], first };
  if (!ticket.events.some((e) => e.type === 'notified' && e.deadline === deadline.id)) {
    throw new DomainError('conflict', `deadline ${deadline.id} of case ${ticket.caseId} has not paged anyone yet`);
  }
  const event: AcknowledgedEvent = { type: 'acknowledged', at: now, deadline: page, by: ack.by, via: ack.via };
  const steps: Step[] = [{ type: 'acknowledged', detail: { deadline: page, by: ack.by, via: ack.via }, event }];
  const unassigned = ticket.assignee === undefined;
  if (unassigned) steps.push({ type: 'assigned', detail: { assignee: ack.by } });
  const changed = apply(ticket, policy, { kind: 'staff', id: ack.by }, now, steps);
  return unassigned ? { ...changed, ticket: { ...changed.ticket, assignee: ack.by } } : changed;
}

function invalid(path: string, message: string): DomainError {
  return new DomainError('validation_failed', `${path}: ${message}`, [{ path, message }]);
}
