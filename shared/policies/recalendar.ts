/**
 * A calendar change reaching an open ticket: its SLA snapshot keeps its version (so its targets),
 * gains the version whose calendars it now runs on, and its deadlines are re-planned on them, with
 * a timeline entry saying so. The write goes through the normal path (a conditional ticket write),
 * so schedule-sync converges the schedules from the stream.
 */

import type { Policy } from '#shared/policy/policy.ts';
import { apply, type Ticket, type TicketChange } from '#shared/tickets/ticket.ts';
import { type MovedDeadline, movedDeadlines } from './policy-changes.ts';

export const SYSTEM_ACTOR = { kind: 'system', id: 'system' } as const;

/**
 * `own`: the ticket's own version; `later`: the version with the new calendars. `undefined` when
 * the ticket already runs on them (a re-plan that resumes meets tickets it has written).
 */
export function recalendar(
  ticket: Ticket,
  own: Policy,
  later: Policy,
  now: number,
): { readonly change: TicketChange; readonly moved: readonly MovedDeadline[] } | undefined {
  if ((ticket.sla.calendarsVersion ?? ticket.sla.policyVersion) >= later.version) return undefined;
  const policy = own.withCalendarsOf(later);
  const moved = movedDeadlines(ticket, policy, later.version);
  const change = apply({ ...ticket, sla: { ...ticket.sla, calendarsVersion: later.version } }, policy, SYSTEM_ACTOR, now, [
    {
      type: 'calendar_changed',
      body: `The business calendars of policy ${later.id} changed in version ${later.version}; ${moved.length === 0 ? 'no deadline moved' : `${moved.length} deadline${moved.length === 1 ? '' : 's'} re-planned`}.`,
      public: true,
      detail: { policy: later.id, calendarsVersion: String(later.version), moved: String(moved.length) },
    },
  ]);
  return { change, moved };
}
