/**
 * Converges EventBridge schedules on the table's stream. On every ticket change it ensures that
 * every schedule the new image wants exists (a create of an existing name is a no-op), so a
 * record that never arrived is made good by the ticket's next change; schedules the old image
 * wanted and the new one does not are deleted. A deadline that this change makes due within a
 * minute (or already past) is handed to notify asynchronously, never carried out here: the stream
 * is consumed in order, and one ticket's deadlines must not hold up another's.
 */

import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { DeadlineHandoff, DeadlineScheduler } from '#shared/sla/ports.ts';
import { converge, desiredSchedules, RUN_NOW_WITHIN_MS } from '#shared/sla/schedules.ts';
import { ticketItem } from '../adapters/dynamo/stored-items.ts';
import { keys } from '../adapters/dynamo/table-design.ts';

export interface SyncDeps {
  readonly scheduler: DeadlineScheduler;
  /** notify, invoked asynchronously. */
  readonly notify: DeadlineHandoff;
  readonly now: () => number;
}

export async function syncRecord(record: DynamoDBRecord, deps: SyncDeps): Promise<void> {
  const key = record.dynamodb?.Keys;
  if (key?.SK?.S !== keys.ticket(0).SK) return;
  const before = ticketOf(record.dynamodb?.OldImage);
  const after = ticketOf(record.dynamodb?.NewImage);
  const wanted = after === undefined ? [] : desiredSchedules(after);
  const { create, remove } = converge(before === undefined ? [] : desiredSchedules(before), wanted);
  const isNew = new Set(create.map((s) => s.name));
  // Each call names its own schedule (creates and removes are idempotent by name, and never name
  // the same one), so they go out together: a record costs one round trip, not one per deadline.
  // CreateSchedule allows 5,000 per second in the main Regions, 250 elsewhere (the SDK retries a
  // throttle): https://docs.aws.amazon.com/scheduler/latest/UserGuide/scheduler-quotas.html
  await Promise.all([
    ...remove.map((schedule) => deps.scheduler.remove(schedule.name)),
    ...wanted.map((schedule) => {
      const invocation = { caseId: schedule.caseId, deadlineId: schedule.deadlineId, due: schedule.due, version: after?.version ?? 0 };
      if (schedule.due > deps.now() + RUN_NOW_WITHIN_MS) return deps.scheduler.create(schedule, invocation.version);
      // Due now and new with this change: notify's turn (it waits until `due` if early). One that was
      // already due before this change was handed over then; if that got lost, the sweeper finds it.
      if (isNew.has(schedule.name)) return deps.notify.handOff(invocation);
      return undefined;
    }),
  ]);
}

function ticketOf(image: Record<string, unknown> | undefined) {
  if (image === undefined) return undefined;
  return ticketItem().parse(unmarshall(image as Record<string, AttributeValue>));
}
