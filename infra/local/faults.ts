/**
 * SLA_FAULTS: makes AWS calls fail at a given rate, seeded (SLA_FAULTS_SEED) so a run repeats.
 * Half the faults strike before the call (throttling: nothing happened), half after it succeeded
 * (the response is lost: it happened, the caller thinks it did not). On real SDK clients the fault
 * sits inside the SDK's retry loop, as a network fault would; on the Scheduler and SNS stand-ins it
 * surfaces to the caller, whose own retries (Scheduler's retry policy, the stream's) must cope.
 */

export class FaultInjector {
  injected = 0;
  private state: number;

  constructor(
    private readonly rate: number,
    seed: number,
  ) {
    this.state = seed >>> 0 || 1;
  }

  /** The `wrap` hook of the local runtime. */
  wrap = <C extends { send: (...args: never[]) => unknown }>(service: string, client: C): C => {
    if (this.rate <= 0) return client;
    const stack = (client as { middlewareStack?: { add: (m: unknown, o: unknown) => void } }).middlewareStack;
    if (stack !== undefined) {
      stack.add((next: (args: unknown) => Promise<unknown>) => (args: unknown) => this.around(service, () => next(args)), {
        step: 'finalizeRequest',
        priority: 'low',
        name: 'injectFaults',
      });
      return client;
    }
    const send = client.send.bind(client) as (...args: unknown[]) => Promise<unknown>;
    client.send = ((...args: unknown[]) => this.around(service, () => send(...args))) as C['send'];
    return client;
  };

  private async around<T>(service: string, call: () => Promise<T>): Promise<T> {
    const roll = this.random();
    if (roll >= this.rate) return call();
    this.injected++;
    if (roll < this.rate / 2) throw transient('ThrottlingException', `injected fault: ${service} throttled`, true);
    await call();
    throw transient('TimeoutError', `injected fault: ${service} response lost`, false);
  }

  /** xorshift32: small, fast, seeded. */
  private random(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 4294967296;
  }
}

function transient(name: string, message: string, throttling: boolean): Error {
  return Object.assign(new Error(message), {
    name,
    $metadata: { httpStatusCode: throttling ? 400 : undefined },
    $retryable: { throttling },
  });
}
