/**
 * Re-planning a policy's open tickets after a version changed a calendar: the open tickets are
 * walked through the policy's work-queue index (every version's, open and pending), a batch at a
 * time; each is written through the normal path (a ticket write conditional on its version, so
 * schedule-sync converges its schedules from the stream), a ticket written meanwhile is read again
 * and retried. The progress item keeps the cursor after each batch and is saved over the revision
 * read, so a crash resumes where the last batch ended and two runners never both advance.
 */

import { DomainError } from '#shared/domain-error.ts';
import { type MovedDeadline, movedDeadlines } from '#shared/policies/policy-changes.ts';
import type { PolicyCatalog, PolicyStore, ReplanProgress, ReplanStarter } from '#shared/policies/policy-store.ts';
import { recalendar } from '#shared/policies/recalendar.ts';
import type { Policy } from '#shared/policy/policy.ts';
import type { Ticket } from '#shared/tickets/ticket.ts';
import type { TicketStore } from '#shared/tickets/ticket-store.ts';

/** Tickets read and written per batch (one Query page of the work-queue index). */
export const REPLAN_BATCH = 50;
/** Writes of one ticket before it counts as failed (each after reading it again). */
const ATTEMPTS = 4;
/**
 * A dry run looks at this many open tickets at most (`complete: false` beyond): 200 Query pages,
 * a few seconds, inside API Gateway's 30 s (about 1 s per 5,000 on DynamoDB Local: bench/replan.ts).
 */
export const DRY_RUN_MAX_TICKETS = 20_000;
const MAX_EXAMPLES = 10;

export interface ReplanDeps {
  readonly store: TicketStore;
  readonly policyStore: PolicyStore;
  readonly catalog: PolicyCatalog;
  readonly now: () => number;
  readonly log?: ((message: string, detail: Record<string, unknown>) => void) | undefined;
}

/** Each open ticket's own version with the calendars of `later` (built once per version). */
function underNewCalendars(catalog: PolicyCatalog, later: Policy) {
  const built = new Map<number, Promise<{ own: Policy; combined: Policy } | undefined>>();
  return (ticket: Ticket) => {
    let entry = built.get(ticket.sla.policyVersion);
    if (entry === undefined) {
      entry = catalog
        .version(ticket.sla.policyId, ticket.sla.policyVersion)
        .then((own) => own && { own, combined: own.withCalendarsOf(later) });
      built.set(ticket.sla.policyVersion, entry);
    }
    return entry;
  };
}

/** The dry run's count: open tickets of `after`'s policy whose deadlines its calendars would move, with a few examples. */
export async function openTicketMoves(
  deps: { readonly store: TicketStore; readonly policies?: PolicyCatalog | undefined },
  after: Policy,
  catalog: PolicyCatalog,
) {
  const policyOf = underNewCalendars(catalog, after);
  const examples: Array<MovedDeadline & { caseId: number; org: string }> = [];
  let examined = 0;
  let moved = 0;
  let cursor: string | undefined;
  do {
    const page = await deps.store.queue(after.id, { cursor, limit: 100 });
    for (const ticket of page.items) {
      if ((ticket.sla.calendarsVersion ?? ticket.sla.policyVersion) >= after.version) continue;
      const policies = await policyOf(ticket);
      if (policies === undefined) continue;
      examined++;
      const moves = movedDeadlines(ticket, policies.combined, after.version);
      if (moves.length === 0) continue;
      moved++;
      if (examples.length < MAX_EXAMPLES) examples.push({ caseId: ticket.caseId, org: ticket.org, ...(moves[0] as MovedDeadline) });
    }
    cursor = page.cursor;
  } while (cursor !== undefined && examined < DRY_RUN_MAX_TICKETS);
  return { examined, moved, complete: cursor === undefined, examples };
}

/**
 * Runs the re-plan of version `version` from where its progress stands, a batch at a time, until
 * it is done or `stop()` says the time is up (then it returns the progress so far, still running).
 */
export async function runReplan(
  deps: ReplanDeps,
  id: string,
  version: number,
  stop: () => boolean = () => false,
  batch = REPLAN_BATCH,
): Promise<ReplanProgress | undefined> {
  let progress = await deps.policyStore.replan(id, version);
  const later = await deps.catalog.version(id, version);
  if (progress === undefined || later === undefined) return progress;
  const policyOf = underNewCalendars(deps.catalog, later);
  while (progress.state === 'running') {
    const page = await deps.store.queue(id, { cursor: progress.cursor, limit: batch });
    // A batch's tickets are written side by side (each its own conditional write).
    const outcomes = await Promise.all(page.items.map((listed) => replanOne(deps, listed, later, policyOf)));
    // A ticket re-planned earlier in this run may be met again (its next due time moved it later in
    // the work order): it was counted then.
    const examined = outcomes.filter((outcome) => outcome !== 'done-before').length;
    const replanned = outcomes.filter((outcome) => outcome === 'replanned').length;
    const failed = outcomes.filter((outcome) => outcome === 'failed').length;
    const now = deps.now();
    const next: ReplanProgress = {
      ...progress,
      examined: progress.examined + examined,
      replanned: progress.replanned + replanned,
      failed: progress.failed + failed,
      cursor: page.cursor,
      revision: progress.revision + 1,
      updatedAt: now,
      ...(page.cursor === undefined && { state: 'done' as const, finishedAt: now }),
    };
    // Another runner saved first: it owns the re-plan (the tickets this batch wrote are skipped when met again).
    if (!(await deps.policyStore.saveReplan(next, progress.revision))) return deps.policyStore.replan(id, version);
    progress = next;
    if (stop()) break;
  }
  return progress;
}

async function replanOne(
  deps: ReplanDeps,
  listed: Ticket,
  later: Policy,
  policyOf: (ticket: Ticket) => Promise<{ own: Policy; combined: Policy } | undefined>,
): Promise<'replanned' | 'skipped' | 'done-before' | 'failed'> {
  if ((listed.sla.calendarsVersion ?? listed.sla.policyVersion) >= later.version) return 'done-before';
  let ticket: Ticket | undefined = listed;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    if (ticket === undefined || (ticket.status !== 'open' && ticket.status !== 'pending_customer')) return 'skipped';
    const policies = await policyOf(ticket);
    if (policies === undefined) return 'failed';
    const result = recalendar(ticket, policies.own, later, deps.now());
    if (result === undefined) return 'skipped';
    try {
      await deps.store.saveTicket(result.change, ticket.version);
      return 'replanned';
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'version_conflict')) throw error;
      ticket = await deps.store.getTicket(ticket.caseId);
    }
  }
  deps.log?.('re-plan: ticket kept changing, not re-planned', { caseId: listed.caseId, policy: later.id, version: later.version });
  return 'failed';
}

/**
 * Runs re-plans in this process: each `start` runs until done within `budgetMs` per call; what is
 * left is handed to `continueLater` (on AWS an asynchronous invocation of the publisher itself;
 * locally the next run of the same loop).
 */
export class BudgetedReplans implements ReplanStarter {
  constructor(
    private readonly deps: ReplanDeps,
    private readonly budgetMs: number,
    private readonly continueLater: (id: string, version: number) => Promise<void>,
    private readonly elapsed: () => number = performance.now.bind(performance),
  ) {}

  async start(id: string, version: number): Promise<void> {
    const started = this.elapsed();
    const progress = await runReplan(this.deps, id, version, () => this.elapsed() - started >= this.budgetMs);
    if (progress?.state === 'running') await this.continueLater(id, version);
  }
}
