/** The inbound-email function's settings (see lib/config.ts). */

import * as z from 'zod/mini';
import { region, setting, supportAddress, tableName } from '../lib/config.ts';

export const inboundEmailEnvironment = z.object({
  TABLE_NAME: tableName,
  AWS_REGION: region,
  /** Where SES stores the raw messages, under this prefix. */
  MAIL_BUCKET: setting,
  MAIL_PREFIX: z._default(z.string(), 'inbound/'),
  SUPPORT_ADDRESS: supportAddress,
  /** The largest raw message it reads, in bytes. */
  MAX_MAIL_BYTES: z._default(z.coerce.number().check(z.int(), z.positive()), 40 * 1024 * 1024),
});
