/**
 * Tickets and what may happen to them. Each operation is pure: it takes the current ticket and
 * returns the next one plus the timeline entries to append; the ticket's deadlines are re-planned
 * from its events every time, so storage only ever writes a consistent state.
 */

import { DomainError } from '#shared/domain-error.ts';
import type { MaintenanceLink } from '#shared/notices/notice.ts';
import type { Policy } from '#shared/policy/policy.ts';
import { type ClockOutcome, changeOutcomes } from '#shared/reports/clock-outcome.ts';
import type { Deadline, SlaSnapshot } from '#shared/sla/deadline.ts';
import { planWithClocks } from '#shared/sla/plan-deadlines.ts';
import { compactEvents } from './compact.ts';
import { checkRoomFor } from './limits.ts';
import { checkCategory, checkNewTicket, checkSeverity, type NewTicket } from './new-ticket.ts';
import { type Org, tierAt } from './org.ts';
import { STATUS_TRANSITIONS, statusPeriods, type TicketEvent, type TicketStatus } from './ticket-event.ts';
import type { Actor, TimelineEntry } from './timeline.ts';

export interface Ticket {
  readonly caseId: number;
  readonly org: string;
  readonly status: TicketStatus;
  readonly subject: string;
  readonly description: string;
  readonly category?: string | undefined;
  readonly fields: Readonly<Record<string, string>>;
  /** The current severity (the snapshot keeps the one it was opened with). */
  readonly severity: string;
  readonly sla: SlaSnapshot;
  readonly assignee?: string | undefined;
  readonly requester: string;
  /** Where replies and acknowledgements go (e-mail tickets, or a token that carries an address). */
  readonly requesterEmail?: string | undefined;
  readonly channel: 'api' | 'email';
  /** Files that came with the ticket (stored next to the raw mail). */
  readonly attachments: ReadonlyArray<{
    readonly filename: string;
    readonly contentType: string;
    readonly size: number;
    readonly key: string;
  }>;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Bumped by every change; storage writes on the condition that it did not move. */
  readonly version: number;
  /** The SLA-relevant events, in order: the planner's whole input. */
  readonly events: readonly TicketEvent[];
  /** Sequence number of the last timeline entry. */
  readonly seq: number;
  readonly deadlines: readonly Deadline[];
  /** Ranks for the policy's work order (tier, then severity, as the policy's `queueOrder` lists them). */
  readonly workOrder: readonly number[];
  /** Maintenance under way for its org when it was opened (change-management notices). */
  readonly maintenance?: readonly MaintenanceLink[] | undefined;
  /** Minutes of the time entries logged on it (see `time-log.ts`); none: no time logged. */
  readonly timeMinutes?: number | undefined;
}

/** A ticket after a change, and the timeline entries the change adds. */
export interface TicketChange {
  readonly ticket: Ticket;
  readonly entries: readonly TimelineEntry[];
  /** The SLA clocks this change stopped (see `shared/reports/clock-outcome.ts`); stored with the change. */
  readonly outcomes?: readonly ClockOutcome[];
}

export interface TicketPatch {
  readonly status?: TicketStatus | undefined;
  readonly severity?: string | undefined;
  readonly assignee?: string | undefined;
  /** Staff only; one of the policy's categories. */
  readonly category?: string | undefined;
}

/** A timeline entry a change adds, and the planner event it records (if any). */
export type Step = Omit<TimelineEntry, 'seq' | 'actor' | 'at'> & { event?: TicketEvent };

export interface Origin {
  readonly channel: 'api' | 'email';
  readonly requesterEmail?: string | undefined;
  readonly attachments?: Ticket['attachments'];
  /** Maintenance under way for the org now (see `maintenanceLinks`). */
  readonly maintenance?: readonly MaintenanceLink[] | undefined;
}

/**
 * Opens a ticket. Over the API the policy's required fields are enforced; by e-mail they cannot
 * be, and a message is never refused for them (the acknowledgement asks for what is missing).
 */
