/**
 * Per-organisation rate limits kept in the table: one item per (org, kind of request) holding the
 * bucket's `tat` (see shared/rate/token-bucket.ts), changed by a conditional UpdateItem.
 *
 * Why in the table and not API Gateway: HTTP APIs have no usage plans or API keys, and throttle
 * per stage and route only, never per client
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-vs-rest.html); a REST API's
 * usage plans would count per API key, not per organisation, and its JWT claims are not a key.
 *
 * One UpdateItem per admitted request, or one for all the requests of a process that wait on the
 * same bucket's write in flight (see `take`): its condition states which case the stored `tat` is in (a
 * full bucket: `tat <= now`, set `now + n tokens`; a partly used one: `now < tat <= latest`, add
 * them with `SET tat = tat + :tokens`, which update expressions allow:
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html).
 * The case is guessed from the `tat` this process saw last; a wrong guess fails the condition and
 * returns the stored item (`ReturnValuesOnConditionCheckFailure: ALL_OLD`, which consumes no read
 * capacity: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html),
 * from which the second attempt is exact. A request refused by a bucket this process already saw
 * empty costs no call at all (`tat` never moves backwards).
 */

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import {
  type Admission,
  admit,
  latestAdmissibleTat,
  RATE_ACTIONS,
  type RateAction,
  type RateLimit,
  type RateLimiter,
  type RateLimits,
  tokenMs,
} from '#shared/rate/token-bucket.ts';
import { parseDuration } from '#shared/time/duration.ts';
import { keys } from './table-design.ts';

/** The defaults per organisation: bursts a support customer never reaches, refilled over an hour. */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  tickets: { requests: 100, perMs: 3_600_000 },
  messages: { requests: 600, perMs: 3_600_000 },
  escalations: { requests: 20, perMs: 3_600_000 },
  // An SLA report reads every outcome of its range (up to 24 months): far more than a customer needs.
  reports: { requests: 60, perMs: 3_600_000 },
};

export const NO_RATE_LIMITS: RateLimits = { tickets: null, messages: null, escalations: null, reports: null };

/** A full attempt's budget: a wrong guess, then the exact case, then one more race with another writer. */
const ATTEMPTS = 3;

/** A request waiting for its bucket's write in flight, to go in the next one. */
interface Waiter {
  readonly now: number;
  readonly resolve: (admission: Admission) => void;
  readonly reject: (error: unknown) => void;
}

