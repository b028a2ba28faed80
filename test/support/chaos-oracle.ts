/**
 * The chaos run's judge. What should have gone out comes from the pure engine, replaying each
 * ticket's own events; what did go out is the outbox. `judge` counts lost, unexpected (after
 * resolve or not due) and duplicated deliveries, and how late the latest one was.
 */

import type { Policy } from '#shared/policy/policy.ts';
import { noticesFor } from '#shared/sla/notices.ts';
import { planDeadlines } from '#shared/sla/plan-deadlines.ts';
import type { Ticket } from '#shared/tickets/ticket.ts';
import type { TicketEvent } from '#shared/tickets/ticket-event.ts';

/**
 * How late a page may legitimately go out: the sweep interval and its grace, plus notify's async
 * retries. A step that fell due this close to the end of the run may therefore still be under way
 * when the run stops (see `Replay.unfinished`).
 */
export const LATE_TOLERANCE_MS = 15 * 60_000;

/** One delivery the outbox recorded. */
export interface Delivery {
  readonly caseId: number;
  readonly deadline?: string;
  readonly role: string;
  readonly channel: string;
}

/** A ticket as the run left it, with every event (not only the compacted ones) and its policy. */
export interface JudgedTicket {
  readonly ticket: Ticket;
  readonly policy: Policy;
}

/**
 * Replays each ticket against the deliveries that went out. `lateSuppressed` and `maxDelay` (ms)
 * are those of `Replay.lateSuppressed` and `latestDelivery`, summed and maximised over the tickets.
 */
export function judge(tickets: readonly JudgedTicket[], deliveries: readonly Delivery[], horizon: number) {
  const replays: Replay[] = [];
  let lateSuppressed = 0;
  let maxDelay = 0;
  for (const { ticket, policy } of tickets) {
    const replay = expectedDeliveries(ticket, policy, horizon);
    replays.push(replay);
    lateSuppressed += replay.lateSuppressed;
    maxDelay = Math.max(maxDelay, latestDelivery(ticket, policy));
  }
  const delivered = new Map<string, number>();
  for (const item of deliveries) {
    const key = deliveryKey(item.caseId, item.deadline, item.role, item.channel);
    delivered.set(key, (delivered.get(key) ?? 0) + 1);
  }
  return { ...compare(replays, delivered), delivered: deliveries.length, lateSuppressed, maxDelay };
}

/** One notice's identity: the case, the deadline, the role and the channel it went out on. */
function deliveryKey(caseId: number, deadline: string | undefined, role: string, channel: string): string {
  return `${caseId}|${deadline}|${role}|${channel}`;
}

/**
 * Compares what went out (key → how many times) with what the replays expect. Of a step the
 * ticket's next event overtook, the notices up to the last one sent were due; the rest were
 * rightly held back (`interrupted`), so a gap before a sent notice is still lost. The same holds
 * for a step the end of the run cut short: the notices after the last one sent are `unfinished`.
 */
export function compare(replays: readonly Replay[], delivered: ReadonlyMap<string, number>) {
  const expected = new Set(replays.flatMap((r) => r.keys));
  /** Expects each step's notices up to the last one sent; returns how many came after it (in steps that sent any, unless `all`). */
  const expectSentPart = (kind: 'interruptible' | 'unfinished', all: boolean) => {
    let after = 0;
    for (const notices of replays.flatMap((r) => r[kind])) {
      const last = notices.findLastIndex((keys) => keys.some((key) => delivered.has(key)));
      for (const keys of notices.slice(0, last + 1)) for (const key of keys) expected.add(key);
      if (all || last >= 0) after += notices.length - 1 - last;
    }
    return after;
  };
  const interrupted = expectSentPart('interruptible', false);
  const unfinished = expectSentPart('unfinished', true);
  const lost = [...expected].filter((key) => !delivered.has(key));
  const unexpected = [...delivered.keys()].filter((key) => !expected.has(key));
  const duplicated = [...delivered.values()].reduce((sum, count) => sum + count - 1, 0);
  return {
    expected: expected.size,
    lost: lost.length,
    unexpected: unexpected.length,
    duplicated,
    interrupted,
    unfinished,
    samples: { lost: lost.slice(0, 10), unexpected: unexpected.slice(0, 10) },
  };
}

/** What a ticket's replay expects: see `expectedDeliveries`. */
export interface Replay {
  /** One key (`case|deadline|role|channel`) per delivery that must have gone out. */
  readonly keys: string[];
  /**
   * Steps that fell due when the ticket's next event was at most `LATE_TOLERANCE_MS` away and that
   * the ticket never recorded as carried out: the event met or cancelled them while (or before)
   * they were paged, so any first part of their notices may have gone out. One list per step, in
   * the order notify sends them, each notice with its keys.
   */
  readonly interruptible: string[][][];
  /**
   * Steps that fell due at most `LATE_TOLERANCE_MS` before the run ended, with no event of the
   * ticket after them, that the ticket never recorded as carried out: notify (its async retries,
   * 1 and then 2 minutes apart, https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html;
   * the sweeper's hand-off) may still have been at them when the run stopped, so any first part of
   * their notices may have gone out. Same shape as `interruptible`.
   */
  readonly unfinished: string[][][];
  /** Such steps of which no notice was due (the deadline stayed met or cancelled). */
  readonly lateSuppressed: number;
}

