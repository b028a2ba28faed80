/**
 * `Idempotency-Key` on POST: a retry of a request that was carried out gets the first response
 * again (`idempotent-replayed: true`) instead of doing the work twice. The operation stores the
 * response with its write (`IdempotentResponse`), so a write and its record never part; this
 * middleware replays what was stored, and answers a request that lost the race to store first
 * with the winner's response.
 */

import { createHash } from 'node:crypto';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { IdempotencyRace, type IdempotentResponse, type TicketStore } from '#shared/tickets/ticket-store.ts';
import type { AuthenticatedContext } from './authenticate.ts';
import { HttpProblem, problem } from './problem.ts';

export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** Which stored response a request would replay, and the hash of its body that a replay must match. */
export type Idempotency = Pick<IdempotentResponse, 'scope' | 'requestHash'>;

/** What `idempotency` adds to the context: none for a request without a key, or other than a POST. */
export interface IdempotentContext extends AuthenticatedContext {
  idempotency: Idempotency | undefined;
}

/** Runs after `authenticate` (a key is scoped to its caller) and after the body was parsed (a bad body is reported first). */
export function idempotency(
  store: () => Pick<TicketStore, 'getIdempotentResponse'>,
): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, IdempotentContext> {
  return {
    before: async ({ event, context }) => {
      const key = event.headers?.['idempotency-key'];
      if (key !== undefined && !IDEMPOTENCY_KEY.test(key))
        throw new HttpProblem(400, 'Idempotency-Key must be 1 to 255 visible ASCII characters');
      const method = event.requestContext.http.method;
      context.idempotency =
        method === 'POST' && key !== undefined
          ? {
              scope: { principal: context.principal?.sub ?? 'anonymous', route: `${method} ${event.rawPath}`, key },
              requestHash: createHash('sha256')
                .update(event.body ?? '')
                .digest('base64url'),
            }
          : undefined;
      if (context.idempotency === undefined) return;
      const earlier = await store().getIdempotentResponse(context.idempotency.scope);
      if (earlier !== undefined) return replay(earlier, context.idempotency.requestHash);
    },
    onError: async (request) => {
      const { error, context } = request;
      if (!(error instanceof IdempotencyRace) || context.idempotency === undefined) return;
      let winner: IdempotentResponse | undefined;
      try {
        winner = await store().getIdempotentResponse(context.idempotency.scope);
      } catch (failure) {
        // An error thrown here would end middy's error chain and skip the problem mapping: hand it on.
        request.error = failure as Error;
        return;
      }
      if (winner === undefined) return problem(409, 'a request with this Idempotency-Key is still being processed');
      return replay(winner, context.idempotency.requestHash);
    },
  };
}

function replay(earlier: IdempotentResponse, requestHash: string): APIGatewayProxyStructuredResultV2 {
  if (earlier.requestHash !== requestHash) {
    return problem(422, 'this Idempotency-Key was already used with a different request body', [
      { path: 'Idempotency-Key', message: 'reuse a key only to retry the same request' },
    ]);
  }
  return {
    statusCode: earlier.status,
    headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' },
    body: JSON.stringify(earlier.body),
  };
}
