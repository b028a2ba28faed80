/**
 * Puts a function around every call an AWS client makes: as a middleware on real SDK clients (so
 * a document client built from them is covered too, and — at `finalizeRequest` — each SDK retry
 * attempt), or around `send` on the local stand-ins, which have no middleware stack. A stand-in is
 * not changed: the caller gets a wrapper with its own `send`, so the stand-in's own calls (the
 * local Scheduler invoking Lambda, which AWS does for us) stay outside what the wrapper injects.
 */

export type Around = (command: unknown, call: () => Promise<unknown>) => Promise<unknown>;

export function intercept<C extends { send: (...args: never[]) => unknown }>(
  client: C,
  step: 'initialize' | 'finalizeRequest',
  name: string,
  around: Around,
): C {
  const stack = (client as { middlewareStack?: { add: (m: unknown, o: unknown) => void } }).middlewareStack;
  if (stack !== undefined) {
    stack.add((next: (args: unknown) => Promise<unknown>) => (args: unknown) => around(undefined, () => next(args)), {
      step,
      name,
      ...(step === 'finalizeRequest' && { priority: 'low' }),
    });
    return client;
  }
  const send = client.send.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const wrapper = Object.create(client) as C;
  wrapper.send = ((...args: unknown[]) => around(args[0], () => send(...args))) as C['send'];
  return wrapper;
}

/** Counts calls per service. */
export class CallCounter {
  readonly calls: Record<string, number> = {};

  wrap = <C extends { send: (...args: never[]) => unknown }>(service: string, client: C): C =>
    intercept(client, 'initialize', 'countCalls', (_, call) => {
      this.calls[service] = (this.calls[service] ?? 0) + 1;
      return call();
    });

  snapshot = (): Record<string, number> => ({ ...this.calls });
}
