/**
 * Writing on a ticket: a public reply, or (staff only) an internal note. What was typed stays in
 * the box until the API has accepted it, so nothing is lost on an error.
 */

import { useState } from 'preact/hooks';
import { type ApiProblem, api, ok, problemOf, type Schema } from '../lib/api.ts';
import { FieldError, ProblemBanner } from './problem.tsx';

export function MessageForm({
  caseId,
  allowInternal,
  onSent,
}: {
  caseId: number;
  allowInternal: boolean;
  onSent: (ticket: Schema<'Ticket'>) => void;
}) {
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState(false);
  const id = `message-${caseId}`;
  const send = (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    ok(api().POST('/tickets/{caseId}/messages', { params: { path: { caseId: String(caseId) } }, body: { body, public: !internal } })).then(
      (ticket) => {
        setBody('');
        setBusy(false);
        onSent(ticket as Schema<'Ticket'>);
      },
      (error: unknown) => {
        setProblem(problemOf(error));
        setBusy(false);
      },
    );
  };
  return (
    <form onSubmit={send} aria-label={allowInternal ? 'Reply or add a note' : 'Reply'}>
      <ProblemBanner problem={problem?.forField('body') === undefined ? problem : undefined} />
      <label for={id}>{internal ? 'Internal note (staff only)' : 'Reply'}</label>
      <textarea
        id={id}
        value={body}
        onInput={(e) => setBody(e.currentTarget.value)}
        required
        aria-invalid={problem?.forField('body') !== undefined}
        aria-describedby={`${id}-error`}
      />
      <FieldError id={`${id}-error`} problem={problem} path="body" />
      {allowInternal && (
        <p>
          <input id={`${id}-internal`} type="checkbox" checked={internal} onChange={(e) => setInternal(e.currentTarget.checked)} />{' '}
          <label for={`${id}-internal`} class="inline">
            Internal note (the customer does not see it)
          </label>
        </p>
      )}
      <button type="submit" disabled={busy || body.trim() === ''}>
        {internal ? 'Add note' : 'Send reply'}
      </button>
    </form>
  );
}
