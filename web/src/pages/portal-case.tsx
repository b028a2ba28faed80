/**
 * A ticket as its customer sees it: what it is, the promises made (response due, next update by
 * …) in the viewer's own zone with a live countdown, the public conversation, a reply, close or
 * reopen, and Escalate where the policy offers it to customers. Another organisation's case, or
 * an unknown one, is "not found", as the API answers it.
 */

import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { Countdown } from '../components/countdown.tsx';
import { EscalateForm } from '../components/escalate-form.tsx';
import { MaintenanceLinks } from '../components/maintenance-links.tsx';
import { MessageForm } from '../components/message-form.tsx';
import { ProblemBanner } from '../components/problem.tsx';
import { Timeline } from '../components/timeline.tsx';
import { type ApiProblem, api, ok, problemOf, type Schema } from '../lib/api.ts';
import { formatInstant, viewerZone } from '../lib/format.ts';
import { conversationOf, customerPromises, promiseText, STATUS_TEXT } from '../lib/portal.ts';
import { session } from '../lib/session.ts';
import type { PortalPolicy } from '../lib/ticket-form.ts';
import { type Loaded, useLoad } from '../lib/use-load.ts';
import { usePortalPolicy } from '../lib/use-portal-policy.ts';
import { TimeSpent } from './case/time-entries.tsx';

type Ticket = Schema<'Ticket'>;
type Entry = NonNullable<Ticket['timeline']>[number];

export function PortalCase() {
  const { params } = useRoute();
  const caseId = params.caseId ?? '';
  // The API's case ids: anything else cannot be a case.
  return /^\d{1,15}$/.test(caseId) ? <LoadedCase caseId={caseId} /> : <NoSuchCase caseId={caseId} />;
}

function NoSuchCase({ caseId }: { caseId: string }) {
  useEffect(() => {
    document.title = 'Not found · sla-escalator';
  }, []);
  return (
    <section aria-labelledby="case-title" class="narrow">
      <h1 id="case-title">Not found</h1>
      <p>
        There is no case {caseId} in your organisation. <a href="/portal">Back to your tickets</a>.
      </p>
    </section>
  );
}

function LoadedCase({ caseId }: { caseId: string }) {
  const policy = usePortalPolicy(session.value?.me.policy);
  const ticket = useLoad(() => ok(api().GET('/tickets/{caseId}', { params: { path: { caseId } } })), [caseId]);
  useEffect(() => {
    document.title = `Case ${caseId} · sla-escalator`;
  }, [caseId]);
  if (ticket.problem?.status === 404) return <NoSuchCase caseId={caseId} />;
  if (ticket.data === undefined) {
    return (
      <>
        <h1>Case {caseId}</h1>
        <ProblemBanner problem={ticket.problem} onRetry={ticket.reload} />
        {ticket.problem === undefined && <p aria-busy="true">Loading…</p>}
      </>
    );
  }
  return <CaseView ticket={ticket.data} loaded={ticket} policy={policy.data} />;
}

