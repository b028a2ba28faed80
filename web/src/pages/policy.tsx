/**
 * `/admin/policies/{id}` (staff; admins publish): a policy's versions with who published each and
 * when, one version's document (`?version=`, the latest by default), the re-plan of open tickets a
 * calendar change started (read again every few seconds while it runs), and publishing the next
 * version after a dry run.
 */

import { useEffect } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { ColumnHeads } from '../components/column-heads.tsx';
import { PolicyEditor } from '../components/policy-editor.tsx';
import { ProblemBanner } from '../components/problem.tsx';
import { ScrollBox } from '../components/scroll-box.tsx';
import { api, ok } from '../lib/api.ts';
import { formatInstant } from '../lib/format.ts';
import {
  compactJson,
  copyText,
  nextVersionText,
  type PolicyVersion,
  REPLAN_POLL_MS,
  replanRunning,
  replanText,
} from '../lib/policy-view.ts';
import { role } from '../lib/session.ts';
import { useLoad } from '../lib/use-load.ts';
import { usePages } from '../lib/use-pages.ts';

const readVersion = (id: string, version: number | undefined) =>
  version === undefined
    ? Promise.resolve(undefined)
    : ok(api().GET('/policies/{id}/versions/{version}', { params: { path: { id, version: String(version) } } }));

export function PolicyPage() {
  const { params } = useRoute();
  const { query, route } = useLocation();
  const id = params.id ?? '';
  const admin = role.value === 'admin';
  const versions = usePages(
    (cursor) => ok(api().GET('/policies/{id}/versions', { params: { path: { id }, query: { ...(cursor !== undefined && { cursor }) } } })),
    [id],
  );
  const latest = versions.items[0]?.version;
  const asked = /^\d{1,9}$/.test(query.version ?? '') ? Number(query.version) : undefined;
  const shownNumber = asked ?? latest;
  const shown = useLoad(() => readVersion(id, shownNumber), [id, shownNumber]);
  const policies = useLoad(() => (admin ? ok(api().GET('/policies')) : Promise.resolve(undefined)), [admin]);
  const preset = policies.data?.items.find((p) => p.id === id)?.preset;
  const latestRecord = useLoad(() => readVersion(id, admin ? latest : undefined), [id, latest, admin]);
  useEffect(() => {
    document.title = `Policy ${id} · sla-escalator`;
  }, [id]);
  // A running re-plan is read again until it is done; leaving the page or the version stops it.
  const running = replanRunning(shown.data);
  useEffect(() => {
    if (!running || shown.loading) return;
    const timer = setTimeout(shown.reload, REPLAN_POLL_MS);
    return () => clearTimeout(timer);
  }, [running, shown.loading, shown.data]);

  if (versions.problem?.status === 404) {
    return (
      <section class="narrow">
        <h1>Policy not found</h1>
        <p>
          There is no policy “{id}”. <a href="/admin/policies">Back to the policies</a>.
        </p>
      </section>
    );
  }
  const record = shown.data;
  return (
    <>
      <p>
        <a href="/admin/policies">← Policies</a>
      </p>
      <h1>
        Policy {record?.name ?? id} ({id})
      </h1>
      {query.published === '1' && shownNumber !== undefined && (
        <p role="status" class="done">
          Published version {shownNumber} of {id}.
        </p>
      )}
      <section aria-labelledby="versions-title">
        <h2 id="versions-title">Versions</h2>
        <ProblemBanner problem={versions.problem} onRetry={versions.reload} />
        {versions.loading ? (
          <p>Loading…</p>
        ) : (
          <ScrollBox label="Versions">
            <table aria-labelledby="versions-title">
              <ColumnHeads names={['Version', 'Name', 'Published by', 'Published', 'Calendar change']} />
              <tbody>
                {versions.items.map((v) => (
                  <tr key={v.version} aria-current={v.version === shownNumber ? 'true' : undefined}>
                    <th scope="row">
                      <a href={`/admin/policies/${encodeURIComponent(id)}?version=${v.version}`}>version {v.version}</a>
                    </th>
                    <td>{v.name}</td>
                    <td>{v.publishedBy}</td>
                    <td>
                      <time dateTime={v.publishedAt}>{formatInstant(v.publishedAt)}</time>
                    </td>
                    <td>{v.calendarsChanged ? 'yes: reaches open tickets' : 'no'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        )}
        {versions.more !== undefined && (
          <button type="button" class="secondary" onClick={versions.more}>
            Older versions
          </button>
        )}
      </section>
      <section aria-labelledby="document-title">
        <h2 id="document-title">{shownNumber === undefined ? 'Document' : `Version ${shownNumber}`}</h2>
        <ProblemBanner problem={shown.problem} onRetry={shown.reload} />
        {record !== undefined && (
          <>
            <p>
              Published by {record.publishedBy} on <time dateTime={record.publishedAt}>{formatInstant(record.publishedAt)}</time>
              {record.version === latest ? ' (the latest: new tickets follow it).' : '.'}
            </p>
            <div aria-live="polite">{record.replan !== undefined && <ReplanProgress replan={record.replan} />}</div>
            <h3>The document as published</h3>
            <ScrollBox label="The document as published">
              <pre class="policy-document">{compactJson(record.document)}</pre>
            </ScrollBox>
          </>
        )}
      </section>
      {admin && latestRecord.data !== undefined && preset !== undefined && (
        // A preset changes in the repository (the API refuses a new version of it); it can be published as a copy.
        <PolicyEditor
          key={`${preset} ${latestRecord.data.version}`}
          {...(preset
            ? {
                title: 'New policy from a copy',
                hint: `${id} is a preset: it changes with the service. Publish a copy under an id of your own, then assign it to organisations.`,
                initialText: copyText(latestRecord.data.document, `${id}-copy`),
              }
            : {
                policy: id,
                title: 'New version',
                hint: `The next version of ${id}, as YAML or JSON, starting from a copy of the latest. New tickets follow it; a calendar change also moves open tickets' deadlines.`,
                initialText: nextVersionText(latestRecord.data.document, latestRecord.data.version),
              })}
          onPublished={(version) => {
            if (version.id === id) versions.reload();
            route(`/admin/policies/${encodeURIComponent(version.id)}?version=${version.version}&published=1`);
          }}
        />
      )}
    </>
  );
}

function ReplanProgress({ replan }: { replan: NonNullable<PolicyVersion['replan']> }) {
  return (
    <div class="replan">
      <p role="status">{replanText(replan)}</p>
      <progress
        max={Math.max(replan.examined, 1)}
        value={replan.state === 'done' ? Math.max(replan.examined, 1) : undefined}
        aria-label="Re-plan of open tickets"
      />
      <p class="hint">
        Started <time dateTime={replan.startedAt}>{formatInstant(replan.startedAt)}</time>
        {replan.finishedAt !== undefined && (
          <>
            , finished <time dateTime={replan.finishedAt}>{formatInstant(replan.finishedAt)}</time>
          </>
        )}
        .
      </p>
    </div>
  );
}
