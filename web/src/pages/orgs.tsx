/**
 * `/admin/orgs` (admins): the organisations by id, a page at a time, and creating one; the
 * server's problems on their fields. The list is read from an index that may lag a write by a
 * moment, so a new organisation is announced with its link as well.
 */

import { useEffect, useState } from 'preact/hooks';
import { ColumnHeads } from '../components/column-heads.tsx';
import { FormSection } from '../components/form-section.tsx';
import { OrgFields } from '../components/org-fields.tsx';
import { ProblemBanner } from '../components/problem.tsx';
import { api, ok } from '../lib/api.ts';
import { EMPTY_ORG_DRAFT, newOrgBody, type Org, type PolicySummary } from '../lib/org-form.ts';
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
        <ColumnHeads names={['Id', 'Name', 'Policy', 'Tier', 'Region', 'E-mail domains']} />
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

function Create({ policies, onCreated }: { policies: readonly PolicySummary[]; onCreated: (org: Org) => undefined }) {
  return (
    <FormSection
      id="create-org"
      title="Create an organisation"
      submit="Create"
      class="narrow"
      initial={EMPTY_ORG_DRAFT}
      write={(draft) => ok(api().POST('/orgs', { body: newOrgBody(draft) }))}
      done={onCreated}
    >
      {(form) => <OrgFields idPrefix="new-org" {...form} policies={policies} withId />}
    </FormSection>
  );
}
