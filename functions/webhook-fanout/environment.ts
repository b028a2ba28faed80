/** The webhook-fanout function's settings (see lib/config.ts). */

import * as z from 'zod/mini';
import { region, setting, tableName } from '../lib/config.ts';

export const webhookFanoutEnvironment = z.object({
  TABLE_NAME: tableName,
  AWS_REGION: region,
  /** The SQS queue that wakes webhook-sender for a delivery queue. */
  WEBHOOK_QUEUE_URL: setting,
});
