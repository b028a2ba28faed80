/**
 * Time logged on a ticket. Every change is a new immutable revision of an entry (logged, corrected,
 * deleted), written with a timeline entry that says what changed from what, so nothing is ever
 * rewritten. The revisions are the ledger the usage statements fold (`shared/billing/`).
 *
 * A ticket whose category the policy's billing lists as free is never billable: its entries are
 * recorded with `billable: false`, and when a ticket's category becomes free, each billable entry
 * gets a correction to `billable: false` (a closed period then gets its credit as an adjustment).
 * The other way round nothing changes by itself: the entries stay non-billable until an agent
 * corrects them, since nobody said the work was billable.
 */

import { currentEntries, MAX_ENTRY_MINUTES, type TimeEntryRevision } from '#shared/billing/time-entry.ts';
import type { UsageStatement } from '#shared/billing/usage-statement.ts';
import { DomainError } from '#shared/domain-error.ts';
import type { QueuedMail } from '#shared/email/ports.ts';
import type { Policy } from '#shared/policy/policy.ts';
import { formatInstant } from '#shared/time/instant.ts';
import { apply, type Step, type Ticket, type TicketChange } from './ticket.ts';
import type { IdempotentResponse } from './ticket-store.ts';
import type { Actor } from './timeline.ts';

export const TIME_LIMITS = {
  /** One entry: a whole day at most. */
  minutes: MAX_ENTRY_MINUTES,
  note: 1_000,
  /** Entries on one ticket (deleted ones count: their revisions stay). */
  entriesPerTicket: 500,
  /** Revisions of one entry (its logging, corrections and deletion). */
  revisionsPerEntry: 50,
} as const;

export interface TimeInput {
  readonly minutes: number;
  readonly billable?: boolean | undefined;
  readonly note?: string | undefined;
  /** When the work was done; none: now. */
  readonly at?: number | undefined;
}

export type TimeCorrection = Partial<TimeInput>;

/** A ticket change that also records revisions of its time entries, all written together. */
export interface TimeChange extends TicketChange {
  readonly revisions: readonly TimeEntryRevision[];
  /** Why an entry that asked to be billable is not (the ticket's category is free). */
  readonly notBillable?: string | undefined;
}

/** The reason a ticket's time is never billable under its policy, if it is not. */
export function freeCategoryReason(ticket: Pick<Ticket, 'category'>, policy: Policy): string | undefined {
  if (!policy.isFreeCategory(ticket.category)) return undefined;
  return `the ${policy.id} policy does not bill tickets of category "${ticket.category}"`;
}

/** The id of a ticket's `n`th entry: `10001-003` (unique per organisation, sorted within the ticket). */
export function timeEntryId(caseId: number, n: number): string {
  return `${caseId}-${String(n).padStart(3, '0')}`;
}

/** Logs a new entry on the ticket; `revisions` are the ticket's revisions so far. */
export function logTime(
  ticket: Ticket,
  policy: Policy,
  revisions: readonly TimeEntryRevision[],
  input: TimeInput,
  actor: Actor,
  now: number,
): TimeChange {
  const entries = new Set(revisions.map((r) => r.entry));
  if (entries.size >= TIME_LIMITS.entriesPerTicket)
    throw new DomainError('conflict', `case ${ticket.caseId} has ${TIME_LIMITS.entriesPerTicket} time entries, the most one case takes`);
  const at = input.at ?? now;
  checkWhen(ticket, at, now);
  const reason = freeCategoryReason(ticket, policy);
  const billable = reason === undefined && (input.billable ?? true);
  const revision: TimeEntryRevision = {
    entry: timeEntryId(ticket.caseId, entries.size + 1),
    rev: 1,
    caseId: ticket.caseId,
    org: ticket.org,
    tier: ticket.sla.tier,
    ...(ticket.category !== undefined && { category: ticket.category }),
    minutes: input.minutes,
    billable,
    at,
    recordedAt: now,
    by: actor.id,
    ...(input.note !== undefined && { note: input.note }),
  };
  const step: Step = {
    type: 'time_logged',
    ...(input.note !== undefined && { body: input.note }),
    detail: {
      entry: revision.entry,
      minutes: String(revision.minutes),
      billable: String(billable),
      at: formatInstant(at),
      ...(reason !== undefined && input.billable !== false && { notBillable: reason }),
    },
  };
  return withRevisions(ticket, policy, revisions, [revision], [step], actor, now, input.billable !== false ? reason : undefined);
}

