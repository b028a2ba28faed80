/**
 * The sweeper: every few minutes it looks for tickets whose earliest pending deadline is overdue
 * by more than a grace period (their schedule was deleted, a stream record was lost, a hand-off
 * failed) and hands each overdue pending deadline to notify again. notify re-checks the ticket
 * and delivers each page once, so a deadline handed over twice is harmless; a lost one is late by
 * at most the sweep interval plus the grace, never lost. It also wakes webhook delivery queues
 * whose wake-up was lost (`WEBHOOK_STRANDED_AFTER_MS`), and resumes re-plans of open tickets
 * whose runner stopped (`REPLAN_STALLED_AFTER_MS`).
 */

import type { PolicyStore, ReplanStarter } from '#shared/policies/policy-store.ts';
import type { DeadlineHandoff } from '#shared/sla/ports.ts';
import type { DeadlineInvocation } from '#shared/sla/schedules.ts';
import type { Ticket } from '#shared/tickets/ticket.ts';
import type { DeliveryWakeups, WebhookStore } from '#shared/webhooks/ports.ts';
import { mirrorOptOuts, type OptOutMirrorDeps } from './opt-out-mirror.ts';

/** How often the sweeper runs (the recurring schedule on AWS, the local runtime's clock locally). */
export const SWEEP_INTERVAL_MS = 5 * 60_000;
/** A deadline counts as overdue once it is this late: its own schedule and notify's retries had their chance. */
export const SWEEP_GRACE_MS = 2 * 60_000;
/**
 * A webhook delivery queue counts as stranded once a pending delivery is this late: its wake-up
 * had its receives (5, 5 minutes apart) and went to the dead-letter queue, or was lost. Waking a
 * queue is harmless (a queue waiting behind a retry just waits on), so a stranded one is woken
 * again at every sweep until it moves.
 */
export const WEBHOOK_STRANDED_AFTER_MS = 30 * 60_000;

export interface OverdueTickets {
  /** Open tickets whose earliest pending deadline is due at or before `cutoff` (from the `due` index). */
  overdue(cutoff: number): Promise<Ticket[]>;
}

export interface SweepDeps {
  readonly tickets: OverdueTickets;
  readonly notify: DeadlineHandoff;
  readonly now: () => number;
  /** Webhook delivery queues whose wake-up was lost, woken again. */
  readonly webhooks?: { readonly store: Pick<WebhookStore, 'overdueQueues'>; readonly wakeups: DeliveryWakeups } | undefined;
  /** SNS's SMS opt-out list, mirrored into the directory (see opt-out-mirror.ts). */
  readonly optOuts?: OptOutMirrorDeps | undefined;
  /** Re-plans whose progress stopped moving, started again (on AWS: the policy publisher, asynchronously). */
  readonly replans?: { readonly store: Pick<PolicyStore, 'stalledReplans'>; readonly resume: ReplanStarter } | undefined;
  /** Where a failed mirror or resumption is reported: it never fails the sweep, whose deadlines come first. */
  readonly warn?: (message: string, detail: Record<string, unknown>) => void;
}

export interface SweepOutcome {
  readonly tickets: number;
  readonly handedOff: number;
  readonly webhookQueues: number;
  /** Directory numbers newly found on SNS's opt-out list. */
  readonly optedOut: number;
  /** Stalled re-plans started again. */
  readonly replansResumed: number;
}

export async function sweep(deps: SweepDeps): Promise<SweepOutcome> {
  const tickets = await deps.tickets.overdue(deps.now() - SWEEP_GRACE_MS);
  const invocations = overdueDeadlines(tickets, deps.now() - SWEEP_GRACE_MS);
  for (const invocation of invocations) await deps.notify.handOff(invocation);
  const stranded = deps.webhooks === undefined ? [] : await deps.webhooks.store.overdueQueues(deps.now() - WEBHOOK_STRANDED_AFTER_MS);
  if (stranded.length > 0) await deps.webhooks?.wakeups.wake(stranded);
  return {
    tickets: tickets.length,
    handedOff: invocations.length,
    webhookQueues: stranded.length,
    optedOut: await mirrored(deps),
    replansResumed: await resumedReplans(deps),
  };
}

/** Starts each stalled re-plan again; a run still alive after all just loses its next conditional save. */
async function resumedReplans(deps: SweepDeps): Promise<number> {
  if (deps.replans === undefined) return 0;
  let resumed = 0;
  try {
    for (const { id, version } of await deps.replans.store.stalledReplans(deps.now())) {
      await deps.replans.resume.start(id, version);
      resumed++;
    }
  } catch (error) {
    // The next sweep finds it again: a re-plan stays in the index until it is done.
    deps.warn?.('resuming a stalled re-plan failed', { error: String(error), resumed });
  }
  return resumed;
}

async function mirrored(deps: SweepDeps): Promise<number> {
  if (deps.optOuts === undefined) return 0;
  try {
    return await mirrorOptOuts(deps.optOuts, deps.now());
  } catch (error) {
    // Throttled or refused: the next sweep tries again.
    deps.warn?.('the SMS opt-out mirror failed', { error: String(error) });
    return 0;
  }
}

/** Every pending deadline of these tickets due at or before `cutoff`. */
export function overdueDeadlines(tickets: readonly Ticket[], cutoff: number): DeadlineInvocation[] {
  return tickets.flatMap((ticket) =>
    ticket.deadlines
      .filter((d) => d.state === 'pending' && d.due !== null && d.due <= cutoff)
      .map((d) => ({ caseId: ticket.caseId, deadlineId: d.id, due: d.due as number, version: ticket.version })),
  );
}
