/** The notify Lambda: EventBridge Scheduler invokes it with a deadline to carry out. */

import '../lib/zod-english.ts';
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import * as z from 'zod/mini';
import { entryPoint } from '../lib/config.ts';
import { type NotifyDeps, performDeadline } from './notify.ts';
import { productionNotifyDeps } from './production-deps.ts';

const int = z.number().check(z.int());
const invocation = z.object({ caseId: int, deadlineId: z.string().check(z.minLength(1)), due: z.number(), version: int });
const logger = new Logger({ serviceName: 'sla-escalator-notify' });

export function createNotifyHandler(deps: () => NotifyDeps) {
  return middy(async (event: unknown) => {
    const input = invocation.parse(event);
    const outcome = await performDeadline(input, deps());
    logger.info('deadline', { ...input, outcome });
    return { outcome };
  });
}

export const handler = entryPoint(productionNotifyDeps, createNotifyHandler);
