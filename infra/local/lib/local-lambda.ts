/**
 * A stand-in for Lambda's asynchronous invocation at its API boundary: it receives the production
 * `InvokeCommand` with `InvocationType: 'Event'`, answers 202 at once and queues the event; the
 * local runtime runs queued events on its clock. As AWS documents it:
 * - the caller gets 202 once the event is queued, not when the function ran
 *   (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html);
 * - if the function returns an error, Lambda runs it two more times, one minute after the first
 *   attempt and two minutes after the second
 *   (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html);
 * - an event that failed every attempt goes to the function's on-failure destination as an
 *   invocation record with `requestContext.condition: 'RetriesExhausted'` and the
 *   `requestPayload` (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html).
 * EventBridge Scheduler invokes Lambda targets this way too
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-eventbridge-scheduler.html).
 * The queue and the on-failure list are kept in files, so a restart loses neither.
 */

import { randomUUID } from 'node:crypto';
import { InvalidRequestContentException, InvokeCommand, ResourceNotFoundException } from '@aws-sdk/client-lambda';
import { readJson, writeJson } from './json-files.ts';

/** Waits before the second and the third attempt. */
export const ASYNC_RETRY_DELAYS_MS = [60_000, 120_000] as const;

export interface QueuedEvent {
  readonly id: string;
  readonly functionArn: string;
  readonly payload: string;
  readonly runAt: number;
  /** 1 for the first attempt. */
  readonly attempt: number;
  readonly seq: number;
}

/** The on-failure destination's invocation record (the fields AWS documents). */
export interface DestinationRecord {
  readonly version: '1.0';
  readonly timestamp: string;
  readonly requestContext: {
    readonly requestId: string;
    readonly functionArn: string;
    readonly condition: 'RetriesExhausted';
    readonly approximateInvokeCount: number;
  };
  readonly requestPayload: unknown;
  readonly responseContext: { readonly statusCode: 200; readonly executedVersion: '$LATEST'; readonly functionError: 'Unhandled' };
  readonly responsePayload: { readonly errorType: string; readonly errorMessage: string };
}

/**
 * Thrown by a local function that would sleep inside Lambda until `until` (notify waits for a
 * deadline due within the minute): the event runs again then, as the same attempt.
 */
export class SleepUntil extends Error {
  constructor(readonly until: number) {
    super(`sleeps until ${new Date(until).toISOString()}`);
    this.name = 'SleepUntil';
  }
}

export class LocalLambda {
  private readonly functions = new Map<string, (payload: unknown) => Promise<unknown>>();
  private queue: QueuedEvent[];
  readonly failures: DestinationRecord[];
  private seq = 0;

  constructor(
    private readonly now: () => number,
    private readonly files: { readonly queue?: string | undefined; readonly failures?: string | undefined } = {},
    /**
     * How many queued events run at once. Lambda scales a function out to its concurrency limit;
     * 1 (the default) keeps runs with a manual clock in a repeatable order.
     */
    private readonly concurrency = 1,
  ) {
    this.queue = readJson<QueuedEvent[]>(files.queue) ?? [];
    this.failures = readJson<DestinationRecord[]>(files.failures) ?? [];
    this.seq = Math.max(0, ...this.queue.map((e) => e.seq + 1));
  }

  /** A function that `InvokeCommand` can reach by its ARN or name. */
  register(functionArn: string, run: (payload: unknown) => Promise<unknown>): void {
    this.functions.set(functionArn, run);
  }

  async send(command: unknown): Promise<{ StatusCode: number; $metadata: object }> {
    if (!(command instanceof InvokeCommand)) throw new Error(`the local Lambda does not handle ${(command as object).constructor.name}`);
    const { FunctionName, InvocationType, Payload } = command.input;
    const functionArn = this.resolve(FunctionName ?? '');
    if (InvocationType !== 'Event') throw new Error('the local Lambda models asynchronous invocation only (InvocationType "Event")');
    const payload =
      Payload === undefined ? '{}' : typeof Payload === 'string' ? Payload : Buffer.from(Payload as Uint8Array).toString('utf8');
    try {
      JSON.parse(payload);
    } catch {
      throw new InvalidRequestContentException({ message: 'Could not parse request body into json', $metadata: {} });
    }
    this.enqueue(functionArn, payload, this.now(), 1);
    return { StatusCode: 202, $metadata: { httpStatusCode: 202 } };
  }

  /** When the next queued event is due, if any. */
  earliest(): number | undefined {
    return this.next()?.runAt;
  }

  get queued(): number {
    return this.queue.length;
  }

  /**
   * Runs the next queued event, and with `concurrency` > 1 as many more as are due by now, at once.
   * A failure is retried after 1, then 2 minutes, then parked on the on-failure list.
   */
  async runNext(): Promise<void> {
    const first = this.next();
    if (first === undefined) return;
    const until = Math.max(first.runAt, this.now());
    const batch = this.queue
      .filter((e) => e.runAt <= until)
      .sort((a, b) => a.runAt - b.runAt || a.seq - b.seq)
      .slice(0, this.concurrency);
    this.queue = this.queue.filter((e) => !batch.includes(e));
    await Promise.all(batch.map((event) => this.attempt(event)));
    this.save();
  }

  private async attempt(event: QueuedEvent): Promise<void> {
    const run = this.functions.get(event.functionArn) as (payload: unknown) => Promise<unknown>;
    try {
      await run(JSON.parse(event.payload));
    } catch (error) {
      if (error instanceof SleepUntil) this.enqueue(event.functionArn, event.payload, Math.max(error.until, this.now()), event.attempt);
      else if (event.attempt <= ASYNC_RETRY_DELAYS_MS.length)
        this.enqueue(
          event.functionArn,
          event.payload,
          this.now() + (ASYNC_RETRY_DELAYS_MS[event.attempt - 1] as number),
          event.attempt + 1,
        );
      else this.park(event, error);
    }
  }

  /** Queues every parked event again as a new asynchronous invocation; returns how many. */
  redrive(): number {
    const parked = this.failures.splice(0);
    for (const record of parked) this.enqueue(record.requestContext.functionArn, JSON.stringify(record.requestPayload), this.now(), 1);
    this.save();
    return parked.length;
  }

  private resolve(name: string): string {
    for (const arn of this.functions.keys()) if (arn === name || arn.endsWith(`:function:${name}`)) return arn;
    throw new ResourceNotFoundException({ message: `Function not found: ${name}`, $metadata: {} });
  }

  private next(): QueuedEvent | undefined {
    let first: QueuedEvent | undefined;
    for (const e of this.queue)
      if (first === undefined || e.runAt < first.runAt || (e.runAt === first.runAt && e.seq < first.seq)) first = e;
    return first;
  }

  private enqueue(functionArn: string, payload: string, runAt: number, attempt: number): void {
    this.queue.push({ id: randomUUID(), functionArn, payload, runAt, attempt, seq: this.seq++ });
    this.save();
  }

  private park(event: QueuedEvent, error: unknown): void {
    this.failures.push({
      version: '1.0',
      timestamp: new Date(this.now()).toISOString(),
      requestContext: {
        requestId: event.id,
        functionArn: event.functionArn,
        condition: 'RetriesExhausted',
        approximateInvokeCount: event.attempt,
      },
      requestPayload: JSON.parse(event.payload),
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: {
        errorType: error instanceof Error ? error.name : 'Error',
        errorMessage: error instanceof Error ? error.message : String(error),
      },
    });
  }

  private save(): void {
    writeJson(this.files.queue, this.queue);
    writeJson(this.files.failures, this.failures);
  }
}
