/**
 * `/integrations/webhooks/{id}`: one endpoint's state and health, pausing and resuming it,
 * rotating its secret (the new one shown once), deleting it (after a confirmation), editing it,
 * and its delivery log with a replay per delivery. To a customer, another organisation's
 * endpoint is not found (the API answers 404).
 */

import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { FormSection } from '../components/form-section.tsx';
import { ProblemBanner } from '../components/problem.tsx';
import { SecretOnce } from '../components/secret-once.tsx';
import { WebhookFields } from '../components/webhook-fields.tsx';
import { api, ok } from '../lib/api.ts';
import { formatInstant } from '../lib/format.ts';
import { useAction } from '../lib/use-action.ts';
import { useLoad } from '../lib/use-load.ts';
import {
  draftOfEndpoint,
  type Endpoint,
  type EndpointAction,
  endpointActions,
  healthText,
  patchBody,
  stateText,
} from '../lib/webhook-view.ts';
import { DeliveryLog } from './webhook/delivery-log.tsx';

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