/** A correction of an entry: a new revision with the changed fields; the timeline names each change's old and new value. */
export function correctTime(
  ticket: Ticket,
  policy: Policy,
  revisions: readonly TimeEntryRevision[],
  entry: string,
  correction: TimeCorrection,
  actor: Actor,
  now: number,
): TimeChange {
  const current = latest(ticket, revisions, entry);
  if (correction.at !== undefined) checkWhen(ticket, correction.at, now);
  const reason = correction.billable === true ? freeCategoryReason(ticket, policy) : undefined;
  const next: TimeEntryRevision = {
    ...current,
    ...(correction.minutes !== undefined && { minutes: correction.minutes }),
    ...(correction.billable !== undefined && { billable: correction.billable && reason === undefined }),
    ...(correction.at !== undefined && { at: correction.at }),
    ...(correction.note !== undefined && { note: correction.note }),
    category: ticket.category,
    rev: current.rev + 1,
    recordedAt: now,
    by: actor.id,
  };
  const changes = changedFields(current, next);
  if (changes.length === 0) return { ticket, entries: [], revisions: [] };
  const step = correctionStep(next, changes, reason);
  return withRevisions(ticket, policy, revisions, [next], [step], actor, now, reason);
}

/** A deletion: a last revision marked deleted (the earlier ones stay). */
export function deleteTime(
  ticket: Ticket,
  policy: Policy,
  revisions: readonly TimeEntryRevision[],
  entry: string,
  actor: Actor,
  now: number,
): TimeChange {
  const current = latest(ticket, revisions, entry);
  const deleted: TimeEntryRevision = { ...current, rev: current.rev + 1, recordedAt: now, by: actor.id, deleted: true };
  const step: Step = {
    type: 'time_deleted',
    detail: { entry, rev: String(deleted.rev), minutes: String(current.minutes), billable: String(current.billable) },
  };
  return withRevisions(ticket, policy, revisions, [deleted], [step], actor, now);
}

/**
 * After a ticket change: if the ticket's category is free, each of its billable entries gets a
 * correction to non-billable, on the same write, with one timeline entry naming them all (a ticket
 * may hold hundreds). Whether the category was free before does not matter: a change the store
 * wrote only in part (see `TimeLedger.save`) is completed by setting the category again.
 */
export function billableAfterCategoryChange(
  change: TicketChange,
  policy: Policy,
  revisions: readonly TimeEntryRevision[],
  actor: Actor,
  now: number,
): TimeChange {
  const reason = freeCategoryReason(change.ticket, policy);
  const billable = currentEntries(revisions, now).filter((r) => r.billable);
  if (reason === undefined || billable.length === 0) return { ...change, revisions: [] };
  const { category } = change.ticket;
  const corrections = billable.map(
    (r): TimeEntryRevision => ({ ...r, category, billable: false, rev: r.rev + 1, recordedAt: now, by: actor.id }),
  );
  const step: Step = {
    type: 'time_corrected',
    detail: { entry: corrections.map((c) => c.entry).join(', '), 'from.billable': 'true', 'to.billable': 'false', notBillable: reason },
  };
  const changed = withRevisions(change.ticket, policy, revisions, corrections, [step], actor, now);
  return { ...changed, entries: [...change.entries, ...changed.entries] };
}

/** The total of a ticket's current entries, in minutes. */
export function timeSpent(revisions: readonly TimeEntryRevision[], asOf: number): number {
  return currentEntries(revisions, asOf).reduce((sum, r) => sum + r.minutes, 0);
}

