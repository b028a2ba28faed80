/**
 * The SLA compliance report: a fold over clock outcomes (`clock-outcome.ts`), nothing else. The
 * tickets are never re-planned, so a closed period's report is the same whatever the policy or
 * its calendar says today.
 *
 * An outcome counts in the month (in the org's zone) in which its clock stopped. Per metric
 * (response, update, resolution, and each escalation level): count, met, breached, % met (one
 * decimal, `null` when there is nothing), median and p90 business time to stop, the worst
 * overruns, and where the breached clocks' time went (paused, outside business hours, in them).
 */

import { periodBounds, periodOf } from '#shared/billing/periods.ts';
import type { Zone } from '#shared/calendar/zone.ts';
import { toCsv } from '#shared/csv.ts';
import type { ClockOutcome, OutcomeMetric } from './clock-outcome.ts';

/** How many of the worst overruns a report lists per metric. */
export const WORST_OVERRUNS = 10;

/** `response`, `update`, `resolution`, or `escalation.<level>`. */
export type MetricKey = string;

export interface Overrun {
  readonly caseId: number;
  readonly outcome: string;
  readonly overrunMs: number;
  readonly stoppedAt: number;
}

export interface BreachAttribution {
  /** The breached clocks' wall-clock time in total, and how it splits. */
  readonly calendarMs: number;
  readonly pausedMs: number;
  readonly outsideHoursMs: number;
  readonly businessMs: number;
}

export interface Counts {
  readonly count: number;
  readonly met: number;
  readonly breached: number;
  /** One decimal; `null` when nothing was counted. */
  readonly pctMet: number | null;
}

export interface MetricReport extends Counts {
  readonly metric: OutcomeMetric;
  readonly level?: number | undefined;
  /** Business time from start to stop, ms; `null` when nothing was counted. */
  readonly medianBusinessMs: number | null;
  readonly p90BusinessMs: number | null;
  readonly worstOverruns: readonly Overrun[];
  readonly breachAttribution: BreachAttribution;
}

export interface MonthReport {
  /** `2026-03`, in the org's zone. */
  readonly month: string;
  readonly metrics: Readonly<Record<MetricKey, Counts>>;
}

export interface SlaReport {
  readonly org: string;
  readonly zone: string;
  /** First month and last month (both included). */
  readonly from: string;
  readonly to: string;
  /** `[start, end)` of the range, UTC ISO. */
  readonly start: string;
  readonly end: string;
  readonly metrics: readonly MetricReport[];
  readonly months: readonly MonthReport[];
}

/** The outcome's metric key: its kind, and the level for a ladder step. */
export function metricKey(outcome: Pick<ClockOutcome, 'metric' | 'level'>): MetricKey {
  return outcome.metric === 'escalation' ? `escalation.${outcome.level ?? 0}` : outcome.metric;
}

const METRIC_ORDER: Record<OutcomeMetric, number> = { response: 0, update: 1, resolution: 2, escalation: 3 };

class Tally {
  count = 0;
  met = 0;
  counts(): Counts {
    return { count: this.count, met: this.met, breached: this.count - this.met, pctMet: percent(this.met, this.count) };
  }
  add(met: boolean): void {
    this.count++;
    if (met) this.met++;
  }
}

class MetricFold {
  readonly tally = new Tally();
  readonly business: number[] = [];
  worst: Overrun[] = [];
  readonly attribution = { calendarMs: 0, pausedMs: 0, outsideHoursMs: 0, businessMs: 0 };
  constructor(
    readonly metric: OutcomeMetric,
    readonly level: number | undefined,
  ) {}

  add(o: ClockOutcome): void {
    this.tally.add(o.met);
    this.business.push(o.businessMs);
    if (o.met) return;
    this.attribution.calendarMs += o.calendarMs;
    this.attribution.pausedMs += o.pausedMs;
    this.attribution.businessMs += o.businessMs;
    this.attribution.outsideHoursMs += Math.max(0, o.calendarMs - o.pausedMs - o.businessMs);
    if (o.overrunMs > 0) this.keepWorst({ caseId: o.caseId, outcome: o.id, overrunMs: o.overrunMs, stoppedAt: o.stoppedAt });
  }

  private keepWorst(overrun: Overrun): void {
    const last = this.worst.at(-1);
    if (this.worst.length >= WORST_OVERRUNS && last !== undefined && compareOverruns(overrun, last) >= 0) return;
    this.worst = [...this.worst, overrun].sort(compareOverruns).slice(0, WORST_OVERRUNS);
  }

  report(): MetricReport {
    const sorted = Float64Array.from(this.business).sort();
    return {
      metric: this.metric,
      ...(this.level !== undefined && { level: this.level }),
      ...this.tally.counts(),
      medianBusinessMs: quantile(sorted, 0.5),
      p90BusinessMs: quantile(sorted, 0.9),
      worstOverruns: this.worst,
      breachAttribution: { ...this.attribution },
    };
  }
}