/**
 * Replays a ticket's events (without its `notified` ones) through the planner. A deadline fires
 * when it was actually carried out (its `notified` event), else at its due time (or when it
 * becomes due), before any event at the same instant; deadlines fire in that order. One that was
 * never carried out, and that an event within `LATE_TOLERANCE_MS` after it fell due met or
 * cancelled, was late or interrupted rather than lost (see `Replay.interruptible`); one that fell
 * due within that time before `horizon` may still have been under way (see `Replay.unfinished`).
 */
export function expectedDeliveries(ticket: Ticket, policy: Policy, horizon: number): Replay {
  // Positions in the ticket's own event list: a delivery recorded before a user event happened before it.
  const userEvents = ticket.events.flatMap((e, index) => (e.type === 'notified' ? [] : [{ ...e, index }]));
  const carriedOut = new Map<string, { at: number; index: number }>();
  for (const [index, e] of ticket.events.entries())
    if (e.type === 'notified' && !carriedOut.has(e.deadline)) carriedOut.set(e.deadline, { at: e.at, index });
  const fired: TicketEvent[] = [];
  const keys: string[] = [];
  const interruptible: string[][][] = [];
  const unfinished: string[][][] = [];
  /** Steps still under way when the run ended: the plan keeps them pending, the replay passes over them. */
  const underWay = new Set<string>();
  const waived = new Set<string>();
  let applied = 0;
  let cursor = ticket.createdAt;
  for (let guard = 0; guard < 10_000; guard++) {
    const events = [...userEvents.slice(0, applied).map(({ index: _, ...e }) => e as TicketEvent), ...fired];
    const plan = planDeadlines({ createdAt: ticket.createdAt, sla: ticket.sla, events }, policy);
    const pending = plan.filter((d) => d.state === 'pending' && d.due !== null && !underWay.has(d.id));
    // The next to fire is the one carried out first (a late one may go after a later one on time).
    const firesAt = (d: (typeof pending)[number]) => carriedOut.get(d.id)?.at ?? Math.max(d.due as number, cursor);
    const next = pending.sort((a, b) => firesAt(a) - firesAt(b) || (a.due as number) - (b.due as number))[0];
    const nextEvent = userEvents[applied]?.at ?? Number.POSITIVE_INFINITY;
    const onTime = next === undefined ? Number.POSITIVE_INFINITY : Math.max(next.due as number, cursor);
    const record = next === undefined ? undefined : carriedOut.get(next.id);
    const fireAt = record?.at ?? onTime;
    // Carried out at the same instant as the next user event: the event list says which came first.
    const afterEvent =
      record !== undefined && record.at === nextEvent && record.index > (userEvents[applied]?.index ?? Number.POSITIVE_INFINITY);
    const overtaken = record === undefined && nextEvent >= onTime && nextEvent <= onTime + LATE_TOLERANCE_MS;
    // Fell due shortly before the end, nothing after it, not recorded: notify's retries or the sweeper may not have had their turn.
    const cutByEnd = record === undefined && nextEvent > horizon && onTime <= horizon && horizon <= onTime + LATE_TOLERANCE_MS;
    const notices = next === undefined ? [] : noticesFor({ ...ticket, severity: next.severity }, next, policy);
    const keysOf = (notice: (typeof notices)[number]) => [
      ...(notice.delivery === 'page' ? [deliveryKey(ticket.caseId, next?.id, notice.role, 'sms')] : []),
      deliveryKey(ticket.caseId, next?.id, notice.role, 'email'),
    ];
    if (next !== undefined && fireAt <= horizon && fireAt <= nextEvent && !overtaken && !afterEvent && !cutByEnd) {
      for (const notice of notices) {
        keys.push(...keysOf(notice));
        fired.push({ type: 'notified', at: fireAt, deadline: next.id, role: notice.role });
      }
      if (notices.length === 0) fired.push({ type: 'notified', at: fireAt, deadline: next.id });
      waived.delete(next.id);
      cursor = fireAt;
    } else if (next !== undefined && cutByEnd) {
      underWay.add(next.id);
      unfinished.push(notices.map(keysOf));
    } else if (nextEvent <= horizon) {
      if (next !== undefined && overtaken && fireAt <= horizon) {
        waived.add(next.id);
        interruptible.push(notices.map(keysOf));
      }
      while (userEvents[applied]?.at === nextEvent) applied++;
      cursor = nextEvent;
    } else {
      const stillPending = new Set(pending.map((d) => d.id));
      return {
        keys,
        interruptible,
        unfinished,
        lateSuppressed: [...waived].filter((id) => !stillPending.has(id) && !carriedOut.has(id)).length,
      };
    }
  }
  throw new Error(`case ${ticket.caseId}: the replay did not settle`);
}

/**
 * How late the ticket's latest delivery went out, in ms: after its deadline fell due in the plan
 * as it stood just before the delivery (a later severity change re-plans deadlines already
 * fired), or after the event that made it due at once.
 */
export function latestDelivery(ticket: Ticket, policy: Policy): number {
  let latest = 0;
  let lastChange = ticket.createdAt;
  const seen = new Set<string>();
  for (const [index, event] of ticket.events.entries()) {
    if (event.type !== 'notified') {
      lastChange = event.at;
      continue;
    }
    if (seen.has(event.deadline)) continue;
    seen.add(event.deadline);
    const before = planDeadlines({ createdAt: ticket.createdAt, sla: ticket.sla, events: ticket.events.slice(0, index) }, policy);
    const due = before.find((d) => d.id === event.deadline)?.due;
    if (typeof due === 'number') latest = Math.max(latest, event.at - Math.max(due, lastChange));
  }
  return latest;
}
