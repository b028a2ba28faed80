/**
 * A ticket as an agent sees it: what it is, every deadline ticking, the escalation ladder (who
 * was told, who is next), the whole timeline with older entries on demand, and the actions.
 */

import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { MaintenanceLinks } from '../components/maintenance-links.tsx';
import { MessageForm } from '../components/message-form.tsx';
import { ProblemBanner } from '../components/problem.tsx';
import { Timeline } from '../components/timeline.tsx';
import { type ApiProblem, api, ok, problemOf, type Schema } from '../lib/api.ts';
import { entriesInOrder, ladderOf, type TimelineEntry } from '../lib/deadline-view.ts';
import { formatInstant } from '../lib/format.ts';
import { shouldReadAgain } from '../lib/stale.ts';
import { statusText } from '../lib/ticket-actions.ts';
import { useLoad } from '../lib/use-load.ts';
import { AssignForm, SeverityChange, StatusActions } from './case/actions.tsx';
import { DeadlineTable, LadderView } from './case/ladder.tsx';
import { TimeSection } from './case/time-entries.tsx';

type Ticket = Schema<'Ticket'>;

export function CasePage() {
  const { params } = useRoute();
  const caseId = Number(params.caseId);
  const loaded = useLoad(() => ok(api().GET('/tickets/{caseId}', { params: { path: { caseId: String(caseId) } } })), [caseId]);
  const [shown, setShown] = useState<{ ticket: Ticket; receivedAt: number }>();
  useEffect(() => {
    if (loaded.data !== undefined) setShown({ ticket: loaded.data, receivedAt: loaded.receivedAt });
  }, [loaded.data, loaded.receivedAt]);
  useEffect(() => {
    document.title = `Case ${params.caseId} · sla-escalator`;
  }, [params.caseId]);
  const ticket = shown?.ticket;
  if (ticket === undefined) {
    return (
      <section aria-labelledby="case-title">
        <h1 id="case-title">Case {params.caseId}</h1>
        {loaded.problem === undefined ? <p role="status">Loading…</p> : <ProblemBanner problem={loaded.problem} onRetry={loaded.reload} />}
      </section>
    );
  }
  const changed = (next: Ticket) => setShown({ ticket: next, receivedAt: Date.now() });
  const receivedAt = shown?.receivedAt ?? 0;
  const reloadStale = () => {
    if (shouldReadAgain(loaded.loading, receivedAt, Date.now())) loaded.reload();
  };
  return <CaseView ticket={ticket} receivedAt={receivedAt} onChanged={changed} onStale={reloadStale} onReload={loaded.reload} />;
}

function CaseView({
  ticket,
  receivedAt,
  onChanged,
  onStale,
  onReload,
}: {
  ticket: Ticket;
  receivedAt: number;
  onChanged: (ticket: Ticket) => void;
  onStale: () => void;
  /** Reads the ticket again (after a change made elsewhere, such as time logged). */
  onReload: () => void;
}) {
  const timeline = useOlderEntries(ticket);
  const policies = useLoad(() => ok(api().GET('/policies')), []);
  const severities = policies.data?.items.find((p) => p.id === ticket.policy.id)?.severities ?? [];
  const ladder = ladderOf(ticket.deadlines, timeline.entries);
  return (
    <article class="case" aria-labelledby="case-title">
      <h1 id="case-title">
        Case {ticket.caseId}: {ticket.subject}
      </h1>
      <dl class="case-facts">
        <dt>Status</dt>
        <dd>{statusText(ticket.status)}</dd>
        <dt>Severity</dt>
        <dd>{ticket.severity}</dd>
        <dt>Organisation</dt>
        <dd>
          {ticket.org} (<a href={`/usage/${encodeURIComponent(ticket.org)}`}>usage</a>)
        </dd>
        <dt>Requester</dt>
        <dd>{ticket.requesterEmail ?? (ticket.channel === 'api' ? 'opened through the API' : 'unknown')}</dd>
        <dt>Tier</dt>
        <dd>{ticket.tier}</dd>
        <dt>Region</dt>
        <dd>{ticket.region ?? 'none'}</dd>
        <dt>Policy</dt>
        <dd>
          {ticket.policy.id}@{ticket.policy.version}
        </dd>
        <dt>Assignee</dt>
        <dd>{ticket.assignee ?? 'unassigned'}</dd>
        <dt>Opened</dt>
        <dd>
          <time dateTime={ticket.createdAt}>{formatInstant(ticket.createdAt)}</time>
        </dd>
        {ticket.category !== undefined && (
          <>
            <dt>Category</dt>
            <dd>{ticket.category}</dd>
          </>
        )}
        {Object.entries(ticket.fields).map(([name, value]) => (
          <Fragment key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
        <MaintenanceLinks links={ticket.maintenance} />
      </dl>
      <p class="case-description">{ticket.description}</p>

      <section aria-labelledby="case-deadlines">
        <h2 id="case-deadlines">Deadlines</h2>
        <DeadlineTable deadlines={ticket.deadlines} receivedAt={receivedAt} onStale={onStale} />
      </section>

      <section aria-labelledby="case-ladder">
        <h2 id="case-ladder">Escalation ladder</h2>
        <LadderView ladder={ladder} />
      </section>

      <section aria-labelledby="case-actions">
        <h2 id="case-actions">Actions</h2>
        <StatusActions ticket={ticket} onChanged={onChanged} />
        {(ticket.status === 'open' || ticket.status === 'pending_customer') && (
          <SeverityChange key={ticket.severity} ticket={ticket} severities={severities} onChanged={onChanged} />
        )}
        <AssignForm key={ticket.assignee} ticket={ticket} onChanged={onChanged} />
      </section>

      <section aria-labelledby="case-reply">
        <h2 id="case-reply">Reply or add a note</h2>
        <MessageForm caseId={ticket.caseId} allowInternal onSent={onChanged} />
      </section>

      <TimeSection ticket={ticket} onChanged={onReload} />

      <section aria-labelledby="case-timeline">
        <h2 id="case-timeline">Timeline</h2>
        {timeline.cursor !== undefined && (
          <p>
            <button type="button" class="secondary" onClick={timeline.loadOlder} disabled={timeline.busy}>
              Older entries
            </button>
          </p>
        )}
        <ProblemBanner problem={timeline.problem} />
        <Timeline entries={timeline.entries} />
      </section>
    </article>
  );
}

/** The ticket's latest timeline page and the older pages read so far (with the entries shown when they were read), in time order. */
function useOlderEntries(ticket: Ticket) {
  const [older, setOlder] = useState<{ entries: TimelineEntry[]; cursor: string | undefined; from: number }>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  const latest = ticket.timeline ?? [];
  // Older pages of another case do not belong here.
  const kept = older?.from === ticket.caseId ? older : undefined;
  const cursor = kept === undefined ? ticket.timelineCursor : kept.cursor;
  const entries = entriesInOrder(kept?.entries ?? [], latest);
  const loadOlder = () => {
    if (cursor === undefined) return;
    setBusy(true);
    setProblem(undefined);
    const path = { caseId: String(ticket.caseId) };
    ok(api().GET('/tickets/{caseId}/timeline', { params: { path, query: { cursor } } })).then(
      (page) => {
        setBusy(false);
        // Keep what is shown now too: a later answer's latest page may start after it.
        setOlder({ entries: entriesInOrder(page.items, entries), cursor: page.cursor, from: ticket.caseId });
      },
      (error: unknown) => {
        setBusy(false);
        setProblem(problemOf(error));
      },
    );
  };
  return { entries, cursor, busy, problem, loadOlder };
}
