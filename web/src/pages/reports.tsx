/**
 * SLA compliance reports (`GET /reports/sla`): staff at `/reports` pick an organisation and a range
 * of months, a customer at `/portal/reports` sees their own. A compliance chart per month (inline
 * SVG; each bar's figures are in its label and in the table below it), the per-metric table, the
 * worst overruns with links to their tickets, and the CSV. Every figure comes from the API.
 */

import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ColumnHeads } from '../components/column-heads.tsx';
import { ProblemBanner } from '../components/problem.tsx';
import { ScrollBox } from '../components/scroll-box.tsx';
import { api, ok, type Schema } from '../lib/api.ts';
import { formatInstant } from '../lib/format.ts';
import { complianceBars, formatBusiness, formatPct, metricKeyOf, metricLabel, monthOf, reportFileName } from '../lib/report-view.ts';
import { role, session } from '../lib/session.ts';
import { useAction } from '../lib/use-action.ts';
import { useLoad } from '../lib/use-load.ts';

type Report = Schema<'SlaReport'>;

/** Staff: any organisation, named in the form. */
export function ReportsPage() {
  return <Reports pickOrg />;
}

/** The customer's own organisation. */
export function PortalReports() {
  const org = session.value?.me.org;
  if (org === undefined) return <p>Your sign-in names no organisation.</p>;
  return <Reports org={org} />;
}

function reportOf(org: string | undefined, from: string, to: string): Promise<Report> {
  const query = { from, to, ...(org !== undefined && { org }) };
  return ok(api().GET('/reports/sla', { params: { query } })).then((body) =>
    typeof body === 'string' ? Promise.reject(new Error('the report came as text, not JSON')) : body,
  );
}

function Reports({ org: own, pickOrg = false }: { org?: string; pickOrg?: boolean }) {
  const { query, path, route } = useLocation();
  const thisMonth = monthOf(Date.now());
  const org = pickOrg ? (query.org ?? '') : own;
  const from = query.from ?? thisMonth;
  const to = query.to ?? from;
  const ready = org !== undefined && org !== '';
  const report = useLoad(() => (ready ? reportOf(pickOrg ? org : undefined, from, to) : Promise.resolve(undefined)), [org, from, to]);
  useEffect(() => {
    document.title = `SLA report${ready ? ` of ${org}` : ''} · sla-escalator`;
  }, [org, ready]);
  const submit = (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const params = new URLSearchParams();
    for (const name of ['org', 'from', 'to']) {
      const value = form.get(name);
      if (typeof value === 'string' && value !== '') params.set(name, value);
    }
    route(`${path}?${params}`);
  };
  return (
    <section class="reports" aria-labelledby="reports-title">
      <h1 id="reports-title">SLA report{ready && ` of ${org}`}</h1>
      <form class="report-picker" onSubmit={submit}>
        {pickOrg && (
          <p>
            <label for="report-org">Organisation</label>
            <input id="report-org" name="org" required defaultValue={org} placeholder="acme" />
          </p>
        )}
        <p>
          <label for="report-from">From (month)</label>
          <input id="report-from" name="from" type="month" required defaultValue={from} max={thisMonth} />
        </p>
        <p>
          <label for="report-to">To (month)</label>
          <input id="report-to" name="to" type="month" defaultValue={to} max={thisMonth} />
        </p>
        <p>
          <button type="submit">Show report</button>
        </p>
      </form>
      {report.problem?.status === 404 ? (
        <p>There is no organisation “{org}” whose report you may see.</p>
      ) : (
        <ProblemBanner problem={report.problem} onRetry={report.reload} />
      )}
      {ready && report.data === undefined && report.problem === undefined && <p aria-busy="true">Loading…</p>}
      {report.data !== undefined && <ReportView report={report.data} />}
    </section>
  );
}

function ReportView({ report }: { report: Report }) {
  if (report.metrics.length === 0)
    return (
      <p>
        No SLA clock stopped from {report.from} to {report.to} ({report.zone}).
      </p>
    );
  return (
    <>
      <p class="hint">
        Counted in {report.zone}, from {formatInstant(report.start, report.zone)} to {formatInstant(report.end, report.zone)}, by the month
        each clock stopped in.
      </p>
      <ComplianceChart report={report} />
      <MetricTable report={report} />
      <BreachTable report={report} />
      <CsvDownload report={report} />
    </>
  );
}

const CHART = { width: 640, height: 200, top: 16, bottom: 36, left: 40 };

