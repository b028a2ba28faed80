/**
 * Publishing a policy document (admins): paste YAML or JSON or pick a file, "Check changes" runs
 * the publish as a dry run and shows what the server answered (each bad field by its path, next
 * to the document; or what changes for new tickets and which open tickets' deadlines move), then
 * "Publish", offered only after a dry run of exactly this text succeeded. A refused publish keeps
 * the text. `policy` absent: a new policy (`POST /policies`); present: its next version.
 */

import { useState } from 'preact/hooks';
import { type ApiProblem, api, ok } from '../lib/api.ts';
import { formatInstant, viewerZone } from '../lib/format.ts';
import {
  addedRemovedText,
  canPublish,
  documentMediaType,
  dryRunSummary,
  inViewerZoneAndUtc,
  type PolicyDryRun,
  type PolicyVersion,
  pairDeadlines,
  publishConflictText,
} from '../lib/policy-view.ts';
import { useAction } from '../lib/use-action.ts';
import { ColumnHeads } from './column-heads.tsx';
import { DryRunButtons, TextFileInput } from './dry-run-controls.tsx';
import { ScrollBox } from './scroll-box.tsx';

function send(policy: string | undefined, text: string, dryRun: boolean): Promise<PolicyDryRun | PolicyVersion> {
  const query = { dryRun: dryRun ? 'true' : 'false' } as const;
  // The typed body is the JSON one; the text goes as it was typed, with its own media type.
  const raw = { body: text as never, bodySerializer: (t: unknown) => String(t), headers: { 'content-type': documentMediaType(text) } };
  return policy === undefined
    ? ok(api().POST('/policies', { params: { query }, ...raw }))
    : ok(api().POST('/policies/{id}/versions', { params: { path: { id: policy }, query }, ...raw }));
}

