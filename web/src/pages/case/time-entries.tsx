/**
 * A ticket's time entries. Agents see who logged each, log time, correct an entry in place (a
 * PATCH: a new revision, the earlier one stays on the timeline) and delete one after confirming;
 * customers see what was done when, read-only. The total and what is billable come from the API.
 */

import { type ComponentChildren, Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { ColumnHeads } from '../../components/column-heads.tsx';
import { ProblemBanner } from '../../components/problem.tsx';
import { ScrollBox } from '../../components/scroll-box.tsx';
import { type ApiProblem, api, ok, type Schema } from '../../lib/api.ts';
import { formatInstant } from '../../lib/format.ts';
import {
  billableText,
  correctionBody,
  draftOfEntry,
  formatMinutes,
  freeCategoriesOf,
  NEW_TIME_DRAFT,
  newTimeBody,
  type TimeDraft,
} from '../../lib/time-view.ts';
import { useAction } from '../../lib/use-action.ts';
import { useLoad } from '../../lib/use-load.ts';
import { bodyOrProblem, TimeFields } from './time-form.tsx';

type TimeList = Schema<'TimeEntryList'>;
type Entry = TimeList['entries'][number];
type Ticket = Pick<Schema<'Ticket'>, 'caseId' | 'category' | 'policy'>;

/** The ticket's entries and the categories its policy does not bill (for saying why an entry is free). */
function useTime(ticket: Ticket) {
  const caseId = String(ticket.caseId);
  const list = useLoad(() => ok(api().GET('/tickets/{caseId}/time', { params: { path: { caseId } } })), [caseId]);
  const policy = useLoad(() => ok(api().GET('/policies/{id}', { params: { path: { id: ticket.policy.id } } })), [ticket.policy.id]);
  return { list, free: freeCategoriesOf(policy.data) };
}

/** The portal's read-only view: the time spent on the customer's ticket. */
export function TimeSpent({ ticket }: { ticket: Ticket }) {
  const { list, free } = useTime(ticket);
  return (
    <section aria-labelledby="time-title">
      <h2 id="time-title">Time spent</h2>
      <ProblemBanner problem={list.problem} onRetry={list.reload} />
      {list.data !== undefined && <EntriesTable list={list.data} ticket={ticket} free={free} />}
    </section>
  );
}

/** The agent's Time section; `onChanged` reloads the ticket (its timeline and total). */
export function TimeSection({ ticket, onChanged }: { ticket: Ticket; onChanged: () => void }) {
  const { list, free } = useTime(ticket);
  const [editing, setEditing] = useState<string>();
  const changed = () => {
    setEditing(undefined);
    list.reload();
    onChanged();
  };
  const freeReason =
    ticket.category !== undefined && free.includes(ticket.category)
      ? `Never billable: the ${ticket.policy.id} policy does not bill ${ticket.category} tickets.`
      : undefined;
  return (
    <section aria-labelledby="case-time">
      <h2 id="case-time">Time</h2>
      <ProblemBanner problem={list.problem} onRetry={list.reload} />
      {list.data !== undefined && (
        <EntriesTable
          list={list.data}
          ticket={ticket}
          free={free}
          actions={(entry) =>
            editing === entry.entry ? null : (
              <EntryActions caseId={ticket.caseId} entry={entry} onEdit={() => setEditing(entry.entry)} onDeleted={changed} />
            )
          }
          below={(entry) =>
            editing === entry.entry && (
              <CorrectEntry
                caseId={ticket.caseId}
                entry={entry}
                freeReason={freeReason}
                onDone={changed}
                onCancel={() => setEditing(undefined)}
              />
            )
          }
        />
      )}
      {/* Started afresh once the policy says the category is free, so the box starts unticked. */}
      <LogTime key={freeReason ?? ''} caseId={ticket.caseId} freeReason={freeReason} onLogged={changed} />
    </section>
  );
}

function EntriesTable({
  list,
  ticket,
  free,
  actions,
  below,
}: {
  list: TimeList;
  ticket: Ticket;
  free: readonly string[];
  /** Staff: the actions cell of each entry, and what goes on a row of its own below it (the correct form). */
  actions?: (entry: Entry) => ComponentChildren;
  below?: (entry: Entry) => ComponentChildren;
}) {
  if (list.entries.length === 0) return <p>No time logged yet.</p>;
  const staff = actions !== undefined;
  const columns = staff ? 6 : 4;
  const heads = ['Date', 'Time spent', 'Billable', 'Note', ...(staff ? ['By', 'Actions'] : [])];
  return (
    <ScrollBox label="Time entries">
      <table class="time-entries">
        <caption>
          Total {formatMinutes(list.totalMinutes)}, of which {formatMinutes(list.billableMinutes)} billable
        </caption>
        <ColumnHeads names={heads} />
        <tbody>
          {list.entries.map((entry) => {
            const extra = below?.(entry);
            return (
              <Fragment key={entry.entry}>
                <tr>
                  <td>
                    <time dateTime={entry.at}>{formatInstant(entry.at)}</time>
                  </td>
                  <td>{formatMinutes(entry.minutes)}</td>
                  <td>{billableText(entry.billable, ticket.category, free)}</td>
                  <td class="time-note">{entry.note ?? ''}</td>
                  {staff && <td>{entry.by ?? ''}</td>}
                  {staff && <td>{actions(entry)}</td>}
                </tr>
                {extra !== undefined && extra !== false && extra !== null && (
                  <tr>
                    <td colSpan={columns}>{extra}</td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </ScrollBox>
  );
}

function LogTime({ caseId, freeReason, onLogged }: { caseId: number; freeReason: string | undefined; onLogged: () => void }) {
  const [draft, setDraft] = useState<TimeDraft>({ ...NEW_TIME_DRAFT, billable: freeReason === undefined });
  const [status, setStatus] = useState<string>();
  const [local, setLocal] = useState<ApiProblem>();
  const action = useAction();
  const submit = () => {
    setStatus(undefined);
    const built = bodyOrProblem(newTimeBody(draft));
    setLocal('problem' in built ? built.problem : undefined);
    if ('problem' in built) return;
    action.run(
      () =>
        ok(api().POST('/tickets/{caseId}/time', { params: { path: { caseId: String(caseId) } }, body: built.body as { minutes: number } })),
      (logged) => {
        setDraft({ ...NEW_TIME_DRAFT, billable: freeReason === undefined });
        setStatus(
          `Logged ${formatMinutes(logged.minutes)}${logged.notBillable === undefined ? '' : `, not billable: ${logged.notBillable}`}.`,
        );
        onLogged();
      },
    );
  };
  return (
    <form
      class="time-log"
      aria-labelledby="time-log-title"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h3 id="time-log-title">Log time</h3>
      <TimeFields idPrefix="time-log" draft={draft} onChange={setDraft} problem={local ?? action.problem} freeReason={freeReason} />
      <button type="submit" disabled={action.busy}>
        Log time
      </button>
      <p role="status">{status}</p>
    </form>
  );
}

function CorrectEntry({
  caseId,
  entry,
  freeReason,
  onDone,
  onCancel,
}: {
  caseId: number;
  entry: Entry;
  freeReason: string | undefined;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState(() => draftOfEntry(entry));
  const [local, setLocal] = useState<ApiProblem>();
  const action = useAction();
  const path = { caseId: String(caseId), entry: entry.entry };
  return (
    <form
      class="time-correct"
      aria-label={`Correct the entry of ${formatInstant(entry.at)}`}
      onSubmit={(e) => {
        e.preventDefault();
        const built = bodyOrProblem(correctionBody(draft, entry));
        setLocal('problem' in built ? built.problem : undefined);
        if ('problem' in built) return;
        action.run(() => ok(api().PATCH('/tickets/{caseId}/time/{entry}', { params: { path }, body: built.body })), onDone);
      }}
    >
      <TimeFields
        idPrefix={`time-${entry.entry}`}
        draft={draft}
        onChange={setDraft}
        problem={local ?? action.problem}
        freeReason={freeReason}
      />
      <p class="actions">
        <button type="submit" disabled={action.busy}>
          Save the correction
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          Cancel
        </button>
      </p>
    </form>
  );
}

function EntryActions({ caseId, entry, onEdit, onDeleted }: { caseId: number; entry: Entry; onEdit: () => void; onDeleted: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const what = `the entry of ${formatMinutes(entry.minutes)} on ${formatInstant(entry.at)}`;
  const remove = () =>
    action.run(
      () => ok(api().DELETE('/tickets/{caseId}/time/{entry}', { params: { path: { caseId: String(caseId), entry: entry.entry } } })),
      onDeleted,
    );
  if (confirming) {
    return (
      <fieldset class="time-delete">
        <legend>Delete {what}? The timeline keeps it.</legend>
        <p class="actions">
          <button type="button" class="danger" disabled={action.busy} onClick={remove}>
            Delete
          </button>
          <button type="button" class="secondary" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </p>
        <ProblemBanner problem={action.problem} />
      </fieldset>
    );
  }
  return (
    <p class="actions">
      <button type="button" class="secondary" aria-label={`Correct ${what}`} onClick={onEdit}>
        Correct
      </button>
      <button type="button" class="secondary" aria-label={`Delete ${what}`} onClick={() => setConfirming(true)}>
        Delete
      </button>
    </p>
  );
}
