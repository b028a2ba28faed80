/**
 * `/admin/tier-reviews` (admins): a policy's quarterly tier review. Paste or upload the turnover
 * as CSV (`org,turnover`), see the dry run (who moves from which tier to which, and who has no
 * row), then apply it: tiers change from the quarter's first day and every reviewed organisation
 * is e-mailed. The server parses and decides everything; a bad row comes back with its row and column.
 */

import { useEffect, useState } from 'preact/hooks';
import { ColumnHeads } from '../components/column-heads.tsx';
import { DryRunButtons, TextFileInput } from '../components/dry-run-controls.tsx';
import { ProblemBanner } from '../components/problem.tsx';
import { ScrollBox } from '../components/scroll-box.tsx';
import { api, ok } from '../lib/api.ts';
import { formatInstant } from '../lib/format.ts';
import { moveText, quarterOf, sameInput, type TierReview } from '../lib/tier-review-view.ts';
import { useAction } from '../lib/use-action.ts';
import { useLoad } from '../lib/use-load.ts';

interface Input {
  readonly policy: string;
  readonly quarter: string;
  readonly csv: string;
}

const review = (input: Input, dryRun: boolean) =>
  ok(
    api().POST('/tier-reviews', {
      params: { query: { policy: input.policy, quarter: input.quarter, dryRun: dryRun ? 'true' : 'false' } },
      // The typed body is the JSON one; the CSV goes as it was typed, with its own media type.
      body: input.csv as never,
      bodySerializer: (csv: unknown) => String(csv),
      headers: { 'content-type': 'text/csv' },
    }),
  );

export function TierReviewPage() {
  const policies = useLoad(() => ok(api().GET('/policies')), []);
  const [input, setInput] = useState<Input>({ policy: 'tiered', quarter: quarterOf(Date.now()), csv: 'org,turnover\n' });
  const [shown, setShown] = useState<{ input: Input; review: TierReview }>();
  const action = useAction();
  const past = useLoad(() => ok(api().GET('/tier-reviews', { params: { query: { policy: input.policy } } })), [input.policy, shown]);
  useEffect(() => {
    document.title = 'Tier review · sla-escalator';
  }, []);
  const set = (change: Partial<Input>) => setInput({ ...input, ...change });
  const run = (dryRun: boolean) =>
    action.run(
      () => review(input, dryRun),
      (answer) => setShown({ input, review: answer }),
    );
  const canApply = shown?.review.dryRun === true && sameInput(shown.input, input);
  return (
    <>
      <h1>Tier review</h1>
      <p class="hint">
        Each quarter, an organisation's tier follows from its turnover and the policy's thresholds. Run a dry run first; applying sets each
        tier from the quarter's first day (open tickets keep theirs) and e-mails every reviewed organisation its tier, free of charge.
      </p>
      <form
        class="narrow"
        aria-labelledby="review-title"
        onSubmit={(event) => {
          event.preventDefault();
          run(true);
        }}
      >
        <h2 id="review-title">Turnover</h2>
        <label for="review-policy">Policy</label>
        <select id="review-policy" value={input.policy} onChange={(e) => set({ policy: e.currentTarget.value })}>
          {(policies.data?.items ?? [{ id: input.policy, name: input.policy }]).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.id})
            </option>
          ))}
        </select>
        <label for="review-quarter">Quarter</label>
        <input
          id="review-quarter"
          value={input.quarter}
          onInput={(e) => set({ quarter: e.currentTarget.value })}
          aria-describedby="review-quarter-hint"
        />
        <p id="review-quarter-hint" class="hint">
          Like 2027-Q2: the quarter under way or the next one.
        </p>
        <label for="review-csv">Turnover as CSV</label>
        <p id="review-csv-hint" class="hint">
          A header row <code>org,turnover</code>, then one row per organisation, turnover in the policy's currency (30000.00).
        </p>
        <textarea
          id="review-csv"
          rows={8}
          value={input.csv}
          onInput={(e) => set({ csv: e.currentTarget.value })}
          aria-describedby="review-csv-hint"
        />
        <TextFileInput id="review-file" label="Or upload a CSV file" accept=".csv,text/csv" onText={(csv) => set({ csv })} />
        <ProblemBanner problem={action.problem} />
        <DryRunButtons
          check="Dry run"
          apply="Apply"
          busy={action.busy}
          canApply={canApply}
          onApply={() => run(false)}
          hintId="review-apply-hint"
          hint="Apply is offered after a dry run of exactly this policy, quarter and CSV."
        />
      </form>
      {shown !== undefined && <Result review={shown.review} />}
      <section aria-labelledby="past-title">
        <h2 id="past-title">Applied reviews of {input.policy}</h2>
        <ProblemBanner problem={past.problem} onRetry={past.reload} />
        {past.data?.items.length === 0 ? (
          <p>None yet.</p>
        ) : (
          <ul>
            {past.data?.items.map((r) => (
              <li key={r.quarter}>
                {r.quarter}: revision {r.revision}, {r.state}
                {r.appliedAt !== undefined && ` ${formatInstant(r.appliedAt)}`} by {r.by}; {r.moves.filter((m) => m.moved).length} of{' '}
                {r.moves.length} moved
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function Result({ review }: { review: TierReview }) {
  const title = review.dryRun ? `Dry run of ${review.quarter}` : `Applied ${review.quarter} (revision ${review.revision})`;
  return (
    <section aria-labelledby="result-title">
      <h2 id="result-title">{title}</h2>
      <p role="status">
        {review.dryRun
          ? `Nothing was changed.${review.replaces !== undefined ? ` Applying replaces revision ${review.replaces}.` : ''}`
          : 'Tiers are set and every reviewed organisation with contacts is e-mailed.'}
      </p>
      <ScrollBox label="Moves">
        <table aria-labelledby="result-title">
          <ColumnHeads names={['Organisation', 'Tier', `Turnover (${review.currency})`, 'Why', 'From']} />
          <tbody>
            {review.moves.map((move) => (
              <tr key={move.org}>
                <th scope="row">
                  <a href={`/admin/orgs/${move.org}`}>{move.org}</a>
                </th>
                <td>{moveText(move)}</td>
                <td>{move.turnoverText}</td>
                <td>{move.reason}</td>
                <td>
                  <time dateTime={move.start}>{formatInstant(move.start)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      {review.missing.length > 0 && (
        <>
          <h3>Without a turnover row (not reviewed, tier unchanged)</h3>
          <ul>
            {review.missing.map((m) => (
              <li key={m.org}>
                {m.org} ({m.tier})
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
