/**
 * SLA compliance reports: `GET /reports/sla` folds an organisation's clock outcomes over a range
 * of dates or months, counted in the org's zone (`Policy.zone`), into the report of
 * `shared/reports/sla-report.ts` (JSON, or CSV). Outcomes are read by org and stop instant, never
 * by re-planning tickets, so a closed month's report never changes.
 */

import { periodOf } from '#shared/billing/periods.ts';
import type { Zone } from '#shared/calendar/zone.ts';
import { DomainError } from '#shared/domain-error.ts';
import { LocalClock } from '#shared/oncall/local-time.ts';
import type { OutcomeLog } from '#shared/reports/ports.ts';
import { monthRange, type SlaReport, SlaReportFold, slaReportCsv } from '#shared/reports/sla-report.ts';
import { type ApiDeps, latestPolicy, type Operation, prefersOverJson, signedIn, validate } from './operation.ts';
import { withinLimit } from './rate-limit.ts';
import { slaReportQuery } from './report-schemas.ts';
import type { RouteKey } from './routes.ts';

/** The longest range a report covers, in months (first and last both counted). */
export const MAX_REPORT_MONTHS = 24;

export const REPORT_OPERATIONS = {
  'GET /reports/sla': async (request, deps) => {
    const principal = signedIn(request);
    // Each report reads every outcome of its range: a customer's requests draw on their organisation's bucket.
    await withinLimit(principal, deps, 'reports');
    const query = validate(slaReportQuery(), request.query, 'query');
    const id = principal.role === 'customer' ? (query.org ?? principal.org ?? '') : query.org;
    if (id === undefined) {
      throw new DomainError('bad_request', 'the query is not valid', [{ path: 'org', message: 'required' }]);
    }
    // Customers see their own organisation only; another's is not found, so ids do not leak.
    const org = principal.role !== 'customer' || principal.org === id ? await deps.store.getOrg(id) : undefined;
    if (org === undefined) throw new DomainError('not_found', `no organisation "${id.slice(0, 63)}"`);
    const zone = (await latestPolicy(deps, org.policy, 'not_found')).zone(org.region);
    const range = reportRange(query.from, query.to ?? query.from, zone, deps.now());
    const report = await slaReportOf(outcomeLog(deps), org.id, zone, range);
    if (prefersOverJson(request.accept, 'text/csv')) {
      return { status: 200, body: undefined, text: { contentType: 'text/csv; charset=utf-8', body: slaReportCsv(report) } };
    }
    return { status: 200, body: slaReportView(report) };
  },
} satisfies Partial<Record<RouteKey, Operation>>;

/** The whole report of `[start, end)`, read a page at a time into the fold. */
export async function slaReportOf(
  log: OutcomeLog,
  org: string,
  zone: Zone,
  range: { months: readonly string[]; start: number; end: number },
): Promise<SlaReport> {
  const fold = new SlaReportFold(org, zone, range);
  await log.readBetween(org, range.start, range.end, (outcome) => fold.add(outcome));
  return fold.report();
}

function outcomeLog(deps: ApiDeps): OutcomeLog {
  if (deps.outcomes === undefined) throw new Error('the report routes need the outcome log (ApiDeps.outcomes)');
  return deps.outcomes;
}

const bad = (path: string, message: string) => new DomainError('bad_request', `${path}: ${message}`, [{ path, message }]);

/**
 * `from` and `to` (months or dates, both included) in `zone`: from local midnight of the first day
 * to local midnight after the last. Inverted, longer than `MAX_REPORT_MONTHS` or starting after
 * `now` is a 400 naming the field; a range that runs past `now` ends at the current month's end.
 */
export function reportRange(from: string, to: string, zone: Zone, now: number): { months: string[]; start: number; end: number } {
  const clock = LocalClock.forZone(zone);
  const [fy, fm, fd = 1] = from.split('-').map(Number) as [number, number, number?];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number?];
  const start = clock.firstReaching(Date.UTC(fy, fm - 1, fd));
  const end = clock.firstReaching(td === undefined ? Date.UTC(ty, tm, 1) : Date.UTC(ty, tm - 1, td + 1));
  // Before 1970 no clock stopped (and Date.UTC would read the years 0–99 as 1900–1999).
  if (fy < 1970) throw bad('from', `${from} is before 1970`);
  if (new Date(Date.UTC(fy, fm - 1, fd)).getUTCMonth() !== fm - 1) throw bad('from', `${from} is not a date`);
  if (td !== undefined && new Date(Date.UTC(ty, tm - 1, td)).getUTCMonth() !== tm - 1) throw bad('to', `${to} is not a date`);
  if (end <= start) throw bad('to', `${to} is before ${from}`);
  const months = (ty - fy) * 12 + (tm - fm) + 1;
  if (months > MAX_REPORT_MONTHS) throw bad('to', `a report covers at most ${MAX_REPORT_MONTHS} months; ${from} to ${to} is ${months}`);
  if (start > now) throw bad('from', `${from} has not begun`);
  const current = periodOf(now, 'month', zone);
  const latest = current.year * 12 + current.firstMonth;
  if (ty * 12 + tm > latest) throw bad('to', `${to} is after the current month (${current.id})`);
  return { months: [...monthRange({ year: fy, month: fm }, { year: ty, month: tm }, zone).months], start, end };
}

/** The report as the API shows it: instants as UTC ISO. */
export function slaReportView(report: SlaReport) {
  return {
    ...report,
    metrics: report.metrics.map((m) => ({
      ...m,
      worstOverruns: m.worstOverruns.map((o) => ({ ...o, stoppedAt: new Date(o.stoppedAt).toISOString() })),
    })),
  };
}
