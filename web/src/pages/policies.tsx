/**
 * `/admin/policies` (staff; admins publish): every policy with its latest version, preset or
 * custom, and publishing a new one from a pasted or uploaded document after a dry run.
 */

import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ColumnHeads } from '../components/column-heads.tsx';
import { PolicyEditor } from '../components/policy-editor.tsx';
import { ProblemBanner } from '../components/problem.tsx';
import { ScrollBox } from '../components/scroll-box.tsx';
import { api, ok } from '../lib/api.ts';
import { role } from '../lib/session.ts';
import { useLoad } from '../lib/use-load.ts';

export function PoliciesPage() {
  const { route } = useLocation();
  const policies = useLoad(() => ok(api().GET('/policies')), []);
  const admin = role.value === 'admin';
  useEffect(() => {
    document.title = 'Policies · sla-escalator';
  }, []);
  return (
    <>
      <h1>Policies</h1>
      <p class="hint">
        A policy is published in versions that never change. A ticket keeps the version it was opened under; new tickets follow the latest.
        {admin ? ' Check what a document changes before you publish it.' : ' Administrators publish them.'}
      </p>
      <section aria-labelledby="policies-title">
        <h2 id="policies-title">All policies</h2>
        <ProblemBanner problem={policies.problem} onRetry={policies.reload} />
        {policies.data === undefined ? (
          policies.problem === undefined && <p>Loading…</p>
        ) : (
          <ScrollBox label="Policies">
            <table aria-labelledby="policies-title">
              <ColumnHeads names={['Id', 'Name', 'Latest version', 'Kind', 'Severities', 'Tiers']} />
              <tbody>
                {policies.data.items.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      <a href={`/admin/policies/${encodeURIComponent(p.id)}`}>{p.id}</a>
                    </th>
                    <td>{p.name}</td>
                    <td class="number">{p.version}</td>
                    <td>{p.preset ? 'preset' : 'custom'}</td>
                    <td>{p.severities.join(', ')}</td>
                    <td>{p.tiers.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        )}
      </section>
      {admin && (
        <PolicyEditor
          title="New policy"
          hint="A policy document as YAML or JSON, as sla validate reads it: its id names the policy, its version is 1 (or left out)."
          initialText=""
          onPublished={(published) => route(`/admin/policies/${encodeURIComponent(published.id)}?published=1`)}
        />
      )}
    </>
  );
}
