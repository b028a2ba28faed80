/** The notify Lambda: EventBridge Scheduler invokes it with a deadline to carry out. */

import '../lib/zod-english.ts';
import { Logger } from '@aws-lambda-powertools/logger';
import { SNSClient } from '@aws-sdk/client-sns';
import middy from '@middy/core';
import * as z from 'zod/mini';
import { config, required } from '../lib/config.ts';
import { documentClient } from '../lib/dynamo-client.ts';
import { DynamoTicketStore } from '../lib/dynamo-ticket-store.ts';
import { SnsPager } from '../lib/sns-pager.ts';
import { type NotifyDeps, performDeadline } from './notify.ts';

const invocation = z.object({
  caseId: z.number().check(z.int()),
  deadlineId: z.string().check(z.minLength(1)),
  due: z.number(),
  version: z.number().check(z.int()),
});
const logger = new Logger({ serviceName: 'sla-escalator-notify' });

export function createNotifyHandler(deps: () => NotifyDeps) {
  return middy(async (event: unknown) => {
    const input = invocation.parse(event);
    const outcome = await performDeadline(input, deps());
    logger.info('deadline', { ...input, outcome });
    return { outcome };
  });
}

let defaults: NotifyDeps | undefined;

/** notify's production dependencies (also used by schedule-sync for deadlines due at once), built once per process. */
export function productionNotifyDeps(): NotifyDeps {
  defaults ??= {
    store: new DynamoTicketStore(documentClient(), config().TABLE_NAME),
    pager: new SnsPager(new SNSClient({ region: config().AWS_REGION }), required('ROLE_TOPIC_ARN_PREFIX')),
    now: Date.now,
    waitUntil: (instant) => new Promise((resolve) => setTimeout(resolve, Math.max(0, instant - Date.now()))),
  };
  return defaults;
}

export const handler = createNotifyHandler(productionNotifyDeps);
