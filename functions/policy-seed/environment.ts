/** The preset seeder's settings (see lib/config.ts). */

import * as z from 'zod/mini';
import { region, tableName } from '../lib/config.ts';

export const policySeedEnvironment = z.object({ TABLE_NAME: tableName, AWS_REGION: region });
