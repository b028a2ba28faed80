/** The policy publisher's settings (see lib/config.ts). */

import * as z from 'zod/mini';
import { region, setting, tableName } from '../lib/config.ts';

export const policyPublisherEnvironment = z.object({
  TABLE_NAME: tableName,
  AWS_REGION: region,
  /** Its own name: a re-plan runs in asynchronous invocations of this function, each handing on what it did not finish. */
  PUBLISHER_FUNCTION_NAME: setting,
});
