/**
 * `/integrations/webhooks`: the endpoints the signed-in user may manage (the API decides: a
 * customer's organisation's, or for staff the staff endpoints or a named organisation's), and
 * registering one, whose signing secret is shown once.
 */

import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ColumnHeads } from '../components/column-heads.tsx';
import { FormSection } from '../components/form-section.tsx';
import { ProblemBanner } from '../components/problem.tsx';
import { SecretOnce } from '../components/secret-once.tsx';
import { WebhookFields } from '../components/webhook-fields.tsx';
import { api, ok } from '../lib/api.ts';
import { formatInstant } from '../lib/format.ts';
import { isStaff } from '../lib/session.ts';
import { usePages } from '../lib/use-pages.ts';
import { EMPTY_ENDPOINT_DRAFT, type Endpoint, registrationBody, stateText } from '../lib/webhook-view.ts';

export function WebhooksPage() {
  const { query, route } = useLocation();
  const staff = isStaff.value;
  const org = staff && query.org !== undefined && query.org !== '' ? query.org : undefined;
  const [secret, setSecret] = useState<{ id: string; secret: string }>();
  useEffect(() => {
    document.title = 'Webhooks · sla-escalator';
  }, []);
  const endpoints = usePages(
    (cursor) =>
      ok(api().GET('/webhooks', { params: { query: { ...(org !== undefined && { org }), ...(cursor !== undefined && { cursor }) } } })),
    [org],
  );
  return (
    <>
      <h1>Webhooks</h1>
      <p class="hint">
        Endpoints receive signed HTTP POSTs when tickets change (Standard Webhooks signatures).{' '}
        {staff ? 'A staff endpoint hears of every organisation’s tickets.' : 'Yours hear of your organisation’s tickets only.'}
      </p>
      {secret !== undefined && (
        <>
          <p role="status">
            Registered <a href={`/integrations/webhooks/${secret.id}`}>{secret.id}</a>.
          </p>
          <SecretOnce secret={secret.secret} onDismiss={() => setSecret(undefined)} />
        </>
      )}
      <section aria-labelledby="endpoints-title">
        <h2 id="endpoints-title">{org === undefined ? (staff ? 'Staff endpoints' : 'Endpoints') : `Endpoints of ${org}`}</h2>
        {staff && (
          <ScopeChooser
            org={org}
            onChoose={(next) => route(next === '' ? '/integrations/webhooks' : `/integrations/webhooks?org=${encodeURIComponent(next)}`)}
          />
        )}
        <ProblemBanner problem={endpoints.problem} onRetry={endpoints.reload} />
        {endpoints.loading ? (
          <p>Loading…</p>
        ) : endpoints.items.length === 0 ? (
          <p>No endpoints yet.</p>
        ) : (
          <EndpointTable endpoints={endpoints.items} />
        )}
        {endpoints.more !== undefined && (
          <button type="button" class="secondary" onClick={endpoints.more}>
            More endpoints
          </button>
        )}
      </section>
      {org === undefined ? (
        <Register
          staff={staff}
          onRegistered={(created) => {
            setSecret({ id: created.id, secret: created.secret });
            endpoints.reload();
          }}
        />
      ) : (
        // What staff register is a staff endpoint, which hears of every organisation: never offered
        // under an organisation's heading, where it would read as that organisation's.
        <p class="hint" id="webhooks-register-elsewhere">
          An organisation registers its own endpoints from its portal. Endpoints registered here by staff hear of every organisation's
          tickets: see <a href="/integrations/webhooks">Staff endpoints</a>.
        </p>
      )}
    </>
  );
}

function EndpointTable({ endpoints }: { endpoints: readonly Endpoint[] }) {
  return (
    <div class="table-wrap">
      <table class="webhooks-table" aria-labelledby="endpoints-title">
        <ColumnHeads names={['URL', 'Events', 'State', 'Registered']} />
        <tbody>
          {endpoints.map((endpoint) => (
            <tr key={endpoint.id}>
              <th scope="row">
                <a href={`/integrations/webhooks/${endpoint.id}`}>{endpoint.url}</a>
                {endpoint.description !== undefined && <span class="hint">{endpoint.description}</span>}
              </th>
              <td>{endpoint.events.join(', ')}</td>
              <td>
                {stateText(endpoint)}
                {endpoint.health.failingSince !== undefined && <span class="badge">failing</span>}
              </td>
              <td>
                <time dateTime={endpoint.createdAt}>{formatInstant(endpoint.createdAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Staff list the staff endpoints, or an organisation's by its id. */
function ScopeChooser({ org, onChoose }: { org: string | undefined; onChoose: (org: string) => void }) {
  const [typed, setTyped] = useState(org ?? '');
  return (
    <form
      class="inline-form"
      aria-label="Whose endpoints"
      onSubmit={(event) => {
        event.preventDefault();
        onChoose(typed.trim());
      }}
    >
      <label for="webhooks-org">Organisation id</label>
      <p id="webhooks-org-hint" class="hint">
        Leave empty for the staff endpoints.
      </p>
      <input id="webhooks-org" value={typed} onInput={(e) => setTyped(e.currentTarget.value)} aria-describedby="webhooks-org-hint" />{' '}
      <button type="submit" class="secondary">
        Show
      </button>
    </form>
  );
}

function Register({ staff, onRegistered }: { staff: boolean; onRegistered: (created: Endpoint & { secret: string }) => undefined }) {
  return (
    <FormSection
      id="register"
      title={staff ? 'Register a staff endpoint' : 'Register an endpoint'}
      submit="Register"
      initial={EMPTY_ENDPOINT_DRAFT}
      write={(draft) => ok(api().POST('/webhooks', { body: registrationBody(draft) }))}
      done={onRegistered}
    >
      {(form) => <WebhookFields idPrefix="register" {...form} contactHint={staff ? STAFF_CONTACT_HINT : CUSTOMER_CONTACT_HINT} />}
    </FormSection>
  );
}

const STAFF_CONTACT_HINT = 'Told when the service pauses the endpoint; empty: the address of your sign-in.';
const CUSTOMER_CONTACT_HINT = 'Told when the service pauses the endpoint: your address or one at your organisation’s e-mail domains.';
