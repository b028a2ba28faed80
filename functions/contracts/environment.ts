/** The contracts function's settings (see lib/config.ts). */

import * as z from 'zod/mini';
import { region, tableName } from '../lib/config.ts';

export const contractsEnvironment = z.object({
  TABLE_NAME: tableName,
  AWS_REGION: region,
  /** Who is reminded to run the quarterly tier reviews: e-mail addresses, comma-separated (cdk.json's `adminEmails`, else `opsEmail`). */
  TIER_REVIEW_ADMINS: z.pipe(
    z.string().check(z.minLength(3)),
    z.transform((list) =>
      list
        .split(',')
        .map((address) => address.trim())
        .filter((address) => address !== ''),
    ),
  ),
});
