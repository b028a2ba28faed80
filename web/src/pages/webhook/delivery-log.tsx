/** An endpoint's delivery log, newest first, a page at a time: each delivery's attempts, its next try, and a replay. */

import { useState } from 'preact/hooks';
import { ColumnHeads } from '../../components/column-heads.tsx';
import { ProblemBanner } from '../../components/problem.tsx';
import { api, ok } from '../../lib/api.ts';
import { isStaff } from '../../lib/session.ts';
import { useAction } from '../../lib/use-action.ts';
import { usePages } from '../../lib/use-pages.ts';
import { type DeliveryRow, deliveryRow, type Endpoint } from '../../lib/webhook-view.ts';

export function DeliveryLog({ endpoint }: { endpoint: Endpoint }) {
  const staff = isStaff.value;
  const log = usePages(
    (cursor) =>
      ok(
        api().GET('/webhooks/{id}/deliveries', {
          params: { path: { id: endpoint.id }, query: { ...(cursor !== undefined && { cursor }) } },
        }),
      ),
    [endpoint.id],
  );
  const action = useAction();
  const [replayed, setReplayed] = useState<string>();
  const replay = (eventId: string) => {
    setReplayed(undefined);
    action.run(
      () => ok(api().POST('/webhooks/{id}/deliveries/{eventId}/replay', { params: { path: { id: endpoint.id, eventId } } })),
      () => {
        setReplayed(`${eventId} is queued again.`);
        log.reload();
      },
    );
  };
  const rows = log.items.map((delivery) => deliveryRow(delivery, endpoint.state));
  return (
    <section aria-labelledby="log-title">
      <h2 id="log-title">Delivery log</h2>
      <p class="hint">Newest first. A replay sends the same event again (same id) with a fresh 24 hours of retries.</p>
      <p>
        <button type="button" class="secondary" onClick={log.reload}>
          Refresh the log
        </button>
      </p>
      <ProblemBanner problem={log.problem ?? action.problem} onRetry={log.problem && log.reload} />
      <p role="status">{replayed}</p>
      {log.loading ? (
        <p>Loading…</p>
      ) : rows.length === 0 ? (
        <p>No deliveries yet.</p>
      ) : (
        <div class="table-wrap">
          <table class="deliveries" aria-labelledby="log-title">
            <ColumnHeads names={['Event', 'Case', 'State', 'Attempts', 'Next attempt', 'Replay']} />
            <tbody>
              {rows.map((row) => (
                <tr key={row.eventId}>
                  <th scope="row">
                    {row.event}
                    <span class="hint">{row.eventId}</span>
                  </th>
                  <td>
                    <a href={staff ? `/case/${row.caseId}` : `/portal/case/${row.caseId}`}>{row.caseId}</a>
                  </td>
                  <td>{row.state}</td>
                  <td>
                    <Attempts attempts={row.attempts} />
                  </td>
                  <td>{row.next}</td>
                  <td>
                    {row.replay === 'offered' ? (
                      <button
                        type="button"
                        class="secondary"
                        disabled={action.busy}
                        aria-label={`Replay ${row.event} of case ${row.caseId}`}
                        onClick={() => replay(row.eventId)}
                      >
                        Replay
                      </button>
                    ) : row.replay === 'paused' ? (
                      'resume the endpoint first'
                    ) : (
                      'being delivered'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {log.more !== undefined && (
        <button type="button" class="secondary" onClick={log.more}>
          Older deliveries
        </button>
      )}
    </section>
  );
}

/** The last attempt, and every one of them on request (a day of retries makes fifteen). */
function Attempts({ attempts }: { attempts: DeliveryRow['attempts'] }) {
  const last = attempts.at(-1);
  if (last === undefined) return <>none yet</>;
  const item = (attempt: typeof last) => (
    <>
      <time dateTime={attempt.at}>{attempt.when}</time>: {attempt.outcome}
    </>
  );
  if (attempts.length === 1) return item(last);
  return (
    <>
      <p class="last-attempt">
        Last of {attempts.length}: {item(last)}
      </p>
      <details>
        <summary>All {attempts.length} attempts</summary>
        <ol>
          {attempts.map((attempt, i) => (
            // Two attempts can share an instant (a replay right after a failure): the position is the key.
            <li key={i}>{item(attempt)}</li>
          ))}
        </ol>
      </details>
    </>
  );
}
