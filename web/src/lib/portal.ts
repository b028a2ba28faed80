/**
 * What the customer portal says: a ticket's status in words, the promises made to the customer
 * (response due, next update by …) picked from the deadlines the API answers, and escalation by
 * case id (its input checked as the API checks it, its answers in words). Customers see the
 * promises made to them, never the escalation ladder.
 */

import type { FieldError } from '#shared/domain-error.ts';
import { LIMITS } from '#shared/tickets/limits.ts';
import type { Clock } from './countdown.ts';
import { formatInstant } from './format.ts';
import { textProblem } from './ticket-form.ts';

export const STATUS_TEXT: Record<string, string> = {
  open: 'Open',
  pending_customer: 'Waiting for your reply',
  resolved: 'Resolved',
  closed: 'Closed',
};

/** The statuses the home page filters by (`''`: all). */
export const STATUS_FILTERS = ['', 'open', 'pending_customer', 'resolved', 'closed'] as const;

/** A deadline as the API answers it (a running one carries its clock). */
export interface DeadlineLike {
  readonly id: string;
  readonly kind: 'response' | 'escalation' | 'update' | 'resolution';
  readonly due: string | null;
  readonly state: 'pending' | 'met' | 'breached' | 'cancelled';
  readonly settledAt?: string;
  readonly clock?: Clock;
}

/** One promise to the customer, in words: `Response due by`, `Next update by`. */
export interface CustomerPromise {
  readonly kind: 'response' | 'update' | 'resolution';
  /** What the promise is, as a label for its time and its countdown. */
  readonly label: string;
  /** When it falls (or fell) due, or was kept. */
  readonly at: string;
  readonly state: DeadlineLike['state'];
  /** While the promise runs (due, or overdue and not yet kept): its clock, to show ticking. */
  readonly clock?: Clock;
}

const PENDING_LABEL = { response: 'Response due by', update: 'Next update by', resolution: 'Resolution due by' } as const;
const OVERDUE_LABEL = {
  response: 'Response overdue since',
  update: 'Update overdue since',
  resolution: 'Resolution overdue since',
} as const;
const KEPT_LABEL = { response: 'Answered', update: 'Updated', resolution: 'Resolved' } as const;

/** The promise a deadline stands for, or none (escalation steps are internal; cancelled ones are void). */
export function promiseOf(deadline: DeadlineLike): CustomerPromise | undefined {
  if (deadline.kind === 'escalation' || deadline.state === 'cancelled' || deadline.due === null) return undefined;
  const kind = deadline.kind;
  const running = deadline.state === 'pending' || (deadline.state === 'breached' && deadline.settledAt === undefined);
  if (running) {
    const label = deadline.state === 'pending' ? PENDING_LABEL[kind] : OVERDUE_LABEL[kind];
    return { kind, state: deadline.state, label, at: deadline.due, ...(deadline.clock !== undefined && { clock: deadline.clock }) };
  }
  const late = deadline.state === 'breached' ? ' (late)' : '';
  return { kind, state: deadline.state, label: `${KEPT_LABEL[kind]}${late}`, at: deadline.settledAt ?? deadline.due };
}

/**
 * A ticket's promises to its customer: the response (kept, running or overdue), the next update
 * still to come (or one overdue), and the resolution target if the policy sets one.
 */
export function customerPromises(deadlines: readonly DeadlineLike[]): CustomerPromise[] {
  const live = deadlines.filter((d) => d.state !== 'cancelled' && d.due !== null);
  const earliest = (kind: DeadlineLike['kind'], state: DeadlineLike['state']) =>
    live.filter((d) => d.kind === kind && d.state === state).sort((a, b) => Date.parse(a.due ?? '') - Date.parse(b.due ?? ''))[0];
  const response = live.find((d) => d.kind === 'response');
  const update = earliest('update', 'breached') ?? earliest('update', 'pending');
  const resolution = live.find((d) => d.kind === 'resolution');
  return [response, update, resolution].flatMap((d) => {
    const promise = d === undefined ? undefined : promiseOf(d);
    return promise === undefined ? [] : [promise];
  });
}

/** `Response due by Mon, 2 Mar 2026, 09:05 EST (America/New_York)`, in the viewer's zone and locale unless given. */
export function promiseText(promise: CustomerPromise, zone?: string, locale?: string): string {
  return `${promise.label} ${formatInstant(promise.at, zone, locale)}`;
}

/** What the customer typed into the "Escalate a ticket" box. */
export interface EscalationDraft {
  readonly caseId: string;
  readonly reason: string;
}

/** The box's problems as API paths: a case number is digits only; the reason as the API checks it. */
export function escalationDraftProblems(draft: EscalationDraft, withCaseId: boolean): FieldError[] {
  const caseId = draft.caseId.trim();
  const problems = [
    !withCaseId
      ? undefined
      : caseId === ''
        ? { path: 'caseId', message: 'enter the case number' }
        : /^\d+$/.test(caseId)
          ? undefined
          : { path: 'caseId', message: 'a case number has digits only, like 10042' },
    textProblem('reason', draft.reason, LIMITS.reason),
  ];
  return problems.filter((p) => p !== undefined);
}

/** The escalation the API joined instead of paging again (202). */
export interface JoinedEscalation {
  readonly escalatedAt: string;
  readonly until: string;
}

/** The API's answer to an escalation, in words: 201 escalated, 202 joined the pending escalation. */
export function escalationOutcome(caseId: number | string, joined: JoinedEscalation | undefined, zone?: string): string {
  if (joined === undefined) return `Case ${caseId} is escalated: the support team has been alerted and will come back to you.`;
  return `Case ${caseId} was already escalated at ${formatInstant(joined.escalatedAt, zone)}; your request was added to that escalation (the team is already alerted; asking again after ${formatInstant(joined.until, zone)} alerts them anew).`;
}

/**
 * Where a refused escalation belongs: "not found" (an unknown case, or another organisation's,
 * which the API answers alike) next to the case number; the API's field errors at their fields;
 * anything else (a policy rule, a rate limit) beside the form, as the API worded it.
 */
export function escalationRefusal(status: number, errors: readonly FieldError[]): FieldError[] {
  if (status === 404) return [{ path: 'caseId', message: 'no such ticket in your organisation' }];
  return [...errors];
}

/**
 * The entries of a ticket's conversation a customer's page shows: the API keeps `notified` entries
 * (a page or e-mail of the ladder went out) with their deadline only, which says nothing to a
 * customer and names internal steps, so the page leaves them out.
 */
export function conversationOf<E extends { readonly type: string }>(entries: readonly E[]): E[] {
  return entries.filter((entry) => entry.type !== 'notified');
}
