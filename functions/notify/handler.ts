/** The notify Lambda: EventBridge Scheduler invokes it with a deadline to carry out, or with a number whose held SMS pages to flush. */

import '../lib/zod-english.ts';
import middy from '@middy/core';
import * as z from 'zod/mini';
import { entryPoint } from '../lib/config.ts';
import { productionOncallKeys } from '../lib/oncall-secret.ts';
import { flushHeldSms, type NotifyDeps, performDeadline } from './notify.ts';
import { logger, productionNotifyDeps } from './production-deps.ts';

const int = z.number().check(z.int());
const invocation = z.object({ caseId: int, deadlineId: z.string().check(z.minLength(1)), due: z.number(), version: int });
const flush = z.strictObject({ smsFlush: z.string().check(z.regex(/^\+[1-9][0-9]{6,14}$/, 'must be an E.164 number')) });

export function createNotifyHandler(deps: () => NotifyDeps | Promise<NotifyDeps>) {
  return middy(async (event: unknown) => {
    if (typeof event === 'object' && event !== null && 'smsFlush' in event) {
      const { smsFlush } = flush.parse(event);
      const flushed = await flushHeldSms(smsFlush, await deps());
      logger.info('sms flush', { sent: flushed.sent, dropped: flushed.dropped.map((page) => page.caseId) });
      return { flushed: flushed.sent.length };
    }
    const input = invocation.parse(event);
    const outcome = await performDeadline(input, await deps());
    logger.info('deadline', { ...input, outcome });
    return { outcome };
  });
}

// The ack-link keys from the on-call secret, through the Parameters and Secrets extension (lib/oncall-secret.ts).
export const handler = entryPoint(
  () =>
    productionNotifyDeps((secretArn) => {
      const keys = productionOncallKeys(secretArn);
      return async () => (await keys()).ackLinkKeys;
    }),
  (deps) => createNotifyHandler(() => deps()()),
);
