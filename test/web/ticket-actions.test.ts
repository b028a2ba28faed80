import { describe, expect, it } from 'vitest';
import { STATUS_TRANSITIONS, TICKET_STATUSES } from '../../shared/tickets/ticket-event.ts';
import { statusActions } from '../../web/src/lib/ticket-actions.ts';

describe('statusActions', () => {
  it('offers an open ticket pending customer, resolve and close', () => {
    expect(statusActions('open')).toEqual([
      { status: 'pending_customer', label: 'Pending customer' },
      { status: 'resolved', label: 'Resolve' },
      { status: 'closed', label: 'Close' },
    ]);
  });

  it('offers a ticket waiting on the customer a resume, not a reopen', () => {
    expect(statusActions('pending_customer').map((a) => a.label)).toEqual(['Resume (customer answered)', 'Resolve', 'Close']);
  });

  it('offers a resolved ticket reopen and close, and a closed one only reopen', () => {
    expect(statusActions('resolved').map((a) => a.label)).toEqual(['Reopen', 'Close']);
    expect(statusActions('closed')).toEqual([{ status: 'open', label: 'Reopen' }]);
  });

  it('offers exactly the moves the API accepts from each status, never the status it is in', () => {
    for (const from of TICKET_STATUSES) {
      const offered = statusActions(from).map((a) => a.status);
      expect(offered.sort()).toEqual(Object.keys(STATUS_TRANSITIONS[from]).sort());
      expect(offered).not.toContain(from);
    }
  });
});
