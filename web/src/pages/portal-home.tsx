/**
 * The customer portal's home: the organisation's tickets (open and closed, newest first, a page
 * at a time, filtered by status), each with the next promise made to the customer, and the
 * "Escalate a ticket" box that takes a case number.
 */

import { useEffect, useState } from 'preact/hooks';
import { Countdown } from '../components/countdown.tsx';
import { EscalateForm } from '../components/escalate-form.tsx';
import { ProblemBanner } from '../components/problem.tsx';
import { OurTier } from '../components/tier-history.tsx';
import { api, ok, type Schema } from '../lib/api.ts';
import { formatInstant, viewerZone } from '../lib/format.ts';
import { promiseOf, STATUS_FILTERS, STATUS_TEXT } from '../lib/portal.ts';
import { session } from '../lib/session.ts';
import type { PortalPolicy } from '../lib/ticket-form.ts';
import { useLoad } from '../lib/use-load.ts';
import { usePortalPolicy } from '../lib/use-portal-policy.ts';

type Row = Schema<'TicketSummary'>;

export function PortalHome() {
  const me = session.value?.me;
  const policy = usePortalPolicy(me?.policy);
  useEffect(() => {
    document.title = 'Our tickets · sla-escalator';
  }, []);
  return (
    <>
      <h1>{me?.orgName ?? me?.org ?? 'Our'} tickets</h1>
      <OurTier />
      <p>
        <a class="button" href="/portal/new">
          Open a new ticket
        </a>
      </p>
      <TicketList policy={policy.data} />
      <section aria-labelledby="escalate-title" class="narrow portal-escalate">
        <h2 id="escalate-title">Escalate a ticket</h2>
        <EscalateForm idPrefix="escalate">
          <EscalationRule policy={policy.data} />
        </EscalateForm>
      </section>
    </>
  );
}

function EscalationRule({ policy }: { policy: PortalPolicy | undefined }) {
  if (policy === undefined) return null;
  return policy.customerEscalation ? (
    <p class="hint">
      Under {policy.name}, you may escalate any open case of your organisation by its number: the support team's escalation contacts are
      alerted at once. Asking again shortly after joins the same escalation.
    </p>
  ) : (
    <p class="hint">
      {policy.name} does not offer escalation on demand to customers: reply on the case instead, or call your support contact.
    </p>
  );
}

function TicketList({ policy }: { policy: PortalPolicy | undefined }) {
  const [status, setStatus] = useState<string>('');
  // The cursor of each page shown so far (the first page has none): back is a pop, on a push.
  const [cursors, setCursors] = useState<readonly (string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const list = useLoad(
    () =>
      ok(
        api().GET('/tickets', {
          params: { query: { ...(status !== '' && { status: status as Row['status'] }), ...(cursor !== undefined && { cursor }) } },
        }),
      ),
    [status, cursor],
  );
  const rows: readonly Row[] = list.data?.items ?? [];
  const severityName = (id: string) => policy?.severities.find((s) => s.id === id)?.name ?? id;
  return (
    <section aria-labelledby="tickets-title">
      <h2 id="tickets-title">Tickets</h2>
      <p>
        <label for="status-filter" class="inline">
          Status
        </label>{' '}
        <select
          id="status-filter"
          value={status}
          onChange={(e) => {
            setStatus(e.currentTarget.value);
            setCursors([undefined]);
          }}
        >
          {STATUS_FILTERS.map((s) => (
            <option key={s} value={s}>
              {s === '' ? 'All' : STATUS_TEXT[s]}
            </option>
          ))}
        </select>
      </p>
      <ProblemBanner problem={list.problem} onRetry={list.reload} />
      {list.data !== undefined && rows.length === 0 && (
        <p>{status === '' ? 'Your organisation has no tickets yet.' : 'No tickets with this status.'}</p>
      )}
      {rows.length > 0 && (
        <div class="table-wrap">
          <table class="portal-tickets" aria-busy={list.loading}>
            <caption class="muted">Newest first. Times in your zone ({viewerZone()}).</caption>
            <thead>
              <tr>
                <th scope="col">Case</th>
                <th scope="col">Subject</th>
                <th scope="col">Status</th>
                <th scope="col">Severity</th>
                <th scope="col">Next promise to you</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.caseId}>
                  <td>
                    <a href={`/portal/case/${row.caseId}`}>{row.caseId}</a>
                  </td>
                  <td class="portal-subject">{row.subject}</td>
                  <td>{STATUS_TEXT[row.status] ?? row.status}</td>
                  <td>{severityName(row.severity)}</td>
                  <td>
                    <NextPromise row={row} receivedAt={list.receivedAt} onStale={list.reload} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Pages of tickets" class="portal-pages">
        {cursors.length > 1 && (
          <button type="button" class="secondary" onClick={() => setCursors(cursors.slice(0, -1))}>
            Newer tickets
          </button>
        )}
        {list.data?.cursor !== undefined && (
          <button type="button" class="secondary" onClick={() => setCursors([...cursors, list.data?.cursor])}>
            Older tickets
          </button>
        )}
      </nav>
    </section>
  );
}

function NextPromise({ row, receivedAt, onStale }: { row: Row; receivedAt: number; onStale: () => void }) {
  if (row.next === undefined) return <span class="muted">Nothing due</span>;
  const promise = promiseOf(row.next);
  // The next deadline is an internal step: the ticket's page lists the promises.
  if (promise === undefined) return <span class="muted">See the ticket</span>;
  return (
    <>
      {promise.label} <time dateTime={promise.at}>{formatInstant(promise.at)}</time>
      {promise.clock !== undefined && (
        <>
          {' '}
          <Countdown
            clock={promise.clock}
            receivedAt={receivedAt}
            label={`Case ${row.caseId}: ${promise.label.toLowerCase()}`}
            onStale={onStale}
          />
        </>
      )}
    </>
  );
}
