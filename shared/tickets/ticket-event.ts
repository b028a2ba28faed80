/**
 * What happened to a ticket, in order. The SLA planner derives every deadline's state from these
 * events alone, so a ticket's timeline is also its SLA audit trail.
 */

export const TICKET_STATUSES = ['open', 'pending_customer', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** The statuses a ticket may move to from each status (`PATCH`), and the event each move records. */
export const STATUS_TRANSITIONS: Readonly<Record<TicketStatus, Partial<Record<TicketStatus, TicketEvent['type']>>>> = {
  open: { pending_customer: 'paused', resolved: 'resolved', closed: 'closed' },
  pending_customer: { open: 'resumed', resolved: 'resolved', closed: 'closed' },
  resolved: { open: 'reopened', closed: 'closed' },
  closed: { open: 'reopened' },
};

/**
 * What compaction (see `compact.ts`) folds into an anchor of the update cadence (creation, a public
 * staff message, a reopen), so the ticket item need not keep the events it replaces.
 */
export interface Folded {
  /** This anchor's update cycle; the anchors before it were folded away (all their reminders are settled). */
  readonly cycle?: number | undefined;
  /** Update reminders 1…n of this cycle fired; their `notified` events were folded away. */
  readonly fired?: number | undefined;
}

/** Events that anchor the update cadence (compaction may fold earlier reminders into them). */
export const ANCHOR_EVENT_TYPES = ['created', 'responded', 'updated', 'reopened'] as const;
/** Events that carry nothing but their instant. */
export const PLAIN_EVENT_TYPES = ['customer_replied', 'note', 'paused', 'resumed', 'resolved', 'closed'] as const;
/** Every event type: stored items are checked against this list, so a new type must be added here. */
export const EVENT_TYPES = [
  ...ANCHOR_EVENT_TYPES,
  ...PLAIN_EVENT_TYPES,
  'severity_changed',
  'escalated',
  'notified',
  'acknowledged',
] as const;

/** How a person acknowledged a page: a reply to its SMS, the signed link, or the console. */
export const ACK_CHANNELS = ['sms', 'link', 'console'] as const;
export type AckChannel = (typeof ACK_CHANNELS)[number];

export type TicketEvent =
  | ({ readonly type: 'created'; readonly at: number } & Folded)
  /** The first public staff message. */
  | ({ readonly type: 'responded'; readonly at: number } & Folded)
  /** A later public staff message. */
  | ({ readonly type: 'updated'; readonly at: number } & Folded)
  | { readonly type: 'customer_replied'; readonly at: number }
  | { readonly type: 'note'; readonly at: number }
  /** The ticket waits for the customer (`pending_customer`). */
  | { readonly type: 'paused'; readonly at: number }
  | { readonly type: 'resumed'; readonly at: number }
  | { readonly type: 'severity_changed'; readonly at: number; readonly severity: string }
  /** `n`: its number among the ticket's escalations on demand, when earlier ones were folded away. */
  | { readonly type: 'escalated'; readonly at: number; readonly by: 'customer' | 'staff'; readonly n?: number | undefined }
  | { readonly type: 'resolved'; readonly at: number }
  | { readonly type: 'closed'; readonly at: number }
  | ({ readonly type: 'reopened'; readonly at: number } & Folded)
  /** A deadline's step was carried out (a page or e-mail went out for it). */
  | { readonly type: 'notified'; readonly at: number; readonly deadline: string; readonly role?: string | undefined }
  /** A person took a fired page (`deadline`: the step's id, whichever of its re-pages they answered); its re-pages stop. */
  | {
      readonly type: 'acknowledged';
      readonly at: number;
      readonly deadline: string;
      /** The person's id (see `shared/oncall/ids.ts`). */
      readonly by: string;
      readonly via: AckChannel;
    };

/** True when two types have exactly the same members. */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// A type added to `TicketEvent` but not to `EVENT_TYPES` (or the other way round) fails to compile.
const _everyEventType: Same<TicketEvent['type'], (typeof EVENT_TYPES)[number]> = true;
const _anchorsFold: Same<Extract<TicketEvent, Folded>['type'], (typeof ANCHOR_EVENT_TYPES)[number]> = true;

/** A half-open span of time `[start, end)`; `end` is `Infinity` while it lasts. */
export interface Period {
  readonly start: number;
  readonly end: number;
}

export interface StatusPeriods {
  /** Spans spent waiting on the customer. */
  readonly paused: readonly Period[];
  /** Spans spent resolved or closed. */
  readonly resolved: readonly Period[];
  /** Where the ticket is after the last event. */
  readonly status: TicketStatus;
}

const NEXT_STATUS: Partial<Record<TicketEvent['type'], (from: TicketStatus) => TicketStatus>> = {
  paused: (from) => (from === 'open' ? 'pending_customer' : from),
  resumed: (from) => (from === 'pending_customer' ? 'open' : from),
  resolved: () => 'resolved',
  closed: () => 'closed',
  reopened: (from) => (from === 'resolved' || from === 'closed' ? 'open' : from),
};

/** Walks the events (sorted by time) and returns how long the ticket spent in each clock-stopping status. */
export function statusPeriods(createdAt: number, events: readonly TicketEvent[]): StatusPeriods {
  const paused: Period[] = [];
  const resolved: Period[] = [];
  let status: TicketStatus = 'open';
  let since = createdAt;
  const close = (until: number) => {
    if (status === 'pending_customer') paused.push({ start: since, end: until });
    if (status === 'resolved' || status === 'closed') resolved.push({ start: since, end: until });
  };
  for (const event of events) {
    const next: TicketStatus | undefined = NEXT_STATUS[event.type]?.(status);
    if (next === undefined || next === status || isSameGroup(status, next)) {
      if (next !== undefined) status = next;
      continue;
    }
    close(event.at);
    status = next;
    since = event.at;
  }
  close(Number.POSITIVE_INFINITY);
  return { paused, resolved, status };
}

/** Resolved → closed keeps the same stopped span. */
function isSameGroup(a: TicketStatus, b: TicketStatus): boolean {
  const done = (s: TicketStatus) => s === 'resolved' || s === 'closed';
  return done(a) && done(b);
}

/** Merges periods into a sorted list of disjoint spans (touching spans join). */
export function mergePeriods(...lists: ReadonlyArray<readonly Period[]>): Period[] {
  const all = lists.flat().sort((a, b) => a.start - b.start);
  const merged: Array<{ start: number; end: number }> = [];
  for (const period of all) {
    const last = merged[merged.length - 1];
    if (last !== undefined && period.start <= last.end) last.end = Math.max(last.end, period.end);
    else merged.push({ ...period });
  }
  return merged;
}

export function contains(periods: readonly Period[], instant: number): boolean {
  return periods.some((p) => p.start <= instant && instant < p.end);
}
