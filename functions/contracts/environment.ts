/** The contracts function's settings (see lib/config.ts). */

import * as z from 'zod/mini';
import { region, tableName } from '../lib/config.ts';

export const contractsEnvironment = z.object({
  TABLE_NAME: tableName,
  AWS_REGION: region,
});
