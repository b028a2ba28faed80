/** The notify function's settings (see lib/config.ts). */

import * as z from 'zod/mini';
import { region, setting, tableName } from '../lib/config.ts';

export const notifyEnvironment = z.object({
  TABLE_NAME: tableName,
  AWS_REGION: region,
  /** The topic ARN of a role is this prefix + the role id. */
  ROLE_TOPIC_ARN_PREFIX: setting,
});
