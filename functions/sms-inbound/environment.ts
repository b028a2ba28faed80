/** The sms-inbound function's settings (see lib/config.ts). */

import * as z from 'zod/mini';
import { originationNumber, region, tableName } from '../lib/config.ts';

export const smsInboundEnvironment = z.object({
  TABLE_NAME: tableName,
  AWS_REGION: region,
  /** The two-way number (E.164) that receives the replies and sends the answers. */
  SMS_ORIGINATION_NUMBER: originationNumber,
  /** `true` when the number has self-managed opt-outs (we answer STOP and HELP); by default AWS answers them. */
  SMS_SELF_MANAGED_OPT_OUTS: z._default(z.enum(['true', 'false']), 'false'),
});