function CaseView({ ticket, loaded, policy }: { ticket: Ticket; loaded: Loaded<Ticket>; policy: PortalPolicy | undefined }) {
  const severity = policy?.severities.find((s) => s.id === ticket.severity);
  const finished = ticket.status === 'resolved' || ticket.status === 'closed';
  return (
    <div class="portal-case">
      <h1>
        Case {ticket.caseId}: <span class="portal-subject">{ticket.subject}</span>
      </h1>
      <ProblemBanner problem={loaded.problem} onRetry={loaded.reload} />
      <dl class="portal-facts">
        <dt>Status</dt>
        <dd>{STATUS_TEXT[ticket.status] ?? ticket.status}</dd>
        <dt>Severity</dt>
        <dd>{severity?.name ?? ticket.severity}</dd>
        <dt>Opened</dt>
        <dd>{formatInstant(ticket.createdAt)}</dd>
        {ticket.category !== undefined && (
          <>
            <dt>Category</dt>
            <dd>{ticket.category}</dd>
          </>
        )}
        <MaintenanceLinks links={ticket.maintenance} />
      </dl>
      <Promises ticket={ticket} loaded={loaded} />
      <section aria-labelledby="details-title">
        <h2 id="details-title">What you told us</h2>
        <p class="portal-description">{ticket.description}</p>
        {Object.keys(ticket.fields).length > 0 && (
          <dl class="portal-facts">
            {Object.entries(ticket.fields).map(([name, value]) => (
              <div key={name}>
                <dt>{policy?.requiredFields.find((f) => f.name === name)?.label ?? name}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>
      <TimeSpent ticket={ticket} />
      <Conversation ticket={ticket} onChanged={loaded.reload} />
      <Actions ticket={ticket} onChanged={loaded.reload} />
      {policy?.customerEscalation === true && !finished && (
        <section aria-labelledby="case-escalate-title" class="narrow">
          <h2 id="case-escalate-title">Escalate</h2>
          <EscalateForm idPrefix="case-escalate" caseId={ticket.caseId} onEscalated={loaded.reload}>
            <p class="hint">If this case needs attention now, escalate it: the support team's escalation contacts are alerted at once.</p>
          </EscalateForm>
        </section>
      )}
    </div>
  );
}

function Promises({ ticket, loaded }: { ticket: Ticket; loaded: Loaded<Ticket> }) {
  const promises = customerPromises(ticket.deadlines);
  const zone = viewerZone();
  return (
    <section aria-labelledby="promises-title">
      <h2 id="promises-title">Our promises to you</h2>
      {promises.length === 0 ? (
        <p>No response or update is due on this case now.</p>
      ) : (
        <ul class="portal-promises">
          {promises.map((promise) => (
            <li key={promise.kind}>
              <time dateTime={promise.at}>{promiseText(promise, zone)}</time>
              {promise.clock !== undefined && (
                <>
                  {' '}
                  <Countdown clock={promise.clock} receivedAt={loaded.receivedAt} label={promise.label} onStale={loaded.reload} />
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <p class="hint">Times are in your zone ({zone}).</p>
    </section>
  );
}

function Conversation({ ticket, onChanged }: { ticket: Ticket; onChanged: () => void }) {
  const [older, setOlder] = useState<{ entries: readonly Entry[]; cursor: string | undefined }>({ entries: [], cursor: undefined });
  const [problem, setProblem] = useState<ApiProblem>();
  const cursor = older.entries.length === 0 ? ticket.timelineCursor : older.cursor;
  const loadOlder = () => {
    if (cursor === undefined) return;
    setProblem(undefined);
    ok(api().GET('/tickets/{caseId}/timeline', { params: { path: { caseId: String(ticket.caseId) }, query: { cursor } } })).then(
      (page) => setOlder({ entries: [...page.items, ...older.entries], cursor: page.cursor }),
      (error: unknown) => setProblem(problemOf(error)),
    );
  };
  return (
    <section aria-labelledby="conversation-title">
      <h2 id="conversation-title">Conversation</h2>
      {cursor !== undefined && (
        <button type="button" class="secondary" onClick={loadOlder}>
          Show earlier messages
        </button>
      )}
      <ProblemBanner problem={problem} onRetry={loadOlder} />
      <Timeline entries={conversationOf([...older.entries, ...(ticket.timeline ?? [])])} label="Conversation" />
      <MessageForm caseId={ticket.caseId} allowInternal={false} onSent={onChanged} />
    </section>
  );
}

function Actions({ ticket, onChanged }: { ticket: Ticket; onChanged: () => void }) {
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState(false);
  const finished = ticket.status === 'resolved' || ticket.status === 'closed';
  const change = (status: 'open' | 'closed') => {
    setBusy(true);
    setProblem(undefined);
    ok(api().PATCH('/tickets/{caseId}', { params: { path: { caseId: String(ticket.caseId) } }, body: { status } })).then(
      () => {
        setBusy(false);
        onChanged();
      },
      (error: unknown) => {
        setProblem(problemOf(error));
        setBusy(false);
      },
    );
  };
  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">{finished ? 'Reopen' : 'Close'}</h2>
      <ProblemBanner problem={problem} />
      <p class="portal-actions">
        {ticket.status !== 'closed' && (
          <button type="button" class="secondary" disabled={busy} onClick={() => change('closed')}>
            Close this ticket
          </button>
        )}
        {finished && (
          <button type="button" disabled={busy} onClick={() => change('open')}>
            Reopen this ticket
          </button>
        )}
      </p>
    </section>
  );
}
