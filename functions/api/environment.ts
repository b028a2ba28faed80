/** The api function's settings (see lib/config.ts). */

import * as z from 'zod/mini';
import { originationNumber, region, setting, tableName } from '../lib/config.ts';

export const apiEnvironment = z.object({
  TABLE_NAME: tableName,
  AWS_REGION: region,
  /** Per-organisation limits, `tickets=100/1h,messages=600/1h,escalations=20/1h,reports=60/1h` (the defaults) or `off` (see rate-limiter.ts). */
  RATE_LIMITS: z.optional(setting),
  /** The SQS queue that wakes webhook-sender (a replayed delivery is sent at once). */
  WEBHOOK_QUEUE_URL: setting,
  /** The on-call secret (ack links, verification codes); without it the ack and verification routes answer 500. */
  ONCALL_SECRET_ARN: z.optional(setting),
  /** The two-way number verification codes are texted from; without it verification answers 500. */
  SMS_ORIGINATION_NUMBER: z.optional(originationNumber),
  /**
   * Notice reminders (infra/aws/contracts.ts): the schedule group, the contracts function, the
   * role Scheduler assumes to invoke it and the dead-letter queue; without them the notice routes answer 500.
   */
  SCHEDULE_GROUP: z.optional(setting),
  CONTRACTS_FUNCTION_ARN: z.optional(setting),
  CONTRACTS_SCHEDULER_ROLE_ARN: z.optional(setting),
  SCHEDULER_DLQ_ARN: z.optional(setting),
});
