/**
 * SLA_FAULTS: makes AWS calls fail at a given rate, seeded (SLA_FAULTS_SEED) so a run repeats.
 * Half the faults strike before the call (throttling: nothing happened), half after it succeeded
 * (the response is lost: it happened, the caller thinks it did not). On real SDK clients the fault
 * sits inside the SDK's retry loop, as a network fault would; on the Scheduler and SNS stand-ins it
 * surfaces to the caller, whose own retries (Scheduler's retry policy, the stream's) must cope.
 */

import { intercept } from './intercept.ts';

export class FaultInjector {
  injected = 0;
  /**
   * Deliveries (an SMS and an e-mail for a page, an e-mail for a notice) that reached subscribers
   * although the publisher saw a failure: the one acceptable source of duplicates.
   */
  deliveriesWithLostResponse = 0;
  private readonly random: () => number;

  constructor(
    private readonly rate: number,
    seed: number,
  ) {
    this.random = xorshift32(seed);
  }

  /** The `wrap` hook of the local runtime; on SDK clients the fault sits inside the SDK's retry loop. */
  wrap = <C extends { send: (...args: never[]) => unknown }>(service: string, client: C): C =>
    this.rate <= 0 ? client : intercept(client, 'finalizeRequest', 'injectFaults', (command, call) => this.around(service, command, call));

  private async around<T>(service: string, command: unknown, call: () => Promise<T>): Promise<T> {
    const roll = this.random();
    if (roll >= this.rate) return call();
    this.injected++;
    if (roll < this.rate / 2) throw transient('ThrottlingException', `injected fault: ${service} throttled`, true);
    await call();
    if (service === 'sns') this.deliveriesWithLostResponse += deliveriesIn(command);
    throw transient('TimeoutError', `injected fault: ${service} response lost`, false);
  }
}

/** xorshift32: a small, fast, seeded source of numbers in [0, 1), so a run can be repeated. */
export function xorshift32(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}

/** How many messages a PublishCommand delivers locally: SMS and e-mail for a page, e-mail otherwise. */
function deliveriesIn(command: unknown): number {
  const attributes = (command as { input?: { MessageAttributes?: Record<string, { StringValue?: string }> } }).input?.MessageAttributes;
  return attributes?.delivery?.StringValue === 'page' ? 2 : 1;
}

function transient(name: string, message: string, throttling: boolean): Error {
  return Object.assign(new Error(message), {
    name,
    $metadata: { httpStatusCode: throttling ? 400 : undefined },
    $retryable: { throttling },
  });
}

/**
 * The SDK's retry contract with millisecond backoff, for local runs with injected faults: the
 * standard strategy's real back-off (100 ms–20 s) would make a simulated week take hours.
 * Same decisions as the standard strategy (client errors are not retried), shorter waits.
 */
export function quickRetries(maxAttempts = 4) {
  const token = (count: number) => ({ getRetryCount: () => count, getRetryDelay: () => 2 * count, getRetryTokenCount: () => 0 });
  return {
    mode: 'standard' as const,
    acquireInitialRetryToken: async () => token(0),
    refreshRetryTokenForRetry: async (previous: ReturnType<typeof token>, info: { errorType: string }) => {
      if (info.errorType === 'CLIENT_ERROR' || previous.getRetryCount() + 1 >= maxAttempts) throw new Error('no more retries');
      return token(previous.getRetryCount() + 1);
    },
    recordSuccess: () => {},
  };
}
