/** The schedule-sync function's settings (see lib/config.ts): it works from the stream's images, so it needs no table. */

import * as z from 'zod/mini';
import { region, setting } from '../lib/config.ts';

export const scheduleSyncEnvironment = z.object({
  AWS_REGION: region,
  /** Where the per-deadline schedules go. */
  SCHEDULE_GROUP: setting,
  /** What they invoke, and where deadlines due now are handed. */
  NOTIFY_FUNCTION_ARN: setting,
  /** The role Scheduler assumes to invoke notify, and the queue of invocations it could not deliver. */
  SCHEDULER_ROLE_ARN: setting,
  SCHEDULER_DLQ_ARN: setting,
});
