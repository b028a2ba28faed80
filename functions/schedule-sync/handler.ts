/** The schedule-sync Lambda, on the table's stream (NEW_AND_OLD_IMAGES, ReportBatchItemFailures). */

import { LambdaClient } from '@aws-sdk/client-lambda';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { EventBridgeSchedules } from '../adapters/eventbridge-schedules.ts';
import { LambdaHandoff } from '../adapters/lambda-handoff.ts';
import { entryPoint, parseEnvironment } from '../lib/config.ts';
import { streamConsumer } from '../lib/stream-batch.ts';
import { scheduleSyncEnvironment } from './environment.ts';
import { type SyncDeps, syncRecord } from './schedule-sync.ts';

export function createScheduleSyncHandler(deps: () => SyncDeps) {
  return streamConsumer('sla-escalator-schedule-sync', 'record failed; retrying from it', (record) => syncRecord(record, deps()));
}

function productionDeps(): SyncDeps {
  const env = parseEnvironment(scheduleSyncEnvironment);
  return {
    scheduler: new EventBridgeSchedules(new SchedulerClient({ region: env.AWS_REGION }), {
      groupName: env.SCHEDULE_GROUP,
      targetArn: env.NOTIFY_FUNCTION_ARN,
      roleArn: env.SCHEDULER_ROLE_ARN,
      deadLetterArn: env.SCHEDULER_DLQ_ARN,
    }),
    notify: new LambdaHandoff(new LambdaClient({ region: env.AWS_REGION }), env.NOTIFY_FUNCTION_ARN),
    now: Date.now,
  };
}

export const handler = entryPoint(productionDeps, createScheduleSyncHandler);
