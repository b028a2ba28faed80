/** The policy publisher's settings (see lib/config.ts). */

import * as z from 'zod/mini';
import { region, setting, tableName } from '../lib/config.ts';

export const policyPublisherEnvironment = z.object({
  TABLE_NAME: tableName,
  AWS_REGION: region,
  /** Its own name: a re-plan runs in asynchronous invocations of this function, each handing on what it did not finish. */
  PUBLISHER_FUNCTION_NAME: setting,
  /**
   * Where a published policy's tier review reminder is scheduled (infra/aws/contracts.ts): the
   * schedule group, the contracts function, the role Scheduler invokes it with, the dead-letter
   * queue. Without them no reminder is kept for published policies (the presets' come from the CDK app).
   */
  SCHEDULE_GROUP: z.optional(setting),
  CONTRACTS_FUNCTION_ARN: z.optional(setting),
  CONTRACTS_SCHEDULER_ROLE_ARN: z.optional(setting),
  SCHEDULER_DLQ_ARN: z.optional(setting),
});
