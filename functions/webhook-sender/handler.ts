/**
 * The webhook-sender Lambda, fed by the wake-up queue (SQS event source, ReportBatchItemFailures).
 * A batch's wake-ups run side by side, so one slow receiver does not hold up the others in it; a
 * failed one is reported and comes back after the visibility timeout (after a few receives, it goes
 * to the dead-letter queue). A message that is not a wake-up is logged and dropped: retrying it
 * could never succeed.
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
 */

import { Logger } from '@aws-lambda-powertools/logger';
import { SQSClient } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { documentClient } from '../adapters/dynamo/client.ts';
import { DynamoWebhookStore } from '../adapters/dynamo/webhooks.ts';
import { supportMailbox } from '../adapters/ses-mailer.ts';
import { SqsWakeups } from '../adapters/sqs-wakeups.ts';
import { HttpWebhookCaller } from '../adapters/webhook-caller.ts';
import { entryPoint, parseEnvironment } from '../lib/config.ts';
import { once } from '../lib/once.ts';
import { webhookSenderEnvironment } from './environment.ts';
import { handleWakeUp, type SenderDeps } from './send-deliveries.ts';

const logger = once(() => new Logger({ serviceName: 'sla-escalator-webhook-sender' }));

const wakeUpMessage = once(() =>
  z.strictObject({
    endpointId: z.string().check(z.maxLength(100)),
    caseId: z.number().check(z.int(), z.positive()),
    wake: z.optional(z.number().check(z.int())),
    busy: z.optional(z.number().check(z.int(), z.nonnegative())),
  }),
);

export function createWebhookSenderHandler(deps: () => SenderDeps) {
  return middy(async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    // Lambda's own clock of the invocation; the local stack's context has none (and no timeout).
    const remainingMs = typeof context?.getRemainingTimeInMillis === 'function' ? () => context.getRemainingTimeInMillis() : undefined;
    const outcomes = await Promise.all(
      event.Records.map(async (record) => {
        let body: unknown;
        try {
          body = JSON.parse(record.body);
        } catch {
          body = undefined;
        }
        const wakeUp = wakeUpMessage().safeParse(body);
        if (!wakeUp.success) {
          logger().error('not a wake-up; dropped', { messageId: record.messageId });
          return undefined;
        }
        try {
          await handleWakeUp(wakeUp.data, deps(), remainingMs);
          return undefined;
        } catch (error) {
          logger().error('wake-up failed; SQS sends it again', { error, messageId: record.messageId, ...wakeUp.data });
          return record.messageId;
        }
      }),
    );
    return { batchItemFailures: outcomes.filter((id) => id !== undefined).map((itemIdentifier) => ({ itemIdentifier })) };
  });
}

function productionDeps(): SenderDeps {
  const env = parseEnvironment(webhookSenderEnvironment);
  return {
    webhooks: new DynamoWebhookStore({ client: documentClient(env.AWS_REGION), table: env.TABLE_NAME, clock: Date.now }),
    wakeups: new SqsWakeups(new SQSClient({ region: env.AWS_REGION }), env.WEBHOOK_QUEUE_URL),
    caller: new HttpWebhookCaller({ allowLoopbackHttp: false }),
    mailer: supportMailbox(env.AWS_REGION, env.SUPPORT_ADDRESS).mailer,
    now: Date.now,
  };
}

export const handler = entryPoint(productionDeps, createWebhookSenderHandler);