export function openTicket(
  caseId: number,
  org: Org,
  policy: Policy,
  input: NewTicket,
  actor: Actor,
  now: number,
  origin: Origin = { channel: 'api' },
): TicketChange {
  if (origin.channel === 'api') checkNewTicket(input, policy);
  else checkSeverity(input.severity, policy);
  const sla: SlaSnapshot = {
    policyId: policy.id,
    policyVersion: policy.version,
    severity: input.severity,
    tier: tierAt(org, now),
    region: org.region,
  };
  const created: Ticket = {
    caseId,
    org: org.id,
    status: 'open',
    subject: input.subject,
    description: input.description,
    category: input.category,
    fields: { ...input.fields },
    severity: input.severity,
    sla,
    requester: actor.id,
    requesterEmail: origin.requesterEmail,
    channel: origin.channel,
    attachments: origin.attachments ?? [],
    createdAt: now,
    updatedAt: now,
    version: 0,
    events: [],
    seq: 0,
    deadlines: [],
    workOrder: [],
    ...(origin.maintenance !== undefined && origin.maintenance.length > 0 && { maintenance: origin.maintenance }),
  };
  return apply(created, policy, actor, now, [{ type: 'created', event: { type: 'created', at: now } }]);
}

/** A message on the ticket: an agent's public one answers or updates, a customer's one resumes a waiting ticket. */
export function postMessage(
  ticket: Ticket,
  policy: Policy,
  message: { body: string; public: boolean },
  actor: Actor,
  now: number,
): TicketChange {
  if (ticket.status === 'closed') throw new DomainError('conflict', `case ${ticket.caseId} is closed; reopen it to add a message`);
  const steps: Step[] = [];
  if (actor.kind === 'customer') {
    if (!message.public) throw new DomainError('forbidden', 'customers cannot write internal notes');
    if (ticket.status === 'resolved') steps.push({ type: 'reopened', event: { type: 'reopened', at: now } });
    if (ticket.status === 'pending_customer') steps.push({ type: 'resumed', event: { type: 'resumed', at: now } });
    steps.push({ type: 'customer_replied', body: message.body, public: true, event: { type: 'customer_replied', at: now } });
  } else if (!message.public) {
    steps.push({ type: 'note', body: message.body, public: false, event: { type: 'note', at: now } });
  } else {
    const answered = ticket.events.some((e) => e.type === 'responded');
    const type = answered ? 'updated' : 'responded';
    steps.push({ type, body: message.body, public: true, event: { type, at: now } });
  }
  return apply(ticket, policy, actor, now, steps);
}

export function updateTicket(ticket: Ticket, policy: Policy, patch: TicketPatch, actor: Actor, now: number): TicketChange {
  if (actor.kind === 'customer') {
    const allowed =
      patch.severity === undefined &&
      patch.assignee === undefined &&
      patch.category === undefined &&
      (patch.status === 'closed' || patch.status === 'open');
    if (!allowed) throw new DomainError('forbidden', 'customers may only close or reopen their tickets');
    if (patch.status === 'open' && ticket.status !== 'resolved' && ticket.status !== 'closed') {
      throw new DomainError('forbidden', 'customers may only reopen a resolved or closed ticket');
    }
  }
  const steps: Step[] = [];
  if (patch.severity !== undefined && patch.severity !== ticket.severity) {
    checkSeverity(patch.severity, policy);
    if (ticket.status === 'resolved' || ticket.status === 'closed')
      throw new DomainError('conflict', `case ${ticket.caseId} is ${ticket.status}`);
    steps.push({
      type: 'severity_changed',
      detail: { from: ticket.severity, to: patch.severity },
      event: { type: 'severity_changed', at: now, severity: patch.severity },
    });
  }
  if (patch.assignee !== undefined && patch.assignee !== ticket.assignee)
    steps.push({ type: 'assigned', detail: { assignee: patch.assignee } });
  if (patch.category !== undefined && patch.category !== ticket.category) {
    checkCategory(patch.category, policy);
    steps.push({
      type: 'category_changed',
      detail: { ...(ticket.category !== undefined && { from: ticket.category }), to: patch.category },
    });
  }
  if (patch.status !== undefined && patch.status !== ticket.status) {
    const type = STATUS_TRANSITIONS[ticket.status][patch.status];
    if (type === undefined) throw new DomainError('conflict', `case ${ticket.caseId} cannot go from ${ticket.status} to ${patch.status}`);
    steps.push({ type, event: { type, at: now } as TicketEvent });
  }
  const changed = apply(ticket, policy, actor, now, steps);
  const assignee = patch.assignee ?? changed.ticket.assignee;
  const category = patch.category ?? changed.ticket.category;
  return { ...changed, ticket: { ...changed.ticket, assignee, category } };
}

/** On-demand escalations of a ticket closer together than this coalesce, unless its policy sets `coalesceWithin`. */
export const DEFAULT_COALESCE_MS = 30 * 60_000;

