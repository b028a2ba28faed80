/**
 * What the reports page says about a report the API computed: metric names, percentages, business
 * times in hours and minutes, and the bars of the monthly compliance chart (heights from the API's
 * % met; nothing is counted here), with a sentence per month for screen readers.
 */

import { formatMinutes } from './time-view.ts';

export interface Counts {
  readonly count: number;
  readonly met: number;
  readonly breached: number;
  readonly pctMet: number | null;
}

/** `response` → "First response", `escalation.2` → "Escalation level 2". */
export function metricLabel(key: string): string {
  if (key === 'response') return 'First response';
  if (key === 'update') return 'Updates';
  if (key === 'resolution') return 'Resolution';
  const level = /^escalation\.(\d+)$/.exec(key)?.[1];
  return level === undefined ? key : `Escalation level ${level}`;
}

/** The key a metric row of the API has in the months' breakdown. */
export function metricKeyOf(m: { readonly metric: string; readonly level?: number | undefined }): string {
  return m.metric === 'escalation' ? `escalation.${m.level ?? 0}` : m.metric;
}

/** `95.1 %`, or `–` when nothing was counted. */
export function formatPct(pct: number | null): string {
  return pct === null ? '–' : `${pct.toLocaleString('en', { maximumFractionDigits: 1 })} %`;
}

/** Business time from ms: `2 h 30 min`, or `–`. */
export function formatBusiness(ms: number | null): string {
  return ms === null ? '–' : formatMinutes(Math.round(ms / 60_000));
}

export interface Bar {
  readonly month: string;
  /** 0–100: the bar's height in percent of the chart; 0 when nothing was counted. */
  readonly height: number;
  readonly label: string;
}

/** One bar per month for `key` (the first response, unless another metric is picked). */
export function complianceBars(months: ReadonlyArray<{ month: string; metrics: Readonly<Record<string, Counts>> }>, key: string): Bar[] {
  return months.map(({ month, metrics }) => {
    const c = metrics[key];
    const label =
      c === undefined || c.count === 0
        ? `${month}: nothing counted`
        : `${month}: ${formatPct(c.pctMet)} met (${c.met} of ${c.count}, ${c.breached} breached)`;
    return { month, height: c?.pctMet ?? 0, label };
  });
}

/** The month a `<input type="month">` shows for an instant (UTC). */
export function monthOf(instant: number): string {
  return new Date(instant).toISOString().slice(0, 7);
}

/** `sla-report-<org>-<from>-<to>.csv` */
export function reportFileName(org: string, from: string, to: string): string {
  return `sla-report-${org}-${from}${to === from ? '' : `-${to}`}.csv`;
}
