/**
 * Converges EventBridge schedules on the table's stream: for each ticket change, the schedules
 * the new image wants minus those the old image wanted are created, the reverse deleted; a
 * deadline due within a minute (or already past) is carried out at once instead.
 */

import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { DeadlineScheduler } from '#shared/sla/ports.ts';
import { converge, type DeadlineInvocation, desiredSchedules, RUN_NOW_WITHIN_MS, scheduleName } from '#shared/sla/schedules.ts';
import { ticketItem } from '../lib/stored-items.ts';
import { keys } from '../lib/table-design.ts';

export interface SyncDeps {
  readonly scheduler: DeadlineScheduler;
  /** Carries out a deadline now (the notify logic, in this process). */
  readonly runNow: (invocation: DeadlineInvocation) => Promise<unknown>;
  readonly now: () => number;
  readonly onRunNowFailure?: (error: unknown, invocation: DeadlineInvocation) => void;
}

export async function syncRecord(record: DynamoDBRecord, deps: SyncDeps): Promise<void> {
  const key = record.dynamodb?.Keys;
  if (key?.SK?.S !== keys.ticket(0).SK) return;
  const before = ticketOf(record.dynamodb?.OldImage);
  const after = ticketOf(record.dynamodb?.NewImage);
  const { create, remove } = converge(
    before === undefined ? [] : desiredSchedules(before),
    after === undefined ? [] : desiredSchedules(after),
  );
  for (const schedule of remove) await deps.scheduler.remove(schedule.name);
  for (const schedule of create) {
    const invocation = { caseId: schedule.caseId, deadlineId: schedule.deadlineId, due: schedule.due, version: after?.version ?? 0 };
    if (schedule.due > deps.now() + RUN_NOW_WITHIN_MS) {
      await deps.scheduler.create(schedule, invocation.version);
      continue;
    }
    const failure = await attempt(() => deps.runNow(invocation), RUN_NOW_ATTEMPTS);
    if (failure !== undefined) {
      // Do not hold up the stream for one deadline: the Scheduler retries it a minute from now
      // (with its retry policy and dead-letter queue), and notify re-checks that it is still due.
      const retryAt = deps.now() + RUN_NOW_WITHIN_MS;
      deps.onRunNowFailure?.(failure.error, invocation);
      await deps.scheduler.create(
        { ...schedule, name: scheduleName(schedule.caseId, schedule.deadlineId, retryAt), due: retryAt },
        invocation.version,
      );
    }
  }
}

/** How often a deadline due now is tried in place before it is handed to the Scheduler. */
const RUN_NOW_ATTEMPTS = 5;

async function attempt(work: () => Promise<unknown>, times: number): Promise<{ error: unknown } | undefined> {
  let last: unknown;
  for (let i = 0; i < times; i++) {
    try {
      await work();
      return undefined;
    } catch (error) {
      last = error;
    }
  }
  return { error: last };
}

function ticketOf(image: Record<string, unknown> | undefined) {
  if (image === undefined) return undefined;
  return ticketItem().parse(unmarshall(image as Record<string, AttributeValue>));
}
