/** The api function's settings (see lib/config.ts). */

import * as z from 'zod/mini';
import { region, setting, tableName } from '../lib/config.ts';

export const apiEnvironment = z.object({
  TABLE_NAME: tableName,
  AWS_REGION: region,
  /** Per-organisation limits, `tickets=100/1h,messages=600/1h,escalations=20/1h` (the defaults) or `off` (see rate-limiter.ts). */
  RATE_LIMITS: z.optional(setting),
  /** The SQS queue that wakes webhook-sender (a replayed delivery is sent at once). */
  WEBHOOK_QUEUE_URL: setting,
});
