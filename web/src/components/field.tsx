/**
 * One labelled form field: its label, an optional hint, the control, and the server's message for
 * its path, tied to the control (`aria-invalid`, `aria-describedby`) so a screen reader reads it.
 */

import type { ComponentChildren, JSX } from 'preact';
import type { ApiProblem } from '../lib/api.ts';
import { type FieldAria, fieldAria } from '../lib/field-aria.ts';
import { FieldError } from './problem.tsx';

/** The attributes the control gets: spread them on the `<input>`, `<select>` or `<textarea>`. */
export interface ControlProps extends FieldAria {
  readonly id: string;
}

export function Field({
  id,
  label,
  hint,
  problem,
  path,
  children,
}: {
  id: string;
  label: string;
  hint?: ComponentChildren;
  problem: ApiProblem | undefined;
  /** The field's path in the API's `errors[].path` (`tier`, `emailDomains`). */
  path: string;
  children: (control: ControlProps) => JSX.Element;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint !== undefined && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      {children({ id, ...fieldAria(problem, path, `${id}-error`, hint === undefined ? undefined : `${id}-hint`) })}
      <FieldError id={`${id}-error`} problem={problem} path={path} />
    </div>
  );
}
