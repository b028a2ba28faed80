/** What an agent may do to a ticket's status from where it is: the API's own transitions, named as buttons. */

import { STATUS_TRANSITIONS, type TicketStatus } from '#shared/tickets/ticket-event.ts';

export interface StatusAction {
  readonly status: TicketStatus;
  readonly label: string;
}

function labelOf(from: TicketStatus, to: TicketStatus): string {
  switch (to) {
    case 'pending_customer':
      return 'Pending customer';
    case 'resolved':
      return 'Resolve';
    case 'closed':
      return 'Close';
    case 'open':
      return from === 'pending_customer' ? 'Resume (customer answered)' : 'Reopen';
  }
}

/** The status buttons a ticket in `status` gets, in the order the API lists its transitions. */
export function statusActions(status: TicketStatus): StatusAction[] {
  return (Object.keys(STATUS_TRANSITIONS[status]) as TicketStatus[]).map((to) => ({ status: to, label: labelOf(status, to) }));
}

const STATUS_TEXT: Record<TicketStatus, string> = {
  open: 'open',
  pending_customer: 'pending customer',
  resolved: 'resolved',
  closed: 'closed',
};

export function statusText(status: TicketStatus): string {
  return STATUS_TEXT[status];
}
