/** `/admin/orgs/{id}` (admins): an organisation's settings, edited with `PUT /orgs/{id}`; the server's problems on their fields. */

import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { FormSection } from '../components/form-section.tsx';
import { OrgFields } from '../components/org-fields.tsx';
import { ProblemBanner } from '../components/problem.tsx';
import { TierHistory } from '../components/tier-history.tsx';
import { api, ok } from '../lib/api.ts';
import { formatInstant } from '../lib/format.ts';
import { draftOfOrg, type Org, orgSettingsBody, type PolicySummary } from '../lib/org-form.ts';
import { useLoad } from '../lib/use-load.ts';

export function OrgPage() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const loaded = useLoad(() => Promise.all([ok(api().GET('/orgs/{id}', { params: { path: { id } } })), ok(api().GET('/policies'))]), [id]);
  useEffect(() => {
    document.title = `Organisation ${id} · sla-escalator`;
  }, [id]);
  if (loaded.problem?.status === 404) {
    return (
      <section class="narrow">
        <h1>Organisation not found</h1>
        <p>
          There is no organisation “{id}”. <a href="/admin/orgs">Back to the organisations</a>.
        </p>
      </section>
    );
  }
  const [org, policies] = loaded.data ?? [];
  return (
    <>
      <p>
        <a href="/admin/orgs">← Organisations</a>
      </p>
      <h1>Organisation {org?.name ?? id}</h1>
      <p>
        <a href={`/usage/${encodeURIComponent(id)}`}>Usage statements</a>
      </p>
      <ProblemBanner problem={loaded.problem} onRetry={loaded.reload} />
      {org === undefined || policies === undefined ? (
        loaded.problem === undefined && <p>Loading…</p>
      ) : (
        <>
          <Edit key={org.id} org={org} policies={policies.items} />
          <TierHistory id="org-tiers-title" title={`Tier history (now ${org.tier})`} tiers={org.tiers} />
        </>
      )}
    </>
  );
}

function Edit({ org: initial, policies }: { org: Org; policies: readonly PolicySummary[] }) {
  const [org, setOrg] = useState(initial);
  return (
    <FormSection
      id="org-settings"
      title="Settings"
      submit="Save"
      class="narrow"
      initial={draftOfOrg(initial)}
      write={(draft) => ok(api().PUT('/orgs/{id}', { params: { path: { id: org.id } }, body: orgSettingsBody(draft) }))}
      done={(changed) => {
        setOrg(changed);
        return { draft: draftOfOrg(changed), status: `Saved at ${formatInstant(changed.updatedAt)}.` };
      }}
    >
      {(form) => (
        <>
          <p class="hint">
            Id <code>{org.id}</code>; created {formatInstant(org.createdAt)}, last changed {formatInstant(org.updatedAt)}.
          </p>
          <OrgFields idPrefix="org" {...form} policies={policies} withId={false} />
        </>
      )}
    </FormSection>
  );
}
