/** notify's production dependencies, from its environment. */

import { Logger } from '@aws-lambda-powertools/logger';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { documentClient } from '../adapters/dynamo/client.ts';
import { DynamoDirectory } from '../adapters/dynamo/directory.ts';
import { storedPolicyCatalog } from '../adapters/dynamo/policies.ts';
import { DynamoReplyCodes } from '../adapters/dynamo/reply-codes.ts';
import { DynamoSmsThrottle } from '../adapters/dynamo/sms-throttle.ts';
import { DynamoTicketStore } from '../adapters/dynamo/ticket-store.ts';
import { EventBridgeSchedules } from '../adapters/eventbridge-schedules.ts';
import { SesMailer } from '../adapters/ses-mailer.ts';
import { SnsPager } from '../adapters/sns-pager.ts';
import { SnsSmsSender } from '../adapters/sns-sms.ts';
import { parseEnvironment, type Variables } from '../lib/config.ts';
import { notifyEnvironment, ONCALL_SETTINGS } from './environment.ts';
import type { NotifyDeps } from './notify.ts';
import type { PeoplePaging } from './page-people.ts';

/** The ack-link keys, newest first, as the on-call secret holds them now (read through a cache). */
export type AckLinkKeys = () => Promise<readonly Uint8Array[]>;

export const logger = new Logger({ serviceName: 'sla-escalator-notify' });

/**
 * The dependencies of one invocation: built once per container, with the ack-link keys read when
 * a page signs a link (their source caches them), so a rotated key reaches warm containers.
 * Without the on-call settings every page goes to its role's topic.
 */
export function productionNotifyDeps(
  ackLinkKeys: ((secretArn: string) => AckLinkKeys) | undefined,
  variables: Variables = process.env,
): () => Promise<NotifyDeps> {
  const env = parseEnvironment(notifyEnvironment, variables);
  const documents = documentClient(env.AWS_REGION);
  const sns = new SNSClient({ region: env.AWS_REGION });
  const base: NotifyDeps = {
    store: new DynamoTicketStore(documents, env.TABLE_NAME),
    policies: storedPolicyCatalog({ client: documents, table: env.TABLE_NAME, clock: Date.now }),
    pager: new SnsPager(sns, env.ROLE_TOPIC_ARN_PREFIX),
    now: Date.now,
    waitUntil: (instant) => new Promise((resolve) => setTimeout(resolve, Math.max(0, instant - Date.now()))),
  };
  const missing = ONCALL_SETTINGS.filter((name) => env[name] === undefined);
  if (missing.length === ONCALL_SETTINGS.length) return async () => base;
  if (missing.length > 0) throw new Error(`invalid environment: pages to people need ${missing.join(', ')} as well`);
  if (ackLinkKeys === undefined) throw new Error('invalid environment: ONCALL_SECRET_ARN is set but notify has no reader for it');
  const setting = (name: (typeof ONCALL_SETTINGS)[number]) => env[name] as string;
  const table = { client: documents, table: env.TABLE_NAME, clock: Date.now };
  const people: PeoplePaging = {
    directory: new DynamoDirectory(table),
    replyCodes: new DynamoReplyCodes(table),
    throttle: new DynamoSmsThrottle(table),
    flushes: new EventBridgeSchedules(new SchedulerClient({ region: env.AWS_REGION }), {
      groupName: setting('SCHEDULE_GROUP'),
      targetArn: setting('NOTIFY_FUNCTION_ARN'),
      roleArn: setting('SCHEDULER_ROLE_ARN'),
      deadLetterArn: setting('SCHEDULER_DLQ_ARN'),
    }),
    sms: new SnsSmsSender(sns, setting('SMS_ORIGINATION_NUMBER')),
    mailer: new SesMailer(new SESv2Client({ region: env.AWS_REGION }), setting('SUPPORT_ADDRESS')),
    consoleUrl: setting('CONSOLE_URL').replace(/\/+$/, ''),
    smsAckLinks: env.SMS_ACK_LINKS === 'true',
    // Read per page that signs a link, not per invocation: topic pages and flushes never need the secret.
    ackLinkKeys: ackLinkKeys(setting('ONCALL_SECRET_ARN')),
    warn: (message, detail) => logger.warn(message, detail),
  };
  return async () => ({ ...base, people });
}
