/** The outbound-mail function's settings (see lib/config.ts). */

import * as z from 'zod/mini';
import { region, supportAddress, tableName } from '../lib/config.ts';

export const outboundMailEnvironment = z.object({ TABLE_NAME: tableName, AWS_REGION: region, SUPPORT_ADDRESS: supportAddress });
