/**
 * The fields of a time entry, for logging one and for correcting one: the time spent (typed as
 * `75` or `1h15m`), billable, a note, and when the work was done (in the viewer's zone). Each
 * shows the API's problem for its path; a duration this page cannot read is the `minutes`
 * field's problem before anything is sent.
 */

import { Field } from '../../components/field.tsx';
import { ProblemBanner } from '../../components/problem.tsx';
import { ApiProblem } from '../../lib/api.ts';
import { viewerZone } from '../../lib/format.ts';
import { type BuiltBody, DURATION_HINT, type TimeBody, type TimeDraft } from '../../lib/time-view.ts';

/** A body built from the draft, or the problem that stops it from being sent (shown like the API's). */
export function bodyOrProblem(built: BuiltBody): { body: TimeBody } | { problem: ApiProblem } {
  if ('body' in built) return built;
  return { problem: new ApiProblem(400, 'Check the highlighted field', built.errors) };
}

const SHOWN = ['minutes', 'at', 'note'];

export function TimeFields({
  idPrefix,
  draft,
  onChange,
  problem,
  freeReason,
}: {
  idPrefix: string;
  draft: TimeDraft;
  onChange: (draft: TimeDraft) => void;
  problem: ApiProblem | undefined;
  /** Why this ticket's time is never billable (its category is free), if it is not. */
  freeReason: string | undefined;
}) {
  const zone = viewerZone();
  // The banner only when a problem names no field shown here (a conflict, or a field this form lacks).
  const onField = problem !== undefined && problem.errors.length > 0 && problem.errors.every((e) => SHOWN.includes(e.path));
  return (
    <>
      <ProblemBanner problem={onField ? undefined : problem} />
      <div class="time-fields">
        <Field id={`${idPrefix}-minutes`} label="Time spent" hint={DURATION_HINT} problem={problem} path="minutes">
          {(control) => (
            <input
              {...control}
              inputMode="text"
              autoComplete="off"
              size={10}
              value={draft.minutes}
              onInput={(e) => onChange({ ...draft, minutes: e.currentTarget.value })}
            />
          )}
        </Field>
        <Field id={`${idPrefix}-at`} label={`Worked at (${zone})`} hint="Empty: now." problem={problem} path="at">
          {(control) => (
            <input {...control} type="datetime-local" value={draft.at} onInput={(e) => onChange({ ...draft, at: e.currentTarget.value })} />
          )}
        </Field>
      </div>
      <Field
        id={`${idPrefix}-note`}
        label="Note"
        hint="The customer reads it with the entry; keep internal remarks for an internal note."
        problem={problem}
        path="note"
      >
        {(control) => (
          <input {...control} maxLength={1000} value={draft.note} onInput={(e) => onChange({ ...draft, note: e.currentTarget.value })} />
        )}
      </Field>
      <div class="field">
        <label class="check">
          <input
            type="checkbox"
            checked={draft.billable}
            aria-describedby={freeReason === undefined ? undefined : `${idPrefix}-free`}
            onChange={(e) => onChange({ ...draft, billable: e.currentTarget.checked })}
          />{' '}
          Billable
        </label>
        {freeReason !== undefined && (
          <p id={`${idPrefix}-free`} class="hint">
            {freeReason}
          </p>
        )}
      </div>
    </>
  );
}
