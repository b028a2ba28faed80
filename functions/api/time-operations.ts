/**
 * Time entries on a ticket: staff log, correct and delete them (each a new revision, with its
 * timeline entry, written with the ticket); staff and the ticket's customers read them.
 */

import { currentEntries, type TimeEntryRevision } from '#shared/billing/time-entry.ts';
import { DomainError } from '#shared/domain-error.ts';
import type { Policy } from '#shared/policy/policy.ts';
import type { Ticket, TicketChange } from '#shared/tickets/ticket.ts';
import { billableAfterCategoryChange, correctTime, deleteTime, logTime, type TimeChange, timeSpent } from '#shared/tickets/time-log.ts';
import { formatInstant } from '#shared/time/instant.ts';
import { actorOf, type Principal } from '../lib/http/auth.ts';
import { viewFor } from './customer-view.ts';
import { type ApiDeps, type ApiRequest, type ApiResult, caseIdOf, type Operation, signedIn, validate, visible } from './operation.ts';
import type { RouteKey } from './routes.ts';
import { timeCorrectionBody, timeEntryBody, timeEntryPath } from './time-schemas.ts';
import { alertUsage, timeLedger } from './usage-operations.ts';

/** How often a read-modify-write is retried when another writer got there first. */
const WRITE_ATTEMPTS = 5;

export const TIME_OPERATIONS = {
  'POST /tickets/{caseId}/time': async (request, deps) => {
    const input = validate(timeEntryBody(), request.body);
    const actor = actorOf(signedIn(request));
    return changeTime(
      request,
      deps,
      (ticket, policy, revisions, now) => logTime(ticket, policy, revisions, input, actor, now),
      entryAnswer(201),
    );
  },

  'GET /tickets/{caseId}/time': async (request, deps) => {
    const principal = signedIn(request);
    const caseId = caseIdOf(request);
    const ticket = visible(principal, caseId, await deps.store.getTicket(caseId));
    const revisions = await timeLedger(deps).ofTicket(caseId);
    const entries = currentEntries(revisions, Number.POSITIVE_INFINITY);
    return {
      status: 200,
      body: {
        caseId: ticket.caseId,
        entries: entries.map((entry) => timeEntryView(principal, entry)),
        totalMinutes: timeSpent(revisions, Number.POSITIVE_INFINITY),
        billableMinutes: entries.reduce((sum, e) => sum + (e.billable ? e.minutes : 0), 0),
      },
    };
  },

  'PATCH /tickets/{caseId}/time/{entry}': async (request, deps) => {
    const correction = validate(timeCorrectionBody(), request.body);
    const { entry } = validate(timeEntryPath(), request.params, 'path');
    const actor = actorOf(signedIn(request));
    return changeTime(
      request,
      deps,
      (ticket, policy, revisions, now) => correctTime(ticket, policy, revisions, entry, correction, actor, now),
      entryAnswer(200, entry),
    );
  },

  'DELETE /tickets/{caseId}/time/{entry}': async (request, deps) => {
    const { entry } = validate(timeEntryPath(), request.params, 'path');
    const actor = actorOf(signedIn(request));
    return changeTime(
      request,
      deps,
      (ticket, policy, revisions, now) => deleteTime(ticket, policy, revisions, entry, actor, now),
      () => ({ status: 204, body: undefined }),
    );
  },
} satisfies Partial<Record<RouteKey, Operation>>;

/**
 * `PATCH /tickets/{caseId}` with a category: the ticket change and, if the category is free, a
 * correction of each billable entry to non-billable (see `billableAfterCategoryChange`).
 */
export function recategorise(
  request: ApiRequest,
  deps: ApiDeps,
  update: (ticket: Ticket, policy: Policy, now: number) => TicketChange,
): Promise<ApiResult> {
  const actor = actorOf(signedIn(request));
  return changeTime(
    request,
    deps,
    (ticket, policy, revisions, now) => billableAfterCategoryChange(update(ticket, policy, now), policy, revisions, actor, now),
    (changed, principal, now) => ({ status: 200, body: viewFor(principal, changed.ticket, now, changed.entries) }),
  );
}

/** A time entry as the caller may see it: customers see what was done when, not who logged it or its revisions. */
export function timeEntryView(principal: Principal, revision: TimeEntryRevision) {
  const shown = {
    entry: revision.entry,
    minutes: revision.minutes,
    billable: revision.billable,
    at: formatInstant(revision.at),
    ...(revision.note !== undefined && { note: revision.note }),
  };
  if (principal.role === 'customer') return shown;
  return { ...shown, rev: revision.rev, by: revision.by, recordedAt: formatInstant(revision.recordedAt), tier: revision.tier };
}

type Answer = (changed: TimeChange, principal: Principal, now: number) => ApiResult;

/** The entry written (or, for a correction that changed nothing, the entry as it is), and why it is not billable if it asked to be. */
function entryAnswer(status: number, entry?: string): Answer {
  return (changed, principal) => {
    const revision = changed.revisions[0];
    if (revision === undefined) throw new DomainError('conflict', `time entry ${entry} already says that`);
    return {
      status,
      body: {
        ...timeEntryView(principal, revision),
        ticketMinutes: changed.ticket.timeMinutes ?? 0,
        ...(changed.notBillable !== undefined && { notBillable: changed.notBillable }),
      },
    };
  };
}

/**
 * The usage alerts after a write that is already stored: a failure is logged, not answered (a
 * retry without an idempotency key would log the time twice); the next entry queues what was missed.
 */
async function alertAfterWrite(deps: ApiDeps, org: string, now: number, written: readonly TimeEntryRevision[]): Promise<void> {
  try {
    await alertUsage(deps, org, now, written);
  } catch (error) {
    console.error(
      JSON.stringify({ message: 'usage alerts not queued', org, error: error instanceof Error ? error.message : String(error) }),
    );
  }
}

/**
 * Read the ticket and its revisions, change, write all of it on the ticket's version, retried on a
 * conflict; then the organisation's usage alerts for the open period.
 */
async function changeTime(
  request: ApiRequest,
  deps: ApiDeps,
  change: (ticket: Ticket, policy: Policy, revisions: readonly TimeEntryRevision[], now: number) => TimeChange,
  answer: Answer,
): Promise<ApiResult> {
  const principal = signedIn(request);
  const caseId = caseIdOf(request);
  const time = timeLedger(deps);
  for (let attempt = 1; ; attempt++) {
    const ticket = visible(principal, caseId, await deps.store.getTicket(caseId));
    const now = deps.now();
    const changed = change(ticket, await deps.policies.forTicket(ticket.sla), await time.ofTicket(caseId), now);
    const response = answer(changed, principal, now);
    if (changed.entries.length === 0) return response;
    try {
      await time.save(changed, ticket.version, request.remember(response.status, response.body));
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'version_conflict') || attempt >= WRITE_ATTEMPTS) throw error;
      continue;
    }
    if (changed.revisions.length > 0) await alertAfterWrite(deps, ticket.org, now, changed.revisions);
    return response;
  }
}
