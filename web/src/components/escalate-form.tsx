/**
 * Escalating a case on demand, with a reason: on the portal's home page by case number (the
 * "Escalate a ticket" box), on a ticket's page for that ticket. The answer is said in words; a
 * refusal appears where it belongs (an unknown case next to its number, a policy rule or a rate
 * limit beside the form), and what was typed stays.
 */

import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiProblem, api, ok, problemOf } from '../lib/api.ts';
import { escalationDraftProblems, escalationOutcome, escalationRefusal, type JoinedEscalation } from '../lib/portal.ts';
import { FieldError, ProblemBanner } from './problem.tsx';

type Field = 'caseId' | 'reason';

export function EscalateForm({
  caseId,
  idPrefix,
  children,
  onEscalated,
}: {
  /** The case to escalate; none: the form asks for its number. */
  caseId?: number;
  idPrefix: string;
  /** What the policy offers, shown above the fields. */
  children?: ComponentChildren;
  onEscalated?: () => void;
}) {
  const [draft, setDraft] = useState({ caseId: '', reason: '' });
  const [problem, setProblem] = useState<ApiProblem>();
  const [outcome, setOutcome] = useState<string>();
  const [busy, setBusy] = useState(false);
  const id = (field: Field) => `${idPrefix}-${field}`;
  const fields: readonly Field[] = caseId === undefined ? ['caseId', 'reason'] : ['reason'];
  /** Shows a problem, at its fields where it has some (focus on the first), else beside the form. */
  const refuse = (next: ApiProblem) => {
    setProblem(next);
    const first = fields.find((field) => next.forField(field) !== undefined);
    if (first !== undefined) queueMicrotask(() => document.getElementById(id(first))?.focus());
  };
  const placed = problem !== undefined && fields.some((field) => problem.forField(field) !== undefined);

  const submit = (event: Event) => {
    event.preventDefault();
    setOutcome(undefined);
    const errors = escalationDraftProblems(draft, caseId === undefined);
    if (errors.length > 0) return refuse(new ApiProblem(400, 'Please correct the fields marked below.', errors));
    const target = caseId === undefined ? draft.caseId.trim() : String(caseId);
    setBusy(true);
    setProblem(undefined);
    ok(api().POST('/tickets/{caseId}/escalate', { params: { path: { caseId: target } }, body: { reason: draft.reason } })).then(
      (ticket) => {
        // A 202 (joined the pending escalation) carries `joined`; a 201 does not.
        setOutcome(escalationOutcome(target, (ticket as { joined?: JoinedEscalation }).joined));
        setDraft({ caseId: '', reason: '' });
        setBusy(false);
        onEscalated?.();
      },
      (error: unknown) => {
        const refused = problemOf(error);
        refuse(new ApiProblem(refused.status, refused.detail, escalationRefusal(refused.status, refused.errors)));
        setBusy(false);
      },
    );
  };

  const invalid = (field: Field) => problem?.forField(field) !== undefined;
  return (
    <form onSubmit={submit} noValidate aria-label={caseId === undefined ? 'Escalate a ticket' : `Escalate case ${caseId}`}>
      {children}
      {outcome !== undefined && (
        <p role="status" class="portal-outcome">
          {outcome}
        </p>
      )}
      {!placed && <ProblemBanner problem={problem} />}
      {caseId === undefined && (
        <>
          <label for={id('caseId')}>Case number</label>
          <input
            id={id('caseId')}
            inputMode="numeric"
            autoComplete="off"
            value={draft.caseId}
            onInput={(e) => setDraft({ ...draft, caseId: e.currentTarget.value })}
            aria-invalid={invalid('caseId')}
            aria-describedby={`${id('caseId')}-hint ${id('caseId')}-error`}
          />
          <p id={`${id('caseId')}-hint`} class="hint">
            The number of the case, as in the subject of our e-mails (digits only).
          </p>
          <FieldError id={`${id('caseId')}-error`} problem={problem} path="caseId" />
        </>
      )}
      <label for={id('reason')}>Reason for escalating</label>
      <textarea
        id={id('reason')}
        value={draft.reason}
        onInput={(e) => setDraft({ ...draft, reason: e.currentTarget.value })}
        aria-invalid={invalid('reason')}
        aria-describedby={`${id('reason')}-error`}
      />
      <FieldError id={`${id('reason')}-error`} problem={problem} path="reason" />
      <button type="submit" disabled={busy}>
        {busy ? 'Escalating…' : 'Escalate'}
      </button>
    </form>
  );
}
