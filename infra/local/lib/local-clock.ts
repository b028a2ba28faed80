/**
 * The one clock of the local stack and of the tests: real by default; a manual one (SLA_CLOCK=manual,
 * tests, benches) stands still until told to move, and only forward.
 */

export class LocalClock {
  private manualNow: number;

  constructor(
    readonly mode: 'real' | 'manual',
    start: number = Date.now(),
  ) {
    this.manualNow = start;
  }

  readonly now = (): number => (this.mode === 'real' ? Date.now() : this.manualNow);

  /** Moves a manual clock forward (never back). */
  moveTo(instant: number): void {
    if (this.mode !== 'manual') throw new Error('only a manual clock can be moved');
    this.manualNow = Math.max(this.manualNow, instant);
  }

  /** Moves a manual clock `ms` forward. */
  advance(ms: number): void {
    this.moveTo(this.now() + ms);
  }
}

const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** ISO-8601 durations as the clock endpoint takes them: `PT2H`, `P1D`, `PT15M`, `P1DT30M`. */
export function parseIsoDuration(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (match === null || text === 'P' || text.endsWith('T')) return undefined;
  const [, w = '0', d = '0', h = '0', m = '0', s = '0'] = match;
  return ((Number(w) * 7 + Number(d)) * 24 * 3600 + Number(h) * 3600 + Number(m) * 60 + Number(s)) * 1000;
}
