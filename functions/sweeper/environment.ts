/** The sweeper function's settings (see lib/config.ts). */

import * as z from 'zod/mini';
import { region, setting, tableName } from '../lib/config.ts';

export const sweeperEnvironment = z.object({
  TABLE_NAME: tableName,
  AWS_REGION: region,
  /** Where overdue deadlines are handed again. */
  NOTIFY_FUNCTION_ARN: setting,
  /** Where stranded webhook delivery queues are woken again. */
  WEBHOOK_QUEUE_URL: setting,
  /** Where stalled re-plans of open tickets are resumed (the policy publisher's name). */
  PUBLISHER_FUNCTION_NAME: setting,
});
