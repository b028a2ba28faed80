/** `/admin/orgs` (admins): the organisations, and creating one; the server's problems on their fields. */

import { useEffect, useState } from 'preact/hooks';
import { OrgForm } from '../components/org-form.tsx';
import { ProblemBanner } from '../components/problem.tsx';
import { api, ok } from '../lib/api.ts';
import { EMPTY_ORG_DRAFT, newOrgBody, type Org, type OrgDraft, type PolicySummary } from '../lib/org-form.ts';
import { useAction } from '../lib/use-action.ts';
import { useLoad } from '../lib/use-load.ts';

export function OrgsPage() {
  const policies = useLoad(() => ok(api().GET('/policies')), []);
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
      <ProblemBanner problem={policies.problem} onRetry={policies.reload} />
      {policies.data !== undefined && <Create policies={policies.data.items} onCreated={setCreated} />}
    </>
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
