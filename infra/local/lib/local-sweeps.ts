/**
 * The sweeper's recurring schedule on the local clock: a sweep every `SWEEP_INTERVAL_MS`, on the
 * interval's multiples. A sweep finds nothing before `firstFind` (the earliest instant at which an
 * entry of the `due` index is overdue: a ticket's deadline past its grace, a webhook delivery
 * stranded, a re-plan stalled), and the table only changes when a function runs; so until it
 * changes, the sweeps that would find nothing are skipped (with a manual clock a simulated week
 * has 2,016 of them).
 * The outcome is the same as running every one.
 */

import { SWEEP_INTERVAL_MS } from '../../../functions/sweeper/sweeper.ts';

const slotFrom = (instant: number) => Math.ceil(instant / SWEEP_INTERVAL_MS) * SWEEP_INTERVAL_MS;

export class LocalSweeps {
  private next: number;
  /** From when a sweep finds something, as of the last look; `undefined`: the table changed since. */
  private first: number | undefined;

  constructor(
    now: number,
    private readonly sweep: () => Promise<void>,
    private readonly firstFind: () => Promise<number | undefined>,
  ) {
    this.next = slotFrom(now);
  }

  /** When the next sweep that may find something runs. */
  get nextAt(): number {
    return this.next;
  }

  /** The table changed (a function or the API wrote): sweeps resume their cadence from `now`. */
  changed(now: number): void {
    this.first = undefined;
    this.next = Math.min(this.next, slotFrom(now));
  }

  /** Runs the sweep due at `at` (or skips it when it would find nothing) and sets the next one. */
  async run(at: number): Promise<void> {
    this.first ??= (await this.firstFind()) ?? Number.POSITIVE_INFINITY;
    if (at >= this.first) {
      await this.sweep();
      this.next = at + SWEEP_INTERVAL_MS;
    } else {
      this.next = Math.max(at + SWEEP_INTERVAL_MS, slotFrom(this.first));
    }
  }
}