function ComplianceChart({ report }: { report: Report }) {
  const bars = complianceBars(report.months, 'response');
  const plot = CHART.height - CHART.top - CHART.bottom;
  const step = (CHART.width - CHART.left) / Math.max(1, bars.length);
  return (
    <figure class="report-chart">
      <svg viewBox={`0 0 ${CHART.width} ${CHART.height}`} role="img" aria-labelledby="report-chart-title report-chart-desc">
        <title id="report-chart-title">First responses met per month</title>
        <desc id="report-chart-desc">{bars.map((b) => b.label).join('; ')}</desc>
        {[0, 50, 100].map((pct) => (
          <g key={pct}>
            <line
              x1={CHART.left}
              x2={CHART.width}
              y1={CHART.top + plot * (1 - pct / 100)}
              y2={CHART.top + plot * (1 - pct / 100)}
              class="report-grid"
            />
            <text x={CHART.left - 6} y={CHART.top + plot * (1 - pct / 100) + 4} text-anchor="end">
              {pct} %
            </text>
          </g>
        ))}
        {bars.map((bar, i) => {
          const h = (plot * bar.height) / 100;
          const x = CHART.left + i * step + step * 0.2;
          return (
            <g key={bar.month}>
              <rect x={x} y={CHART.top + plot - h} width={step * 0.6} height={h} class="report-bar">
                <title>{bar.label}</title>
              </rect>
              <text x={x + step * 0.3} y={CHART.height - CHART.bottom + 18} text-anchor="middle">
                {bar.month}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>First responses met, in percent, per month (the table below has every metric).</figcaption>
    </figure>
  );
}

function MetricTable({ report }: { report: Report }) {
  return (
    <ScrollBox label="Compliance per metric">
      <table class="report-metrics">
        <caption>Compliance per metric</caption>
        <ColumnHeads
          names={[
            'Metric',
            'Count',
            'Met',
            'Breached',
            'Met %',
            'Median (business)',
            'p90 (business)',
            'Breached: paused',
            'outside hours',
            'in hours',
          ]}
        />
        <tbody>
          {report.metrics.map((m) => (
            <tr key={metricKeyOf(m)}>
              <th scope="row">{metricLabel(metricKeyOf(m))}</th>
              <td class="number">{m.count}</td>
              <td class="number">{m.met}</td>
              <td class="number">{m.breached}</td>
              <td class="number">{formatPct(m.pctMet)}</td>
              <td class="number">{formatBusiness(m.medianBusinessMs)}</td>
              <td class="number">{formatBusiness(m.p90BusinessMs)}</td>
              <td class="number">{formatBusiness(m.breachAttribution.pausedMs)}</td>
              <td class="number">{formatBusiness(m.breachAttribution.outsideHoursMs)}</td>
              <td class="number">{formatBusiness(m.breachAttribution.businessMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}

function BreachTable({ report }: { report: Report }) {
  const rows = report.metrics.flatMap((m) => m.worstOverruns.map((o) => ({ ...o, key: metricKeyOf(m) })));
  if (rows.length === 0) return <p>No clock stopped late.</p>;
  const caseHref = (caseId: number) => (role.value === 'customer' ? `/portal/case/${caseId}` : `/case/${caseId}`);
  return (
    <ScrollBox label="The worst overruns">
      <table class="report-breaches">
        <caption>The worst overruns</caption>
        <ColumnHeads names={['Metric', 'Case', 'Late by', 'Stopped']} />
        <tbody>
          {rows.map((o) => (
            <tr key={`${o.caseId}-${o.outcome}`}>
              <td>{metricLabel(o.key)}</td>
              <td>
                <a href={caseHref(o.caseId)}>Case {o.caseId}</a>
              </td>
              <td class="number">{formatBusiness(o.overrunMs)}</td>
              <td>{formatInstant(o.stoppedAt, report.zone)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}

/** Reads the report as CSV with the session's token and saves it. */
function CsvDownload({ report }: { report: Report }) {
  const action = useAction();
  const download = () =>
    action.run(
      () =>
        ok(
          api().GET('/reports/sla', {
            params: { query: { org: report.org, from: report.from, to: report.to } },
            headers: { accept: 'text/csv' },
            parseAs: 'text',
          }),
        ),
      (csv) => {
        const link = document.createElement('a');
        const url = URL.createObjectURL(new Blob([csv as string], { type: 'text/csv' }));
        link.href = url;
        link.download = reportFileName(report.org, report.from, report.to);
        link.click();
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      },
    );
  return (
    <div class="report-csv">
      <button type="button" class="secondary" disabled={action.busy} onClick={download}>
        Download as CSV
      </button>
      <ProblemBanner problem={action.problem} />
    </div>
  );
}
