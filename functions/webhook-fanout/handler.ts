/** The webhook-fanout Lambda, a third consumer of the table's stream (ReportBatchItemFailures). */

import { SQSClient } from '@aws-sdk/client-sqs';
import { documentClient } from '../adapters/dynamo/client.ts';
import { storedPolicyCatalog } from '../adapters/dynamo/policies.ts';
import { DynamoTicketStore } from '../adapters/dynamo/ticket-store.ts';
import { DynamoWebhookStore } from '../adapters/dynamo/webhooks.ts';
import { SqsWakeups } from '../adapters/sqs-wakeups.ts';
import { entryPoint, parseEnvironment } from '../lib/config.ts';
import { batchConsumer } from '../lib/stream-batch.ts';
import { webhookFanoutEnvironment } from './environment.ts';
import { type FanoutDeps, fanOutBatch } from './fanout.ts';

export function createWebhookFanoutHandler(deps: () => FanoutDeps) {
  return batchConsumer('sla-escalator-webhook-fanout', 'webhook fan-out failed; retrying from it', (event, onError) =>
    fanOutBatch(event, deps(), onError),
  );
}

function productionDeps(): FanoutDeps {
  const env = parseEnvironment(webhookFanoutEnvironment);
  const documents = documentClient(env.AWS_REGION);
  return {
    tickets: new DynamoTicketStore(documents, env.TABLE_NAME),
    policies: storedPolicyCatalog({ client: documents, table: env.TABLE_NAME, clock: Date.now }),
    webhooks: new DynamoWebhookStore({ client: documents, table: env.TABLE_NAME, clock: Date.now }),
    wakeups: new SqsWakeups(new SQSClient({ region: env.AWS_REGION }), env.WEBHOOK_QUEUE_URL),
    now: Date.now,
  };
}

export const handler = entryPoint(productionDeps, createWebhookFanoutHandler);
