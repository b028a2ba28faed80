/**
 * `/admin/orgs` (admins): the organisations by id, a page at a time, and creating one; the
 * server's problems on their fields. The list is read from an index that may lag a write by a
 * moment, so a new organisation is announced with its link as well.
 */

import { useEffect, useState } from 'preact/hooks';
import { OrgForm } from '../components/org-form.tsx';
import { ProblemBanner } from '../components/problem.tsx';
import { api, ok } from '../lib/api.ts';
import { EMPTY_ORG_DRAFT, newOrgBody, type Org, type OrgDraft, type PolicySummary } from '../lib/org-form.ts';
import { useAction } from '../lib/use-action.ts';
import { useLoad } from '../lib/use-load.ts';
import { usePages } from '../lib/use-pages.ts';

export function OrgsPage() {
  const policies = useLoad(() => ok(api().GET('/policies')), []);
  const orgs = usePages((cursor) => ok(api().GET('/orgs', { params: { query: { ...(cursor !== undefined && { cursor }) } } })), []);
  const [created, setCreated] = useState<Org>();
  useEffect(() => {
    document.title = 'Organisations · sla-escalator';
  }, []);
  return (
    <>
      <h1>Organisations</h1>
      {created !== undefined && (
        <p role="status" class="done">
          Created <a href={`/admin/orgs/${created.id}`}>{created.name}</a> ({created.id}).
        </p>
      )}
      <section aria-labelledby="orgs-title">
        <h2 id="orgs-title">All organisations</h2>
        <ProblemBanner problem={orgs.problem} onRetry={orgs.reload} />
        {orgs.loading ? <p>Loading…</p> : orgs.items.length === 0 ? <p>No organisations yet.</p> : <OrgTable orgs={orgs.items} />}
        {orgs.more !== undefined && (
          <button type="button" class="secondary" onClick={orgs.more}>
            More organisations
          </button>
        )}
      </section>
      <ProblemBanner problem={policies.problem} onRetry={policies.reload} />
      {policies.data !== undefined && (
        <Create
          policies={policies.data.items}
          onCreated={(org) => {
            setCreated(org);
            orgs.reload();
          }}
        />
      )}
    </>
  );
}

function OrgTable({ orgs }: { orgs: readonly Org[] }) {
  return (
    <div class="table-wrap">
      <table aria-labelledby="orgs-title">
        <thead>
          <tr>
            <th scope="col">Id</th>
            <th scope="col">Name</th>
            <th scope="col">Policy</th>
            <th scope="col">Tier</th>
            <th scope="col">Region</th>
            <th scope="col">E-mail domains</th>
          </tr>
        </thead>
        <tbody>
          {orgs.map((org) => (
            <tr key={org.id}>
              <th scope="row">
                <a href={`/admin/orgs/${org.id}`}>{org.id}</a>
              </th>
              <td>{org.name}</td>
              <td>{org.policy}</td>
              <td>{org.tier}</td>
              <td>{org.region ?? '—'}</td>
              <td class="org-domains">{org.emailDomains.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Create({ policies, onCreated }: { policies: readonly PolicySummary[]; onCreated: (org: Org) => void }) {
  const [draft, setDraft] = useState<OrgDraft>(EMPTY_ORG_DRAFT);
  const action = useAction();
  const create = () =>
    action.run(
      () => ok(api().POST('/orgs', { body: newOrgBody(draft) })),
      (org) => {
        setDraft(EMPTY_ORG_DRAFT);
        onCreated(org);
      },
    );
  return (
    <section aria-labelledby="create-org-title" class="narrow">
      <h2 id="create-org-title">Create an organisation</h2>
      <ProblemBanner problem={action.problem} />
      <OrgForm
        idPrefix="new-org"
        label="Create an organisation"
        draft={draft}
        onChange={setDraft}
        policies={policies}
        problem={action.problem}
        withId
        onSubmit={create}
      >
        <button type="submit" disabled={action.busy}>
          Create
        </button>
      </OrgForm>
    </section>
  );
}