/** An on-demand escalation; `joined` when it came within the window of an earlier one, which it joins instead of paging again. */
export interface EscalationChange extends TicketChange {
  readonly joined?: { readonly deadline: Deadline; readonly until: number };
}

/**
 * An escalation on demand (Kidzonet: a customer quoting the case id pages the manager). At most
 * one per ticket per window: a repeat inside it is kept on the timeline (with its reason, and the
 * escalation it joined) but adds no planner event, so nothing more is paged.
 */
export function escalateTicket(ticket: Ticket, policy: Policy, reason: string, actor: Actor, now: number): EscalationChange {
  const rule = policy.spec.onDemandEscalation;
  const by = actor.kind === 'customer' ? 'customer' : 'staff';
  if (rule === undefined || !rule.by.includes(by)) {
    throw new DomainError(
      'conflict',
      `the ${policy.id} policy offers no escalation on demand by ${by === 'customer' ? 'customers' : 'staff'}`,
    );
  }
  if (ticket.status === 'resolved' || ticket.status === 'closed')
    throw new DomainError('conflict', `case ${ticket.caseId} is ${ticket.status}`);
  const last = ticket.events.findLast((e) => e.type === 'escalated' && rule.by.includes(e.by));
  const until = last === undefined ? now : last.at + (rule.coalesceWithin ?? DEFAULT_COALESCE_MS);
  const deadline = ticket.deadlines.findLast((d) => d.kind === 'escalation' && d.trigger !== undefined && d.due === last?.at);
  if (now < until && deadline !== undefined) {
    const change = apply(ticket, policy, actor, now, [{ type: 'escalated', body: reason, detail: { joined: deadline.id } }]);
    return { ...change, joined: { deadline, until } };
  }
  return apply(ticket, policy, actor, now, [{ type: 'escalated', body: reason, event: { type: 'escalated', at: now, by } }]);
}

/** The next due instant among pending deadlines, or `null`. */
export function nextDue(ticket: Ticket): number | null {
  return nextPending(ticket)?.due ?? null;
}

/**
 * The deadline a list shows for a ticket: a response or resolution already missed and still unmet
 * (the longest overdue), else the next pending deadline. Without the first, a ticket whose first
 * response was missed would show its next ladder step instead, as if nothing were late.
 * (A missed update reminder is followed by the next one, which is pending; a ladder step is done
 * once carried out.) Re-pages are left out: they chase a person on call, not a promise to the
 * customer, so a KORE urgent ticket shows its response clock, not the manager's next re-page.
 */
export function headlineDeadline(ticket: Pick<Ticket, 'deadlines' | 'status'>): Deadline | undefined {
  let overdue: Deadline | undefined;
  if (ticket.status === 'open' || ticket.status === 'pending_customer')
    for (const d of ticket.deadlines)
      if (
        (d.kind === 'response' || d.kind === 'resolution') &&
        d.state === 'breached' &&
        d.settledAt === undefined &&
        d.due !== null &&
        (overdue === undefined || d.due < (overdue.due as number))
      )
        overdue = d;
  return overdue ?? nextPending(ticket, (d) => d.repageOf === undefined);
}

/** The pending deadline due first (the earliest listed among equals) of those `counts` takes, if any. */
export function nextPending(ticket: Pick<Ticket, 'deadlines'>, counts: (d: Deadline) => boolean = () => true): Deadline | undefined {
  let next: Deadline | undefined;
  for (const d of ticket.deadlines)
    if (d.state === 'pending' && d.due !== null && (next === undefined || d.due < (next.due as number)) && counts(d)) next = d;
  return next;
}