function withRevisions(
  ticket: Ticket,
  policy: Policy,
  revisions: readonly TimeEntryRevision[],
  added: readonly TimeEntryRevision[],
  steps: readonly Step[],
  actor: Actor,
  now: number,
  notBillable?: string,
): TimeChange {
  if (added.length === 0) return { ticket, entries: [], revisions: [] };
  const changed = apply(ticket, policy, actor, now, steps);
  const minutes = timeSpent([...revisions, ...added], now);
  return { ticket: { ...changed.ticket, timeMinutes: minutes }, entries: changed.entries, revisions: added, notBillable };
}

function latest(ticket: Ticket, revisions: readonly TimeEntryRevision[], entry: string): TimeEntryRevision {
  const current = currentEntries(revisions, Number.POSITIVE_INFINITY).find((r) => r.entry === entry);
  if (current === undefined) throw new DomainError('not_found', `case ${ticket.caseId} has no time entry ${entry}`);
  if (current.rev >= TIME_LIMITS.revisionsPerEntry)
    throw new DomainError('conflict', `time entry ${entry} has been changed ${TIME_LIMITS.revisionsPerEntry} times; log a new one`);
  return current;
}

function checkWhen(ticket: Ticket, at: number, now: number): void {
  if (at > now)
    throw new DomainError('validation_failed', 'time cannot be logged ahead', [{ path: 'at', message: 'must not be in the future' }]);
  if (at < ticket.createdAt)
    throw new DomainError('validation_failed', `case ${ticket.caseId} was opened at ${formatInstant(ticket.createdAt)}`, [
      { path: 'at', message: `must not be before the ticket was opened (${formatInstant(ticket.createdAt)})` },
    ]);
}

type FieldChange = readonly [field: string, from: string, to: string];

function changedFields(from: TimeEntryRevision, to: TimeEntryRevision): FieldChange[] {
  const shown = (r: TimeEntryRevision) => ({
    minutes: String(r.minutes),
    billable: String(r.billable),
    at: formatInstant(r.at),
    note: r.note ?? '',
  });
  const a = shown(from);
  const b = shown(to);
  return (Object.keys(a) as Array<keyof typeof a>).flatMap((field) =>
    a[field] === b[field] ? [] : [[field, a[field], b[field]] as const],
  );
}

/** `from.minutes: 30`, `to.minutes: 45`, … for each field that changed. */
function correctionStep(revision: TimeEntryRevision, changes: readonly FieldChange[], notBillable?: string): Step {
  return {
    type: 'time_corrected',
    detail: {
      entry: revision.entry,
      rev: String(revision.rev),
      ...Object.fromEntries(
        changes.flatMap(([field, from, to]) => [
          [`from.${field}`, from],
          [`to.${field}`, to],
        ]),
      ),
      ...(notBillable !== undefined && { notBillable }),
    },
  };
}

/** Where revisions are kept (the DynamoDB adapter: `functions/adapters/dynamo/time-entries.ts`). */
export interface TimeLedger {
  /** Every revision of a ticket's entries. */
  ofTicket(caseId: number): Promise<TimeEntryRevision[]>;
  /**
   * Writes the ticket change and its revisions if nobody changed the ticket since `expectedVersion`:
   * the ticket, its timeline and (up to a transaction's size) the revisions all or nothing; any
   * further revisions right after, each once (a retry or a second writer leaves one written as it is).
   */
  save(change: TimeChange, expectedVersion: number, idempotent?: IdempotentResponse): Promise<void>;
  /** An organisation's revisions recorded in `[start, end)`. */
  recordedIn(org: string, start: number, end: number): Promise<TimeEntryRevision[]>;
  /**
   * Queues each usage alert whose id was never queued, with a mark of its id that never expires
   * (the outbox's items do), so an alert goes out once per (org, period, threshold) for good.
   */
  queueAlerts(mails: readonly QueuedMail[]): Promise<void>;
  /** The statement issued for an organisation's closed period, if one was. */
  issued(org: string, period: string): Promise<UsageStatement | undefined>;
  /** Stores a closed statement unless one was issued for its period; answers the one that stands. */
  issue(statement: UsageStatement): Promise<UsageStatement>;
}
