/**
 * A new ticket, on a form generated from the organisation's policy: its severities (with what
 * each means), its categories, the fields it requires. Checked here as the API checks it (same
 * paths, same limits, the server's own policy check); the API's own answer is shown the same way.
 * What was typed stays on any error; on success, the new ticket's page.
 */

import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { FieldError, ProblemBanner } from '../components/problem.tsx';
import { ApiProblem, api, ok, problemOf } from '../lib/api.ts';
import { session } from '../lib/session.ts';
import {
  type Attempt,
  attemptFor,
  emptyDraft,
  formPaths,
  inputIdOf,
  type PortalPolicy,
  type TicketDraft,
  ticketBody,
  validateDraft,
} from '../lib/ticket-form.ts';
import { usePortalPolicy } from '../lib/use-portal-policy.ts';

export function PortalNew() {
  const policy = usePortalPolicy(session.value?.me.policy);
  useEffect(() => {
    document.title = 'New ticket · sla-escalator';
  }, []);
  return (
    <section aria-labelledby="new-title" class="narrow portal-new">
      <h1 id="new-title">New ticket</h1>
      <ProblemBanner problem={policy.problem} onRetry={policy.reload} />
      {policy.data !== undefined && <TicketForm policy={policy.data} />}
    </section>
  );
}

function TicketForm({ policy }: { policy: PortalPolicy }) {
  const { route } = useLocation();
  const [draft, setDraft] = useState<TicketDraft>(() => emptyDraft(policy));
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState(false);
  const attempt = useRef<Attempt | undefined>(undefined);
  const paths = formPaths(policy);

  /** Shows a problem at its fields (focus on the first), and beside the form what no field explains. */
  const refuse = (next: ApiProblem) => {
    setProblem(next);
    const first = paths.find((path) => next.forField(path) !== undefined);
    if (first !== undefined) queueMicrotask(() => document.getElementById(inputIdOf(first))?.focus());
  };
  const submit = (event: Event) => {
    event.preventDefault();
    const errors = validateDraft(draft, policy);
    if (errors.length > 0) return refuse(new ApiProblem(400, 'Please correct the fields marked below.', errors));
    setBusy(true);
    setProblem(undefined);
    const body = ticketBody(draft);
    attempt.current = attemptFor(attempt.current, JSON.stringify(body), () => crypto.randomUUID());
    ok(api().POST('/tickets', { body, params: { header: { 'Idempotency-Key': attempt.current.key } } })).then(
      (ticket) => route(`/portal/case/${ticket.caseId}`),
      (error: unknown) => {
        refuse(problemOf(error));
        setBusy(false);
      },
    );
  };

  const unplaced = problem === undefined || problem.errors.every((e) => !paths.includes(e.path)) ? problem : unplacedPart(problem, paths);
  const field = (path: string) => ({
    id: inputIdOf(path),
    'aria-invalid': problem?.forField(path) !== undefined,
    'aria-describedby': `${inputIdOf(path)}-error`,
  });
  const error = (path: string) => <FieldError id={`${inputIdOf(path)}-error`} problem={problem} path={path} />;

  return (
    <form onSubmit={submit} noValidate aria-label="New ticket">
      <p class="hint">Under {policy.name}. Every field is required unless it says otherwise.</p>
      <ProblemBanner problem={unplaced} />

      <label for={inputIdOf('subject')}>Subject</label>
      <input
        {...field('subject')}
        class="portal-wide"
        value={draft.subject}
        onInput={(e) => setDraft({ ...draft, subject: e.currentTarget.value })}
      />
      {error('subject')}

      <fieldset {...field('severity')} tabIndex={-1}>
        <legend>Severity</legend>
        {policy.severities.map((severity) => {
          const id = `${inputIdOf('severity')}-${severity.id}`;
          return (
            <div key={severity.id} class="portal-choice">
              <input
                type="radio"
                id={id}
                name="severity"
                value={severity.id}
                checked={draft.severity === severity.id}
                onChange={() => setDraft({ ...draft, severity: severity.id })}
                aria-describedby={severity.description === undefined ? undefined : `${id}-hint`}
              />
              <label for={id} class="inline">
                {severity.name}
              </label>
              {severity.description !== undefined && (
                <p id={`${id}-hint`} class="hint">
                  {severity.description}
                </p>
              )}
            </div>
          );
        })}
        {error('severity')}
      </fieldset>

      {policy.categories !== undefined && (
        <>
          <label for={inputIdOf('category')}>
            Category <span class="muted">(optional)</span>
          </label>
          <select {...field('category')} value={draft.category} onChange={(e) => setDraft({ ...draft, category: e.currentTarget.value })}>
            <option value="">None</option>
            {policy.categories.map((category) => (
              <option key={category} value={category}>
                {category}
              </option>
            ))}
          </select>
          {error('category')}
        </>
      )}

      {policy.requiredFields.map(({ name, label }) => (
        <div key={name}>
          <label for={inputIdOf(`fields.${name}`)}>{label}</label>
          <input
            {...field(`fields.${name}`)}
            class="portal-wide"
            value={draft.fields[name] ?? ''}
            onInput={(e) => setDraft({ ...draft, fields: { ...draft.fields, [name]: e.currentTarget.value } })}
          />
          {error(`fields.${name}`)}
        </div>
      ))}

      <label for={inputIdOf('description')}>Description</label>
      <textarea
        {...field('description')}
        value={draft.description}
        onInput={(e) => setDraft({ ...draft, description: e.currentTarget.value })}
      />
      {error('description')}

      <p>
        <button type="submit" disabled={busy}>
          {busy ? 'Opening…' : 'Open ticket'}
        </button>
      </p>
    </form>
  );
}

/** The part of a problem no field of the form shows (a rate limit, `fields` as a whole). */
function unplacedPart(problem: ApiProblem, paths: readonly string[]): ApiProblem | undefined {
  const rest = problem.errors.filter((e) => !paths.includes(e.path));
  return rest.length === 0 ? undefined : new ApiProblem(problem.status, problem.detail, rest);
}
