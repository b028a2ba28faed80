/** The notify function's settings (see lib/config.ts). */

import * as z from 'zod/mini';
import { originationNumber, region, setting, supportAddress, tableName } from '../lib/config.ts';

/**
 * Pages to people (see `production-deps.ts`): all of these, or none (then every page goes to its
 * role's topic, as before on-call).
 */
export const ONCALL_SETTINGS = [
  'ONCALL_SECRET_ARN',
  'CONSOLE_URL',
  'SMS_ORIGINATION_NUMBER',
  'SUPPORT_ADDRESS',
  'SCHEDULE_GROUP',
  'NOTIFY_FUNCTION_ARN',
  'SCHEDULER_ROLE_ARN',
  'SCHEDULER_DLQ_ARN',
] as const;

export const notifyEnvironment = z.object({
  TABLE_NAME: tableName,
  AWS_REGION: region,
  /** The topic ARN of a role is this prefix + the role id (a role with nobody on call is paged there). */
  ROLE_TOPIC_ARN_PREFIX: setting,
  /** The Secrets Manager secret of the on-call keys (ack links are signed with its newest key). */
  ONCALL_SECRET_ARN: z.optional(setting),
  /** The console's origin: a page's ack link is `${CONSOLE_URL}/ack/<token>`. */
  CONSOLE_URL: z.optional(z.url({ protocol: /^https?$/, error: 'CONSOLE_URL must be the console origin, https://…' })),
  /** The two-way number (E.164) SMS pages come from (SNS `AWS.MM.SMS.OriginationNumber`). */
  SMS_ORIGINATION_NUMBER: z.optional(originationNumber),
  /** Page e-mails come from the support address, like every mail we send. */
  SUPPORT_ADDRESS: z.optional(supportAddress),
  /** `true`: SMS pages also carry the ack link (then they may take two parts); by default one part with the reply code. */
  SMS_ACK_LINKS: z._default(z.enum(['true', 'false']), 'false'),
  /**
   * The flush schedules of held SMS pages: the Scheduler group, notify's own ARN (format it from
   * the function's name in CDK: its `functionArn` in its own environment would be a cycle), the
   * role Scheduler assumes and its dead-letter queue (schedule-sync's).
   */
  SCHEDULE_GROUP: z.optional(setting),
  NOTIFY_FUNCTION_ARN: z.optional(setting),
  SCHEDULER_ROLE_ARN: z.optional(setting),
  SCHEDULER_DLQ_ARN: z.optional(setting),
});
