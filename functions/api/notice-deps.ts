/** The notice routes' production wiring: the notices in the table, and reminders on EventBridge Scheduler when the settings are there. */

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod/mini';
import { DynamoNoticeStore } from '../adapters/dynamo/notices.ts';
import { contractsSchedules } from '../adapters/eventbridge-schedules.ts';
import { SchedulerNoticeReminders } from '../adapters/notice-reminders.ts';
import type { apiEnvironment } from './environment.ts';
import type { ApiDeps } from './operation.ts';

export function productionNoticeDeps(
  env: z.infer<typeof apiEnvironment>,
  documents: DynamoDBDocumentClient,
): Pick<ApiDeps, 'notices' | 'noticeReminders'> {
  const notices = new DynamoNoticeStore({ client: documents, table: env.TABLE_NAME, clock: Date.now });
  const schedules = contractsSchedules(env);
  return schedules === undefined ? { notices } : { notices, noticeReminders: new SchedulerNoticeReminders(schedules) };
}
