/** The webhook-sender function's settings (see lib/config.ts). */

import * as z from 'zod/mini';
import { region, setting, supportAddress, tableName } from '../lib/config.ts';

export const webhookSenderEnvironment = z.object({
  TABLE_NAME: tableName,
  AWS_REGION: region,
  /** The SQS queue it consumes, and sends its own delayed wake-ups to (retries, queues waiting for their turn). */
  WEBHOOK_QUEUE_URL: setting,
  /** The sender of the e-mail that tells an owner their endpoint was paused. */
  SUPPORT_ADDRESS: supportAddress,
});
