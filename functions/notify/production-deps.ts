/** notify's production dependencies, built once per process. */

import { SNSClient } from '@aws-sdk/client-sns';
import { config, required } from '../lib/config.ts';
import { documentClient } from '../lib/dynamo-client.ts';
import { DynamoTicketStore } from '../lib/dynamo-ticket-store.ts';
import { once } from '../lib/once.ts';
import { SnsPager } from '../lib/sns-pager.ts';
import type { NotifyDeps } from './notify.ts';

export const productionNotifyDeps = once(
  (): NotifyDeps => ({
    store: new DynamoTicketStore(documentClient(), config().TABLE_NAME),
    pager: new SnsPager(new SNSClient({ region: config().AWS_REGION }), required('ROLE_TOPIC_ARN_PREFIX')),
    now: Date.now,
    waitUntil: (instant) => new Promise((resolve) => setTimeout(resolve, Math.max(0, instant - Date.now()))),
  }),
);