export class DynamoRateLimiter implements RateLimiter {
  /** The last `tat` this process saw per bucket: a lower bound of the stored one. */
  private readonly seen = new Map<string, number>();
  /** Per bucket with a write in flight: the requests that go in the next write. */
  private readonly waiting = new Map<string, Waiter[]>();

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly limits: RateLimits,
  ) {}

  /**
   * One token of the organisation's bucket. Requests for one bucket that arrive while its write is
   * on its way share the next write (n tokens in one UpdateItem), as the case-id counter does: a
   * process serving many requests (the local stack) pays one write per round trip, not one per
   * request. A Lambda instance serves one request at a time, so there each takes its own write.
   */
  async take(org: string, action: RateAction, now: number): Promise<Admission> {
    const limit = this.limits[action];
    if (limit === null) return { admitted: true, tat: now };
    const key = keys.rateBucket(org, action);
    const refused = admit(this.seen.get(key.PK), limit, now);
    if (!refused.admitted) return refused;
    const queue = this.waiting.get(key.PK);
    if (queue !== undefined) return new Promise((resolve, reject) => queue.push({ now, resolve, reject }));
    this.waiting.set(key.PK, []);
    try {
      return await this.takeTokens(key, limit, now, 1);
    } finally {
      void this.drain(key, limit);
    }
  }

  /** The waiting requests, a write at a time: all in one when the bucket holds them all, else one by one. */
  private async drain(key: { PK: string; SK: string }, limit: RateLimit): Promise<void> {
    for (let batch = this.next(key.PK); batch.length > 0; batch = this.next(key.PK)) {
      const now = Math.max(...batch.map((w) => w.now));
      try {
        const admission = batch.length > 1 ? await this.takeTokens(key, limit, now, batch.length) : undefined;
        if (admission?.admitted) {
          // The batch's tokens in the order its requests came: the last one ends at the stored tat.
          for (const [i, waiter] of batch.entries()) {
            waiter.resolve({ admitted: true, tat: admission.tat - (batch.length - 1 - i) * tokenMs(limit) });
          }
          continue;
        }
        for (const waiter of batch) waiter.resolve(await this.takeTokens(key, limit, waiter.now, 1));
      } catch (error) {
        for (const waiter of batch) waiter.reject(error);
      }
    }
    this.waiting.delete(key.PK);
  }

  private next(name: string): Waiter[] {
    const batch = this.waiting.get(name) ?? [];
    this.waiting.set(name, []);
    return batch;
  }

  /** `count` tokens in one conditional UpdateItem, or a refusal when the bucket does not hold them all. */
  private async takeTokens(key: { PK: string; SK: string }, limit: RateLimit, now: number, count: number): Promise<Admission> {
    const name = key.PK;
    for (let attempt = 1; ; attempt++) {
      const known = this.seen.get(name);
      const admission = admit(known, limit, now, count);
      if (!admission.admitted) return admission;
      const full = known === undefined || known <= now;
      try {
        const { Attributes } = await this.client.send(
          new UpdateCommand({
            TableName: this.table,
            Key: key,
            UpdateExpression: full
              ? 'SET tat = :next, expiresAt = :expires, itemType = :type'
              : 'SET tat = tat + :tokens, expiresAt = :expires, itemType = :type',
            ConditionExpression: full ? 'attribute_not_exists(tat) OR tat <= :now' : 'tat > :now AND tat <= :latest',
            ExpressionAttributeValues: {
              ':now': now,
              ':type': 'rate',
              ':expires': Math.ceil((now + limit.perMs) / 1000) + 60,
              ...(full
                ? { ':next': now + count * tokenMs(limit) }
                : { ':tokens': count * tokenMs(limit), ':latest': latestAdmissibleTat(limit, now, count) }),
            },
            ReturnValues: 'UPDATED_NEW',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        const tat = Number(Attributes?.tat);
        this.seen.set(name, tat);
        return { admitted: true, tat };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException) || attempt >= ATTEMPTS) throw error;
        const stored = error.Item === undefined ? undefined : Number(unmarshall(error.Item).tat);
        if (stored === undefined || Number.isNaN(stored)) this.seen.delete(name);
        else this.seen.set(name, stored);
      }
    }
  }
}

const LIMIT_TEXT = /^(off|\d{1,9}\/\w+)$/;

/**
 * Limits from a deployment's `RATE_LIMITS`: `tickets=100/1h,messages=600/1h,escalations=20/1h,reports=60/1h`,
 * any of them left out keeps its default, `name=off` lifts one, and `off` lifts all.
 */
export function parseRateLimits(text: string | undefined): RateLimits {
  if (text === undefined || text.trim() === '') return DEFAULT_RATE_LIMITS;
  if (text.trim() === 'off') return NO_RATE_LIMITS;
  const limits: Record<RateAction, RateLimits[RateAction]> = { ...DEFAULT_RATE_LIMITS };
  for (const part of text.split(',')) {
    const [name = '', value = ''] = part.trim().split('=');
    if (!(RATE_ACTIONS as readonly string[]).includes(name)) {
      throw new Error(`invalid environment: RATE_LIMITS: "${name}" is not one of ${RATE_ACTIONS.join(', ')}`);
    }
    const [requests, per = ''] = value.split('/');
    const perMs = parseDuration(per);
    if (value !== 'off' && (!LIMIT_TEXT.test(value) || Number(requests) < 1 || perMs === undefined || perMs <= 0)) {
      throw new Error(
        `invalid environment: RATE_LIMITS.${name}: expected "<requests>/<duration>" like "100/1h" (at least 1, longer than 0m), or "off"`,
      );
    }
    limits[name as RateAction] = value === 'off' ? null : { requests: Number(requests), perMs: perMs as number };
  }
  return limits;
}
