/** The schedule-sync Lambda, on the table's stream (NEW_AND_OLD_IMAGES, ReportBatchItemFailures). */

import { Logger } from '@aws-lambda-powertools/logger';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import middy from '@middy/core';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { config, required } from '../lib/config.ts';
import { EventBridgeSchedules } from '../lib/eventbridge-schedules.ts';
import { LambdaHandoff } from '../lib/lambda-handoff.ts';
import { once } from '../lib/once.ts';
import { inOrder } from '../lib/stream-batch.ts';
import { type SyncDeps, syncRecord } from './schedule-sync.ts';

/** Only failures are logged, so the logger is built on the first one. */
const logger = once(() => new Logger({ serviceName: 'sla-escalator-schedule-sync' }));

export function createScheduleSyncHandler(deps: () => SyncDeps) {
  return middy(async (event: DynamoDBStreamEvent) =>
    inOrder(
      event,
      (record) => syncRecord(record, deps()),
      (error, record) => logger().error('record failed; retrying from it', { error, sequenceNumber: record.dynamodb?.SequenceNumber }),
    ),
  );
}

export const handler = createScheduleSyncHandler(
  once(
    (): SyncDeps => ({
      scheduler: new EventBridgeSchedules(new SchedulerClient({ region: config().AWS_REGION }), {
        groupName: required('SCHEDULE_GROUP'),
        targetArn: required('NOTIFY_FUNCTION_ARN'),
        roleArn: required('SCHEDULER_ROLE_ARN'),
        deadLetterArn: required('SCHEDULER_DLQ_ARN'),
      }),
      notify: new LambdaHandoff(new LambdaClient({ region: config().AWS_REGION }), required('NOTIFY_FUNCTION_ARN')),
      now: Date.now,
    }),
  ),
);
