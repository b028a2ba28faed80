/**
 * Properties of the report fold over random outcomes (several orgs, metrics and levels, stops
 * spread over months either side of the range): its counts are the outcomes' counts, met +
 * breached = count, percentages and quantiles stay in bounds, the months add up to the totals,
 * and the order the outcomes are read in changes nothing.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ianaZone } from '#shared/calendar/zone.ts';
import type { ClockOutcome } from '#shared/reports/clock-outcome.ts';
import { metricKey, monthRange, slaReport, WORST_OVERRUNS } from '#shared/reports/sla-report.ts';

const zone = ianaZone('America/New_York');
const range = monthRange({ year: 2026, month: 2 }, { year: 2026, month: 5 }, zone);
const H = 3_600_000;

const outcome = fc
  .record({
    caseId: fc.integer({ min: 10_001, max: 10_200 }),
    org: fc.constantFrom('acme', 'acme', 'other'),
    metric: fc.constantFrom('response', 'update', 'resolution', 'escalation' as const),
    level: fc.integer({ min: 1, max: 3 }),
    stoppedAt: fc.integer({ min: range.start - 40 * 24 * H, max: range.end + 40 * 24 * H }),
    calendarMs: fc.integer({ min: 0, max: 200 * H }),
    pausedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    businessShare: fc.double({ min: 0, max: 1, noNaN: true }),
    met: fc.boolean(),
    overrunMs: fc.integer({ min: 1, max: 50 * H }),
  })
  .map((r): ClockOutcome => {
    const pausedMs = Math.floor(r.calendarMs * r.pausedShare);
    return {
      id: r.metric,
      caseId: r.caseId,
      org: r.org,
      policyId: 'kore',
      policyVersion: 1,
      severity: 'urgent',
      tier: 'diamond',
      metric: r.metric,
      ...(r.metric === 'escalation' && { level: r.level }),
      targetMs: H,
      startedAt: r.stoppedAt - r.calendarMs,
      due: r.stoppedAt - (r.met ? 0 : r.overrunMs),
      stoppedAt: r.stoppedAt,
      businessMs: Math.floor((r.calendarMs - pausedMs) * r.businessShare),
      calendarMs: r.calendarMs,
      pausedMs,
      met: r.met,
      overrunMs: r.met ? 0 : r.overrunMs,
    };
  });

/** Ids unique per ticket, as stored outcomes' are. */
const outcomes = fc.array(outcome, { maxLength: 300 }).map((list) => list.map((o, i) => ({ ...o, id: `${o.id}.${i}` })));

describe('the SLA report fold', () => {
  it('counts exactly the org’s outcomes in range, and its parts add up', () => {
    fc.assert(
      fc.property(outcomes, (outcomes) => {
        const report = slaReport('acme', zone, range, outcomes);
        const counted = outcomes.filter((o) => o.org === 'acme' && o.stoppedAt >= range.start && o.stoppedAt < range.end);
        expect(report.metrics.reduce((n, m) => n + m.count, 0)).toBe(counted.length);
        for (const m of report.metrics) {
          const mine = counted.filter((o) => metricKey(o) === metricKey(m));
          expect(m.count).toBe(mine.length);
          expect(m.met).toBe(mine.filter((o) => o.met).length);
          expect(m.met + m.breached).toBe(m.count);
          expect(m.pctMet).not.toBeNull();
          expect(m.pctMet).toBeGreaterThanOrEqual(0);
          expect(m.pctMet).toBeLessThanOrEqual(100);
          const business = mine.map((o) => o.businessMs);
          expect(m.medianBusinessMs).toBeGreaterThanOrEqual(Math.min(...business));
          expect(m.p90BusinessMs).toBeGreaterThanOrEqual(m.medianBusinessMs as number);
          expect(m.p90BusinessMs).toBeLessThanOrEqual(Math.max(...business));
          expect(m.worstOverruns.length).toBe(Math.min(WORST_OVERRUNS, m.breached));
          const a = m.breachAttribution;
          expect(a.pausedMs + a.outsideHoursMs + a.businessMs).toBe(a.calendarMs);
          const monthly = report.months.reduce((n, month) => n + (month.metrics[metricKey(m)]?.count ?? 0), 0);
          expect(monthly).toBe(m.count);
          expect(report.months.reduce((n, month) => n + (month.metrics[metricKey(m)]?.met ?? 0), 0)).toBe(m.met);
        }
        expect(report.months.map((m) => m.month)).toEqual(['2026-02', '2026-03', '2026-04', '2026-05']);
        // Byte for byte: key order too (the CSV and the JSON follow it).
        expect(JSON.stringify(slaReport('acme', zone, range, [...outcomes].reverse()))).toBe(JSON.stringify(report));
      }),
      { numRuns: 150 },
    );
  });

  it('says null, not 0 %, for a month with nothing in it', () => {
    expect(slaReport('acme', zone, range, []).metrics).toEqual([]);
  });
});
