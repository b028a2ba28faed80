/**
 * What a ticket's events say about its SLA clocks: the severity now, the first response, where the
 * update cadence (re)starts, when the clocks were stopped, which deadlines fired (and when), which
 * pages were acknowledged and which escalations were asked for. The planners (`deadline-planners.ts`) read these facts, never the
 * events themselves.
 */

import { type Folded, mergePeriods, type Period, statusPeriods, type TicketEvent } from '#shared/tickets/ticket-event.ts';

export interface EventFacts {
  readonly severity: string | undefined;
  readonly firstResponse: number | undefined;
  /**
   * Where the update cadence (re)starts: creation, each public staff message, each reopen — from
   * the last anchor that compaction numbered on (the ones before it were folded away).
   */
  readonly anchors: readonly Anchor[];
  readonly paused: readonly Period[];
  readonly resolved: readonly Period[];
  /** Paused or resolved: the update and resolution clocks do not run. */
  readonly stopped: readonly Period[];
  /** Which deadlines fired, and when each was first carried out. */
  readonly firedAt: ReadonlyMap<string, number>;
  /** When each acknowledged page (by its step's deadline id) was first acknowledged. */
  readonly acknowledged: ReadonlyMap<string, number>;
  /** The ticket's first acknowledgement of any page (what `untilAcknowledged` steps wait for). */
  readonly firstAck: number | undefined;
  /** Resolved or closed now: nothing is pending any more. */
  readonly done: boolean;
  /** Escalations on demand, in time order (whoever asked; the policy says whose count). */
  readonly escalations: ReadonlyArray<Extract<TicketEvent, { type: 'escalated' }>>;
}

export interface Anchor {
  readonly at: number;
  readonly byStaff: boolean;
  /** The update cycle it starts (`update.<cycle>.<reminder>`). */
  readonly cycle: number;
  /** Reminders of this cycle that fired and were folded into the anchor (see `compact.ts`). */
  readonly fired: number;
}

/** The facts of a ticket's events, which must be sorted by time. */
export function readEvents(createdAt: number, events: readonly TicketEvent[]): EventFacts {
  let severity: string | undefined;
  let firstResponse: number | undefined;
  let anchors: Anchor[] = [{ at: createdAt, byStaff: false, cycle: 0, fired: 0 }];
  const anchor = (event: TicketEvent & Folded, byStaff: boolean) => {
    const cycle = event.cycle ?? (anchors.at(-1) as Anchor).cycle + 1;
    const next = { at: event.at, byStaff, cycle, fired: event.fired ?? 0 };
    // A numbered anchor: the ones before it were folded away and their cycles are settled.
    anchors = event.cycle === undefined ? [...anchors, next] : [next];
  };
  const firedAt = new Map<string, number>();
  const acknowledged = new Map<string, number>();
  const escalations: Array<Extract<TicketEvent, { type: 'escalated' }>> = [];
  for (const event of events) {
    switch (event.type) {
      case 'created':
        // Creation is cycle 0; compaction may have folded its fired reminders into the event.
        if (event.fired !== undefined && anchors.length === 1) anchors = [{ ...(anchors[0] as Anchor), fired: event.fired }];
        break;
      case 'severity_changed':
        severity = event.severity;
        break;
      case 'responded':
      case 'updated':
        firstResponse ??= event.at;
        anchor(event, true);
        break;
      case 'reopened':
        anchor(event, false);
        break;
      case 'notified':
        if (!firedAt.has(event.deadline)) firedAt.set(event.deadline, event.at);
        break;
      case 'acknowledged':
        if (!acknowledged.has(event.deadline)) acknowledged.set(event.deadline, event.at);
        break;
      case 'escalated':
        escalations.push(event);
        break;
    }
  }
  const { paused, resolved, status } = statusPeriods(createdAt, events);
  const done = status === 'resolved' || status === 'closed';
  const firstAck = acknowledged.size === 0 ? undefined : Math.min(...acknowledged.values());
  return {
    severity,
    firstResponse,
    anchors,
    paused,
    resolved,
    stopped: mergePeriods(paused, resolved),
    firedAt,
    acknowledged,
    firstAck,
    done,
    escalations,
  };
}
