/** The sweeper Lambda, run every 5 minutes by a recurring schedule (see sweeper.ts). */

import { Logger } from '@aws-lambda-powertools/logger';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import { documentClient } from '../adapters/dynamo/client.ts';
import { DynamoDirectory } from '../adapters/dynamo/directory.ts';
import { DynamoDueIndex } from '../adapters/dynamo/due-index.ts';
import { DynamoPolicyStore } from '../adapters/dynamo/policies.ts';
import { DynamoWebhookStore } from '../adapters/dynamo/webhooks.ts';
import { LambdaHandoff, LambdaReplans } from '../adapters/lambda-handoff.ts';
import { optedOutNumbers } from '../adapters/sns-opt-outs.ts';
import { SqsWakeups } from '../adapters/sqs-wakeups.ts';
import { entryPoint, parseEnvironment } from '../lib/config.ts';
import { sweeperEnvironment } from './environment.ts';
import { type SweepDeps, sweep } from './sweeper.ts';

const logger = new Logger({ serviceName: 'sla-escalator-sweeper' });

export function createSweeperHandler(deps: () => SweepDeps) {
  return middy(async () => {
    const outcome = await sweep(deps());
    if (outcome.handedOff > 0 || outcome.webhookQueues > 0 || outcome.optedOut > 0 || outcome.replansResumed > 0)
      logger.warn(
        'overdue deadlines handed to notify again, stranded webhook queues woken, opted-out numbers mirrored, stalled re-plans resumed',
        {
          ...outcome,
        },
      );
    return outcome;
  });
}

function productionDeps(): SweepDeps {
  const env = parseEnvironment(sweeperEnvironment);
  const documents = documentClient(env.AWS_REGION);
  const sns = new SNSClient({ region: env.AWS_REGION });
  const lambda = new LambdaClient({ region: env.AWS_REGION });
  return {
    tickets: new DynamoDueIndex(documents, env.TABLE_NAME),
    notify: new LambdaHandoff(lambda, env.NOTIFY_FUNCTION_ARN),
    now: Date.now,
    webhooks: {
      store: new DynamoWebhookStore({ client: documents, table: env.TABLE_NAME, clock: Date.now }),
      wakeups: new SqsWakeups(new SQSClient({ region: env.AWS_REGION }), env.WEBHOOK_QUEUE_URL),
    },
    optOuts: {
      optedOut: () => optedOutNumbers(sns),
      directory: new DynamoDirectory({ client: documents, table: env.TABLE_NAME, clock: Date.now }),
    },
    replans: {
      store: new DynamoPolicyStore({ client: documents, table: env.TABLE_NAME, clock: Date.now }),
      resume: new LambdaReplans(lambda, env.PUBLISHER_FUNCTION_NAME),
    },
    warn: (message, detail) => logger.warn(message, detail),
  };
}

export const handler = entryPoint(productionDeps, createSweeperHandler);
