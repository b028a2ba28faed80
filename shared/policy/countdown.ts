/** When a countdown changes colour (no zod, for run time and the schema alike). */

export interface CountdownThresholds {
  /** The share of a clock's target used from which its countdown shows a warning. */
  readonly warning: number;
  /** The share from which it shows danger; breached once all of it is used. */
  readonly danger: number;
}

/** What a policy without `countdown` gets, and what fills in the one it leaves out. */
export const DEFAULT_COUNTDOWN: CountdownThresholds = { warning: 0.75, danger: 0.9 };
