/**
 * The agent's queue: open tickets in work order (one policy's, or every policy's merged), each
 * with its next deadline ticking. Rows re-render only when the data changes; each countdown reads
 * the page's one clock signal itself, so a tick redraws the countdown texts and nothing else.
 */

import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ColumnHeads } from '../components/column-heads.tsx';
import { Countdown } from '../components/countdown.tsx';
import { ProblemBanner } from '../components/problem.tsx';
import { type ApiProblem, api, ok, problemOf } from '../lib/api.ts';
import { formatInstant } from '../lib/format.ts';
import { type LoadedQueue, type QueueAnswer, type QueueRow, readMore, readQueue } from '../lib/queue-view.ts';
import { shouldReadAgain } from '../lib/stale.ts';
import { useLoad } from '../lib/use-load.ts';

/** How often the queue is read again (tickets come and go; clocks are redrawn every second anyway). */
const REFRESH_MS = 30_000;

export function QueuePage() {
  const [policy, setPolicy] = useState('');
  const policies = useLoad(() => ok(api().GET('/policies')), []);
  const queue = useQueue(policy);
  useEffect(() => {
    document.title = 'Queue · sla-escalator';
  }, []);
  return (
    <section aria-labelledby="queue-title" class="queue">
      <h1 id="queue-title">Queue</h1>
      <div class="queue-tools">
        <label for="queue-policy">Policy</label>
        <select id="queue-policy" value={policy} onChange={(e) => setPolicy(e.currentTarget.value)}>
          <option value="">All policies (each in its work order)</option>
          {(policies.data?.items ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.id})
            </option>
          ))}
        </select>
        <button type="button" class="secondary" onClick={queue.refresh} disabled={queue.busy}>
          Refresh
        </button>
        <p class="hint">{queue.busy ? 'Reading the queue…' : queue.receivedAt > 0 ? `Read at ${formatInstant(queue.receivedAt)}` : ''}</p>
      </div>
      <ProblemBanner problem={queue.problem} onRetry={queue.refresh} />
      {queue.loaded !== undefined && <QueueTable loaded={queue.loaded} receivedAt={queue.receivedAt} onStale={queue.refreshStale} />}
      {queue.loaded?.cursor !== undefined && (
        <p>
          <button type="button" onClick={queue.more} disabled={queue.busy}>
            Load more
          </button>
        </p>
      )}
    </section>
  );
}

interface QueueState {
  readonly loaded: LoadedQueue | undefined;
  readonly receivedAt: number;
  readonly problem: ApiProblem | undefined;
  readonly busy: boolean;
  readonly refresh: () => void;
  readonly refreshStale: () => void;
  readonly more: () => void;
}

/**
 * The queue of `policy` ('' for all): read on arrival and every 30 s, or on demand; a refresh
 * reads as many pages as are shown and swaps the rows when it has them, so the table never blanks.
 */
function useQueue(policy: string): QueueState {
  const [state, setState] = useState<Omit<QueueState, 'refresh' | 'refreshStale' | 'more'>>({
    loaded: undefined,
    receivedAt: 0,
    problem: undefined,
    busy: true,
  });
  const latest = useRef(state);
  latest.current = state;
  const generation = useRef(0);
  const readPage = useCallback(
    (cursor: string | undefined): Promise<QueueAnswer> =>
      ok(api().GET('/queue', { params: { query: { ...(policy !== '' && { policy }), ...(cursor !== undefined && { cursor }) } } })),
    [policy],
  );
  const run = useCallback((read: () => Promise<LoadedQueue>) => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, busy: true }));
    read().then(
      (loaded) => mine === generation.current && setState({ loaded, receivedAt: Date.now(), problem: undefined, busy: false }),
      (error: unknown) => mine === generation.current && setState((s) => ({ ...s, problem: problemOf(error), busy: false })),
    );
  }, []);
  const refresh = useCallback(() => run(() => readQueue(readPage, latest.current.loaded?.pages ?? 1)), [run, readPage]);
  const refreshStale = useCallback(() => {
    if (shouldReadAgain(latest.current.busy, latest.current.receivedAt, Date.now())) refresh();
  }, [refresh]);
  const more = useCallback(() => {
    const loaded = latest.current.loaded;
    if (loaded !== undefined) run(() => readMore(readPage, loaded));
  }, [run, readPage]);
  useEffect(() => {
    setState((s) => ({ ...s, loaded: undefined }));
    run(() => readQueue(readPage, 1));
    // A read under way (the first, or "Load more") is not cut short by the timer.
    const timer = setInterval(() => latest.current.busy || refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [run, readPage, refresh]);
  return { ...state, refresh, refreshStale, more };
}

const QUEUE_COLUMNS = ['Case', 'Next deadline', 'Time left', 'Severity', 'Subject', 'Org', 'Tier', 'Assignee'];

function QueueTable({ loaded, receivedAt, onStale }: { loaded: LoadedQueue; receivedAt: number; onStale: () => void }) {
  if (loaded.rows.length === 0) return <p class="queue-empty">No open tickets: nothing is due.</p>;
  return (
    <div class="table-wrap">
      <table class="queue-table">
        <caption>
          {loaded.rows.length} open {loaded.rows.length === 1 ? 'ticket' : 'tickets'}, the next to break first
          {loaded.cursor !== undefined && ' (more below)'}
        </caption>
        <ColumnHeads names={QUEUE_COLUMNS} />
        <tbody>
          {loaded.rows.map((row) => (
            <Row key={row.caseId} row={row} receivedAt={receivedAt} onStale={onStale} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A row is drawn when the queue is read; between reads only its countdown redraws, each second.
 * The deadline comes right after the case, so a narrow window shows it before scrolling.
 */
function Row({ row, receivedAt, onStale }: { row: QueueRow; receivedAt: number; onStale: () => void }) {
  return (
    <tr>
      <th scope="row">
        <a href={row.href}>{row.caseId}</a>
      </th>
      <td>
        {row.next === undefined ? (
          <span class="muted">none pending</span>
        ) : (
          <time dateTime={row.next.due} title={formatInstant(row.next.due)}>
            {row.next.label}
          </time>
        )}
      </td>
      <td>
        {row.next?.clock !== undefined ? (
          <Countdown clock={row.next.clock} receivedAt={receivedAt} label={`Case ${row.caseId} ${row.next.label}`} onStale={onStale} />
        ) : (
          row.next !== undefined && <time dateTime={row.next.due}>due {formatInstant(row.next.due)}</time>
        )}
      </td>
      <td>{row.severity}</td>
      <td class="queue-subject">{row.subject}</td>
      <td>{row.org}</td>
      <td>{row.tier}</td>
      <td>{row.assignee}</td>
    </tr>
  );
}
