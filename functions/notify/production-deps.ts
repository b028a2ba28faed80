/** notify's production dependencies, from its environment. */

import { SNSClient } from '@aws-sdk/client-sns';
import { documentClient } from '../adapters/dynamo/client.ts';
import { DynamoTicketStore } from '../adapters/dynamo/ticket-store.ts';
import { SnsPager } from '../adapters/sns-pager.ts';
import { parseEnvironment } from '../lib/config.ts';
import { notifyEnvironment } from './environment.ts';
import type { NotifyDeps } from './notify.ts';

export function productionNotifyDeps(): NotifyDeps {
  const env = parseEnvironment(notifyEnvironment);
  return {
    store: new DynamoTicketStore(documentClient(env.AWS_REGION), env.TABLE_NAME),
    pager: new SnsPager(new SNSClient({ region: env.AWS_REGION }), env.ROLE_TOPIC_ARN_PREFIX),
    now: Date.now,
    waitUntil: (instant) => new Promise((resolve) => setTimeout(resolve, Math.max(0, instant - Date.now()))),
  };
}
