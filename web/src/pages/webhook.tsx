/**
 * `/integrations/webhooks/{id}`: one endpoint's state and health, pausing and resuming it,
 * rotating its secret (the new one shown once), deleting it (after a confirmation), editing it,
 * and its delivery log with a replay per delivery. To a customer, another organisation's
 * endpoint is not found (the API answers 404).
 */

import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { ColumnHeads } from '../components/column-heads.tsx';
import { FormSection } from '../components/form-section.tsx';
import { ProblemBanner } from '../components/problem.tsx';
import { SecretOnce } from '../components/secret-once.tsx';
import { WebhookFields } from '../components/webhook-fields.tsx';
import { api, ok } from '../lib/api.ts';
import { formatInstant } from '../lib/format.ts';
import { isStaff } from '../lib/session.ts';
import { useAction } from '../lib/use-action.ts';
import { useLoad } from '../lib/use-load.ts';
import { usePages } from '../lib/use-pages.ts';
import {
  type DeliveryRow,
  deliveryRow,
  draftOfEndpoint,
  type Endpoint,
  type EndpointAction,
  endpointActions,
  healthText,
  patchBody,
  stateText,
} from '../lib/webhook-view.ts';

export function WebhookPage() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const loaded = useLoad(() => ok(api().GET('/webhooks/{id}', { params: { path: { id } } })), [id]);
  const [endpoint, setEndpoint] = useState<Endpoint>();
  const [secret, setSecret] = useState<string>();
  useEffect(() => setEndpoint(loaded.data), [loaded.data]);
  useEffect(() => {
    document.title = `Webhook ${endpoint?.url ?? id} · sla-escalator`;
  }, [endpoint, id]);

  if (loaded.problem?.status === 404) {
    return (
      <section class="narrow">
        <h1>Webhook endpoint not found</h1>
        <p>
          There is no endpoint {id} that you may see. <a href="/integrations/webhooks">Back to the webhooks</a>.
        </p>
      </section>
    );
  }
  if (endpoint === undefined) {
    return (
      <>
        <h1>Webhook endpoint</h1>
        <ProblemBanner problem={loaded.problem} onRetry={loaded.reload} />
        {loaded.problem === undefined && <p>Loading…</p>}
      </>
    );
  }
  return (
    <>
      <p>
        <a href="/integrations/webhooks">← Webhooks</a>
      </p>
      <h1 class="webhook-title">Webhook {endpoint.url}</h1>
      {secret !== undefined && <SecretOnce secret={secret} onDismiss={() => setSecret(undefined)} />}
      <Overview
        endpoint={endpoint}
        onChanged={setEndpoint}
        onRotated={(rotated) => {
          setEndpoint(rotated);
          setSecret(rotated.secret);
        }}
      />
      <Edit endpoint={endpoint} onSaved={setEndpoint} />
      <DeliveryLog endpoint={endpoint} />
    </>
  );
}

function Overview({
  endpoint,
  onChanged,
  onRotated,
}: {
  endpoint: Endpoint;
  onChanged: (endpoint: Endpoint) => void;
  onRotated: (endpoint: Endpoint & { secret: string }) => void;
}) {
  const { route } = useLocation();
  const action = useAction();
  const [confirming, setConfirming] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);
  const path = { params: { path: { id: endpoint.id } } };
  const setState = (state: 'active' | 'paused') =>
    action.run(() => ok(api().PATCH('/webhooks/{id}', { ...path, body: { state } })), onChanged);
  const buttons: Record<EndpointAction, { label: string; class: string | undefined; run: () => void }> = {
    pause: { label: 'Pause', class: 'secondary', run: () => setState('paused') },
    resume: { label: 'Resume', class: undefined, run: () => setState('active') },
    rotate: {
      label: 'Rotate secret',
      class: 'secondary',
      run: () => action.run(() => ok(api().POST('/webhooks/{id}/secret', path)), onRotated),
    },
    delete: { label: 'Delete…', class: 'danger', run: () => setConfirming(true) },
  };
  return (
    <section aria-labelledby="overview-title">
      <h2 id="overview-title">State and health</h2>
      <dl class="facts">
        <dt>State</dt>
        <dd>{stateText(endpoint)}</dd>
        <dt>Health</dt>
        <dd>{healthText(endpoint.health)}</dd>
        <dt>Hears of</dt>
        <dd>{endpoint.scope === 'staff' ? 'every organisation’s tickets (staff endpoint)' : `the tickets of ${endpoint.org}`}</dd>
        <dt>Events</dt>
        <dd>{endpoint.events.join(', ')}</dd>
        <dt>Contact</dt>
        <dd>{endpoint.contact}</dd>
        <dt>Secrets</dt>
        <dd>
          <ul class="plain">
            {endpoint.secrets.map((s) => (
              <li key={s.createdAt}>
                made {formatInstant(s.createdAt)}
                {s.expiresAt !== undefined && `, signs until ${formatInstant(s.expiresAt)}`}
              </li>
            ))}
          </ul>
        </dd>
        <dt>Registered</dt>
        <dd>
          {formatInstant(endpoint.createdAt)} by {endpoint.createdBy}
        </dd>
      </dl>
      <ProblemBanner problem={action.problem} />
      <p class="actions">
        {endpointActions(endpoint).map((kind) => {
          const button = buttons[kind];
          return (
            <button
              key={kind}
              type="button"
              class={button.class}
              disabled={action.busy || (kind === 'delete' && confirming)}
              onClick={button.run}
            >
              {button.label}
            </button>
          );
        })}
      </p>
      {confirming && (
        <div class="problem">
          <p id="delete-question">Delete this endpoint? It gets no more deliveries, and its log goes with it.</p>
          <button
            ref={confirmButton}
            type="button"
            class="danger"
            disabled={action.busy}
            onClick={() =>
              action.run(
                () => ok(api().DELETE('/webhooks/{id}', path)),
                () => route('/integrations/webhooks'),
              )
            }
          >
            Delete the endpoint
          </button>{' '}
          <button type="button" class="secondary" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      )}
    </section>
  );
}

function Edit({ endpoint, onSaved }: { endpoint: Endpoint; onSaved: (endpoint: Endpoint) => void }) {
  const before = draftOfEndpoint(endpoint);
  return (
    <FormSection
      id="edit"
      title="Edit"
      submit="Save changes"
      initial={before}
      unchanged={(draft) => Object.keys(patchBody(before, draft)).length === 0}
      write={(draft) => ok(api().PATCH('/webhooks/{id}', { params: { path: { id: endpoint.id } }, body: patchBody(before, draft) }))}
      done={(changed) => {
        onSaved(changed);
        return { draft: draftOfEndpoint(changed), status: 'Saved.' };
      }}
    >
      {(form) => <WebhookFields idPrefix="edit" {...form} contactHint="Told when the service pauses the endpoint." />}
    </FormSection>
  );
}

function DeliveryLog({ endpoint }: { endpoint: Endpoint }) {
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
