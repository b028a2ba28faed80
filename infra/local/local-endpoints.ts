/** The local stack's own endpoints: move a manual clock, read the outbox. Admins only (checked by the gateway). */

import * as z from 'zod/mini';
import { DomainError } from '#shared/domain-error.ts';
import { parseInstant } from '#shared/time/instant.ts';
import { validate } from '../../functions/api/operation.ts';
import { problem } from '../../functions/lib/http/problem.ts';
import type { LocalEndpoint } from './lib/api-gateway-server.ts';
import { type LocalClock, parseIsoDuration } from './lib/local-clock.ts';
import type { LocalRuntime } from './lib/local-runtime.ts';

/** `POST /_local/sms`: a text from a phone to the two-way number. */
const smsBody = z.strictObject({
  from: z.string().check(z.regex(/^\+[1-9]\d{1,14}$/, 'expected an E.164 number like "+4915112345678"')),
  text: z.string().check(z.maxLength(1600, 'at most 1600 characters')),
});

/**
 * `POST /_local/clock`, `GET /_local/outbox`, and notify's on-failure destination: `GET
 * /_local/failures` lists what Lambda parked after its retries, `POST /_local/redrive` queues it all
 * for notify again (what `sla redrive` does with the SQS queue on AWS). `POST /_local/sms` is a
 * text to the two-way number: it answers what sms-inbound did and texted back.
 */
export function localEndpoints(runtime: LocalRuntime, clock: LocalClock): LocalEndpoint {
  const json = (statusCode: number, body: unknown) => ({
    statusCode,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return async (method, path, body) => {
    if (method === 'GET' && path === '/_local/outbox') return json(200, { items: runtime.outbox.items });
    if (method === 'GET' && path === '/_local/failures') return json(200, { items: runtime.lambda.failures });
    if (method === 'POST' && path === '/_local/redrive') return json(200, { redriven: await runtime.redrive() });
    if (method === 'POST' && path === '/_local/clock') {
      const { advance, to } = (body ?? {}) as { advance?: unknown; to?: unknown };
      const step = typeof advance === 'string' ? parseIsoDuration(advance) : undefined;
      const target = typeof to === 'string' ? parseInstant(to) : step === undefined ? undefined : clock.now() + step;
      if (target === undefined) {
        return problem(400, 'give {"advance": an ISO-8601 duration like "PT2H"} or {"to": an ISO-8601 instant}');
      }
      if (clock.mode !== 'manual') return problem(409, 'the clock is real; start with SLA_CLOCK=manual to move it');
      if (target < clock.now()) return problem(409, `the clock is at ${new Date(clock.now()).toISOString()} and does not go back`);
      return json(200, { now: new Date(await runtime.advanceTo(target)).toISOString() });
    }
    if (method === 'POST' && path === '/_local/sms') {
      let sms: z.output<typeof smsBody>;
      try {
        sms = validate(smsBody, body ?? {});
      } catch (error) {
        if (error instanceof DomainError)
          return problem(400, 'give {"from": the sender\'s E.164 number, "text": what they texted}', error.errors);
        throw error;
      }
      return json(200, await runtime.receiveSms(sms.from, sms.text));
    }
    return problem(404, `no local route ${method} ${path}`);
  };
}
