/**
 * An organisation's usage statement (`GET /orgs/{id}/usage`): staff at `/usage/{org}`, a customer
 * at `/portal/usage` for their own. A period picker (the current period and those before it, in
 * the form the tier's entitlement counts), the minutes, a bar of included against used time, the
 * invoice lines with amounts from integer minor units, whether the statement is still open, and
 * its CSV. Another organisation's statement is "not found", as the API answers it.
 */

import { useEffect } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { ProblemBanner } from '../components/problem.tsx';
import { api, ok, type Schema } from '../lib/api.ts';
import { role, session } from '../lib/session.ts';
import { formatMinutes } from '../lib/time-view.ts';
import { periodLabel, pickablePeriods, statusText } from '../lib/usage-view.ts';
import { useLoad } from '../lib/use-load.ts';
import { CsvDownload, InvoiceLines, UsageBarView } from './usage-parts.tsx';

type Statement = Schema<'UsageStatement'>;

/** Staff (and a customer who typed another address, who gets "not found" from the API). */
export function UsagePage() {
  const { params } = useRoute();
  const org = params.id ?? '';
  // Only admins have the organisation's page to go back to.
  const back = role.value === 'admin' ? { href: `/admin/orgs/${encodeURIComponent(org)}`, label: `Organisation ${org}` } : undefined;
  return <Usage org={org} back={back} />;
}

/** The customer's own organisation. */
export function PortalUsage() {
  const org = session.value?.me.org;
  if (org === undefined) return <p>Your sign-in names no organisation.</p>;
  return <Usage org={org} />;
}

function statementOf(org: string, period: string | undefined): Promise<Statement> {
  const query = period === undefined ? {} : { period };
  // The route also answers CSV (asked for with `Accept`), so the client types the body as either.
  return ok(api().GET('/orgs/{id}/usage', { params: { path: { id: org }, query } })).then((body) =>
    typeof body === 'string' ? Promise.reject(new Error('the statement came as text, not JSON')) : body,
  );
}

function Usage({ org, back }: { org: string; back?: { href: string; label: string } }) {
  const { query, path, route } = useLocation();
  const picked = query.period === undefined || query.period === '' ? undefined : query.period;
  // The current statement names the current period, which the picker counts back from.
  const current = useLoad(() => statementOf(org, undefined), [org]);
  const chosen = useLoad(() => (picked === undefined ? Promise.resolve(undefined) : statementOf(org, picked)), [org, picked]);
  useEffect(() => {
    document.title = `Usage of ${org} · sla-escalator`;
  }, [org]);
  if (current.problem?.status === 404) {
    return (
      <section class="narrow" aria-labelledby="usage-title">
        <h1 id="usage-title">Not found</h1>
        <p>There is no organisation “{org}” whose usage you may see.</p>
      </section>
    );
  }
  const statement = picked === undefined ? current.data : chosen.data;
  const problem = current.problem ?? chosen.problem;
  const periods = current.data === undefined ? [] : pickablePeriods(current.data.period);
  return (
    <section class="usage" aria-labelledby="usage-title">
      {back !== undefined && (
        <p>
          <a href={back.href}>← {back.label}</a>
        </p>
      )}
      <h1 id="usage-title">Usage of {org}</h1>
      {periods.length > 0 && (
        <p class="usage-picker">
          <label class="inline" for="usage-period">
            Period
          </label>{' '}
          <select
            id="usage-period"
            value={picked ?? current.data?.period}
            onChange={(e) => route(`${path}?period=${encodeURIComponent(e.currentTarget.value)}`)}
          >
            {periods.map((p, i) => (
              <option key={p} value={p}>
                {periodLabel(p)}
                {i === 0 ? ' (current)' : ''}
              </option>
            ))}
          </select>
        </p>
      )}
      <ProblemBanner problem={problem} onRetry={picked === undefined || current.problem !== undefined ? current.reload : chosen.reload} />
      {statement === undefined ? problem === undefined && <p aria-busy="true">Loading…</p> : <StatementView statement={statement} />}
    </section>
  );
}

function StatementView({ statement: s }: { statement: Statement }) {
  return (
    <>
      <h2>{periodLabel(s.period)}</h2>
      <p class={s.status === 'open' ? 'usage-status usage-open' : 'usage-status'}>{statusText(s)}</p>
      <dl class="facts usage-facts">
        <dt>Tier</dt>
        <dd>{s.tier}</dd>
        <dt>Included</dt>
        <dd>{formatMinutes(s.includedMinutes)}</dd>
        <dt>Carried in</dt>
        <dd>{formatMinutes(s.carriedInMinutes)}</dd>
        <dt>Used (billable)</dt>
        <dd>{formatMinutes(s.usedMinutes)}</dd>
        <dt>Overage</dt>
        <dd>
          {formatMinutes(s.overageMinutes)}
          {s.billedOverageMinutes !== s.overageMinutes && `, billed as ${formatMinutes(s.billedOverageMinutes)}`}
        </dd>
        <dt>Not billable</dt>
        <dd>{formatMinutes(s.nonBillableMinutes)}</dd>
        <dt>Carried out</dt>
        <dd>{formatMinutes(s.carriedOutMinutes)}</dd>
      </dl>
      <UsageBarView statement={s} />
      <InvoiceLines statement={s} />
      <CsvDownload org={s.org} period={s.period} />
    </>
  );
}
