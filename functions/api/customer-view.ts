/**
 * What a customer sees of a ticket: that the SLA's clocks ran, escalated and when, but not how we
 * route work inside: no roles to assign, page or notify on deadlines, no assignee, no roles or
 * channels of `notified` entries, no staff identities. Routing follows internal rotations and
 * contacts (who was woken by SMS at 3 a.m.), which is neither the customer's business nor safe to
 * hand to whoever holds a customer token; the contract itself (`GET /policies/{id}`) still says
 * which roles it engages. Countdowns: a customer sees the clocks of the promises made to them
 * (response, update, resolution), not of the escalation ladder, which is internal routing too.
 */

import type { Ticket } from '#shared/tickets/ticket.ts';
import type { TimelineEntry } from '#shared/tickets/timeline.ts';
import type { Principal } from '../lib/http/auth.ts';
import { ticketSummaryView, ticketView, timelineView } from './views.ts';

type TicketView = ReturnType<typeof ticketView>;
type DeadlineView = TicketView['deadlines'][number];
type NextView = NonNullable<ReturnType<typeof ticketSummaryView>['next']>;
type EntryView = NonNullable<TicketView['timeline']>[number];

/** Timeline details a customer may see, per entry type (others show none). */
const VISIBLE_DETAIL: Partial<Record<EntryView['type'], readonly string[]>> = {
  notified: ['deadline'],
  severity_changed: ['from', 'to'],
  escalated: ['joined'],
  category_changed: ['from', 'to'],
  // Time entries: what was done when and what a correction changed (its `from.*` and `to.*`), not who.
  time_logged: ['entry', 'minutes', 'billable', 'at', 'notBillable'],
  time_corrected: ['entry', ...['minutes', 'billable', 'at', 'note'].flatMap((field) => [`from.${field}`, `to.${field}`]), 'notBillable'],
  time_deleted: ['entry', 'minutes', 'billable'],
  calendar_changed: ['policy', 'calendarsVersion', 'moved'],
};

/** A ticket as this caller may see it (a customer without the internal routing), its clocks as of `asOf`. */
export function viewFor(principal: Principal, ticket: Ticket, asOf: number, timeline?: readonly TimelineEntry[], timelineCursor?: string) {
  const view = ticketView(ticket, timeline, timelineCursor, asOf);
  return principal.role === 'customer' ? customerTicketView(view) : view;
}

/** A ticket's summary in a list, as this caller may see it (customers: no assignee, no ladder clock), its next clock as of `asOf`. */
export function summaryFor(principal: Principal, ticket: Ticket, asOf: number) {
  const view = ticketSummaryView(ticket, asOf);
  return principal.role === 'customer' ? customerTicketView(view) : view;
}

/** One timeline entry as this caller may see it. */
export function entryFor(principal: Principal, entry: TimelineEntry) {
  const view = timelineView(entry);
  return principal.role === 'customer' ? customerEntry(view) : view;
}

export function customerTicketView<V extends Partial<Pick<TicketView, 'assignee' | 'deadlines' | 'timeline'> & { next: NextView }>>(
  view: V,
): V {
  const { assignee: _assignee, ...shown } = view;
  return {
    ...shown,
    ...(view.deadlines !== undefined && { deadlines: view.deadlines.map(customerDeadline) }),
    ...(view.timeline !== undefined && { timeline: view.timeline.map(customerEntry) }),
    ...(view.next !== undefined && { next: withoutLadderClock(view.next) }),
  } as V;
}

function customerDeadline({
  assign: _assign,
  page: _page,
  notify: _notify,
  escalateTo: _escalateTo,
  ...shown
}: DeadlineView): DeadlineView {
  return withoutLadderClock(shown);
}

/** The escalation ladder's clocks are routing: a customer sees when a step falls due, not its countdown. */
function withoutLadderClock<D extends { kind: DeadlineView['kind']; clock?: unknown }>(deadline: D): D {
  if (deadline.kind !== 'escalation' || deadline.clock === undefined) return deadline;
  const { clock: _clock, ...shown } = deadline;
  return shown as D;
}

/** One timeline entry as a customer sees it (internal notes are left out before this, by `public`). */
export function customerEntry(entry: EntryView): EntryView {
  const { detail, actor, ...shown } = entry;
  const keep = VISIBLE_DETAIL[entry.type] ?? [];
  const visible = Object.entries(detail ?? {}).filter(([name]) => keep.includes(name));
  return {
    ...shown,
    actor: actor.kind === 'customer' ? actor : { kind: actor.kind, id: actor.kind === 'system' ? actor.id : 'staff' },
    ...(visible.length > 0 && { detail: Object.fromEntries(visible) }),
  };
}