export function PolicyEditor({
  policy,
  title,
  hint,
  initialText,
  onPublished,
}: {
  policy?: string;
  title: string;
  hint: string;
  initialText: string;
  onPublished: (version: PolicyVersion) => void;
}) {
  const [text, setText] = useState(initialText);
  const [checked, setChecked] = useState<{ text: string; target: string; dryRun: PolicyDryRun }>();
  const action = useAction();
  const target = policy ?? '';
  const prefix = policy === undefined ? 'new-policy' : 'new-version';
  const run = (dryRun: boolean) => {
    const sent = text;
    // A publish is checked once: if it is refused (someone published first), the text is checked again.
    if (!dryRun) setChecked(undefined);
    action.run(
      () => send(policy, sent, dryRun),
      (answer) => {
        if ('dryRun' in answer) setChecked({ text: sent, target, dryRun: answer });
        else onPublished(answer);
      },
    );
  };
  const problemsId = `${prefix}-problems`;
  return (
    <form
      aria-labelledby={`${prefix}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        run(true);
      }}
    >
      <h2 id={`${prefix}-title`}>{title}</h2>
      <p class="hint" id={`${prefix}-hint`}>
        {hint}
      </p>
      <div class="policy-editor">
        <div>
          <label for={`${prefix}-text`}>Policy document</label>
          <textarea
            id={`${prefix}-text`}
            class="policy-text"
            rows={24}
            spellcheck={false}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
            aria-describedby={`${prefix}-hint${action.problem === undefined ? '' : ` ${problemsId}`}`}
            aria-invalid={action.problem !== undefined && action.problem.status === 422}
          />
          <TextFileInput
            id={`${prefix}-file`}
            label="Or pick a file"
            accept=".yaml,.yml,.json,application/yaml,application/json"
            onText={setText}
          />
          <DryRunButtons
            check="Check changes"
            apply="Publish"
            busy={action.busy}
            canApply={canPublish(checked, text, target)}
            onApply={() => run(false)}
            hintId={`${prefix}-publish-hint`}
            hint="Publish is offered after checking the changes of exactly this text."
          />
        </div>
        <div aria-live="polite">
          {action.problem !== undefined && <DocumentProblems id={problemsId} problem={action.problem} policy={policy} />}
          {checked !== undefined && action.problem === undefined && <DryRunResult dryRun={checked.dryRun} prefix={prefix} />}
        </div>
      </div>
    </form>
  );
}

/** Why the server refused: each bad field by its path, or what a conflict means. */
function DocumentProblems({ id, problem, policy }: { id: string; problem: ApiProblem; policy: string | undefined }) {
  const conflict = publishConflictText(problem.status, policy);
  return (
    <div id={id} role="alert" class="problem">
      <p>{problem.status === 0 ? problem.detail : `${problem.detail} (HTTP ${problem.status})`}</p>
      {conflict !== undefined && <p>{conflict}</p>}
      {problem.errors.length > 0 && (
        <ul class="field-paths">
          {problem.errors.map((e) => (
            <li key={`${e.path} ${e.message}`}>
              {e.path === '' ? (
                e.message
              ) : (
                <>
                  <code>{e.path}</code>: {e.message}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Times({ instant }: { instant: string }) {
  return (
    <>
      {inViewerZoneAndUtc(instant, viewerZone(), formatInstant).map((text, i) => (
        <span key={text} class={i === 0 ? undefined : 'hint'}>
          {i > 0 && <br />}
          <time dateTime={instant}>{text}</time>
        </span>
      ))}
    </>
  );
}

function DryRunResult({ dryRun, prefix }: { dryRun: PolicyDryRun; prefix: string }) {
  const samples = new Map(dryRun.samples.map((s) => [s.label, s.at]));
  const withRegion = dryRun.changes.some((c) => c.region !== undefined);
  const titleId = `${prefix}-changes-title`;
  const open = dryRun.openTickets;
  return (
    <section aria-labelledby={`${prefix}-result-title`} class="dry-run">
      <h3 id={`${prefix}-result-title`}>
        What changes ({dryRun.id} version {dryRun.version})
      </h3>
      <p role="status">{dryRunSummary(dryRun)}</p>
      {addedRemovedText(dryRun).length > 0 && (
        <ul>
          {addedRemovedText(dryRun).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {dryRun.changes.length > 0 && (
        <>
          <h4 id={titleId}>New tickets: deadlines before → after</h4>
          <ScrollBox label="Plan changes">
            <table aria-labelledby={titleId}>
              <ColumnHeads names={['Severity', 'Tier', ...(withRegion ? ['Region'] : []), 'Opened', 'Deadline', 'Before', 'After']} />
              <tbody>
                {dryRun.changes.flatMap((change) => {
                  const pairs = pairDeadlines(change);
                  const at = samples.get(change.sample);
                  return pairs.map((pair, i) => (
                    <tr key={`${change.severity} ${change.tier} ${change.region ?? ''} ${change.sample} ${pair.label}`}>
                      {i === 0 && (
                        <>
                          <th scope="row" rowSpan={pairs.length}>
                            {change.severity}
                          </th>
                          <td rowSpan={pairs.length}>{change.tier}</td>
                          {withRegion && <td rowSpan={pairs.length}>{change.region ?? 'default'}</td>}
                          <td rowSpan={pairs.length}>
                            {change.sample}
                            {at !== undefined && (
                              <>
                                <br />
                                <span class="hint">
                                  <time dateTime={at}>{formatInstant(at)}</time>
                                </span>
                              </>
                            )}
                          </td>
                        </>
                      )}
                      <td>{pair.label}</td>
                      <td>{pair.before === undefined ? 'none' : <time dateTime={pair.before}>{formatInstant(pair.before)}</time>}</td>
                      <td>
                        {pair.after === undefined ? (
                          'none'
                        ) : pair.after === pair.before ? (
                          'unchanged'
                        ) : (
                          <time dateTime={pair.after}>{formatInstant(pair.after)}</time>
                        )}
                      </td>
                    </tr>
                  ));
                })}
              </tbody>
            </table>
          </ScrollBox>
        </>
      )}
      {dryRun.calendarsChanged.length > 0 && (
        <>
          <h4 id={`${prefix}-open-title`}>
            Open tickets whose deadlines move: {open.moved} of {open.examined}
            {open.complete ? '' : ' looked at'}
          </h4>
          {open.examples.length > 0 && (
            <ScrollBox label="Open tickets that move">
              <table aria-labelledby={`${prefix}-open-title`}>
                <ColumnHeads names={['Case', 'Organisation', 'Deadline', 'Due before', 'Due after']} />
                <tbody>
                  {open.examples.map((example) => (
                    <tr key={`${example.caseId} ${example.deadline}`}>
                      <th scope="row">
                        <a href={`/case/${example.caseId}`}>{example.caseId}</a>
                      </th>
                      <td>{example.org}</td>
                      <td>{example.deadline}</td>
                      <td>
                        <Times instant={example.before} />
                      </td>
                      <td>{example.after === null ? 'no longer due' : <Times instant={example.after} />}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollBox>
          )}
          {open.moved > open.examples.length && (
            <p class="hint">
              {open.examples.length} of the {open.moved} shown.
            </p>
          )}
        </>
      )}
    </section>
  );
}
