/** Writes a role schedule straight into the table that its stored schema refuses, as a write from before the API checked whole schedules could have. */

import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../functions/adapters/dynamo/table-design.ts';
import type { TestTable } from './test-table.ts';

/**
 * `role`'s schedule: `from` on a daily rotation (from `day`), with two replacements of `from` by
 * `to` that overlap, the later-starting one first (the read fails at `overrides[0].start`).
 */
export async function storeCorruptSchedule(
  table: Pick<TestTable, 'documents' | 'name'>,
  role: string,
  { from, to, day }: { from: string; to: string; day: number },
): Promise<void> {
  const replace = (id: string, start: number, end: number) => ({ id, start, end, kind: 'replace', from, to });
  const rotation = { participants: [from], shift: { length: 1, unit: 'days' }, handoff: day, zone: 'UTC' };
  const schedule = { role, rotation, overrides: [replace('late', day + 10, day + 20), replace('early', day + 5, day + 15)] };
  await table.documents.send(
    new PutCommand({
      TableName: table.name,
      Item: { ...keys.schedule(role), ...keys.scheduleListed(role), itemType: 'schedule', schedule, version: 1, updatedAt: 1 },
    }),
  );
}
