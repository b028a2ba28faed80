/**
 * How time passes on the local stack: whatever falls due (a schedule, which only queues notify; a
 * queued Lambda event; a visible SQS message; the sweep) runs one at a time in time order, and the table's stream is read
 * after every function run, as Lambda's event source mappings would. Work from outside (mail, a
 * redrive) queues behind it, so the background tick and clock moves never overlap.
 */

import type { LocalClock } from './local-clock.ts';
import type { LocalLambda } from './local-lambda.ts';
import type { LocalSchedule, LocalScheduler } from './local-scheduler.ts';
import type { LocalSqs } from './local-sqs.ts';
import type { LocalSweeps } from './local-sweeps.ts';
import type { StreamPoller } from './stream-poller.ts';

interface DueWork {
  readonly clock: LocalClock;
  readonly scheduler: LocalScheduler;
  readonly lambda: LocalLambda;
  readonly sweeps: LocalSweeps;
  /** SQS queues with their consuming function (webhook wake-ups). */
  readonly queues: readonly LocalSqs[];
  /** Stand-ins for Lambda's event source mappings on the stream, each with its own position. */
  readonly pollers: readonly StreamPoller[];
  /**
   * Whether the pollers drain side by side, as the deployed mappings run, instead of one after
   * the other (a repeatable order, for runs with seeded faults and the tests).
   */
  readonly concurrentPollers?: boolean | undefined;
  /** What Scheduler does with a due schedule. */
  readonly fireSchedule: (schedule: LocalSchedule) => Promise<void>;
  readonly print?: (line: string) => void;
}

export class DueRunner {
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly work: DueWork) {}

  /** Runs `work` after everything queued before it (the background tick and clock moves never overlap). */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Brings schedules up to date and fires everything due by now. */
  settle(): Promise<void> {
    return this.exclusive(() => this.runUntil(this.work.clock.now()));
  }

  /** Moves a manual clock to `target`, firing every schedule due on the way in due order. */
  advanceTo(target: number): Promise<number> {
    return this.exclusive(async () => {
      await this.runUntil(target);
      this.work.clock.moveTo(target);
      await this.runUntil(target);
      return this.work.clock.now();
    });
  }

  /** Polls in the background (the stream, then due schedules); a tick is skipped while the last one still runs. */
  start(intervalMs: number): void {
    let busy = false;
    this.timer = setInterval(() => {
      if (busy) return;
      busy = true;
      this.settle()
        .catch((error: unknown) => this.work.print?.(`local runtime: ${String(error)}`))
        .finally(() => (busy = false));
    }, intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    await this.queue;
  }

  /**
   * Runs what falls due up to `limit` in time order: schedules (which only queue notify), queued
   * Lambda events, SQS messages, the sweep. Only a function run writes to the table, so only then is the stream read.
   */
  private async runUntil(limit: number): Promise<void> {
    const { clock, scheduler, lambda, sweeps, queues } = this.work;
    await this.drainStream();
    sweeps.changed(clock.now());
    const never = Number.POSITIVE_INFINITY;
    for (;;) {
      const schedule = scheduler.earliest();
      const event = lambda.earliest();
      const queue = queues.find((q) => q.earliest() === Math.min(...queues.map((each) => each.earliest() ?? never)));
      const message = queue?.earliest();
      const at = Math.min(schedule?.at ?? never, event ?? never, message ?? never, sweeps.nextAt);
      if (at > limit) return;
      if (clock.mode === 'manual') clock.moveTo(at);
      if (schedule !== undefined && schedule.at === at) await this.work.fireSchedule(schedule);
      else if (event === at || message === at) {
        await (event === at ? lambda.runNext() : queue?.runNext());
        await this.drainStream();
        sweeps.changed(at);
      } else await sweeps.run(at);
    }
  }

  private async drainStream(): Promise<void> {
    if (this.work.concurrentPollers === true) await Promise.all(this.work.pollers.map((poller) => poller.drain()));
    else for (const poller of this.work.pollers) await poller.drain();
  }
}