/** Largest overrun first; equal ones by case id, then outcome id, so the list never depends on reading order. */
function compareOverruns(a: Overrun, b: Overrun): number {
  return b.overrunMs - a.overrunMs || a.caseId - b.caseId || (a.outcome < b.outcome ? -1 : a.outcome > b.outcome ? 1 : 0);
}

/** Nearest-rank quantile of sorted values; `null` when there are none. */
function quantile(sorted: Float64Array, q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] as number;
}

function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

/** The report of one org over whole months `[start, end)`, built one outcome at a time (outcomes outside the range are ignored). */
export class SlaReportFold {
  private readonly byMetric = new Map<MetricKey, MetricFold>();
  private readonly byMonth = new Map<string, Map<MetricKey, Tally>>();

  constructor(
    private readonly org: string,
    private readonly zone: Zone,
    private readonly range: MonthRange,
  ) {}

  add(outcome: ClockOutcome): void {
    if (outcome.org !== this.org || outcome.stoppedAt < this.range.start || outcome.stoppedAt >= this.range.end) return;
    const key = metricKey(outcome);
    const fold = getOrAdd(this.byMetric, key, () => new MetricFold(outcome.metric, outcome.level));
    fold.add(outcome);
    const month = periodOf(outcome.stoppedAt, 'month', this.zone).id;
    const tallies = getOrAdd(this.byMonth, month, () => new Map<MetricKey, Tally>());
    const tally = getOrAdd(tallies, key, () => new Tally());
    tally.add(outcome.met);
  }

  report(): SlaReport {
    const metrics = [...this.byMetric.values()]
      .map((fold) => fold.report())
      .sort((a, b) => METRIC_ORDER[a.metric] - METRIC_ORDER[b.metric] || (a.level ?? 0) - (b.level ?? 0));
    // Each month lists its metrics in the report's order, whatever order the outcomes came in.
    const order = metrics.map((m) => metricKey(m));
    const months = this.range.months.map((month) => ({
      month,
      metrics: Object.fromEntries(
        [...(this.byMonth.get(month) ?? new Map<MetricKey, Tally>())]
          .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
          .map(([key, t]) => [key, t.counts()]),
      ),
    }));
    return {
      org: this.org,
      zone: this.zone.name,
      from: this.range.months[0] as string,
      to: this.range.months.at(-1) as string,
      start: new Date(this.range.start).toISOString(),
      end: new Date(this.range.end).toISOString(),
      metrics,
      months,
    };
  }
}

function getOrAdd<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  const found = map.get(key);
  if (found !== undefined) return found;
  const made = make();
  map.set(key, made);
  return made;
}

/** Whole months in a zone: their ids in order and the instants they span. */
export interface MonthRange {
  readonly months: readonly string[];
  readonly start: number;
  readonly end: number;
}

/** The months from `from` to `to` (both `YYYY-MM`, both included) in `zone`. */
export function monthRange(from: { year: number; month: number }, to: { year: number; month: number }, zone: Zone): MonthRange {
  const months: string[] = [];
  for (let i = from.year * 12 + from.month - 1; i <= to.year * 12 + to.month - 1; i++)
    months.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  const bounds = (year: number, month: number) => periodBounds({ id: '', kind: 'month', year, firstMonth: month }, zone);
  return { months, start: bounds(from.year, from.month).start, end: bounds(to.year, to.month).end };
}

/** A whole report over outcomes already read. */
export function slaReport(org: string, zone: Zone, range: MonthRange, outcomes: Iterable<ClockOutcome>): SlaReport {
  const fold = new SlaReportFold(org, zone, range);
  for (const outcome of outcomes) fold.add(outcome);
  return fold.report();
}

const minutes = (ms: number | null) => (ms === null ? '' : Math.round(ms / 60_000));

/**
 * The report as CSV: one row per metric for the whole range (`period` = `from..to`), then one per
 * month and metric. Times in minutes; the breach split is on the whole-range rows.
 */
export function slaReportCsv(report: SlaReport): string {
  const header = [
    'period',
    'metric',
    'count',
    'met',
    'breached',
    'pct_met',
    'median_business_minutes',
    'p90_business_minutes',
    'breached_paused_minutes',
    'breached_outside_hours_minutes',
    'breached_business_minutes',
  ];
  const range = `${report.from}..${report.to}`;
  const total = report.metrics.map((m) => [
    range,
    metricKey(m),
    m.count,
    m.met,
    m.breached,
    m.pctMet ?? '',
    minutes(m.medianBusinessMs),
    minutes(m.p90BusinessMs),
    minutes(m.breachAttribution.pausedMs),
    minutes(m.breachAttribution.outsideHoursMs),
    minutes(m.breachAttribution.businessMs),
  ]);
  const monthly = report.months.flatMap(({ month, metrics }) =>
    Object.entries(metrics).map(([key, c]) => [month, key, c.count, c.met, c.breached, c.pctMet ?? '', '', '', '', '', '']),
  );
  return toCsv([header, ...total, ...monthly]);
}
