/** The notice routes' production wiring: the notices in the table, and reminders on EventBridge Scheduler when the settings are there. */

import { SchedulerClient } from '@aws-sdk/client-scheduler';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod/mini';
import { DynamoNoticeStore } from '../adapters/dynamo/notices.ts';
import { EventBridgeSchedules } from '../adapters/eventbridge-schedules.ts';
import { SchedulerNoticeReminders } from '../adapters/notice-reminders.ts';
import type { apiEnvironment } from './environment.ts';
import type { ApiDeps } from './operation.ts';

export function productionNoticeDeps(
  env: z.infer<typeof apiEnvironment>,
  documents: DynamoDBDocumentClient,
): Pick<ApiDeps, 'notices' | 'noticeReminders'> {
  const { SCHEDULE_GROUP, CONTRACTS_FUNCTION_ARN, CONTRACTS_SCHEDULER_ROLE_ARN, SCHEDULER_DLQ_ARN } = env;
  const notices = new DynamoNoticeStore({ client: documents, table: env.TABLE_NAME, clock: Date.now });
  if (
    SCHEDULE_GROUP === undefined ||
    CONTRACTS_FUNCTION_ARN === undefined ||
    CONTRACTS_SCHEDULER_ROLE_ARN === undefined ||
    SCHEDULER_DLQ_ARN === undefined
  )
    return { notices };
  const schedules = new EventBridgeSchedules(new SchedulerClient({ region: env.AWS_REGION }), {
    groupName: SCHEDULE_GROUP,
    targetArn: CONTRACTS_FUNCTION_ARN,
    roleArn: CONTRACTS_SCHEDULER_ROLE_ARN,
    deadLetterArn: SCHEDULER_DLQ_ARN,
  });
  return { notices, noticeReminders: new SchedulerNoticeReminders(schedules) };
}
