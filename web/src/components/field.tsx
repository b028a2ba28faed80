/**
 * One labelled form field: its label, an optional hint, the control, and the server's message for
 * its path, tied to the control (`aria-invalid`, `aria-describedby`) so a screen reader reads it.
 */

import type { ComponentChildren, JSX } from 'preact';
import type { ApiProblem } from '../lib/api.ts';
import { FieldError } from './problem.tsx';

/** The attributes the control gets: spread them on the `<input>`, `<select>` or `<textarea>`. */
export interface ControlProps {
  readonly id: string;
  readonly 'aria-invalid': boolean;
  readonly 'aria-describedby': string | undefined;
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
  const invalid = problem?.forField(path) !== undefined;
  const described = [hint !== undefined ? `${id}-hint` : undefined, invalid ? `${id}-error` : undefined].filter(Boolean).join(' ');
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint !== undefined && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      {children({ id, 'aria-invalid': invalid, 'aria-describedby': described === '' ? undefined : described })}
      <FieldError id={`${id}-error`} problem={problem} path={path} />
    </div>
  );
}
