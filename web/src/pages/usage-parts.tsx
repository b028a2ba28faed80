/**
 * Parts of the usage page: the bar of included against used time (its text says everything the
 * bar shows; the bar is decoration, and the overage is hatched, not only coloured), the invoice
 * lines, and the CSV download (`Accept: text/csv` with the session's token, saved as a file).
 */

import { useState } from 'preact/hooks';
import { ColumnHeads } from '../components/column-heads.tsx';
import { ProblemBanner } from '../components/problem.tsx';
import { ScrollBox } from '../components/scroll-box.tsx';
import { api, ok, type Schema } from '../lib/api.ts';
import { role } from '../lib/session.ts';
import { csvFileName, formatMoney, lineQuantity, usageBar } from '../lib/usage-view.ts';
import { useAction } from '../lib/use-action.ts';

type Statement = Schema<'UsageStatement'>;

export function UsageBarView({ statement }: { statement: Statement }) {
  const bar = usageBar(statement);
  const left = bar.pool - bar.usedWithin;
  return (
    <figure class="usage-figure" aria-labelledby="usage-bar-text">
      <div class="usage-bar" aria-hidden="true">
        {bar.usedWithin > 0 && <span class="usage-used" style={{ width: `${bar.usedWithin}%` }} />}
        {left > 0 && <span class="usage-left" style={{ width: `${left}%` }} />}
        {bar.over > 0 && <span class="usage-over" style={{ width: `${bar.over}%` }} />}
      </div>
      <figcaption id="usage-bar-text">{bar.text}</figcaption>
      <ul class="usage-legend" aria-hidden="true">
        <li>
          <span class="usage-swatch usage-used" /> used of the included time
        </li>
        <li>
          <span class="usage-swatch usage-left" /> included, not used
        </li>
        <li>
          <span class="usage-swatch usage-over" /> over the included time
        </li>
      </ul>
    </figure>
  );
}

export function InvoiceLines({ statement: s }: { statement: Statement }) {
  if (s.lines.length === 0) return <p>Nothing to bill for this period.</p>;
  return (
    <ScrollBox label="Invoice lines">
      <table class="usage-lines">
        <caption>Invoice lines ({s.currency})</caption>
        <ColumnHeads names={['Description', 'Hours', 'Per hour', 'Amount']} />
        <tbody>
          {s.lines.map((line, i) => (
            <tr key={`${line.kind}-${line.caseId ?? ''}-${line.adjusts ?? ''}-${i}`}>
              <td>
                {/* A paid ticket's line names its case: the description leads to it. */}
                {line.caseId === undefined ? (
                  line.description
                ) : (
                  <a href={role.value === 'customer' ? `/portal/case/${line.caseId}` : `/case/${line.caseId}`}>{line.description}</a>
                )}
                {line.adjusts !== undefined && <span class="hint"> (corrects {line.adjusts})</span>}
              </td>
              <td class="number">{lineQuantity(line)}</td>
              <td class="number">{formatMoney(line.unitPrice, line.currency)}</td>
              <td class="number">{formatMoney(line.amount, line.currency)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              Total
            </th>
            <td class="number">{formatMoney(s.total, s.currency)}</td>
          </tr>
        </tfoot>
      </table>
    </ScrollBox>
  );
}

/** Reads the statement as CSV with the session's token and saves it as `usage-<org>-<period>.csv`. */
export function CsvDownload({ org, period }: { org: string; period: string }) {
  const action = useAction();
  const [saved, setSaved] = useState<string>();
  const download = () =>
    action.run(
      () =>
        ok(
          api().GET('/orgs/{id}/usage', {
            params: { path: { id: org }, query: { period } },
            headers: { accept: 'text/csv' },
            parseAs: 'text',
          }),
        ),
      (csv) => {
        const name = csvFileName(org, period);
        const url = URL.createObjectURL(new Blob([csv as string], { type: 'text/csv' }));
        const link = document.createElement('a');
        link.href = url;
        link.download = name;
        link.click();
        // The browser reads the blob after this handler returns; a minute is plenty.
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
        setSaved(`Saved ${name}.`);
      },
    );
  return (
    <div class="usage-csv">
      <button type="button" class="secondary" disabled={action.busy} onClick={download}>
        Download as CSV
      </button>
      <p role="status">{saved}</p>
      <ProblemBanner problem={action.problem} />
    </div>
  );
}
