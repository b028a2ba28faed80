/** The port through which clock outcomes are read for reports and written by the backfill. The DynamoDB adapter is `functions/adapters/dynamo/outcomes.ts`. */

import type { ClockOutcome } from './clock-outcome.ts';

/** What reading a range cost. */
export interface ReadStats {
  readonly items: number;
  readonly pages: number;
  /** Read capacity units DynamoDB reported (eventually consistent reads). */
  readonly readUnits: number;
}

export interface OutcomeLog {
  /** Hands every outcome of `org` whose clock stopped in `[start, end)` to `visit`, a page at a time, in no particular order. */
  readBetween(org: string, start: number, end: number, visit: (outcome: ClockOutcome) => void): Promise<ReadStats>;
  /** Writes the outcomes not stored yet and leaves stored ones as they are (they are immutable); returns how many it added. */
  recordMissing(outcomes: readonly ClockOutcome[]): Promise<number>;
}
