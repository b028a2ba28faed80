/**
 * The webhook events a change of a ticket produces, read from the table's stream: a ticket item's
 * old and new image (`eventsOfTicketChange`) and a new timeline item (`eventsOfTimelineEntry`).
 *
 * - Each event's id is derived from the change alone (case id, the ticket's version, a deadline's
 *   id, a timeline entry's sequence number), so a stream record delivered twice yields the same
 *   ids: delivery is at least once, and receivers dedupe by `webhook-id`.
 * - Each event carries its payload per audience, built by the API's own views (passed in, since
 *   `shared/` does not know them): staff endpoints get the staff view, an organisation's endpoints
 *   the customer view (no routing, no staff identities, no internal notes). An audience absent
 *   from `data` is not told about the event at all: a change only staff can see (an internal note,
 *   an assignment) is no `ticket.updated` for customers.
 */

import type { Ticket } from '#shared/tickets/ticket.ts';
import type { TimelineEntry } from '#shared/tickets/timeline.ts';
import { formatInstant } from '#shared/time/instant.ts';

/** Every event an endpoint can subscribe to (`page.acknowledged` follows when acknowledgements exist). */
export const WEBHOOK_EVENT_TYPES = ['ticket.created', 'ticket.updated', 'ticket.resolved', 'deadline.breached', 'page.sent'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Who an endpoint speaks for: staff (every organisation) or one organisation's customers. */
export const AUDIENCES = ['staff', 'customer'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** How the API shows a ticket and a timeline entry to each audience (`functions/api/views.ts`, `customer-view.ts`). */
export interface WebhookViews {
  ticket(ticket: Ticket, audience: Audience): object;
  entry(entry: TimelineEntry, audience: Audience): object;
}

export interface WebhookEvent {
  /** Stable for the change it comes from; sent as `webhook-id`. */
  readonly id: string;
  readonly type: WebhookEventType;
  readonly org: string;
  readonly caseId: number;
  /** When it happened (epoch ms). */
  readonly at: number;
  /**
   * Where the change sits in the ticket's timeline (the ticket's `seq` after it, or the entry's):
   * orders a ticket's events even when two changes share a millisecond.
   */
  readonly seq: number;
  /** The payload's `data` per audience; an audience missing here does not get the event. */
  readonly data: Readonly<Partial<Record<Audience, Readonly<Record<string, unknown>>>>>;
}

const EVENT_ID = /^evt_(\d{1,15})_\S{1,300}$/;

/** The case id an event id names (`evt_<caseId>_…`), or `undefined` for anything that is not an event id. */
export function caseIdOfEvent(id: string): number | undefined {
  const match = EVENT_ID.exec(id);
  return match === null ? undefined : Number(match[1]);
}

/** Where an event sorts among its ticket's events (`compareEvents`), kept with each delivery. */
export const eventOrder = (event: WebhookEvent) => ({ seq: event.seq, rank: WEBHOOK_EVENT_TYPES.indexOf(event.type) });

/** Events of one ticket are delivered in this order: by the change, then in the order of `WEBHOOK_EVENT_TYPES`, then by id. */
export function compareEvents(a: WebhookEvent, b: WebhookEvent): number {
  return compareOrder({ ...eventOrder(a), id: a.id }, { ...eventOrder(b), id: b.id });
}

/** The same order over what a delivery keeps of its event. */
export function compareOrder(a: { seq: number; rank: number; id: string }, b: { seq: number; rank: number; id: string }): number {
  return a.seq - b.seq || a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The events of a ticket item's change (`before` undefined: created; `after` undefined: removed, which tells nobody). */
export function eventsOfTicketChange(before: Ticket | undefined, after: Ticket | undefined, views: WebhookViews): WebhookEvent[] {
  if (after === undefined || (before !== undefined && before.version === after.version)) return [];
  const event = (id: string, type: WebhookEventType, at: number, audiences: readonly Audience[], extra: object = {}): WebhookEvent => ({
    id: `evt_${after.caseId}_${id}`,
    type,
    org: after.org,
    caseId: after.caseId,
    at,
    seq: after.seq,
    data: Object.fromEntries(audiences.map((audience) => [audience, { ticket: views.ticket(after, audience), ...extra }])),
  });
  const events: WebhookEvent[] = [];
  if (before === undefined) events.push(event(`v${after.version}_created`, 'ticket.created', after.createdAt, AUDIENCES));
  else if (after.status === 'resolved' && before.status !== 'resolved') {
    events.push(event(`v${after.version}_resolved`, 'ticket.resolved', after.updatedAt, AUDIENCES));
  } else {
    // Staff see every change; customers only one their view shows.
    const audiences = shownChange(before, after, 'customer', views) ? AUDIENCES : (['staff'] as const);
    events.push(event(`v${after.version}_updated`, 'ticket.updated', after.updatedAt, audiences));
  }
  const wasBreached = new Set(before?.deadlines.filter((d) => d.state === 'breached').map((d) => d.id));
  for (const deadline of after.deadlines) {
    if (deadline.state !== 'breached' || wasBreached.has(deadline.id)) continue;
    // A deadline breaches once: the id does not depend on the version that noticed it.
    events.push(event(`${deadline.id}_breached`, 'deadline.breached', after.updatedAt, AUDIENCES, { deadline: deadline.id }));
  }
  return events;
}

/** `page.sent` for a timeline entry that records a page or e-mail (to a role's topic, or to a person on one channel; not a skipped one). */
export function eventsOfTimelineEntry(ticket: Ticket, entry: TimelineEntry, views: WebhookViews): WebhookEvent[] {
  if (entry.type !== 'notified' || entry.detail?.role === undefined || entry.detail.skipped !== undefined) return [];
  return [
    {
      id: `evt_${ticket.caseId}_e${entry.seq}`,
      type: 'page.sent',
      org: ticket.org,
      caseId: ticket.caseId,
      at: entry.at,
      seq: entry.seq,
      data: Object.fromEntries(
        AUDIENCES.map((audience) => [audience, { ticket: views.ticket(ticket, audience), page: views.entry(entry, audience) }]),
      ),
    },
  ];
}

/** Whether the audience's view of the ticket changed, beyond the instant of the change. */
function shownChange(before: Ticket, after: Ticket, audience: Audience, views: WebhookViews): boolean {
  const shown = (ticket: Ticket) => JSON.stringify({ ...views.ticket(ticket, audience), updatedAt: undefined });
  return shown(before) !== shown(after);
}

/** The exact body sent to an endpoint of this audience (the convention's `type`, `timestamp`, `data`). */
export function webhookBody(event: WebhookEvent, audience: Audience): string {
  const data = event.data[audience];
  if (data === undefined) throw new Error(`event ${event.id} is not for ${audience} endpoints`);
  return JSON.stringify({ type: event.type, timestamp: formatInstant(event.at), data: { org: event.org, ...data } });
}