/** Appends the steps' entries and events, compacts the events and re-plans the deadlines. */
export function apply(ticket: Ticket, policy: Policy, actor: Actor, now: number, steps: readonly Step[]): TicketChange {
  if (steps.length === 0) return { ticket, entries: [] };
  const added = steps.flatMap((s) => (s.event === undefined ? [] : [s.event]));
  // People's changes are capped; the system's records (pages, reminders) must always land.
  if (actor.kind !== 'system') checkRoomFor(ticket, { entries: steps.length, events: added });
  const entries: TimelineEntry[] = steps.map(({ event: _event, ...step }, i) => ({ ...step, seq: ticket.seq + i + 1, at: now, actor }));
  // The item keeps only what can still move a deadline; the history is in the timeline entries.
  const events = compactEvents([...ticket.events, ...added]);
  const severity = [...events].reverse().find((e) => e.type === 'severity_changed');
  const next = {
    ...ticket,
    events,
    status: statusPeriods(ticket.createdAt, events).status,
    severity: severity?.type === 'severity_changed' ? severity.severity : ticket.sla.severity,
    seq: ticket.seq + steps.length,
    version: ticket.version + 1,
    updatedAt: now,
  };
  const plan = planWithClocks({ createdAt: next.createdAt, sla: next.sla, events }, policy);
  const after = { ...next, deadlines: plan.deadlines, workOrder: workOrder(next, policy) };
  // A new ticket (version 0, no deadlines yet) has no clock to stop.
  const before = ticket.deadlines.length === 0 ? undefined : ticket;
  const fired = new Set(added.flatMap((e) => (e.type === 'notified' ? [e.deadline] : [])));
  const clocks = { after: plan.clocks, before: () => planWithClocks(ticket, policy).clocks };
  const outcomes = changeOutcomes(before, after, clocks, fired, now);
  return { ticket: after, entries, ...(outcomes.length > 0 && { outcomes }) };
}

/** Ranks by the policy's queue order: best tier first, most severe first; `due` is always the last tie-break. */
function workOrder(ticket: Pick<Ticket, 'sla' | 'severity'>, policy: Policy): number[] {
  return policy.spec.queueOrder.flatMap((key) => {
    if (key === 'tier') return [policy.tiers.indexOf(ticket.sla.tier)];
    if (key === 'severity') return [policy.severities.indexOf(ticket.severity)];
    return [];
  });
}

/**
 * One delivery of a step, as its timeline entry shows it: to a role's topic (`channels`; `nobody`
 * when the role has a schedule system but nobody was on call), or to one person on one channel
 * (`to`: the number or address), or a person's channel that was skipped (`skipped`: why) or whose
 * SMS waits for the throttle (`held`).
 */
export type Delivery =
  | { readonly role: string; readonly channels: readonly string[]; readonly nobody?: boolean; readonly schedule?: 'unreadable' }
  | {
      readonly role: string;
      readonly person: string;
      readonly channel: 'sms' | 'email';
      readonly to: string;
      readonly skipped?: 'opted out' | 'unverified';
      readonly held?: boolean;
    };

function deliveryDetail(delivery: Delivery): Record<string, string> {
  if ('channels' in delivery) {
    const { role, nobody, schedule, channels } = delivery;
    return { role, ...(nobody === true && { nobody: 'true' }), ...(schedule !== undefined && { schedule }), channels: channels.join(',') };
  }
  const { role, person, channel, to, skipped, held } = delivery;
  return { role, person, channel, to, ...(skipped !== undefined && { skipped }), ...(held === true && { held: 'true' }) };
}

/**
 * Records that a deadline's step was carried out: one `notified` planner event per deadline (so
 * the deadline counts as fired and the next update reminder is planned), one timeline entry per
 * delivery (see `Delivery`), and the assignment the step makes.
 *
 * With `stopped`, the ticket was answered, resolved or re-planned while the step was being carried
 * out, so its remaining roles were not told: the deliveries that did go out are on the timeline
 * (marked `stopped`, so nobody wonders why they were paged), and nothing else changes — the
 * deadline is no longer pending, so it is not fired and assigns nobody.
 */
export function recordNotified(
  ticket: Ticket,
  policy: Policy,
  deadline: Pick<Deadline, 'id' | 'assign'>,
  deliveries: readonly Delivery[],
  now: number,
  { stopped = false } = {},
): TicketChange {
  const system: Actor = { kind: 'system', id: 'sla-escalator' };
  // One timeline entry per delivery, and one planner event per deadline (all the planner needs:
  // the deadline fired) — so a long-open ticket's item grows by one event per step, not per role.
  const fired: TicketEvent = { type: 'notified', at: now, deadline: deadline.id };
  const steps: Step[] =
    deliveries.length === 0
      ? [{ type: 'notified', detail: { deadline: deadline.id }, event: fired }]
      : deliveries.map(
          (delivery, i): Step => ({
            type: 'notified',
            detail: { deadline: deadline.id, ...deliveryDetail(delivery), ...(stopped && { stopped: 'true' }) },
            ...(i === 0 && !stopped && { event: fired }),
          }),
        );
  const changed = apply(ticket, policy, system, now, steps);
  return deadline.assign === undefined || stopped ? changed : { ...changed, ticket: { ...changed.ticket, assignee: deadline.assign } };
}
