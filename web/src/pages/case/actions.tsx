/**
 * What an agent does to a ticket: move its status, change its severity (after seeing the deadlines
 * it would get), assign it. Each action shows its own error beside it and keeps what was typed.
 */

import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ColumnHeads } from '../../components/column-heads.tsx';
import { FieldError, ProblemBanner } from '../../components/problem.tsx';
import { type ApiProblem, api, ok, problemOf, type Schema } from '../../lib/api.ts';
import { type Deadline, replanRows } from '../../lib/deadline-view.ts';
import { fieldAria } from '../../lib/field-aria.ts';
import { formatInstant } from '../../lib/format.ts';
import { statusActions } from '../../lib/ticket-actions.ts';

type Ticket = Schema<'Ticket'>;
type Patch = { status?: Ticket['status']; severity?: string; assignee?: string };

/** One PATCH at a time, its problem kept for the action that sent it. */
function usePatch(caseId: number, onDone: (ticket: Ticket) => void) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  const send = (body: Patch, dryRun = false): Promise<Ticket | undefined> => {
    setBusy(true);
    setProblem(undefined);
    const path = { caseId: String(caseId) };
    return ok(api().PATCH('/tickets/{caseId}', { params: { path, ...(dryRun && { query: { dryRun: 'true' } }) }, body })).then(
      (ticket) => {
        setBusy(false);
        if (!dryRun) onDone(ticket);
        return ticket;
      },
      (error: unknown) => {
        setBusy(false);
        setProblem(problemOf(error));
        return undefined;
      },
    );
  };
  return { busy, problem, send };
}

/** One action's form: submitting runs it (the page does not reload). */
function ActionForm({ label, onSubmit, children }: { label: string; onSubmit: () => void; children: ComponentChildren }) {
  return (
    <form
      class="case-action"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}

export function StatusActions({ ticket, onChanged }: { ticket: Ticket; onChanged: (ticket: Ticket) => void }) {
  const patch = usePatch(ticket.caseId, onChanged);
  return (
    <fieldset class="case-action">
      <legend>Status</legend>
      <p class="case-buttons">
        {statusActions(ticket.status).map((action) => (
          <button
            key={action.status}
            type="button"
            class="secondary"
            disabled={patch.busy}
            onClick={() => patch.send({ status: action.status })}
          >
            {action.label}
          </button>
        ))}
      </p>
      <ProblemBanner problem={patch.problem} />
    </fieldset>
  );
}

export function SeverityChange({
  ticket,
  severities,
  onChanged,
}: {
  ticket: Ticket;
  severities: readonly string[];
  onChanged: (ticket: Ticket) => void;
}) {
  const [severity, setSeverity] = useState(ticket.severity);
  const [preview, setPreview] = useState<Ticket>();
  const patch = usePatch(ticket.caseId, (changed) => {
    setPreview(undefined);
    onChanged(changed);
  });
  const id = `severity-${ticket.caseId}`;
  const invalid = patch.problem?.forField('severity') !== undefined;
  const choices = severities.includes(ticket.severity) ? severities : [ticket.severity, ...severities];
  return (
    <ActionForm label="Change severity" onSubmit={() => patch.send({ severity }, true).then(setPreview)}>
      <label for={id}>Severity</label>
      <select
        id={id}
        value={severity}
        onChange={(e) => {
          setSeverity(e.currentTarget.value);
          setPreview(undefined);
        }}
        {...fieldAria(patch.problem, 'severity', `${id}-error`)}
      >
        {choices.map((s) => (
          <option key={s} value={s}>
            {s}
            {s === ticket.severity ? ' (current)' : ''}
          </option>
        ))}
      </select>{' '}
      <button type="submit" class="secondary" disabled={patch.busy || severity === ticket.severity}>
        Preview the new deadlines
      </button>
      <FieldError id={`${id}-error`} problem={patch.problem} path="severity" />
      <ProblemBanner problem={invalid ? undefined : patch.problem} />
      {preview !== undefined && (
        <div class="case-preview">
          <ReplanTable current={ticket.deadlines} replanned={preview.deadlines} from={ticket.severity} to={severity} />
          <p class="case-buttons">
            <button type="button" disabled={patch.busy} onClick={() => patch.send({ severity })}>
              Confirm: make it {severity}
            </button>
            <button type="button" class="secondary" onClick={() => setPreview(undefined)}>
              Cancel
            </button>
          </p>
        </div>
      )}
    </ActionForm>
  );
}

function ReplanTable({ current, replanned, from, to }: { current: Deadline[]; replanned: Deadline[]; from: string; to: string }) {
  const cell = (d: Deadline | undefined) =>
    d === undefined ? <span class="muted">none</span> : d.due === null ? `stopped, ${d.state}` : `${formatInstant(d.due)}, ${d.state}`;
  return (
    <div class="table-wrap">
      <table class="case-replan">
        <caption>
          The deadlines now ({from}) and after the change ({to}); nothing is changed until you confirm
        </caption>
        <ColumnHeads names={['Deadline', `Now (${from})`, `After (${to})`]} />
        <tbody>
          {replanRows(current, replanned).map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td>{cell(row.before)}</td>
              <td>{cell(row.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AssignForm({ ticket, onChanged }: { ticket: Ticket; onChanged: (ticket: Ticket) => void }) {
  const [assignee, setAssignee] = useState(ticket.assignee ?? '');
  const patch = usePatch(ticket.caseId, onChanged);
  const id = `assignee-${ticket.caseId}`;
  const invalid = patch.problem?.forField('assignee') !== undefined;
  return (
    <ActionForm label="Assign" onSubmit={() => patch.send({ assignee })}>
      <label for={id}>Assignee</label>
      <input
        id={id}
        value={assignee}
        onInput={(e) => setAssignee(e.currentTarget.value)}
        {...fieldAria(patch.problem, 'assignee', `${id}-error`, `${id}-hint`)}
      />{' '}
      <button type="submit" class="secondary" disabled={patch.busy || assignee === (ticket.assignee ?? '')}>
        Assign
      </button>
      <p id={`${id}-hint`} class="hint">
        A person or a role (tier2).
      </p>
      <FieldError id={`${id}-error`} problem={patch.problem} path="assignee" />
      <ProblemBanner problem={invalid ? undefined : patch.problem} />
    </ActionForm>
  );
}
